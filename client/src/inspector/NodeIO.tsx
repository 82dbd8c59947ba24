/** The selected node's last input and output (or error) in the run painted on the canvas. */
import { useNodeIO, useRun } from '../runs/runStore.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { JsonTree } from './JsonTree.js';

export function NodeIO({ nodeId }: { nodeId: string }) {
  const io = useNodeIO(nodeId);
  const runId = useRun((s) => s.runId);
  if (!runId) return <p className="lf-muted">Run the flow to see what this node received and sent.</p>;
  if (!io) return <p className="lf-muted">This node did not run in the run shown.</p>;
  return (
    <div className="lf-io" data-testid="inspector-io">
      <details open className="lf-io__section">
        <summary>Input</summary>
        <div className="lf-json">
          <JsonTree value={io.input} />
        </div>
      </details>
      {io.output ? (
        <details open className="lf-io__section">
          <summary>Output {Object.keys(io.output).length > 1 ? '(by port)' : `(${Object.keys(io.output)[0] ?? 'none'})`}</summary>
          <div className="lf-json">
            <JsonTree value={Object.keys(io.output).length === 1 ? Object.values(io.output)[0] : io.output} />
          </div>
        </details>
      ) : null}
      {io.error ? (
        <details open className="lf-io__section lf-io__section--error">
          <summary>Error</summary>
          <p className="lf-io__error">
            <ErrorWords error={io.error} />
          </p>
          {io.error.details !== undefined ? (
            <div className="lf-json">
              <JsonTree value={io.error.details} />
            </div>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
