/**
 * One dead letter (`#/dead-letters/<id>`): the failure (node, error, attempts), business keys and ids with
 * links to the failed run and its replays; the original trigger input in a JSON editor that validates as
 * you type and saves (`PUT /input`); replay it, or discard it with a reason.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Json } from '../../../nodes/sdk/message.js';
import type { RunRecord, RunSummary, StepRecord } from '../../../server/storage/types.js';
import { discardDeadLetter, getDeadLetter, replayDeadLetter, saveDeadLetterInput, type DeadLetter } from '../api/deadLetters.js';
import { errorMessage, ProblemError } from '../api/http.js';
import { getRun } from '../api/runs.js';
import { Icon } from '../canvas/icons.js';
import { JsonTree } from '../inspector/JsonTree.js';
import { Dialog } from '../operations/Dialog.js';
import { ageLevel, formatAge } from '../operations/format.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { useDeadLetterCount } from './deadLetterCount.js';
import { BusinessKeys, StatusChip } from './parts.js';
import { JsonEditor, jsonProblem } from './JsonEditor.js';
import { errorHeadline, prettyJson } from './letterText.js';

const runHref = (id: string) => `#/runs/${encodeURIComponent(id)}`;

const DISCARD_REASONS = ['Duplicate of an event already posted', 'Test event, not a real transaction', 'Posted by hand in the ERP'];

export function DeadLetterDetail({ id }: { id: string }) {
  const [letter, setLetter] = useState<DeadLetter>();
  const [loadError, setLoadError] = useState<string>();
  const [run, setRun] = useState<RunRecord>();
  const [replays, setReplays] = useState<Record<string, RunSummary | undefined>>({});
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [busy, setBusy] = useState<'save' | 'replay' | 'discard'>();
  const [actionError, setActionError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [discarding, setDiscarding] = useState(false);

  const adopt = useCallback((next: DeadLetter, resetText: boolean) => {
    setLetter(next);
    if (resetText) {
      const pretty = prettyJson(next.input);
      setText(pretty);
      setSavedText(pretty);
    }
  }, []);

  useEffect(() => {
    getDeadLetter(id)
      .then((l) => adopt(l, true))
      .catch((e: unknown) => setLoadError(e instanceof ProblemError && e.status === 404 ? `There is no dead letter "${id}".` : errorMessage(e)));
    getRun(id)
      .then(setRun)
      .catch(() => setRun(undefined));
  }, [id, adopt]);

  // Replay runs: their status, followed while any is running.
  const replayIds = letter?.replays.join(' ') ?? '';
  useEffect(() => {
    if (!replayIds) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const entries = await Promise.all(replayIds.split(' ').map(async (runId) => [runId, await getRun(runId).catch(() => undefined)] as const));
      if (!live) return;
      setReplays(Object.fromEntries(entries));
      if (entries.some(([, r]) => !r || r.status === 'running')) timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [replayIds]);

  const problem = useMemo(() => jsonProblem(text), [text]);
  const dirty = text !== savedText;
  const parked = letter?.status === 'parked';

  const save = async (): Promise<boolean> => {
    if (!letter || problem) return false;
    setBusy('save');
    setActionError(undefined);
    try {
      const updated = await saveDeadLetterInput(letter.id, JSON.parse(text) as Json);
      adopt(updated, false);
      setSavedText(text);
      setNotice('Payload saved: a replay will use it.');
      return true;
    } catch (e) {
      setActionError(`Could not save: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const replay = async () => {
    if (!letter) return;
    if (dirty && !(await save())) return;
    setBusy('replay');
    setActionError(undefined);
    try {
      const started = await replayDeadLetter(letter.id);
      adopt(await getDeadLetter(letter.id), false);
      setNotice(`Replaying as run ${started.runId}.`);
    } catch (e) {
      setActionError(`Could not replay: ${errorMessage(e)}`);
    } finally {
      setBusy(undefined);
      void useDeadLetterCount.getState().refresh();
    }
  };

  const discard = async (reason: string) => {
    if (!letter) return;
    setBusy('discard');
    setActionError(undefined);
    try {
      adopt(await discardDeadLetter(letter.id, reason), false);
      setDiscarding(false);
      setNotice('Discarded. The event will not be replayed.');
    } catch (e) {
      setActionError(`Could not discard: ${errorMessage(e)}`);
    } finally {
      setBusy(undefined);
      void useDeadLetterCount.getState().refresh();
    }
  };

  if (loadError) {
    return (
      <main className="lf-page__body">
        <a href="#/dead-letters" className="lf-back-link">
          <Icon name="back" size={14} /> Dead letters
        </a>
        <p className="lf-field-error">{loadError}</p>
      </main>
    );
  }
  if (!letter) return <main className="lf-page__body lf-muted">Loading…</main>;

  const failedSteps = run?.steps.filter((s) => s.nodeId === letter.nodeId) ?? [];
  const lastAttempt = failedSteps[failedSteps.length - 1];
  const age = Date.now() - Date.parse(letter.parkedAt);

  return (
    <main className="lf-dl-detail" data-testid="dl-detail" data-status={letter.status}>
      <div className="lf-dl-detail__bar">
        <a href="#/dead-letters" className="lf-back-link" title="All dead letters">
          <Icon name="back" size={14} /> Dead letters
        </a>
        <h1 className="lf-dl-detail__title">
          <span className="lf-mono">{letter.id}</span>
        </h1>
        <StatusChip status={letter.status} />
        {letter.edited ? <span className="lf-chip" title="The payload was edited since the run failed">edited</span> : null}
        <div className="lf-header__spacer" />
        {notice ? (
          <span className="lf-dl-detail__notice" role="status" data-testid="dl-notice">
            {notice}
          </span>
        ) : null}
        {parked ? (
          <>
            <button type="button" className="lf-button lf-button--danger" onClick={() => setDiscarding(true)} disabled={Boolean(busy)} data-testid="dl-discard">
              <Icon name="trash" size={14} /> Discard…
            </button>
            <button
              type="button"
              className="lf-button lf-button--primary"
              onClick={() => void replay()}
              disabled={Boolean(busy) || Boolean(problem)}
              title={problem ? 'Fix the JSON first' : dirty ? 'Saves the edited payload, then replays it' : 'Runs the flow again on this input, as a new run'}
              data-testid="dl-replay"
            >
              <Icon name="refresh" size={14} /> {busy === 'replay' ? 'Replaying…' : dirty ? 'Save & replay' : 'Replay'}
            </button>
          </>
        ) : null}
      </div>
      {actionError ? (
        <p className="lf-field-error lf-dl-detail__error" role="alert" data-testid="dl-action-error">
          {actionError}
        </p>
      ) : null}

      <div className="lf-dl-detail__grid">
        <section className="lf-dl-detail__facts" aria-label="Failure">
          <div className="lf-ops-card">
            <h2 className="lf-section-title">Failure</h2>
            <dl className="lf-dl-facts">
              <dt>Failing node</dt>
              <dd>
                <span className="lf-mono" data-testid="dl-node">
                  {letter.nodeId ?? '—'}
                </span>
                {lastAttempt ? <span className="lf-muted"> · {lastAttempt.nodeType}</span> : null}
              </dd>
              {lastAttempt ? (
                <>
                  <dt>Attempts</dt>
                  <dd>
                    {failedSteps.length} · last at {formatTime(lastAttempt.startedAt)}, {formatDuration(lastAttempt.durationMs)}
                  </dd>
                </>
              ) : null}
              <dt>Error</dt>
              <dd>
                <span className="lf-code-chip lf-code-chip--danger">{letter.error.code}</span>
                {letter.error.status ? <span className="lf-code-chip lf-code-chip--danger">HTTP {letter.error.status}</span> : null}
                {letter.error.retryable === false ? <span className="lf-muted lf-small"> not retryable</span> : null}
              </dd>
            </dl>
            <p className="lf-dl-detail__message" data-testid="dl-error">
              {errorHeadline(letter.error)}
            </p>
            {letter.error.details !== undefined ? (
              <details className="lf-io__section">
                <summary>Error details</summary>
                <div className="lf-json">
                  <JsonTree value={letter.error.details} openDepth={3} />
                </div>
              </details>
            ) : null}
            {lastAttempt ? <StepInput step={lastAttempt} /> : null}
          </div>

          <div className="lf-ops-card">
            <h2 className="lf-section-title">Business keys</h2>
            <BusinessKeys keys={letter.businessKeys} />
          </div>

          <div className="lf-ops-card">
            <h2 className="lf-section-title">Run</h2>
            <dl className="lf-dl-facts">
              <dt>Flow</dt>
              <dd>
                <a href={`#/flows/${encodeURIComponent(letter.flowId)}`}>{letter.flowId}</a> <span className="lf-muted">v{letter.flowVersion}</span>
              </dd>
              <dt>Failed run</dt>
              <dd>
                <a href={runHref(letter.id)} className="lf-mono" data-testid="dl-run-link">
                  {letter.id}
                </a>
              </dd>
              {letter.rootRunId !== letter.id ? (
                <>
                  <dt>First run</dt>
                  <dd>
                    <a href={runHref(letter.rootRunId)} className="lf-mono">
                      {letter.rootRunId}
                    </a>
                  </dd>
                </>
              ) : null}
              <dt>Correlation id</dt>
              <dd className="lf-mono lf-break" data-testid="dl-correlation">
                {letter.correlationId}
              </dd>
              <dt>Parked</dt>
              <dd>
                {formatTime(letter.parkedAt)} · <span className={`lf-age lf-age--${ageLevel(age)}`}>{formatAge(age)} ago</span>
              </dd>
              {letter.status === 'discarded' ? (
                <>
                  <dt>Discarded</dt>
                  <dd data-testid="dl-discard-reason">
                    {formatTime(letter.discardedAt)}: {letter.discardReason}
                  </dd>
                </>
              ) : null}
            </dl>
          </div>

          <div className="lf-ops-card">
            <h2 className="lf-section-title">Replays</h2>
            {letter.replays.length ? (
              <ul className="lf-replays" data-testid="dl-replays">
                {letter.replays.map((runId) => {
                  const replayRun = replays[runId];
                  const status = replayRun?.status ?? 'running';
                  return (
                    <li key={runId} className="lf-replays__item" data-testid={`dl-replay-${runId}`} data-status={status}>
                      <span className={`lf-dot lf-dot--${status}`} />
                      <a href={runHref(runId)} className="lf-mono">
                        {runId}
                      </a>
                      <span className="lf-muted">
                        {status}
                        {replayRun?.durationMs !== undefined ? ` in ${formatDuration(replayRun.durationMs)}` : ''}
                      </span>
                      {status === 'failed' ? (
                        <a href={`#/dead-letters/${encodeURIComponent(runId)}`} className="lf-small">
                          its dead letter
                        </a>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="lf-muted lf-small">{parked ? 'Not replayed yet. A replay is a new run on the latest published version, linked to this one.' : 'None.'}</p>
            )}
          </div>
        </section>

        <section className="lf-ops-card lf-dl-detail__input" aria-label="Trigger input">
          <div className="lf-row lf-dl-detail__input-head">
            <h2 className="lf-section-title">Trigger input</h2>
            <span className={`lf-json-status${problem ? ' lf-json-status--invalid' : ''}`} data-testid="dl-json-status" data-valid={!problem}>
              {problem ? <Icon name="alert" size={13} /> : <Icon name="check" size={13} />}
              {problem ? 'Invalid JSON' : dirty ? 'Valid JSON, not saved' : 'Valid JSON'}
            </span>
            <div className="lf-header__spacer" />
            {parked ? (
              <>
                <button type="button" className="lf-button lf-button--ghost" onClick={() => setText(savedText)} disabled={!dirty || Boolean(busy)} data-testid="dl-revert">
                  <Icon name="undo" size={14} /> Revert
                </button>
                <button type="button" className="lf-button" onClick={() => void save()} disabled={!dirty || Boolean(problem) || Boolean(busy)} data-testid="dl-save">
                  <Icon name="save" size={14} /> {busy === 'save' ? 'Saving…' : 'Save payload'}
                </button>
              </>
            ) : (
              <span className="lf-muted lf-small">Read-only: the letter is {letter.status}.</span>
            )}
          </div>
          <div
            className="lf-dl-detail__editor"
            onKeyDown={(event) => {
              if ((event.ctrlKey || event.metaKey) && event.key === 's') {
                event.preventDefault();
                if (parked && dirty && !problem) void save();
              }
            }}
          >
            <JsonEditor value={text} onChange={setText} readOnly={!parked} testId="dl-input" label="Trigger input JSON" />
          </div>
          {problem ? (
            <p className="lf-field-error" data-testid="dl-json-error">
              {problem}
            </p>
          ) : (
            <p className="lf-muted lf-small">
              {parked
                ? "Edit the payload the flow's trigger received, save it, then replay. Ctrl+S saves."
                : letter.status === 'replayed'
                  ? `The input ${letter.replays.length > 1 ? 'the replays' : 'the replay'} ran on${letter.edited ? ', as edited' : ''}.`
                  : 'The input as it was when the letter was discarded.'}
            </p>
          )}
        </section>
      </div>

      {discarding ? <DiscardDialog id={letter.id} busy={busy === 'discard'} error={actionError} onConfirm={(reason) => void discard(reason)} onCancel={() => setDiscarding(false)} /> : null}
    </main>
  );
}

function StepInput({ step }: { step: StepRecord }) {
  return (
    <details className="lf-io__section">
      <summary>Input of the failing step</summary>
      <div className="lf-json">
        <JsonTree value={step.input} openDepth={1} />
      </div>
    </details>
  );
}

function DiscardDialog({ id, busy, error, onConfirm, onCancel }: { id: string; busy: boolean; error?: string; onConfirm(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= 3;
  return (
    <Dialog
      title="Discard this dead letter?"
      intro={
        <>
          <span className="lf-mono">{id}</span> will not be replayed; its business keys are released, so a later delivery of the same event is processed. Say why,
          for the audit trail.
        </>
      }
      confirmLabel="Discard"
      danger
      canConfirm={valid}
      busy={busy}
      error={error}
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
      testId="discard-dialog"
    >
      <label className="lf-label" htmlFor="discard-reason">
        Reason <span className="lf-required">required</span>
      </label>
      <textarea
        id="discard-reason"
        className="lf-input lf-textarea"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        rows={3}
        autoFocus
        placeholder="e.g. Duplicate of INV-1042, posted by hand"
        data-testid="discard-reason"
      />
      <div className="lf-row lf-row--wrap">
        {DISCARD_REASONS.map((r) => (
          <button key={r} type="button" className="lf-chip lf-chip--button" onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      {!valid && reason ? <p className="lf-help">At least 3 characters.</p> : null}
    </Dialog>
  );
}
