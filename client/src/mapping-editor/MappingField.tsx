/**
 * A JSONata field in a node's config form: the code editor (highlighting, bracket matching, autocomplete of
 * the node's sample fields and of every function), its compile error underlined, and buttons that open the
 * mapping editor, or the visual mapper for a mapping node's expression.
 */
import { useMemo, useState } from 'react';
import { useDocument } from '../document/documentStore.js';
import { describeError } from '../runs/errorText.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { JsonataEditor, type EditorMark } from './JsonataEditor.js';
import { sessionFields, useNodeSession } from './mappingSession.js';
import { MappingWorkbench, type WorkbenchMode } from './MappingWorkbench.js';

interface MappingFieldProps {
  /** rjsf field id, e.g. `root_expression` or `root_routes_0_condition`. */
  id: string;
  nodeId: string | undefined;
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  onFocus?(): void;
  readOnly?: boolean;
  /** The compile error of this field (from the document checks). */
  issue?: { message: string; position?: number };
}

/** The mapping node's own expression: the one field the visual mapper draws. */
const isMappingExpression = (type: string | undefined, id: string) => type === 'transform.jsonata' && id === 'root_expression';

export function MappingField({ id, nodeId, label, value, onChange, onBlur, onFocus, readOnly, issue }: MappingFieldProps) {
  const [open, setOpen] = useState<WorkbenchMode>();
  const flowId = useDocument((s) => s.meta?.id);
  const node = useDocument((s) => (nodeId ? s.nodes.find((n) => n.id === nodeId) : undefined));
  const session = useNodeSession(flowId, nodeId);
  const fields = useMemo(() => sessionFields(session), [session.input, session.shape]); // eslint-disable-line react-hooks/exhaustive-deps
  const marks = useMemo<EditorMark[]>(
    () => (issue?.position !== undefined ? [{ from: issue.position, message: describeError({ message: issue.message }).message, severity: 'error' }] : []),
    [issue?.position, issue?.message],
  );
  const visual = isMappingExpression(node?.data.type, id);
  const canOpen = Boolean(flowId && nodeId && !readOnly);

  return (
    <div className={`lf-mapping-field${issue ? ' lf-code--invalid' : ''}`} data-testid={`jsonata-${id}`}>
      <JsonataEditor id={id} value={value} onChange={onChange} onBlur={onBlur} onFocus={onFocus} readOnly={readOnly} fields={fields} marks={marks} size="compact" />
      {issue ? (
        <div className="lf-field-error">
          <ErrorWords error={issue} />
        </div>
      ) : null}
      {canOpen ? (
        <div className="lf-mapping-field__actions">
          {visual ? (
            <button type="button" className="lf-button lf-button--small" onClick={() => setOpen('visual')} data-testid="open-visual-mapper">
              <span aria-hidden="true">⇄</span> Visual mapper
            </button>
          ) : null}
          <button type="button" className="lf-button lf-button--small" onClick={() => setOpen('expression')} data-testid={`open-mapping-editor-${id}`}>
            <span aria-hidden="true">⤢</span> Open mapping editor
          </button>
        </div>
      ) : null}
      {open && flowId && nodeId ? (
        <MappingWorkbench
          flowId={flowId}
          nodeId={nodeId}
          title={node?.data.name ?? nodeId}
          fieldLabel={label}
          value={value}
          onChange={onChange}
          initialMode={open}
          visualAvailable={visual}
          onClose={() => setOpen(undefined)}
        />
      ) : null}
    </div>
  );
}
