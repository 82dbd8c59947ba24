/**
 * One side of the visual mapper: a collapsible field tree rendered as a virtualized list (fixed row height,
 * only the rows in view plus a margin are in the DOM), so 300 or 3,000 fields scroll as cheaply as 30.
 * Rows are memoized; the parent passes per-row flags, and the lines are drawn by MappingLines from the same
 * row index and scroll offset.
 */
import { memo, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode, type RefObject } from 'react';
import type { FieldNode, TreeRow } from './fieldTree.js';
import type { FieldPath } from './mappingModel.js';

export const ROW_HEIGHT = 26;
const OVERSCAN = 8;

/** Per-row state, all primitives so memoized rows re-render only when their own state changes. */
export interface RowFlags {
  mapped: boolean;
  selected: boolean;
  dropTarget: boolean;
  missing: boolean;
  /** The preview's problems at this target field. */
  problem?: string;
  /** How the target field is filled: a line, a list mapped item by item, a constant, custom code, an object. */
  fill?: 'line' | 'each' | 'constant' | 'custom' | 'object';
  /** A line's function label (`$fromMinorUnits`, `/ 100`). */
  via?: string;
  /** A constant's or custom field's code. */
  code?: string;
  /** A list mapping without `[ ]` (case M1). */
  unwrapped?: boolean;
}

function Badges({ fill, via, code, unwrapped }: RowFlags) {
  const short = code && code.length > 28 ? `${code.slice(0, 27).replace(/\s+/g, ' ')}…` : code?.replace(/\s+/g, ' ');
  return (
    <>
      {fill === 'line' && via ? <span className="lf-map-badge lf-map-badge--fn">{via.startsWith('$') ? `ƒ ${via.slice(1)}` : via}</span> : null}
      {fill === 'each' ? <span className="lf-map-badge lf-map-badge--each">each item</span> : null}
      {unwrapped ? (
        <span className="lf-map-badge lf-map-badge--warn" title="Not wrapped in [ ]: one item would be sent as a bare object (case M1)">
          no [ ]
        </span>
      ) : null}
      {fill === 'constant' ? <span className="lf-map-badge lf-map-badge--const" title={code}>= {short}</span> : null}
      {fill === 'custom' ? (
        <span className="lf-map-badge lf-map-badge--custom" title={code}>
          custom <code>{short}</code>
        </span>
      ) : null}
    </>
  );
}

interface FieldRowProps extends RowFlags {
  side: 'source' | 'target';
  node: FieldNode;
  open: boolean;
  top: number;
  onToggle(path: FieldPath): void;
  onPointerDown?(path: FieldPath, event: ReactPointerEvent): void;
  onActivate?(path: FieldPath): void;
  onMenu?(path: FieldPath, x: number, y: number): void;
}

const FieldRow = memo(function FieldRow({ side, node, open, top, onToggle, onPointerDown, onActivate, onMenu, ...flags }: FieldRowProps) {
  const classes = ['lf-field-row', `lf-field-row--${side}`];
  if (flags.mapped) classes.push('lf-field-row--mapped');
  if (flags.selected) classes.push('lf-field-row--selected');
  if (flags.dropTarget) classes.push('lf-field-row--drop');
  if (flags.missing) classes.push('lf-field-row--missing');
  if (node.extra) classes.push('lf-field-row--extra');
  const typeLabel = node.kind === 'array' ? (node.type.startsWith('array of') ? node.type.replace('array of', 'list of') : 'list') : node.type;
  return (
    <div
      className={classes.join(' ')}
      style={{ top, height: ROW_HEIGHT, paddingLeft: 8 + node.depth * 14 }}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={node.children.length ? open : undefined}
      aria-selected={flags.selected}
      tabIndex={0}
      title={[node.path, node.description, node.extra ? (side === 'source' ? 'not in the sample' : 'not in the target schema') : ''].filter(Boolean).join('\n')}
      data-testid={`${side}-field-${node.path}`}
      {...(side === 'target' ? { 'data-target-path': node.path } : { 'data-source-path': node.path })}
      onPointerDown={onPointerDown ? (event) => onPointerDown(node.path, event) : undefined}
      onClick={() => onActivate?.(node.path)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onActivate?.(node.path);
        } else if ((event.key === 'ArrowRight' && !open) || (event.key === 'ArrowLeft' && open)) {
          if (node.children.length) onToggle(node.path);
        }
      }}
    >
      {node.children.length ? (
        <button
          type="button"
          className="lf-field-row__caret"
          aria-label={open ? 'Fold' : 'Unfold'}
          onPointerDown={(event) => event.stopPropagation()}
          onClick={(event) => {
            event.stopPropagation();
            onToggle(node.path);
          }}
        >
          {open ? '▾' : '▸'}
        </button>
      ) : (
        <span className="lf-field-row__caret" />
      )}
      <span className="lf-field-row__name">{node.name}</span>
      {side === 'target' && node.required ? <span className="lf-field-row__required" title="required">*</span> : null}
      {flags.missing ? <span className="lf-map-badge lf-map-badge--danger">required</span> : null}
      <span className="lf-field-row__type">{side === 'source' && node.example !== undefined ? node.example : typeLabel}</span>
      <Badges {...flags} />
      {flags.problem ? (
        <span className="lf-map-badge lf-map-badge--warn" title={flags.problem}>
          !
        </span>
      ) : null}
      {onMenu ? (
        <button
          type="button"
          className="lf-field-row__menu"
          aria-label={`Mapping of ${node.path}`}
          data-testid={`target-menu-${node.path}`}
          onPointerDown={(event) => event.stopPropagation()}
          onClick={(event) => {
            event.stopPropagation();
            onMenu(node.path, event.clientX, event.clientY);
          }}
        >
          ⋯
        </button>
      ) : null}
      <span className={`lf-field-row__dot lf-field-row__dot--${side}`} />
    </div>
  );
});

interface FieldTreePaneProps {
  side: 'source' | 'target';
  rows: TreeRow[];
  flagsOf(node: FieldNode): RowFlags;
  onScroll(top: number): void;
  onToggle(path: FieldPath): void;
  onRowPointerDown?(path: FieldPath, event: ReactPointerEvent): void;
  onRowActivate?(path: FieldPath): void;
  onRowMenu?(path: FieldPath, x: number, y: number): void;
  viewportRef: RefObject<HTMLDivElement | null>;
  empty: ReactNode;
}

export function FieldTreePane({ side, rows, flagsOf, onScroll, onToggle, onRowPointerDown, onRowActivate, onRowMenu, viewportRef, empty }: FieldTreePaneProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const measured = useRef(false);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight));
    observer.observe(viewport);
    if (!measured.current) {
      measured.current = true;
      setHeight(viewport.clientHeight);
    }
    return () => observer.disconnect();
  }, [viewportRef]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      className={`lf-tree lf-tree--${side}`}
      ref={viewportRef}
      role="tree"
      aria-label={side === 'source' ? 'Source fields' : 'Target fields'}
      data-testid={`${side}-tree`}
      onScroll={(event) => {
        const top = event.currentTarget.scrollTop;
        setScrollTop(top);
        onScroll(top);
      }}
    >
      {rows.length ? (
        <div className="lf-tree__spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((row, i) => (
            <FieldRow
              key={row.node.path}
              side={side}
              node={row.node}
              open={row.open}
              top={(first + i) * ROW_HEIGHT}
              {...flagsOf(row.node)}
              onToggle={onToggle}
              onPointerDown={onRowPointerDown}
              onActivate={onRowActivate}
              onMenu={onRowMenu}
            />
          ))}
        </div>
      ) : (
        <div className="lf-tree__empty lf-muted">{empty}</div>
      )}
    </div>
  );
}
