/**
 * Pointer and layout plumbing of the visual mapper: where the two lists sit (for the lines overlay), the
 * fold state of a tree (reset when its sample or schema changes), and dragging a source row onto a target
 * row (a line follows the pointer; dropping on a row with `data-target-path` maps it).
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { initiallyCollapsed, type FieldTree } from './fieldTree.js';
import type { LinesGeometry } from './MappingLines.js';
import { joinPath, splitPath, type FieldPath } from './mappingModel.js';

const EMPTY_GEOMETRY: LinesGeometry = { sourceX: 0, targetX: 0, sourceTop: 0, sourceHeight: 0, targetTop: 0, targetHeight: 0 };

/** Positions of the two list viewports relative to the container, kept up to date on resize. */
export function useLinesGeometry(
  container: RefObject<HTMLElement | null>,
  source: RefObject<HTMLElement | null>,
  target: RefObject<HTMLElement | null>,
): LinesGeometry {
  const [geometry, setGeometry] = useState(EMPTY_GEOMETRY);
  useEffect(() => {
    const measure = () => {
      const c = container.current?.getBoundingClientRect();
      const s = source.current?.getBoundingClientRect();
      const t = target.current?.getBoundingClientRect();
      if (!c || !s || !t) return;
      setGeometry({
        sourceX: s.right - c.left,
        targetX: t.left - c.left,
        sourceTop: s.top - c.top,
        sourceHeight: s.height,
        targetTop: t.top - c.top,
        targetHeight: t.height,
      });
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const element of [container.current, source.current, target.current]) if (element) observer.observe(element);
    return () => observer.disconnect();
  }, [container, source, target]);
  return geometry;
}

/**
 * The folded paths of a tree: at first everything from `depth` down (and `meta`), except the parents of
 * `keepOpen`; recomputed when `tree` is a different tree (another sample or target).
 */
export function useFolds(tree: FieldTree | undefined, depth: number, keepOpen: () => FieldPath[]) {
  const [state, setState] = useState<{ tree?: FieldTree; collapsed: Set<FieldPath> }>({ collapsed: new Set() });
  let collapsed = state.collapsed;
  if (tree !== state.tree) {
    collapsed = tree ? initiallyCollapsed(tree, depth, keepOpen()) : new Set();
    setState({ tree, collapsed });
  }
  const toggle = useCallback((path: FieldPath) => {
    setState((previous) => {
      const next = new Set(previous.collapsed);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return { ...previous, collapsed: next };
    });
  }, []);
  /** Unfolds the parents of `path` so its row is shown. */
  const reveal = useCallback((path: FieldPath) => {
    setState((previous) => {
      const segments = splitPath(path);
      const parents = segments.slice(0, -1).map((_, n) => joinPath(segments.slice(0, n + 1)));
      if (!parents.some((p) => previous.collapsed.has(p))) return previous;
      const next = new Set(previous.collapsed);
      for (const parent of parents) next.delete(parent);
      return { ...previous, collapsed: next };
    });
  }, []);
  return { collapsed, toggle, reveal };
}

/** Scroll offsets of the two lists, outside React state: scrolling one list re-renders only the lines. */
export interface ScrollOffsets {
  get(): { source: number; target: number };
  set(side: 'source' | 'target', top: number): void;
  subscribe(listener: () => void): () => void;
}

export function useScrollOffsets(): ScrollOffsets {
  const store = useRef<ScrollOffsets>(undefined);
  if (!store.current) {
    let offsets = { source: 0, target: 0 };
    const listeners = new Set<() => void>();
    store.current = {
      get: () => offsets,
      set(side, top) {
        if (offsets[side] === top) return;
        offsets = { ...offsets, [side]: top };
        for (const listener of listeners) listener();
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }
  return store.current;
}

export interface DragState {
  source: FieldPath;
  /** Pointer position relative to the container. */
  x: number;
  y: number;
  over?: FieldPath;
}

/** Dragging from a source row; `onDrop(source, target)` when released over a target row. */
export function useLineDrag(container: RefObject<HTMLElement | null>, onDrop: (source: FieldPath, target: FieldPath) => void) {
  const [drag, setDrag] = useState<DragState | undefined>();
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;

  const start = useCallback(
    (source: FieldPath, event: ReactPointerEvent) => {
      if (event.button !== 0) return;
      const startX = event.clientX;
      const startY = event.clientY;
      let moved = false;
      let over: FieldPath | undefined;
      const move = (e: PointerEvent) => {
        if (!moved && Math.hypot(e.clientX - startX, e.clientY - startY) < 4) return;
        moved = true;
        e.preventDefault();
        const hit = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-target-path]');
        over = hit?.dataset.targetPath;
        const box = container.current?.getBoundingClientRect();
        setDrag({ source, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0), over });
      };
      const end = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', end);
        window.removeEventListener('pointercancel', end);
        setDrag(undefined);
        if (moved && over !== undefined) dropRef.current(source, over);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', end);
      window.addEventListener('pointercancel', end);
    },
    [container],
  );
  return { drag, start };
}
