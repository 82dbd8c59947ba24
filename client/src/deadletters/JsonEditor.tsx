/**
 * A JSON editor (CodeMirror) that validates as you type: syntax errors are underlined where they are and
 * described under the editor; `onChange` gets the text and, when it parses, the value.
 */
import CodeMirror from '@uiw/react-codemirror';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { useMemo } from 'react';
import { editorTheme } from '../inspector/codeEditor.js';
import { codeHighlight } from '../inspector/jsonataLanguage.js';

/** A JSON value as the editor shows it: two-space indented (`null` for a value JSON cannot hold). */
export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';

/** Where JSON.parse failed, as `line 3, column 7` when the engine says where. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    if (!at || /\(line \d+ column \d+\)/.test(message)) return message;
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${message} (line ${line}, column ${column})`;
  }
}

const gutterTheme = EditorView.theme({
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-3)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface-3)', border: '1px solid var(--border)', color: 'var(--text-muted)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)', borderRadius: 'var(--radius-sm)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
});

interface JsonEditorProps {
  value: string;
  onChange(text: string): void;
  readOnly?: boolean;
  testId?: string;
  label: string;
}

export function JsonEditor({ value, onChange, readOnly, testId, label }: JsonEditorProps) {
  const extensions = useMemo(() => [json(), linter(jsonParseLinter(), { delay: 150 }), lintGutter(), codeHighlight, gutterTheme, EditorView.contentAttributes.of({ 'aria-label': label })], [label]);
  return (
    <div className="lf-code lf-json-editor" data-testid={testId}>
      <CodeMirror
        value={value}
        theme={editorTheme}
        basicSetup={{ lineNumbers: true, foldGutter: true, highlightActiveLine: false, autocompletion: false, bracketMatching: true, closeBrackets: true, syntaxHighlighting: false }}
        extensions={extensions}
        editable={!readOnly}
        readOnly={readOnly}
        onChange={onChange}
        height="100%"
      />
    </div>
  );
}
