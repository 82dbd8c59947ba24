/** `format: "jsonata"` strings: a CodeMirror editor with JSONata highlighting and the compile error underlined. */
import CodeMirror from '@uiw/react-codemirror';
import { EditorView } from '@codemirror/view';
import type { WidgetProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { compactSetup, editorTheme, errorMark } from './codeEditor.js';
import type { ConfigFormContext } from './formContext.js';
import { codeHighlight, jsonataLanguage } from './jsonataLanguage.js';

export function JsonataWidget({ id, value, onChange, onBlur, onFocus, readonly, disabled, registry }: WidgetProps) {
  const issue = (registry.formContext as ConfigFormContext | undefined)?.fieldIssues[id];
  const position = issue?.position;
  const extensions = useMemo(() => [jsonataLanguage, codeHighlight, EditorView.lineWrapping, errorMark(position)], [position]);
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`lf-code${issue ? ' lf-code--invalid' : ''}`} data-testid={`jsonata-${id}`}>
      <CodeMirror
        id={id}
        value={text}
        theme={editorTheme}
        basicSetup={compactSetup}
        extensions={extensions}
        editable={!readonly && !disabled}
        onChange={(next) => onChange(next)}
        onBlur={() => onBlur(id, text)}
        onFocus={() => onFocus(id, text)}
        minHeight="32px"
        maxHeight="280px"
      />
      {issue ? <div className="lf-field-error">{issue.message}</div> : null}
    </div>
  );
}
