/**
 * One run (`#/runs/<id>`): its summary and business keys, the path it took drawn on the flow version it ran
 * on, the step timeline with each step's input and output, and the actions: re-run on the latest published
 * version with the same input, replay its dead letter (when parked), open the flow in the designer.
 * A run still going is followed live (subscribe with afterSeq: the trace resumes where the record ends).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RunRecord } from '../../../server/storage/types.js';
import { getDeadLetter, getRunDetail, replayDeadLetter, rerun, rerunFrom } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { onTrace, subscribe, unsubscribe } from '../api/live.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { Fact, Facts } from '../ui/Facts.js';
import { nodeNamesOf, useRunFlow } from './flowVersions.js';
import { RunPathCanvas } from './RunPathCanvas.js';
import { StepTimeline } from './StepTimeline.js';

/** Loads the run, and reloads it (debounced) while trace events of it arrive. */
function useRun(runId: string): { run?: RunRecord; error?: string; reload: () => void } {
  const [run, setRun] = useState<RunRecord>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    getRunDetail(runId).then(
      (record) => {
        setRun(record);
        setError(undefined);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [runId]);
  useEffect(() => {
    reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onTrace((event) => {
      if (event.runId !== runId) return;
      clearTimeout(timer);
      timer = setTimeout(reload, event.kind === 'run.finished' ? 0 : 250);
    });
    void subscribe({ runId });
    return () => {
      off();
      clearTimeout(timer);
      unsubscribe({ runId });
    };
  }, [runId, reload]);
  return { run, error, reload };
}

/** The step a re-run starts from by default: the failing node's last step, else the last step. */
function defaultFromSeq(run: RunRecord): number | undefined {
  const failing = run.error?.nodeId ? [...run.steps].reverse().find((s) => s.nodeId === run.error?.nodeId) : undefined;
  return (failing ?? run.steps.at(-1))?.seq;
}

/** Re-run from a chosen step, on the version the run ran (published runs only). */
function RerunFromStep({ run, nodeNames, onStarted, onError }: { run: RunRecord; nodeNames: Record<string, string>; onStarted: (runId: string) => void; onError: (message: string) => void }) {
  const [seq, setSeq] = useState<number | undefined>(() => defaultFromSeq(run));
  if (run.flowVersion === 0 || run.steps.length === 0 || seq === undefined) return null;
  return (
    <span className="lf-row">
      <select className="lf-input" data-testid="rerun-from-step" value={seq} onChange={(e) => setSeq(Number(e.target.value))} title="The step to run again; the steps before it are copied from this run">
        {run.steps.map((step) => (
          <option key={step.seq} value={step.seq}>
            #{step.seq} {nodeNames[step.nodeId] ?? step.nodeId}
            {step.attempt > 1 ? ` (attempt ${step.attempt})` : ''}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="lf-button"
        data-testid="rerun-from"
        title={`A new run on version ${run.flowVersion}, the one this run ran: steps before the chosen one are copied from this run, the rest run again`}
        onClick={() => rerunFrom(run.id, seq).then((r) => onStarted(r.runId), (e: unknown) => onError(errorMessage(e)))}
      >
        <Icon name="run" size={14} /> Re-run from step
      </button>
    </span>
  );
}

function Actions({ run, nodeNames }: { run: RunRecord; nodeNames: Record<string, string> }) {
  const [parked, setParked] = useState(false);
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    if (run.status !== 'failed' && run.status !== 'interrupted') return;
    getDeadLetter(run.id).then((letter) => setParked(letter.status === 'parked'), () => setParked(false));
  }, [run.id, run.status]);
  const started = (runId: string) => (window.location.hash = `#/runs/${encodeURIComponent(runId)}`);
  return (
    <div className="lf-row lf-run-actions">
      {message ? <span className="lf-field-error">{message}</span> : null}
      {parked ? (
        <button type="button" className="lf-button lf-button--primary" data-testid="replay" onClick={() => replayDeadLetter(run.id).then((r) => started(r.runId), (e: unknown) => setMessage(errorMessage(e)))}>
          <Icon name="restore" size={14} /> Replay dead letter
        </button>
      ) : null}
      <RerunFromStep run={run} nodeNames={nodeNames} onStarted={(runId) => started(runId)} onError={setMessage} />
      <button type="button" className="lf-button" data-testid="rerun" title="A new run on the latest published version, with this run's input" onClick={() => rerun(run.id).then((r) => started(r.runId), (e: unknown) => setMessage(errorMessage(e)))}>
        <Icon name="run" size={14} /> Re-run
      </button>
      <a className="lf-button lf-button--ghost" href={`#/flows/${encodeURIComponent(run.flowId)}`} data-testid="open-designer">
        <Icon name="flow" size={14} /> Open in designer
      </a>
    </div>
  );
}

export function RunDetailPage({ runId }: { runId: string }) {
  const { run, error } = useRun(runId);
  const flow = useRunFlow(run?.flowId, run?.flowVersion);
  const nodeNames = nodeNamesOf(flow);
  return (
    <div className="lf-page">
      <AppHeader current="runs" />
      <main className="lf-page__body lf-page__body--wide" data-testid="run-detail">
        <a href="#/runs" className="lf-muted">
          ‹ All runs
        </a>
        {error ? <p className="lf-field-error">Could not load run {runId}: {error}</p> : null}
        {!run && !error ? <p className="lf-muted">Loading…</p> : null}
        {run ? (
          <>
            <div className="lf-row lf-row--between">
              <h1 className="lf-page__title">
                <span className={`lf-dot lf-dot--${run.status}`} /> <span data-testid="run-status">{run.status}</span> · {flow?.name ?? run.flowId}{' '}
                <span className="lf-chip">{run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`}</span>
              </h1>
              <Actions run={run} nodeNames={nodeNames} />
            </div>
            <Facts className="lf-facts">
              <Fact label="Run" className="lf-mono">
                {run.id}
              </Fact>
              <Fact label="Started">{formatTime(run.startedAt)}</Fact>
              <Fact label="Duration">{formatDuration(run.durationMs)}</Fact>
              <Fact label="Correlation id" className="lf-mono">
                <a href={`#/runs?correlationId=${encodeURIComponent(run.correlationId)}`}>{run.correlationId}</a>
              </Fact>
              {run.replayOf ? (
                <Fact label="Replay of" className="lf-mono">
                  <a href={`#/runs/${encodeURIComponent(run.replayOf)}`}>{run.replayOf}</a>
                </Fact>
              ) : null}
              {Object.entries(run.businessKeys).map(([name, value]) => (
                <Fact key={name} label={name} className="lf-mono">
                  <a href={`#/runs?businessKey=${encodeURIComponent(value)}`}>{value}</a>
                </Fact>
              ))}
            </Facts>
            {run.error ? (
              <div className="lf-run-error" data-testid="run-error">
                <strong title={run.error.nodeId ? `Node id: ${run.error.nodeId}` : undefined}>
                  Failed at {run.error.nodeId ? (nodeNames[run.error.nodeId] ?? run.error.nodeId) : 'the run'}
                </strong>
                : <ErrorWords error={run.error} />
              </div>
            ) : null}
            {flow ? <RunPathCanvas flow={flow} steps={run.steps} /> : null}
            <h2 className="lf-section-title">Steps</h2>
            <StepTimeline run={run} nodeNames={nodeNames} />
          </>
        ) : null}
      </main>
    </div>
  );
}
