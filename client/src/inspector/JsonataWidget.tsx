/**
 * `format: "jsonata"` strings: the mapping editor's field (mapping-editor/MappingField.tsx): CodeMirror with
 * JSONata highlighting, autocomplete and the compile error underlined, plus the full mapping editor and,
 * for a mapping node's expression, the visual mapper.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useDocument } from '../document/documentStore.js';
import { MappingField } from '../mapping-editor/MappingField.js';
import type { ConfigFormContext } from './formContext.js';

export function JsonataWidget({ id, value, label, onChange, onBlur, onFocus, readonly, disabled, registry }: WidgetProps) {
  const context = registry.formContext as (ConfigFormContext & { nodeId?: string }) | undefined;
  const selected = useDocument((s) => s.selectedNodeId);
  const text = typeof value === 'string' ? value : '';
  const issue = context?.fieldIssues[id];
  return (
    <MappingField
      id={id}
      nodeId={context?.nodeId ?? selected}
      label={label || id.replace(/^root_/, '')}
      value={text}
      onChange={(next) => onChange(next)}
      onBlur={() => onBlur(id, text)}
      onFocus={() => onFocus(id, text)}
      readOnly={readonly || disabled}
      {...(issue ? { issue } : {})}
    />
  );
}
