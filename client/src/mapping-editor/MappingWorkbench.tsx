/**
 * The mapping editor, a large dialog over the designer. Expression mode: the sample input on the left, the
 * expression in the middle, the output re-evaluated as you type on the right (off the UI thread, bounded to
 * 1 s), checked against the target. Visual mode (mapping nodes): the visual mapper in place of input and
 * expression, the expression under it, the same output. Every edit goes through `onChange` (the node's
 * config field), so it is undoable like any other edit.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { defaultExpressionLimits } from '../../../nodes/sdk/expression.js';
import { useDocument } from '../document/documentStore.js';
import { JsonTree } from '../inspector/JsonTree.js';
import { useLayout } from '../designer/layoutStore.js';
import { treeFromSchema } from '../mapper/fieldTree.js';
import { splitPath } from '../mapper/mappingModel.js';
import { VisualMapper } from '../mapper/VisualMapper.js';
import { InputPicker, useSamples } from './InputPicker.js';
import { JsonataEditor, type EditorControls, type EditorMark } from './JsonataEditor.js';
import { sessionFields, useMappingSession, useNodeSession } from './mappingSession.js';
import { OutputPane } from './OutputPane.js';
import { decodeTarget, encodeTarget, targetOptions } from './targets.js';
import { useMappingTarget } from './useMappingTarget.js';
import { usePreview } from './usePreview.js';
import './mappingEditor.css';

export type WorkbenchMode = 'visual' | 'expression';

const isTextTarget = (target: EventTarget) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Offset of a target field's key in a printed mapping: each key of its path searched after the previous one. */
function offsetOfTarget(expression: string, target: string): number {
  let at = 0;
  for (const key of splitPath(target)) {
    const found = expression.indexOf(`${JSON.stringify(key)}:`, at);
    if (found < 0) break;
    at = found;
  }
  return at;
}

interface MappingWorkbenchProps {
  flowId: string;
  nodeId: string;
  /** The node's name, for the title. */
  title: string;
  fieldLabel: string;
  value: string;
  onChange(value: string): void;
  initialMode: WorkbenchMode;
  /** True for mapping nodes (`transform.jsonata`): their result object can be drawn. */
  visualAvailable: boolean;
  onClose(): void;
}

export function MappingWorkbench({ flowId, nodeId, title, fieldLabel, value, onChange, initialMode, visualAvailable, onClose }: MappingWorkbenchProps) {
  const [mode, setMode] = useState<WorkbenchMode>(visualAvailable ? initialMode : 'expression');
  const session = useNodeSession(flowId, nodeId);
  const chooseTarget = useMappingSession((s) => s.chooseTarget);
  const target = useMappingTarget(nodeId, session.target);
  const samples = useSamples();
  const settings = useDocument((s) => s.meta?.settings);
  const limits = useMemo(
    () => ({ timeoutMs: settings?.expressionTimeoutMs ?? defaultExpressionLimits.timeoutMs, maxDepth: settings?.expressionMaxDepth ?? defaultExpressionLimits.maxDepth }),
    [settings?.expressionTimeoutMs, settings?.expressionMaxDepth],
  );
  // What transform.jsonata binds when it runs (`$idempotencyKey`, `<run>:<node>`), with a stand-in run id.
  const bindings = useMemo(() => ({ idempotencyKey: `preview:${nodeId}` }), [nodeId]);
  const preview = usePreview(value, session.input, target.resolved?.check, limits, bindings);
  const sources = useMemo(() => sessionFields(session), [session.input, session.shape]); // eslint-disable-line react-hooks/exhaustive-deps
  const targets = useMemo(() => (target.resolved?.schema ? treeFromSchema(target.resolved.schema) : undefined), [target.resolved]);
  const options = useMemo(() => targetOptions(target.validators, samples.map((s) => s.name)), [target.validators, samples]);
  const controls = useRef<EditorControls | undefined>(undefined);
  const onReady = useCallback((ready: EditorControls) => (controls.current = ready), []);
  const dialog = useRef<HTMLDivElement>(null);

  const marks = useMemo<EditorMark[]>(() => {
    const result = preview.result;
    if (!result) return [];
    const out: EditorMark[] = [];
    if (result.error?.position !== undefined) out.push({ from: result.error.position, message: result.error.message, severity: 'error' });
    for (const warning of result.warnings) if (warning.position !== undefined) out.push({ from: warning.position, message: warning.message, severity: 'warning' });
    return out;
  }, [preview.result]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const closeModal = useLayout.getState().openModal();
    if (!dialog.current?.contains(document.activeElement)) dialog.current?.focus();
    return () => {
      closeModal();
      previous?.focus?.();
    };
  }, []);
  /** A visual edit: commit it, then scroll the expression to the field it changed. */
  const onVisualChange = useCallback(
    (next: string, target?: string) => {
      onChange(next);
      if (target !== undefined) requestAnimationFrame(() => controls.current?.revealAt(offsetOfTarget(next, target)));
    },
    [onChange],
  );

  const showPosition = (offset: number) => {
    if (mode === 'visual') setMode('expression');
    requestAnimationFrame(() => controls.current?.focusAt(offset));
  };
  // Problems are shown under the target they were checked against (not a newly chosen one still being checked).
  const targetLabel = target.resolved?.check && preview.target === target.resolved.check ? target.resolved.label : undefined;
  const groups = ['In this flow', 'Canonical models', 'Example payloads'] as const;

  const editor = (size: 'large' | 'compact') => (
    <JsonataEditor value={value} onChange={onChange} fields={sources} marks={marks} size={size} testId="mapping-expression" onReady={onReady} autoFocus={mode === 'expression'} />
  );

  return createPortal(
    <div className="lf-modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        className="lf-workbench"
        role="dialog"
        aria-modal="true"
        aria-label={`Mapping editor: ${title}`}
        tabIndex={-1}
        ref={dialog}
        data-testid="mapping-workbench"
        data-mode={mode}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !event.defaultPrevented) {
            event.stopPropagation();
            onClose();
          } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !isTextTarget(event.target)) {
            // Outside the code editor (which keeps its own undo), undo and redo the flow's edits, the mapper's lines included.
            event.preventDefault();
            if (event.shiftKey) useDocument.getState().redo();
            else useDocument.getState().undo();
          }
        }}
      >
        <header className="lf-workbench__head">
          <div className="lf-workbench__title">
            <span>Mapping</span>
            <span className="lf-muted">
              {title} · {fieldLabel}
            </span>
          </div>
          {visualAvailable ? (
            <div className="lf-segmented" role="tablist" aria-label="Editor">
              {(['visual', 'expression'] as const).map((m) => (
                <button key={m} type="button" role="tab" aria-selected={mode === m} className={`lf-segmented__item${mode === m ? ' lf-segmented__item--active' : ''}`} onClick={() => setMode(m)} data-testid={`mode-${m}`}>
                  {m === 'visual' ? 'Visual mapper' : 'Expression'}
                </button>
              ))}
            </div>
          ) : null}
          <label className="lf-workbench__target">
            <span className="lf-muted">Target</span>
            <select className="lf-select" value={encodeTarget(target.choice)} onChange={(event) => chooseTarget(flowId, nodeId, decodeTarget(event.target.value))} data-testid="mapping-target">
              {groups.map((group) => {
                const inGroup = options.filter((o) => o.group === group);
                return inGroup.length ? (
                  <optgroup key={group} label={group}>
                    {inGroup.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
              <option value="none">No target</option>
            </select>
          </label>
          {target.error ? <span className="lf-chip lf-chip--danger" title={target.error}>target not loaded</span> : null}
          <button type="button" className="lf-button lf-button--primary" onClick={onClose} data-testid="mapping-done">
            Done
          </button>
        </header>
        {mode === 'visual' ? (
          <div className="lf-workbench__body lf-workbench__body--visual">
            <VisualMapper
              expression={value}
              onChange={onVisualChange}
              sources={sources}
              targets={targets}
              targetLabel={target.resolved?.label}
              problems={targetLabel ? (preview.result?.problems ?? []) : []}
              sourceHeader={<InputPicker flowId={flowId} nodeId={nodeId} session={session} />}
            />
            <section className="lf-workbench__strip" aria-label="Expression">
              <div className="lf-pane-head">
                <h3 className="lf-pane-title">Expression</h3>
                <span className="lf-muted">edit here or draw lines above: both stay in step</span>
              </div>
              {editor('large')}
            </section>
            <OutputPane preview={preview} targetLabel={targetLabel} hasInput={session.input !== undefined} onShowPosition={showPosition} />
          </div>
        ) : (
          <div className="lf-workbench__body lf-workbench__body--expression">
            <section className="lf-input-pane" aria-label="Sample input">
              <div className="lf-pane-head lf-pane-head--stack">
                <InputPicker flowId={flowId} nodeId={nodeId} session={session} />
              </div>
              <div className="lf-input-pane__json lf-json" data-testid="mapping-input">
                {session.input !== undefined ? <JsonTree value={session.input} openDepth={3} /> : <p className="lf-muted">No sample yet.</p>}
              </div>
            </section>
            <section className="lf-expression-pane" aria-label="Expression">
              <div className="lf-pane-head">
                <h3 className="lf-pane-title">Expression</h3>
                <span className="lf-muted">
                  <kbd>Ctrl</kbd>+<kbd>Space</kbd> fields and functions
                </span>
              </div>
              {editor('large')}
            </section>
            <OutputPane preview={preview} targetLabel={targetLabel} hasInput={session.input !== undefined} onShowPosition={showPosition} />
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}
