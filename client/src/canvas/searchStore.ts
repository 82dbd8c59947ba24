/**
 * Node search on the canvas: the query, the nodes that match it (by name, type title, type or id) and the
 * match in focus. Node cards read `isMatch` / `isCurrent` through narrow selectors, so typing re-renders
 * only the cards whose highlight changes.
 */
import { create } from 'zustand';
import type { DesignerNode } from '../document/convert.js';
import { nodeTypeInfo } from '../catalog/catalogStore.js';
import { presentType } from './presentation.js';

interface SearchState {
  open: boolean;
  query: string;
  /** Matching node ids in flow order. */
  matches: string[];
  matchSet: ReadonlySet<string>;
  /** Index into `matches` of the match in focus (-1 before the first Enter). */
  current: number;
  currentId?: string;
  show(): void;
  hide(): void;
  search(query: string, nodes: readonly DesignerNode[]): void;
  /** Moves the focus to the next (or previous) match; returns its node id. */
  step(direction: 1 | -1): string | undefined;
}

/** Whether `node` matches every word of `query` (case-insensitive) in its name, type title, type or id. */
export function nodeMatches(node: DesignerNode, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return false;
  const look = presentType(node.data.type, nodeTypeInfo(node.data.type));
  const haystack = `${node.data.name ?? ''} ${look.title} ${node.data.type} ${node.id} ${look.category}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

const EMPTY = new Set<string>();

export const useSearch = create<SearchState>((set, get) => ({
  open: false,
  query: '',
  matches: [],
  matchSet: EMPTY,
  current: -1,
  show: () => set({ open: true }),
  hide: () => set({ open: false, query: '', matches: [], matchSet: EMPTY, current: -1, currentId: undefined }),
  search(query, nodes) {
    const matches = nodes.filter((node) => nodeMatches(node, query)).map((node) => node.id);
    const prior = get();
    if (prior.query === query && prior.matches.length === matches.length && prior.matches.every((id, i) => id === matches[i])) return;
    set({ query, matches, matchSet: matches.length ? new Set(matches) : EMPTY, current: -1, currentId: undefined });
  },
  step(direction) {
    const { matches, current } = get();
    if (!matches.length) return undefined;
    const next = current < 0 ? (direction === 1 ? 0 : matches.length - 1) : (current + direction + matches.length) % matches.length;
    set({ current: next, currentId: matches[next] });
    return matches[next];
  },
}));
