/**
 * The lines between the two trees, as one SVG over the mapper. Each end sits on its row (row index × row
 * height − scroll offset, no DOM measuring per row); an end whose row is folded away sits on the nearest
 * shown parent (dashed), an end scrolled out of view sits on the pane's edge (faint); a line with both ends
 * out of view is not drawn. Scrolling re-renders only this component (offsets come from a small store, not
 * the mapper's state). A line is clicked to open its menu; while dragging, a line follows the pointer.
 */
import { memo, useSyncExternalStore } from 'react';
import { ROW_HEIGHT } from './FieldTreePane.js';
import type { ScrollOffsets } from './mapperHooks.js';
import { joinPath, splitPath, type FieldPath, type MappingLine } from './mappingModel.js';

export interface LinesGeometry {
  /** Right edge of the source list and left edge of the target list, relative to the overlay. */
  sourceX: number;
  targetX: number;
  sourceTop: number;
  sourceHeight: number;
  targetTop: number;
  targetHeight: number;
}

interface MappingLinesProps {
  lines: readonly MappingLine[];
  sourceRows: ReadonlyMap<FieldPath, number>;
  targetRows: ReadonlyMap<FieldPath, number>;
  scroll: ScrollOffsets;
  geometry: LinesGeometry;
  selectedTarget?: FieldPath;
  drag?: { source: FieldPath; x: number; y: number };
  onSelect(target: FieldPath, x: number, y: number): void;
}

/** The row of `path`, or of its nearest shown parent (`exact` false). */
function rowOf(rows: ReadonlyMap<FieldPath, number>, path: FieldPath): { index: number; exact: boolean } | undefined {
  const exact = rows.get(path);
  if (exact !== undefined) return { index: exact, exact: true };
  const segments = splitPath(path);
  for (let n = segments.length - 1; n > 0; n--) {
    const index = rows.get(joinPath(segments.slice(0, n)));
    if (index !== undefined) return { index, exact: false };
  }
  return undefined;
}

/** y of a row's middle, clamped to the pane: `edge` -1 above, 1 below, 0 in view. */
function endY(index: number, scroll: number, top: number, height: number): { y: number; edge: -1 | 0 | 1 } {
  const y = top + index * ROW_HEIGHT + ROW_HEIGHT / 2 - scroll;
  if (y < top) return { y: top, edge: -1 };
  if (y > top + height) return { y: top + height, edge: 1 };
  return { y, edge: 0 };
}

const curve = (x1: number, y1: number, x2: number, y2: number) => {
  const bend = Math.max(24, (x2 - x1) * 0.45);
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
};

export const MappingLines = memo(function MappingLines(props: MappingLinesProps) {
  const { lines, sourceRows, targetRows, scroll, geometry: g, selectedTarget, drag, onSelect } = props;
  const { source: sourceScroll, target: targetScroll } = useSyncExternalStore(scroll.subscribe, scroll.get);
  const drawn = [];
  for (const line of lines) {
    const from = rowOf(sourceRows, line.source);
    const to = rowOf(targetRows, line.target);
    if (!from || !to) continue;
    const a = endY(from.index, sourceScroll, g.sourceTop, g.sourceHeight);
    const b = endY(to.index, targetScroll, g.targetTop, g.targetHeight);
    // A line with neither end in view tells nothing and only costs paint.
    if (a.edge !== 0 && b.edge !== 0) continue;
    const classes = ['lf-line', `lf-line--${line.kind}`];
    if (!from.exact || !to.exact) classes.push('lf-line--folded');
    if (a.edge !== 0 || b.edge !== 0) classes.push('lf-line--offscreen');
    if (line.target === selectedTarget) classes.push('lf-line--selected');
    if (line.unwrapped) classes.push('lf-line--warn');
    const d = curve(g.sourceX, a.y, g.targetX, b.y);
    drawn.push(
      <g key={`${line.target}|${line.source}`} data-testid={`line-${line.target}`} data-source={line.source}>
        <path className="lf-line__hit" d={d} onClick={(event) => onSelect(line.target, event.clientX, event.clientY)} />
        <path className={classes.join(' ')} d={d} />
        {a.edge === 0 ? <circle className="lf-line__end" cx={g.sourceX} cy={a.y} r={3} /> : null}
        {b.edge === 0 ? <circle className="lf-line__end" cx={g.targetX} cy={b.y} r={3} /> : null}
      </g>,
    );
  }
  let dragLine = null;
  if (drag) {
    const from = rowOf(sourceRows, drag.source);
    if (from) {
      const a = endY(from.index, sourceScroll, g.sourceTop, g.sourceHeight);
      dragLine = <path className="lf-line lf-line--drag" d={curve(g.sourceX, a.y, Math.max(g.sourceX + 1, drag.x), drag.y)} data-testid="drag-line" />;
    }
  }
  return (
    <svg className="lf-lines" aria-hidden="true" data-testid="mapping-lines" data-count={drawn.length} data-total={lines.length}>
      {drawn}
      {dragLine}
    </svg>
  );
});
