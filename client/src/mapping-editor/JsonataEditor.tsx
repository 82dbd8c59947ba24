/**
 * The JSONata code editor used everywhere a JSONata field is edited: CodeMirror 6 with JSONata highlighting,
 * bracket matching and closing, autocomplete of the sample's field paths and of every function with its
 * one-line description, and marks (errors, warnings) underlined at their position with their message on hover.
 */
import { autocompletion } from '@codemirror/autocomplete';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type BasicSetupOptions, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { compactSetup, editorTheme } from '../inspector/codeEditor.js';
import { codeHighlight, jsonataLanguage } from '../inspector/jsonataLanguage.js';
import type { FieldTree } from '../mapper/fieldTree.js';
import { jsonataCompletionSource } from './completions.js';

/** Something to underline: `from` is a 0-based offset; without `to`, the token at `from` is marked. */
export interface EditorMark {
  from: number;
  to?: number;
  message: string;
  severity: 'error' | 'warning';
}

interface JsonataEditorProps {
  value: string;
  onChange(value: string): void;
  /** The sample's fields, for path completion. */
  fields?: FieldTree;
  marks?: readonly EditorMark[];
  size: 'compact' | 'large';
  id?: string;
  testId?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
  onBlur?(): void;
  onFocus?(): void;
  /** Receives the editor's controls (for "show me" links, and following the visual mapper's edits). */
  onReady?(controls: EditorControls): void;
}

export interface EditorControls {
  /** Puts the cursor at a 0-based offset, scrolls it into view and focuses the editor. */
  focusAt(offset: number): void;
  /** Scrolls an offset into view (centred) without taking the focus. */
  revealAt(offset: number): void;
}

const largeSetup: BasicSetupOptions = { ...compactSetup, lineNumbers: true, highlightActiveLine: true, searchKeymap: true };

/** The range of the token at `from` (to the next space or bracket), at least one character. */
function tokenRange(text: string, from: number, to?: number): { from: number; to: number } {
  const start = Math.min(Math.max(0, from), Math.max(0, text.length - 1));
  if (to !== undefined && to > start) return { from: start, to: Math.min(to, text.length) };
  const rest = text.slice(start, start + 60);
  const length = Math.max(1, rest.search(/[\s()[\]{},;]|$/));
  return { from: start, to: Math.min(text.length, start + length) };
}

export function JsonataEditor({ value, onChange, fields, marks, size, id, testId, readOnly, autoFocus, onBlur, onFocus, onReady }: JsonataEditorProps) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const extensions = useMemo(
    () => [
      jsonataLanguage,
      codeHighlight,
      EditorView.lineWrapping,
      autocompletion({ override: [jsonataCompletionSource(() => fieldsRef.current)], maxRenderedOptions: 80 }),
    ],
    [],
  );

  useEffect(() => {
    const view = editor.current?.view;
    if (!view) return;
    const text = view.state.doc.toString();
    const diagnostics: Diagnostic[] = text.length
      ? (marks ?? []).map((mark) => ({ ...tokenRange(text, mark.from, mark.to), severity: mark.severity, message: mark.message }))
      : [];
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [marks]);

  useEffect(() => {
    const clamp = (offset: number) => Math.max(0, Math.min(offset, editor.current?.view?.state.doc.length ?? 0));
    onReady?.({
      focusAt(offset) {
        const view = editor.current?.view;
        if (!view) return;
        view.dispatch({ selection: { anchor: clamp(offset) }, scrollIntoView: true });
        view.focus();
      },
      revealAt(offset) {
        editor.current?.view?.dispatch({ effects: EditorView.scrollIntoView(clamp(offset), { y: 'center' }) });
      },
    });
  }, [onReady]);

  return (
    <div className={`lf-code lf-code--${size}`} data-testid={testId}>
      <CodeMirror
        ref={editor}
        id={id}
        value={value}
        theme={editorTheme}
        basicSetup={size === 'large' ? largeSetup : compactSetup}
        extensions={extensions}
        editable={!readOnly}
        autoFocus={autoFocus}
        onChange={(next) => onChange(next)}
        onBlur={onBlur}
        onFocus={onFocus}
        {...(size === 'large' ? { height: '100%' } : { minHeight: '32px', maxHeight: '280px' })}
      />
    </div>
  );
}
