/** Keyboard shortcuts of the designer: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+S save. */
import { useEffect } from 'react';
import { useDocument } from '../document/documentStore.js';
import { useLayout } from './layoutStore.js';
import { saveDraft } from './persistence.js';

function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useDesignerKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void saveDraft();
        return;
      }
      if (isEditing(event.target) || useLayout.getState().modals > 0) return; // text fields keep their own undo; dialogs have none
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        useDocument.getState().undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        useDocument.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
