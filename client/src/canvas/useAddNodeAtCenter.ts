/**
 * Adds a node in the middle of the visible canvas (palette click). If another node is in the way, the new one
 * moves down, then right, to the first free spot, so repeated clicks do not stack nodes on each other.
 */
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import type { DesignerNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';

const SIZE = { width: 224, height: 96 };
const GAP = 24;

function overlaps(at: XYPosition, node: DesignerNode): boolean {
  const width = node.measured?.width ?? SIZE.width;
  const height = node.measured?.height ?? SIZE.height;
  return (
    at.x < node.position.x + width + GAP &&
    at.x + SIZE.width + GAP > node.position.x &&
    at.y < node.position.y + height + GAP &&
    at.y + SIZE.height + GAP > node.position.y
  );
}

/** The first spot from `start` (down, then the next column) that no node covers. */
export function freeSpot(start: XYPosition, nodes: readonly DesignerNode[]): XYPosition {
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row < 6; row++) {
      const at = { x: start.x + column * (SIZE.width + GAP * 2), y: start.y + row * (SIZE.height + GAP) };
      if (!nodes.some((node) => overlaps(at, node))) return at;
    }
  }
  return start;
}

export function useAddNodeAtCenter(): (type: string) => void {
  const { screenToFlowPosition } = useReactFlow();
  const addNode = useDocument((s) => s.addNode);
  return useCallback(
    (type: string) => {
      const bounds = document.querySelector('.lf-canvas')?.getBoundingClientRect();
      const center = bounds
        ? screenToFlowPosition({ x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 })
        : { x: 0, y: 0 };
      const start = { x: center.x - SIZE.width / 2, y: center.y - SIZE.height / 2 };
      addNode(type, freeSpot(start, useDocument.getState().nodes));
    },
    [addNode, screenToFlowPosition],
  );
}
