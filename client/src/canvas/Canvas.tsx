/**
 * The React Flow canvas of the open flow. Controlled by the document slice; node and edge types are
 * defined once at module level (React Flow re-mounts every node when these objects change identity).
 * Palette items are dropped here (HTML5 drag and drop, positioned with `screenToFlowPosition`).
 * Sticky notes are React Flow nodes of type `note`, drawn under the flow's nodes.
 * Selection: click, Shift+click to add, Shift+drag for a box; Delete removes the selection in one step.
 *
 * Big flows (benchmark W4): nodes React Flow has not measured carry an estimated size and handles
 * (nodeGeometry.ts), so a flow of more than DRAW_ALL_UP_TO nodes draws only what is in view, opens on its
 * start at a readable zoom (openingView.ts), runs its issue checks and mounts the minimap once drawn. Node
 * cards are memoised and read the stores through narrow selectors: dragging one node re-renders that node.
 */
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStoreApi,
  type EdgeTypes,
  type IsValidConnection,
  type NodeTypes,
  type OnDelete,
  type OnInit,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { isNoteId, type DesignerEdge, type DesignerNode, type NoteNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';
import { useLayout } from '../designer/layoutStore.js';
import { preloadDesignerParts } from '../designer/lazyParts.js';
import { CanvasToolbar } from './CanvasToolbar.js';
import { LedgerEdge } from './LedgerEdge.js';
import { LedgerNode } from './LedgerNode.js';
import { withEstimatedGeometry } from './nodeGeometry.js';
import { nodesBox, openingViewport } from './openingView.js';
import { PALETTE_MIME, presentType } from './presentation.js';
import { SearchBox } from './SearchBox.js';
import { StickyNote } from './StickyNote.js';
import { FIT_OPTIONS } from './useCanvasCommands.js';
import { useCanvasKeys } from './useCanvasKeys.js';
import { useKeepSelectionInView } from './useKeepSelectionInView.js';

type CanvasNode = DesignerNode | NoteNode;

const nodeTypes = { ledger: LedgerNode, note: StickyNote } satisfies NodeTypes;
const edgeTypes = { ledger: LedgerEdge } satisfies EdgeTypes;
const defaultEdgeOptions = { type: 'ledger' as const };
const deleteKeys = ['Delete', 'Backspace'];
const multiSelectKeys = ['Shift', 'Meta', 'Control'];
const proOptions = { hideAttribution: true };
/** Flows up to this many nodes are drawn whole; bigger ones only in view (with estimated sizes for the rest). */
const DRAW_ALL_UP_TO = 150;

const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#8b5cf6',
  transform: '#0d9488',
  validate: '#d97706',
  guard: '#be185d',
  route: '#0284c7',
  connector: '#4f46e5',
  respond: '#64748b',
};

const minimapColor = (node: CanvasNode) =>
  node.type === 'note' ? '#facc15' : (CATEGORY_COLORS[presentType(node.data.type, undefined).category] ?? '#94a3b8');

const minimapStyle = { width: 168, height: 108 };

const isValidConnection: IsValidConnection<DesignerEdge> = (connection) =>
  connection.source !== connection.target && !isNoteId(connection.source) && !isNoteId(connection.target);

/**
 * Marks the moment the opened flow is drawn: every node in view is in the page and measured by React Flow
 * (`performance.mark('lf:canvas-ready')`, read by benchmark W4; harmless otherwise).
 */
function ReadyMark({ onReady }: { onReady(): void }) {
  const store = useStoreApi<CanvasNode, DesignerEdge>();
  useEffect(() => {
    let frame = 0;
    const check = () => {
      const drawn = document.querySelectorAll<HTMLElement>('.lf-canvas .react-flow__node');
      const measured = useDocument.getState().nodes.filter((n) => n.measured?.width !== undefined).length;
      const { nodes } = store.getState();
      const done = nodes.length === 0 || (drawn.length > 0 && measured >= [...drawn].filter((e) => !e.classList.contains('react-flow__node-note')).length);
      if (!done) {
        frame = requestAnimationFrame(check);
        return;
      }
      if (!performance.getEntriesByName('lf:canvas-ready').length) performance.mark('lf:canvas-ready');
      // Now the work that could wait: the issue checks, the minimap, the code of the panels not shown yet.
      setTimeout(() => {
        useDocument.getState().runDeferredChecks();
        onReady();
        preloadDesignerParts();
      }, 0);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [store, onReady]);
  return null;
}

export function Canvas() {
  const nodes = useDocument((s) => s.nodes);
  const notes = useDocument((s) => s.notes);
  const edges = useDocument((s) => s.edges);
  const onNodesChange = useDocument((s) => s.onNodesChange);
  const onEdgesChange = useDocument((s) => s.onEdgesChange);
  const connect = useDocument((s) => s.connect);
  const remove = useDocument((s) => s.remove);
  const addNode = useDocument((s) => s.addNode);
  const beginGesture = useDocument((s) => s.beginGesture);
  const endGesture = useDocument((s) => s.endGesture);
  const { screenToFlowPosition } = useReactFlow();
  const modalOpen = useLayout((s) => s.modals > 0);
  const element = useRef<HTMLDivElement>(null);
  const store = useStoreApi<CanvasNode, DesignerEdge>();
  // The minimap draws every node of the flow: it comes once the canvas is on screen.
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback(() => setDrawn(true), []);
  useCanvasKeys();
  useKeepSelectionInView(element);

  // Opens the flow fitted, or at a readable zoom on its start when it is too big to read fitted
  // (openingView.ts). The canvas size is React Flow's (already measured: no layout forced here).
  const onInit: OnInit<CanvasNode, DesignerEdge> = useCallback(
    (instance) => {
      const { width, height } = store.getState();
      void instance.setViewport(openingViewport(nodesBox(useDocument.getState().nodes), width, height, FIT_OPTIONS.maxZoom));
    },
    [store],
  );

  // Notes first: they are drawn under the nodes. Nodes not drawn yet carry an estimated size and handles.
  const canvasNodes = useMemo<CanvasNode[]>(() => {
    const shown = nodes.map(withEstimatedGeometry);
    return notes.length ? [...notes, ...shown] : shown;
  }, [nodes, notes]);

  const onDelete: OnDelete<CanvasNode, DesignerEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      remove({
        nodeIds: gone.filter((n) => !isNoteId(n.id)).map((n) => n.id),
        noteIds: gone.filter((n) => isNoteId(n.id)).map((n) => n.id),
        edgeIds: goneEdges.map((e) => e.id),
      }),
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
    <div className="lf-canvas" data-testid="canvas" ref={element}>
      <ReactFlow<CanvasNode, DesignerEdge>
        nodes={canvasNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onNodeDragStart={beginGesture}
        onNodeDragStop={endGesture}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        deleteKeyCode={modalOpen ? null : deleteKeys}
        multiSelectionKeyCode={multiSelectKeys}
        selectionKeyCode="Shift"
        selectionMode={SelectionMode.Partial}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onInit={onInit}
        onlyRenderVisibleElements={nodes.length > DRAW_ALL_UP_TO}
        minZoom={0.1}
        maxZoom={2}
        proOptions={proOptions}
      >
        <Background gap={20} size={1} />
        {drawn ? <MiniMap<CanvasNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={2} style={minimapStyle} ariaLabel="Minimap" /> : null}
        <Controls showInteractive={false} />
        <Panel position="top-left">
          <CanvasToolbar />
        </Panel>
        <Panel position="top-center">
          <SearchBox />
        </Panel>
        <ReadyMark onReady={onDrawn} />
      </ReactFlow>
      {nodes.length === 0 ? (
        <div className="lf-canvas__empty" data-testid="canvas-empty">
          <p>Drag a trigger from the palette to start, then connect an output port (right) to an input port (left).</p>
          <p className="lf-muted">
            Press <kbd>?</kbd> for keyboard shortcuts.
          </p>
        </div>
      ) : null}
    </div>
  );
}
