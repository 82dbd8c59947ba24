/**
 * Keyboard shortcuts and clipboard of the canvas (the list people see is designer/shortcuts.ts). Keys typed
 * into a text field, the code editor or a select are theirs, never the canvas's. Copy, cut and paste use
 * the browser's clipboard events, so they work with the keyboard, the browser menu and between tabs; the
 * last copied selection is also kept in memory for browsers that refuse custom clipboard types.
 */
import { useEffect } from 'react';
import { CLIPBOARD_MIME, parseClipboard, type ClipboardContent } from '../document/clipboard.js';
import { useDocument } from '../document/documentStore.js';
import { useLayout } from '../designer/layoutStore.js';
import { useSearch } from './searchStore.js';
import { useCanvasCommands } from './useCanvasCommands.js';

/** True for targets that take text (inputs, textareas, selects, CodeMirror): they keep their own keys. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.cm-editor') !== null;
}

let lastCopied: { text: string; content: ClipboardContent } | undefined;

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

export function useCanvasKeys(): void {
  const commands = useCanvasCommands();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextTarget(event.target) || event.altKey || useLayout.getState().modals > 0) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      const document = useDocument.getState();
      const layout = useLayout.getState();
      let handled = true;
      if (mod && !event.shiftKey && key.toLowerCase() === 'a') document.selectAll();
      else if (mod && key.toLowerCase() === 'd') commands.duplicate();
      else if ((mod && key.toLowerCase() === 'f') || (!mod && key === '/')) useSearch.getState().show();
      else if (mod && key.toLowerCase() === 'j') layout.setBottomCollapsed(!layout.bottomCollapsed);
      else if (mod) handled = false;
      else if (key === '?') layout.setHelpOpen(!layout.helpOpen);
      else if (event.shiftKey && event.code === 'Digit1') commands.fitAll();
      else if (key === '+' || key === '=') commands.zoomIn();
      else if (key === '-' || key === '_') commands.zoomOut();
      else if (event.shiftKey && key.toLowerCase() === 'l') void commands.autoLayout();
      else if (!event.shiftKey && key.toLowerCase() === 'n') commands.addNoteAtCenter();
      else if (key === '[') layout.togglePalette();
      else if (key === ']') layout.toggleInspectorPin();
      else if (key === 'Escape') {
        if (useSearch.getState().open) useSearch.getState().hide();
        else document.selectMany({});
      } else handled = false;
      if (handled) event.preventDefault();
    };

    const copy = (event: ClipboardEvent): boolean => {
      if (isTextTarget(event.target) || hasTextSelection() || useLayout.getState().modals > 0) return false;
      const content = useDocument.getState().copySelection();
      if (!content) return false;
      const text = JSON.stringify(content);
      lastCopied = { text, content };
      event.clipboardData?.setData(CLIPBOARD_MIME, text);
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
      return true;
    };
    const onCopy = (event: ClipboardEvent) => void copy(event);
    const onCut = (event: ClipboardEvent) => {
      if (copy(event)) useDocument.getState().deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextTarget(event.target) || useLayout.getState().modals > 0) return;
      const data = event.clipboardData;
      const text = data?.getData(CLIPBOARD_MIME) || data?.getData('text/plain');
      const content = parseClipboard(text) ?? (!text && lastCopied ? lastCopied.content : undefined);
      if (!content) return;
      event.preventDefault();
      commands.paste(lastCopied && text === lastCopied.text ? lastCopied.content : content);
    };

    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [commands]);
}
