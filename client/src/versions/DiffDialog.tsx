/**
 * Compare any two versions of the open flow (published versions or the current draft): a canvas with the
 * added, removed, changed and moved nodes coloured (DiffCanvas) beside the field-by-field list
 * (ChangeList). The diff itself is nodes/sdk/flow-diff.ts.
 */
import { useEffect, useMemo, useState } from 'react';
import { diffFlows } from '../../../nodes/sdk/flow-diff.js';
import type { Flow } from '../../../nodes/sdk/flow.js';
import { getVersion, type VersionSummary } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { Icon } from '../canvas/icons.js';
import { useModal } from '../designer/layoutStore.js';
import { useDocument } from '../document/documentStore.js';
import { ChangeList } from './ChangeList.js';
import { DiffCanvas } from './DiffCanvas.js';
import { diffCanvas } from './diffView.js';

/** A published version number, or the draft being edited. */
export type VersionRef = number | 'draft';

const frozen = new Map<string, Promise<Flow>>();

/** A published version's flow (immutable, so cached for the page's life). */
function versionFlow(flowId: string, version: number): Promise<Flow> {
  const key = `${flowId}@${version}`;
  let flow = frozen.get(key);
  if (!flow) {
    flow = getVersion(flowId, version).then((v) => v.flow);
    flow.catch(() => frozen.delete(key));
    frozen.set(key, flow);
  }
  return flow;
}

function useVersionFlow(flowId: string, ref: VersionRef): { flow?: Flow; error?: string } {
  const [state, setState] = useState<{ ref?: VersionRef; flow?: Flow; error?: string }>({});
  useEffect(() => {
    if (ref === 'draft') return;
    let live = true;
    versionFlow(flowId, ref)
      .then((flow) => live && setState({ ref, flow }))
      .catch((error: unknown) => live && setState({ ref, error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [flowId, ref]);
  const draft = useMemo(() => (ref === 'draft' ? useDocument.getState().toFlow() : undefined), [ref]);
  if (ref === 'draft') return { flow: draft };
  return state.ref === ref ? state : {};
}

const label = (ref: VersionRef) => (ref === 'draft' ? 'Draft' : `v${ref}`);

function VersionSelect({ value, versions, onChange, testId }: { value: VersionRef; versions: VersionSummary[]; onChange(v: VersionRef): void; testId: string }) {
  return (
    <select
      className="lf-select lf-select--inline"
      value={String(value)}
      onChange={(e) => onChange(e.target.value === 'draft' ? 'draft' : Number(e.target.value))}
      data-testid={testId}
    >
      {[...versions].reverse().map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
          {v.message ? ` — ${v.message}` : ''}
        </option>
      ))}
      <option value="draft">Draft (current)</option>
    </select>
  );
}

interface DiffDialogProps {
  flowId: string;
  versions: VersionSummary[];
  from: VersionRef;
  to: VersionRef;
  onClose(): void;
}

export function DiffDialog({ flowId, versions, from: initialFrom, to: initialTo, onClose }: DiffDialogProps) {
  const [from, setFrom] = useState<VersionRef>(initialFrom);
  const [to, setTo] = useState<VersionRef>(initialTo);
  const [focus, setFocus] = useState<string>();
  useModal();
  const before = useVersionFlow(flowId, from);
  const after = useVersionFlow(flowId, to);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const diff = useMemo(() => (before.flow && after.flow ? diffFlows(before.flow, after.flow) : undefined), [before.flow, after.flow]);
  const picture = useMemo(() => (diff && before.flow && after.flow ? diffCanvas(before.flow, after.flow, diff) : undefined), [diff, before.flow, after.flow]);
  const error = before.error ?? after.error;
  const s = diff?.summary;

  return (
    <div className="lf-overlay" role="presentation">
      <section className="lf-dialog lf-dialog--full" role="dialog" aria-modal="true" aria-label="Compare versions" data-testid="diff-dialog">
        <header className="lf-dialog__head">
          <Icon name="compare" size={18} />
          <h2 className="lf-dialog__title">Compare</h2>
          <VersionSelect value={from} versions={versions} onChange={setFrom} testId="diff-from" />
          <span className="lf-muted">→</span>
          <VersionSelect value={to} versions={versions} onChange={setTo} testId="diff-to" />
          {s ? (
            <span className="lf-diff-summary" data-testid="diff-summary">
              <span className="lf-diff-badge lf-diff-badge--added">{s.added} added</span>
              <span className="lf-diff-badge lf-diff-badge--removed">{s.removed} removed</span>
              <span className="lf-diff-badge lf-diff-badge--changed">{s.changed} changed</span>
              <span className="lf-diff-badge lf-diff-badge--moved">{s.moved} moved</span>
              {s.edgesAdded + s.edgesRemoved ? (
                <span className="lf-muted">
                  connections +{s.edgesAdded} −{s.edgesRemoved}
                </span>
              ) : null}
            </span>
          ) : null}
          <div className="lf-header__spacer" />
          <button type="button" className="lf-button lf-button--ghost" onClick={onClose} aria-label="Close" title="Close (Esc)" data-testid="diff-close">
            <Icon name="close" size={16} />
          </button>
        </header>
        {error ? <p className="lf-problem-text lf-dialog__message">Could not load a version: {error}</p> : null}
        {!diff && !error ? <p className="lf-muted lf-dialog__message">Loading {label(from)} and {label(to)}…</p> : null}
        {diff && picture ? (
          <div className="lf-diff-body">
            <DiffCanvas key={`${String(from)}-${String(to)}`} nodes={picture.nodes} edges={picture.edges} focus={focus} onPick={setFocus} />
            <ChangeList diff={diff} focus={focus} onPick={setFocus} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
