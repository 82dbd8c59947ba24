/** The canvas toolbar (top left): search, sticky note, auto-layout, zoom to fit, shortcuts. */
import { useState } from 'react';
import { useLayout } from '../designer/layoutStore.js';
import { useDocument } from '../document/documentStore.js';
import { Icon } from './icons.js';
import { useSearch } from './searchStore.js';
import { useCanvasCommands } from './useCanvasCommands.js';

export function CanvasToolbar() {
  const commands = useCanvasCommands();
  const empty = useDocument((s) => s.nodes.length === 0);
  const [layingOut, setLayingOut] = useState(false);
  const layout = async () => {
    setLayingOut(true);
    try {
      await commands.autoLayout();
    } finally {
      setLayingOut(false);
    }
  };
  return (
    <div className="lf-toolbar" role="toolbar" aria-label="Canvas tools">
      <button type="button" className="lf-icon-button" onClick={() => useSearch.getState().show()} title="Search nodes (Ctrl+F)" aria-label="Search nodes" data-testid="tool-search">
        <Icon name="search" size={16} />
      </button>
      <button type="button" className="lf-icon-button" onClick={commands.addNoteAtCenter} title="Add a sticky note (N)" aria-label="Add a sticky note" data-testid="tool-note">
        <Icon name="note" size={16} />
      </button>
      <button type="button" className="lf-icon-button" onClick={() => void layout()} disabled={empty || layingOut} title="Auto-layout, left to right (Shift+L)" aria-label="Auto-layout" data-testid="tool-layout">
        <Icon name="layout" size={16} />
      </button>
      <button type="button" className="lf-icon-button" onClick={commands.fitAll} title="Zoom to fit (Shift+1)" aria-label="Zoom to fit" data-testid="tool-fit">
        <Icon name="fit" size={16} />
      </button>
      <span className="lf-toolbar__sep" />
      <button type="button" className="lf-icon-button" onClick={() => useLayout.getState().setHelpOpen(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" data-testid="tool-help">
        <Icon name="help" size={16} />
      </button>
    </div>
  );
}
