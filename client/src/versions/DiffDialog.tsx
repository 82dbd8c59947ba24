/**
 * Compare any two versions of the open flow (published versions or the current draft): a canvas with the
 * added, removed, changed and moved nodes coloured (DiffCanvas) beside the field-by-field list
 * (ChangeList). The diff itself is nodes/sdk/flow-diff.ts.
 */
import { useEffect, useMemo, useState } from 'react';
import { diffFlows } from '../../../nodes/sdk/flow-diff.js';
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { VersionSummary } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { useModal } from '../designer/layoutStore.js';
import { useDocument } from '../document/documentStore.js';
import { versionFlow } from '../history/flowVersions.js';
import { DialogHead, OverlayDialog } from '../ui/Dialog.js';
import { ChangeList } from './ChangeList.js';
import { DiffCanvas } from './DiffCanvas.js';
import { diffCanvas } from './diffView.js';

/** A published version number, or the draft being edited. */
export type VersionRef = number | 'draft';

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

  const diff = useMemo(() => (before.flow && after.flow ? diffFlows(before.flow, after.flow) : undefined), [before.flow, after.flow]);
  const picture = useMemo(() => (diff && before.flow && after.flow ? diffCanvas(before.flow, after.flow, diff) : undefined), [diff, before.flow, after.flow]);
  const error = before.error ?? after.error;
  const s = diff?.summary;

  return (
    <OverlayDialog label="Compare versions" size="full" onClose={onClose} closeOnBackdrop={false} testId="diff-dialog">
      <DialogHead icon="compare" title="Compare" onClose={onClose} closeTitle="Close (Esc)" closeTestId="diff-close">
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
      </DialogHead>
      {error ? <p className="lf-problem-text lf-dialog__message">Could not load a version: {error}</p> : null}
      {!diff && !error ? <p className="lf-muted lf-dialog__message">Loading {label(from)} and {label(to)}…</p> : null}
      {diff && picture ? (
        <div className="lf-diff-body">
          <DiffCanvas key={`${String(from)}-${String(to)}`} nodes={picture.nodes} edges={picture.edges} focus={focus} onPick={setFocus} />
          <ChangeList diff={diff} focus={focus} onPick={setFocus} />
        </div>
      ) : null}
    </OverlayDialog>
  );
}
