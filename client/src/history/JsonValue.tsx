/**
 * A run value in the collapsible JSON viewer. Values the server truncated (`$truncated`, see
 * server/http/run-detail.ts) show their size and beginning, and load in full on request, by run id and
 * step number: nothing is sent back to the server but the ids.
 */
import { useState } from 'react';
import type { TruncatedValue } from '../../../server/http/run-detail.js';
import { getFullInput, getFullStep } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { JsonTree } from '../inspector/JsonTree.js';

function isTruncated(value: unknown): value is TruncatedValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$truncated' in value;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Loads the full value a TruncatedValue stands for (`where`: `input` or `step:<seq>:input|output:<port>`). */
async function loadFull(runId: string, where: string): Promise<unknown> {
  if (where === 'input') return getFullInput(runId);
  const [, seq, part, port] = where.split(':');
  const step = await getFullStep(runId, Number(seq));
  return part === 'input' ? step.input : step.output?.[port!];
}

export function JsonValue({ runId, value, testId }: { runId: string; value: unknown; testId?: string }) {
  const [full, setFull] = useState<{ value: unknown } | undefined>();
  const [state, setState] = useState<{ loading?: boolean; error?: string }>({});
  if (!isTruncated(value) || full) {
    return (
      <div className="lf-json" data-testid={testId}>
        <JsonTree value={full ? full.value : value} />
      </div>
    );
  }
  const { bytes, preview, where } = value.$truncated;
  return (
    <div className="lf-json lf-json--truncated" data-testid={testId}>
      <div className="lf-row">
        <span className="lf-muted">{formatBytes(bytes)}, shortened</span>
        <button
          type="button"
          className="lf-button lf-button--ghost"
          disabled={state.loading}
          data-testid="load-full"
          onClick={() => {
            setState({ loading: true });
            loadFull(runId, where).then(
              (loaded) => setFull({ value: loaded }),
              (error: unknown) => setState({ error: errorMessage(error) }),
            );
          }}
        >
          {state.loading ? 'Loading…' : 'Load full value'}
        </button>
      </div>
      {state.error ? <p className="lf-field-error">{state.error}</p> : null}
      <pre className="lf-json__preview-text">{preview}…</pre>
    </div>
  );
}
