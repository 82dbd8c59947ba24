/**
 * Where a flow opens. A flow that fits the canvas at a readable zoom (≥ 0.5) is fitted, as zoom to fit
 * would; a bigger one opens at zoom 0.7 on its start (top left: triggers come first), so the first view is
 * readable and, for a big flow, React Flow draws only the few dozen nodes in view. The minimap and zoom to
 * fit show the whole.
 */
import type { Viewport } from '@xyflow/react';
import type { DesignerNode } from '../document/convert.js';
import { cardGeometry } from './nodeGeometry.js';

/** Below this fitted zoom a flow is too big to read fitted. */
export const OPEN_MIN_ZOOM = 0.5;
/** The zoom a flow too big to fit opens at. */
export const OPEN_BIG_ZOOM = 0.7;
const PADDING = 0.08;
const MARGIN = 32;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function nodesBox(nodes: readonly DesignerNode[]): Box | undefined {
  if (!nodes.length) return undefined;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const node of nodes) {
    const size = node.measured?.width !== undefined ? { width: node.measured.width, height: node.measured.height ?? 0 } : cardGeometry(node);
    x1 = Math.min(x1, node.position.x);
    y1 = Math.min(y1, node.position.y);
    x2 = Math.max(x2, node.position.x + size.width);
    y2 = Math.max(y2, node.position.y + size.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The viewport a flow opens with in a canvas of `width` × `height` pixels. */
export function openingViewport(box: Box | undefined, width: number, height: number, maxZoom = 1): Viewport {
  if (!box || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const fit = Math.min(width / (box.width * (1 + 2 * PADDING)), height / (box.height * (1 + 2 * PADDING)), maxZoom);
  if (fit >= OPEN_MIN_ZOOM) {
    return { x: width / 2 - (box.x + box.width / 2) * fit, y: height / 2 - (box.y + box.height / 2) * fit, zoom: fit };
  }
  const zoom = OPEN_BIG_ZOOM;
  const fitsHeight = box.height * zoom <= height - 2 * MARGIN;
  return {
    x: MARGIN - box.x * zoom,
    y: fitsHeight ? height / 2 - (box.y + box.height / 2) * zoom : MARGIN - box.y * zoom,
    zoom,
  };
}
