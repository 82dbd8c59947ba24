/**
 * The size of a node card and where its port handles sit, computed from its ports without drawing it.
 * React Flow needs both for nodes it has not measured: with `onlyRenderVisibleElements` a node outside the
 * view is never drawn, yet the minimap, zoom to fit and the edges to it need its box and handles. The
 * numbers follow the card's CSS (styles/canvas.css, "Node card": 224 px wide, 3 px top border, a 46 px head,
 * one 20 px row per port). A drawn node is measured by React Flow and its real size replaces the estimate:
 * the estimated height is off by half a pixel on purpose, so the first real measurement always differs and
 * is always taken.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { DesignerNode } from '../document/convert.js';

export const CARD = {
  width: 224,
  borderTop: 3,
  border: 1,
  head: 46,
  portsPaddingTop: 2,
  portsPaddingBottom: 6,
  row: 20,
  handle: 10,
} as const;

export interface CardGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

export function cardGeometry(node: DesignerNode): CardGeometry {
  const { inputs, outputs } = node.data.ports;
  const rows = Math.max(inputs.length, outputs.length);
  const portsTop = CARD.borderTop + CARD.head + CARD.border + CARD.portsPaddingTop;
  const height = portsTop + rows * CARD.row + CARD.portsPaddingBottom + CARD.border;
  const y = (i: number) => portsTop + i * CARD.row + (CARD.row - CARD.handle) / 2;
  const handles: NodeHandle[] = [
    ...inputs.map((port, i) => ({ id: port.name, type: 'target' as const, position: Position.Left, x: CARD.border - CARD.handle / 2, y: y(i), width: CARD.handle, height: CARD.handle })),
    ...outputs.map((port, i) => ({ id: port.name, type: 'source' as const, position: Position.Right, x: CARD.width - CARD.border - CARD.handle / 2, y: y(i), width: CARD.handle, height: CARD.handle })),
  ];
  return { width: CARD.width, height: height + 0.5, handles };
}

const estimated = new WeakMap<DesignerNode, DesignerNode>();

/**
 * The node as React Flow should get it: as is once measured, else with its estimated size and handles
 * (cached per node object, so an unchanged node keeps its identity and React Flow skips it).
 */
export function withEstimatedGeometry(node: DesignerNode): DesignerNode {
  if (node.measured?.width !== undefined) return node;
  let shown = estimated.get(node);
  if (!shown) {
    const { width, height, handles } = cardGeometry(node);
    shown = { ...node, measured: { width, height }, handles };
    estimated.set(node, shown);
  }
  return shown;
}
