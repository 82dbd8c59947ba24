/** The steps of the painted run, in order, with status, attempt (when retried) and duration; clicking one selects its node. */
import { useDocument } from '../document/documentStore.js';
import { formatDuration } from './format.js';
import { useRun } from './runStore.js';

export function StepList() {
  const steps = useRun((s) => s.steps);
  const select = useDocument((s) => s.select);
  if (!steps.length) return null;
  return (
    <table className="lf-table lf-steps" data-testid="step-list">
      <thead>
        <tr>
          <th>#</th>
          <th>Node</th>
          <th>Status</th>
          <th className="lf-num">Duration</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={step.seq} onClick={() => select({ nodeId: step.nodeId })} data-testid={`step-${step.nodeId}`} data-status={step.status}>
            <td className="lf-muted">{step.seq}</td>
            <td className="lf-steps__node" title={step.nodeType}>
              <span className="lf-mono">{step.nodeId}</span>
            </td>
            <td>
              <span className={`lf-dot lf-dot--${step.status}`} /> {step.status}
              {step.attempt > 1 ? <span className="lf-muted"> · attempt {step.attempt}</span> : null}
              {step.retryInMs !== undefined ? <span className="lf-muted"> · retry in {formatDuration(step.retryInMs)}</span> : null}
              {step.error ? (
                <div className="lf-steps__error" title={step.error.message}>
                  <span className="lf-clamp">{step.error.message}</span>
                </div>
              ) : null}
            </td>
            <td className="lf-num">{formatDuration(step.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
