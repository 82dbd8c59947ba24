/**
 * The right side of the mapping editor: the output re-evaluated as you type, the expression error in plain
 * words (with a link to its position; JSONata's code last, in small print), the output's problems against the target with their JSON paths
 * (cases M1, M2), and the SDK's warnings (cases M2, M7).
 */
import type { PreviewState } from './usePreview.js';

interface OutputPaneProps {
  preview: PreviewState;
  /** The target's name, when one is set. */
  targetLabel?: string;
  hasInput: boolean;
  onShowPosition(offset: number): void;
}

const MAX_SHOWN = 200_000;

function Status({ preview }: { preview: PreviewState }) {
  const { phase, result } = preview;
  if (phase === 'idle') return null;
  if (phase === 'timeout') return <span className="lf-chip lf-chip--danger">timed out</span>;
  if (phase === 'failed') return <span className="lf-chip lf-chip--danger">preview failed</span>;
  const busy = phase === 'running' ? ' · updating' : '';
  if (!result) return <span className="lf-chip">evaluating…</span>;
  if (result.status === 'error') return <span className="lf-chip lf-chip--danger">error{busy}</span>;
  return <span className="lf-chip lf-chip--ok">{`${result.durationMs} ms${busy}`}</span>;
}

export function OutputPane({ preview, targetLabel, hasInput, onShowPosition }: OutputPaneProps) {
  const result = preview.result;
  const text = result?.output === undefined ? undefined : JSON.stringify(result.output, null, 2);
  return (
    <section className="lf-output-pane" aria-label="Output" data-testid="mapping-output-pane" data-phase={preview.phase}>
      <div className="lf-pane-head">
        <h3 className="lf-pane-title">Output</h3>
        <Status preview={preview} />
      </div>
      <div className="lf-output-pane__scroll">
        {!hasInput ? <p className="lf-muted lf-pad">Choose a sample input to see what this mapping gives.</p> : null}
        {preview.phase === 'timeout' || preview.phase === 'failed' ? (
          <div className="lf-callout lf-callout--danger" data-testid="mapping-timeout">
            {preview.message}. The expression may loop or work through too much data; the preview was stopped.
          </div>
        ) : null}
        {result?.error ? (
          <div className="lf-callout lf-callout--danger" data-testid="mapping-error">
            <div>{result.error.message}</div>
            <div className="lf-callout__meta">
              {result.error.phase === 'syntax' ? 'Syntax error' : 'Evaluation error'}
              {result.error.position !== undefined ? (
                <>
                  {' · '}
                  <button type="button" className="lf-link" onClick={() => onShowPosition(result.error!.position!)}>
                    at position {result.error.position}
                  </button>
                </>
              ) : null}
              {result.error.code ? (
                <span title="JSONata's error code (docs.jsonata.org/errors)">
                  {' · '}JSONata {result.error.code}
                </span>
              ) : null}
            </div>
          </div>
        ) : null}
        {result && targetLabel && result.status !== 'error' ? (
          result.problems.length ? (
            <div className="lf-callout lf-callout--warn" data-testid="mapping-problems">
              <div className="lf-callout__title">
                {result.problems.length} problem{result.problems.length === 1 ? '' : 's'} against {targetLabel}
              </div>
              <ul className="lf-problem-list">
                {result.problems.map((problem) => (
                  <li key={`${problem.path}|${problem.message}`} data-path={problem.path}>
                    <code>{problem.path}</code> {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="lf-callout lf-callout--ok" data-testid="mapping-matches">
              Matches {targetLabel}
            </div>
          )
        ) : null}
        {result?.warnings.length ? (
          <ul className="lf-problem-list lf-problem-list--warnings" data-testid="mapping-warnings">
            {result.warnings.map((warning, i) => (
              <li key={i}>
                {warning.message}
                {warning.position !== undefined ? (
                  <>
                    {' '}
                    <button type="button" className="lf-link" onClick={() => onShowPosition(warning.position!)}>
                      show
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {result?.status === 'empty' ? <p className="lf-muted lf-pad">The expression gives nothing for this input.</p> : null}
        {text !== undefined ? (
          <pre className="lf-output-pane__json" data-testid="mapping-output">
            {text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}\n… (${text.length - MAX_SHOWN} more characters)` : text}
          </pre>
        ) : null}
      </div>
    </section>
  );
}
