/**
 * How the designer's panels are laid out, remembered per browser: the palette full or as an icon rail,
 * the inspector pinned open or shown only while something is selected, the bottom panel open or folded
 * to its tabs. Defaults suit a 1280×800 screen: a wide palette only on wide screens, the inspector only
 * when it has something to show, so a fitted flow is drawn large enough to read.
 */
import { useEffect } from 'react';
import { create } from 'zustand';

interface PanelLayout {
  paletteCollapsed: boolean;
  inspectorPinned: boolean;
  bottomCollapsed: boolean;
}

interface LayoutState extends PanelLayout {
  /** The keyboard shortcuts overlay (not remembered). */
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  /** Dialogs open over the designer; while > 0 the canvas ignores its keyboard shortcuts. */
  modals: number;
  openModal(): () => void;
  togglePalette(): void;
  toggleInspectorPin(): void;
  setBottomCollapsed(collapsed: boolean): void;
}

const KEY = 'ledgerflow.layout';

function initial(): PanelLayout {
  const wide = typeof window !== 'undefined' && window.innerWidth >= 1440;
  const defaults: PanelLayout = { paletteCollapsed: !wide, inspectorPinned: false, bottomCollapsed: false };
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PanelLayout>;
    return { ...defaults, ...stored };
  } catch {
    return defaults;
  }
}

export const useLayout = create<LayoutState>((set, get) => {
  const update = (patch: Partial<PanelLayout>) => {
    set(patch);
    const { paletteCollapsed, inspectorPinned, bottomCollapsed } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify({ paletteCollapsed, inspectorPinned, bottomCollapsed }));
    } catch {
      // not remembered in private mode
    }
  };
  return {
    ...initial(),
    helpOpen: false,
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    modals: 0,
    openModal() {
      set({ modals: get().modals + 1 });
      return () => set({ modals: Math.max(0, get().modals - 1) });
    },
    togglePalette: () => update({ paletteCollapsed: !get().paletteCollapsed }),
    toggleInspectorPin: () => update({ inspectorPinned: !get().inspectorPinned }),
    setBottomCollapsed: (bottomCollapsed) => update({ bottomCollapsed }),
  };
});

/** Marks a dialog as open while the calling component is mounted (the canvas then ignores its keys). */
export function useModal(): void {
  useEffect(() => useLayout.getState().openModal(), []);
}
