/**
 * The read-only canvas of a version diff (diffView.ts): cards coloured by what happened to each node,
 * ghosts where moved nodes were, added edges green and removed edges red and dashed. Clicking a card shows
 * its changes in the list beside it. Has its own React Flow provider: it never touches the document.
 */
import {
  Background,
  BaseEdge,
  Controls,
  getBezierPath,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  type EdgeProps,
  type EdgeTypes,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import { memo, useEffect } from 'react';
import { useCatalog } from '../catalog/catalogStore.js';
import { Icon } from '../canvas/icons.js';
import { presentType } from '../canvas/presentation.js';
import type { DiffCanvasNode, DiffCardNode, DiffEdge, GhostNode } from './diffView.js';

const STATUS_LABEL = { added: 'added', removed: 'removed', changed: 'changed', moved: 'moved', unchanged: '' } as const;

const DiffCard = memo(function DiffCard({ data, selected }: NodeProps<DiffCardNode>) {
  const info = useCatalog((s) => s.byType[data.type]);
  const look = presentType(data.type, info);
  return (
    <div
      className={`lf-node lf-diff-node lf-diff-node--${data.status} lf-cat--${look.category}${selected ? ' lf-node--selected' : ''}`}
      data-testid={`diff-node-${data.nodeId}`}
      data-change={data.status}
    >
      <div className="lf-node__head">
        <span className="lf-node__icon">
          <Icon name={look.icon} size={15} />
        </span>
        <div className="lf-node__titles">
          <div className="lf-node__name">{data.name || look.title}</div>
          <div className="lf-node__type">{data.type}</div>
        </div>
      </div>
      {data.status !== 'unchanged' ? (
        <span className={`lf-diff-badge lf-diff-tag lf-diff-badge--${data.status}`}>
          {STATUS_LABEL[data.status]}
          {data.status === 'changed' ? ` · ${data.fieldCount} field${data.fieldCount > 1 ? 's' : ''}` : ''}
        </span>
      ) : null}
      <div className="lf-diff-node__ports">
        {data.ports.inputs.map((port, i) => (
          <Handle key={`in-${port.name}`} type="target" position={Position.Left} id={port.name} isConnectable={false} style={{ top: `${((i + 1) * 100) / (data.ports.inputs.length + 1)}%` }} />
        ))}
        {data.ports.outputs.map((port, i) => (
          <Handle key={`out-${port.name}`} type="source" position={Position.Right} id={port.name} isConnectable={false} style={{ top: `${((i + 1) * 100) / (data.ports.outputs.length + 1)}%` }} />
        ))}
      </div>
    </div>
  );
});

const Ghost = memo(function Ghost({ data }: NodeProps<GhostNode>) {
  return <div className="lf-diff-ghost" data-testid={`diff-ghost-${data.nodeId}`} title="Where it was" />;
});

const DiffEdgeView = memo(function DiffEdgeView({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<DiffEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge path={path} className={`lf-diff-edge lf-diff-edge--${data?.status ?? 'unchanged'}`} />;
});

const nodeTypes = { diff: DiffCard, ghost: Ghost } satisfies NodeTypes;
const edgeTypes = { diff: DiffEdgeView } satisfies EdgeTypes;
const proOptions = { hideAttribution: true };
const MINIMAP_COLORS = { added: '#16a34a', removed: '#dc2626', changed: '#d97706', moved: '#2563eb', unchanged: '#94a3b8' };
const minimapColor = (node: DiffCanvasNode) => (node.type === 'ghost' ? 'transparent' : MINIMAP_COLORS[node.data.status]);

interface DiffCanvasProps {
  /** The picture to draw (read once: remount the canvas for another pair of versions). */
  nodes: DiffCanvasNode[];
  edges: DiffEdge[];
  focus?: string;
  onPick(nodeId: string | undefined): void;
}

function Focus({ focus }: { focus?: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (focus) void flow.fitView({ nodes: [{ id: focus }], duration: 300, maxZoom: 1.1, padding: 0.8 });
  }, [focus, flow]);
  return null;
}

export function DiffCanvas({ nodes: initialNodes, edges, focus, onPick }: DiffCanvasProps) {
  // Local node state: React Flow writes the measured sizes back (the minimap needs them).
  const [nodes, setNodes, onNodesChange] = useNodesState<DiffCanvasNode>(initialNodes);
  useEffect(() => {
    setNodes((current) => current.map((n) => (Boolean(n.selected) === (n.id === focus) ? n : { ...n, selected: n.id === focus })));
  }, [focus, setNodes]);
  return (
    <ReactFlowProvider>
      <div className="lf-canvas lf-diff-canvas" data-testid="diff-canvas">
        <ReactFlow<DiffCanvasNode, DiffEdge>
          nodes={nodes}
          edges={edges}
          onNodesChange={onNodesChange}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          onNodeClick={(_, node) => onPick(node.type === 'diff' ? node.id : undefined)}
          onPaneClick={() => onPick(undefined)}
          fitView
          fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
          minZoom={0.1}
          proOptions={proOptions}
        >
          <Background gap={20} size={1} />
          <MiniMap<DiffCanvasNode> nodeColor={minimapColor} pannable zoomable style={{ width: 150, height: 96 }} />
          <Controls showInteractive={false} />
          <Focus focus={focus} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}
