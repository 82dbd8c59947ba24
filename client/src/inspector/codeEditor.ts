/** Shared CodeMirror setup for the inspector's code fields: compact, themed by the design system's CSS variables. */
import { EditorView, Decoration, type DecorationSet } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import type { BasicSetupOptions } from '@uiw/react-codemirror';

export const compactSetup: BasicSetupOptions = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  highlightActiveLineGutter: false,
  autocompletion: false,
  searchKeymap: false,
  bracketMatching: true,
  closeBrackets: true,
  syntaxHighlighting: false,
};

export const editorTheme: Extension = EditorView.theme({
  '&': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '12.5px',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius-sm)',
  },
  '&.cm-focused': { outline: '2px solid var(--accent-ring)', outlineOffset: '0' },
  '.cm-content': { fontFamily: 'var(--font-mono)', padding: '6px 0', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5' },
  '.cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
  '.cm-nonmatchingBracket': { backgroundColor: 'var(--danger-soft)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--accent-soft) !important' },
  '.cm-lf-error': { textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px', backgroundColor: 'var(--danger-soft)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
});

/**
 * Underlines the token at `position` (0-based offset from a compile error) up to the next space, at least
 * one character; nothing when `position` is undefined.
 */
export function errorMark(position: number | undefined): Extension {
  if (position === undefined) return [];
  return EditorView.decorations.compute(['doc'], (state): DecorationSet => {
    const length = state.doc.length;
    if (length === 0) return Decoration.none;
    const from = Math.min(Math.max(0, position), length - 1);
    const rest = state.doc.sliceString(from, Math.min(length, from + 40));
    const to = from + Math.max(1, rest.search(/\s|$/));
    return Decoration.set([Decoration.mark({ class: 'cm-lf-error' }).range(from, Math.min(to, length))]);
  });
}
