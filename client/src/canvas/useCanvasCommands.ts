/**
 * Canvas commands that need the React Flow instance (viewport, measured sizes): zoom to fit, zoom, reveal
 * a node, add a note or paste where the user is looking, auto-layout. Used by the toolbar, the keyboard
 * shortcuts and the search box; every edit goes through the document store as one undoable command.
 */
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useMemo } from 'react';
import type { ClipboardContent } from '../document/clipboard.js';
import type { DesignerEdge, DesignerNode, NoteNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';
import { layeredPositions } from '../document/layout.js';
import { designerElk } from './elk.js';

export const FIT_OPTIONS = { padding: 0.08, maxZoom: 1 };

export interface CanvasCommands {
  fitAll(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Selects a node and zooms to it. */
  reveal(nodeId: string): void;
  /** The canvas point in the middle of the visible canvas. */
  viewCenter(): XYPosition;
  addNoteAtCenter(): void;
  /** Pastes: next to the originals when they came from this flow, else in the middle of the view. */
  paste(content: ClipboardContent): void;
  duplicate(): void;
  autoLayout(): Promise<void>;
}

export function useCanvasCommands(): CanvasCommands {
  const flow = useReactFlow<DesignerNode | NoteNode, DesignerEdge>();
  return useMemo<CanvasCommands>(() => {
    const viewCenter = () => {
      const bounds = document.querySelector('.lf-canvas')?.getBoundingClientRect();
      return bounds ? flow.screenToFlowPosition({ x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 }) : { x: 0, y: 0 };
    };
    const paste = (content: ClipboardContent) => {
      const document = useDocument.getState();
      const here = content.flowId === document.meta?.id && content.nodes.every((n) => document.nodes.some((m) => m.id === n.id));
      document.paste(content, here ? undefined : viewCenter());
    };
    return {
      fitAll: () => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }),
      zoomIn: () => void flow.zoomIn({ duration: 120 }),
      zoomOut: () => void flow.zoomOut({ duration: 120 }),
      reveal(nodeId) {
        useDocument.getState().select({ nodeId });
        void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.1, minZoom: 0.5, padding: 0.6 });
      },
      viewCenter,
      addNoteAtCenter() {
        const center = viewCenter();
        useDocument.getState().addNote({ x: Math.round(center.x - 120), y: Math.round(center.y - 60) });
      },
      paste,
      duplicate() {
        const content = useDocument.getState().copySelection();
        if (content) useDocument.getState().paste(content);
      },
      async autoLayout() {
        const { nodes, edges, moveNodes } = useDocument.getState();
        const positions = await layeredPositions(await designerElk(), nodes, edges);
        moveNodes(positions, 'Auto-layout');
        window.requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 }));
      },
    };
  }, [flow]);
}
