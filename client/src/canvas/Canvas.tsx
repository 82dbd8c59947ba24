/**
 * The React Flow canvas of the open flow. Controlled by the document slice; node and edge types are
 * defined once at module level (React Flow re-mounts every node when these objects change identity).
 * Palette items are dropped here (HTML5 drag and drop, positioned with `screenToFlowPosition`).
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type EdgeTypes,
  type IsValidConnection,
  type NodeTypes,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import type { DesignerEdge, DesignerNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';
import { LedgerEdge } from './LedgerEdge.js';
import { LedgerNode } from './LedgerNode.js';
import { PALETTE_MIME, presentType } from './presentation.js';

const nodeTypes = { ledger: LedgerNode } satisfies NodeTypes;
const edgeTypes = { ledger: LedgerEdge } satisfies EdgeTypes;
const defaultEdgeOptions = { type: 'ledger' as const };
const deleteKeys = ['Delete', 'Backspace'];

const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#8b5cf6',
  transform: '#0d9488',
  validate: '#d97706',
  guard: '#be185d',
  route: '#0284c7',
  connector: '#4f46e5',
  respond: '#64748b',
};

const minimapColor = (node: DesignerNode) => CATEGORY_COLORS[presentType(node.data.type, undefined).category] ?? '#94a3b8';

const minimapStyle = { width: 150, height: 96 };

const isValidConnection: IsValidConnection<DesignerEdge> = (connection) => connection.source !== connection.target;

export function Canvas() {
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const onNodesChange = useDocument((s) => s.onNodesChange);
  const onEdgesChange = useDocument((s) => s.onEdgesChange);
  const connect = useDocument((s) => s.connect);
  const remove = useDocument((s) => s.remove);
  const addNode = useDocument((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();

  const onDelete: OnDelete<DesignerNode, DesignerEdge> = useCallback(
    ({ nodes: goneNodes, edges: goneEdges }) => remove({ nodeIds: goneNodes.map((n) => n.id), edgeIds: goneEdges.map((e) => e.id) }),
    [remove],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(type, { x: position.x - 100, y: position.y - 30 });
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <div className="lf-canvas" data-testid="canvas">
      <ReactFlow<DesignerNode, DesignerEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        deleteKeyCode={deleteKeys}
        onDragOver={onDragOver}
        onDrop={onDrop}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={20} size={1} />
        <MiniMap<DesignerNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={2} style={minimapStyle} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
