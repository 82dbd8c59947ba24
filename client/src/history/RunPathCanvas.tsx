/**
 * The flow version a run ran on, read-only, with the path it took: nodes that ran carry their status, the
 * edges that carried a message are drawn bold and animated, the rest is faded.
 */
import { Background, Handle, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { StepRecord } from '../../../server/storage/types.js';
import { runPath, type NodeOnPath } from './runPath.js';

type PathNodeData = { title: string; type: string; onPath?: NodeOnPath };

const PathNode = memo(function PathNode({ id, data }: NodeProps<Node<PathNodeData>>) {
  const status = data.onPath?.status ?? 'skipped';
  return (
    <div className={`lf-path-node lf-path-node--${status}`} data-testid={`path-node-${id}`} data-status={status} title={data.onPath?.error}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="lf-path-node__title">{data.title}</div>
      <div className="lf-path-node__meta">
        <span className="lf-mono">{data.type}</span>
        {data.onPath && data.onPath.attempts > 1 ? <span> · {data.onPath.attempts} attempts</span> : null}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { path: PathNode };

export function RunPathCanvas({ flow, steps }: { flow: Flow; steps: readonly StepRecord[] }) {
  const { nodes, edges } = useMemo(() => {
    const path = runPath(flow, steps);
    const nodes: Array<Node<PathNodeData>> = flow.nodes.map((n) => ({
      id: n.id,
      type: 'path',
      position: n.position,
      data: { title: n.name ?? n.id, type: n.type, ...(path.nodes.has(n.id) ? { onPath: path.nodes.get(n.id)! } : {}) },
      draggable: false,
      connectable: false,
    }));
    const edges: Edge[] = flow.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      animated: path.edges.has(e.id),
      className: path.edges.has(e.id) ? 'lf-path-edge lf-path-edge--taken' : 'lf-path-edge',
      ...(e.sourcePort === 'error' ? { label: 'error' } : e.sourcePort !== 'out' ? { label: e.sourcePort } : {}),
    }));
    return { nodes, edges };
  }, [flow, steps]);
  return (
    <div className="lf-path-canvas" data-testid="run-path">
      <ReactFlowProvider>
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} proOptions={{ hideAttribution: true }}>
          <Background gap={20} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
