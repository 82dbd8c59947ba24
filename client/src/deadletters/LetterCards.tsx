/**
 * The cards of a dead letter's page (DeadLetterDetail.tsx) beside its trigger input: the failure (the failing
 * node by name, attempts, the error in words with its code in small print, the failing step's input), the
 * business keys, the run (flow, run ids, correlation id, when it was parked or discarded) and its replays,
 * followed live while one is running.
 */
import { useEffect, useState } from 'react';
import type { RunRecord, RunSummary } from '../../../server/storage/types.js';
import type { DeadLetter } from '../api/deadLetters.js';
import { getRun } from '../api/runs.js';
import { nodeNamesOf, useRunFlow } from '../history/flowVersions.js';
import { JsonTree } from '../inspector/JsonTree.js';
import { ageLevel, formatAge } from '../operations/format.js';
import { describeError } from '../runs/errorText.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { Fact, Facts } from '../ui/Facts.js';
import { BusinessKeys } from './parts.js';

const runHref = (id: string) => `#/runs/${encodeURIComponent(id)}`;

/** The failure; `run` (the failed run's record, once loaded) adds the attempts and the failing step's input. */
export function FailureCard({ letter, run }: { letter: DeadLetter; run?: RunRecord }) {
  const flow = useRunFlow(letter.flowId, letter.flowVersion);
  const failedSteps = run?.steps.filter((s) => s.nodeId === letter.nodeId) ?? [];
  const lastAttempt = failedSteps[failedSteps.length - 1];
  const error = describeError(letter.error);
  return (
    <div className="lf-ops-card">
      <h2 className="lf-section-title">Failure</h2>
      <Facts className="lf-dl-facts">
        <Fact label="Failing node">
          <span data-testid="dl-node" data-node-id={letter.nodeId} title={letter.nodeId ? `Node id: ${letter.nodeId}` : undefined}>
            {letter.nodeId ? (nodeNamesOf(flow)[letter.nodeId] ?? letter.nodeId) : '—'}
          </span>
          {lastAttempt ? <span className="lf-muted"> · {lastAttempt.nodeType}</span> : null}
        </Fact>
        {lastAttempt ? (
          <Fact label="Attempts">
            {failedSteps.length} · last at {formatTime(lastAttempt.startedAt)}, {formatDuration(lastAttempt.durationMs)}
          </Fact>
        ) : null}
        <Fact label="Error">
          <span className="lf-code-chip lf-code-chip--danger">{letter.error.code}</span>
          {letter.error.status ? <span className="lf-code-chip lf-code-chip--danger">HTTP {letter.error.status}</span> : null}
          {error.code && error.code !== letter.error.code ? (
            <span className="lf-muted lf-small"> {error.code}</span>
          ) : null}
          {letter.error.retryable === false ? <span className="lf-muted lf-small"> not retryable</span> : null}
        </Fact>
      </Facts>
      <p className="lf-dl-detail__message" data-testid="dl-error" title={error.raw}>
        {error.message}
      </p>
      {letter.error.details !== undefined ? (
        <details className="lf-io__section">
          <summary>Error details</summary>
          <div className="lf-json">
            <JsonTree value={letter.error.details} openDepth={3} />
          </div>
        </details>
      ) : null}
      {lastAttempt ? (
        <details className="lf-io__section">
          <summary>Input of the failing step</summary>
          <div className="lf-json">
            <JsonTree value={lastAttempt.input} openDepth={1} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

export function KeysCard({ letter }: { letter: DeadLetter }) {
  return (
    <div className="lf-ops-card">
      <h2 className="lf-section-title">Business keys</h2>
      <BusinessKeys keys={letter.businessKeys} />
    </div>
  );
}

/** The run that failed: its flow, ids, correlation id, and when it was parked (age coloured) or discarded. */
export function RunCard({ letter }: { letter: DeadLetter }) {
  const flow = useRunFlow(letter.flowId, letter.flowVersion);
  const age = Date.now() - Date.parse(letter.parkedAt);
  return (
    <div className="lf-ops-card">
      <h2 className="lf-section-title">Run</h2>
      <Facts className="lf-dl-facts">
        <Fact label="Flow">
          <a href={`#/flows/${encodeURIComponent(letter.flowId)}`} title={letter.flowId}>
            {flow?.name ?? letter.flowId}
          </a>{' '}
          <span className="lf-muted">v{letter.flowVersion}</span>
        </Fact>
        <Fact label="Failed run">
          <a href={runHref(letter.id)} className="lf-mono" data-testid="dl-run-link">
            {letter.id}
          </a>
        </Fact>
        {letter.rootRunId !== letter.id ? (
          <Fact label="First run">
            <a href={runHref(letter.rootRunId)} className="lf-mono">
              {letter.rootRunId}
            </a>
          </Fact>
        ) : null}
        <Fact label="Correlation id" className="lf-mono lf-break" testId="dl-correlation">
          {letter.correlationId}
        </Fact>
        <Fact label="Parked">
          {formatTime(letter.parkedAt)} · <span className={`lf-age lf-age--${ageLevel(age)}`}>{formatAge(age)} ago</span>
        </Fact>
        {letter.status === 'discarded' ? (
          <Fact label="Discarded" testId="dl-discard-reason">
            {formatTime(letter.discardedAt)}: {letter.discardReason}
          </Fact>
        ) : null}
      </Facts>
    </div>
  );
}

/** The replay runs with their status, polled every second while any is still running. */
export function ReplaysCard({ letter }: { letter: DeadLetter }) {
  const [replays, setReplays] = useState<Record<string, RunSummary | undefined>>({});
  const replayIds = letter.replays.join(' ');
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

  return (
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
        <p className="lf-muted lf-small">{letter.status === 'parked' ? 'Not replayed yet. A replay is a new run on the latest published version, linked to this one.' : 'None.'}</p>
      )}
    </div>
  );
}
