/**
 * The steps of one run on a time axis: each attempt with its node, attempt number, status, start offset and
 * duration (a bar on the run's time line), the wait before a retry and the wait for a held connection.
 * A row opens to show the step's input, outputs and error; a failed step is open from the start.
 */
import { memo, useState } from 'react';
import type { RunRecord, StepRecord } from '../../../server/storage/types.js';
import { formatDuration } from '../runs/format.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { StatusLabel } from '../ui/StatusLabel.js';
import { JsonValue } from './JsonValue.js';

/** Bars: offset and width as a share of the run's span. */
export function timelineScale(run: RunRecord): { start: number; span: number } {
  const start = Date.parse(run.startedAt);
  const ends = run.steps.map((s) => Date.parse(s.startedAt) + (s.durationMs ?? 0) + (s.retryInMs ?? 0));
  const end = Math.max(start + (run.durationMs ?? 0), ...ends, start + 1);
  return { start, span: end - start };
}

const StepRow = memo(function StepRow({ run, step, nodeName, scale }: { run: RunRecord; step: StepRecord; nodeName: string; scale: { start: number; span: number } }) {
  const [open, setOpen] = useState(step.status === 'failed' && step.retryInMs === undefined);
  const offset = Date.parse(step.startedAt) - scale.start;
  const left = (Math.max(0, offset) / scale.span) * 100;
  const width = Math.max(0.5, ((step.durationMs ?? 0) / scale.span) * 100);
  const wait = step.retryInMs !== undefined ? ((step.retryInMs / scale.span) * 100) : 0;
  return (
    <>
      <tr className="lf-timeline__row" onClick={() => setOpen(!open)} data-testid={`timeline-step-${step.seq}`} data-node={step.nodeId} data-status={step.status} aria-expanded={open}>
        <td className="lf-muted">{step.seq}</td>
        <td>
          <span className="lf-timeline__caret">{open ? '▾' : '▸'}</span> {nodeName}
          <div className="lf-muted lf-mono">{step.nodeType}</div>
        </td>
        <td>
          <StatusLabel status={step.status} />
          {step.attempt > 1 ? <span className="lf-muted"> · attempt {step.attempt}</span> : null}
          {step.waitingFor ? <div className="lf-muted">waiting for {step.waitingFor}</div> : null}
          {step.retryInMs !== undefined ? <div className="lf-muted">retry after {formatDuration(step.retryInMs)}</div> : null}
        </td>
        <td className="lf-num lf-muted">{offset < 0 ? <span title="Copied from the run this one re-runs">copied</span> : `+${formatDuration(offset)}`}</td>
        <td className="lf-num">{formatDuration(step.durationMs)}</td>
        <td className="lf-timeline__track">
          <span className={`lf-timeline__bar lf-timeline__bar--${step.status}`} style={{ left: `${left}%`, width: `${width}%` }} />
          {wait ? <span className="lf-timeline__wait" style={{ left: `${left + width}%`, width: `${wait}%` }} title="waiting before the next attempt" /> : null}
        </td>
      </tr>
      {open ? (
        <tr className="lf-timeline__detail">
          <td />
          <td colSpan={5}>
            {step.error ? (
              <div className="lf-timeline__error" data-testid={`step-error-${step.seq}`}>
                <ErrorWords error={step.error} />
              </div>
            ) : null}
            <div className="lf-timeline__io">
              <section>
                <h4 className="lf-section-title">Input</h4>
                <JsonValue runId={run.id} value={step.input} testId={`step-input-${step.seq}`} />
              </section>
              {Object.entries(step.output ?? {}).map(([port, payload]) => (
                <section key={port}>
                  <h4 className="lf-section-title">Output · {port}</h4>
                  <JsonValue runId={run.id} value={payload} testId={`step-output-${step.seq}-${port}`} />
                </section>
              ))}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
});

export function StepTimeline({ run, nodeNames }: { run: RunRecord; nodeNames: Record<string, string> }) {
  const scale = timelineScale(run);
  if (!run.steps.length) return <p className="lf-muted">No steps recorded.</p>;
  return (
    <table className="lf-table lf-timeline" data-testid="step-timeline">
      <thead>
        <tr>
          <th>#</th>
          <th>Node</th>
          <th>Status</th>
          <th className="lf-num">Start</th>
          <th className="lf-num">Duration</th>
          <th className="lf-timeline__track-head">Time line</th>
        </tr>
      </thead>
      <tbody>
        {run.steps.map((step) => (
          <StepRow key={step.seq} run={run} step={step} nodeName={nodeNames[step.nodeId] ?? step.nodeId} scale={scale} />
        ))}
      </tbody>
    </table>
  );
}
