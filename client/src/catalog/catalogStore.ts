/**
 * What the server offers: node types (palette, inspector forms), health (the stand-ins badge).
 * Loaded once per tab; the designer waits for it before building the canvas.
 */
import { create } from 'zustand';
import type { NodeTypeInfo } from '../../../nodes/registry.js';
import { getHealth, listNodeTypes, type Health } from '../api/catalog.js';
import { errorMessage } from '../api/http.js';

interface CatalogState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error?: string;
  nodeTypes: NodeTypeInfo[];
  byType: Record<string, NodeTypeInfo>;
  health?: Health;
  load(): Promise<void>;
}

export const useCatalog = create<CatalogState>((set, get) => ({
  status: 'idle',
  nodeTypes: [],
  byType: {},
  async load() {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading', error: undefined });
    try {
      const nodeTypes = await listNodeTypes();
      set({ status: 'ready', nodeTypes, byType: Object.fromEntries(nodeTypes.map((t) => [t.type, t])) });
    } catch (error) {
      set({ status: 'failed', error: errorMessage(error) });
    }
    getHealth()
      .then((health) => set({ health }))
      .catch(() => set({ health: undefined }));
  },
}));

/** The node type info for `type`, outside React (store snapshot). */
export function nodeTypeInfo(type: string): NodeTypeInfo | undefined {
  return useCatalog.getState().byType[type];
}
