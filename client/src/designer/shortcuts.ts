/**
 * The designer's keyboard shortcuts, one list for the handlers' documentation and the help overlay (`?`).
 * `Mod` is Ctrl, or ⌘ on a Mac. Handlers: designer/useDesignerKeys.ts (undo, redo, save) and
 * canvas/useCanvasKeys.ts (everything that needs the canvas).
 */
export interface Shortcut {
  keys: string[][];
  what: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Edit',
    shortcuts: [
      { keys: [['Mod', 'Z']], what: 'Undo' },
      { keys: [['Mod', 'Shift', 'Z'], ['Mod', 'Y']], what: 'Redo' },
      { keys: [['Mod', 'C']], what: 'Copy the selection (paste it into any flow)' },
      { keys: [['Mod', 'X']], what: 'Cut the selection' },
      { keys: [['Mod', 'V']], what: 'Paste' },
      { keys: [['Mod', 'D']], what: 'Duplicate the selection' },
      { keys: [['Delete'], ['Backspace']], what: 'Delete the selection' },
      { keys: [['N']], what: 'Add a sticky note' },
      { keys: [['Mod', 'S']], what: 'Save the draft' },
    ],
  },
  {
    title: 'Select',
    shortcuts: [
      { keys: [['Shift', 'Click']], what: 'Add to or remove from the selection' },
      { keys: [['Shift', 'Drag']], what: 'Select with a box' },
      { keys: [['Mod', 'A']], what: 'Select everything' },
      { keys: [['Esc']], what: 'Clear the selection, close search or help' },
      { keys: [['Mod', 'F'], ['/']], what: 'Search nodes by name or type' },
      { keys: [['Enter']], what: 'In search: go to the next match' },
    ],
  },
  {
    title: 'View',
    shortcuts: [
      { keys: [['Shift', '1']], what: 'Zoom to fit' },
      { keys: [['+'], ['−']], what: 'Zoom in, zoom out' },
      { keys: [['Shift', 'L']], what: 'Auto-layout (left to right)' },
      { keys: [['Drag'], ['Space', 'Drag']], what: 'Pan the canvas (drag the background, or hold Space anywhere)' },
      { keys: [['Scroll']], what: 'Zoom in and out at the pointer' },
      { keys: [['['], [']']], what: 'Fold the palette, pin the inspector' },
      { keys: [['Mod', 'J']], what: 'Fold the bottom panel' },
      { keys: [['?']], what: 'This help' },
    ],
  },
];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How a key is written for this platform. */
export function keyLabel(key: string): string {
  if (key === 'Mod') return isMac ? '⌘' : 'Ctrl';
  if (key === 'Shift' && isMac) return '⇧';
  return key;
}
