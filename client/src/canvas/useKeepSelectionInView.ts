/**
 * When the canvas gets narrower (the inspector opens on a selection, a panel unfolds), the view pans so the
 * selected nodes stay in sight instead of ending up under the panel (and, for a big flow, out of the drawn
 * area). Only the width lost is compensated, and only as far as the selection needs.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useDocument } from '../document/documentStore.js';

const MARGIN = 24;

export function useKeepSelectionInView(canvas: RefObject<HTMLDivElement | null>): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = canvas.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // Widths from the observer's entries: reading the element's box here would force a layout.
    let width: number | undefined;
    const observer = new ResizeObserver((entries) => {
      const next = entries[entries.length - 1]!.contentRect.width;
      const lost = width === undefined ? 0 : width - next;
      width = next;
      if (lost <= 0) return;
      const selected = useDocument.getState().nodes.filter((n) => n.selected);
      if (!selected.length) return;
      const { x, y, zoom } = flow.getViewport();
      const right = Math.max(...selected.map((n) => (n.position.x + (n.measured?.width ?? 224)) * zoom + x));
      const left = Math.min(...selected.map((n) => n.position.x * zoom + x));
      const overflow = right - (next - MARGIN);
      if (overflow <= 0) return;
      // Pan left by what sticks out, at most the width lost, never pushing the left edge out of view.
      const shift = Math.min(overflow, lost, Math.max(0, left - MARGIN));
      if (shift > 0) void flow.setViewport({ x: x - shift, y, zoom });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [canvas, flow]);
}
