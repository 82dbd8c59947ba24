/**
 * Chooses the sample input of a mapping: the node's input in the run shown on the canvas or in a past run
 * of this flow, a fixture (as the trigger's payload), or pasted JSON (the payload, or the whole message).
 */
import { useEffect, useMemo, useState } from 'react';
import { canonicalModelNames, type CanonicalModelName } from '../../../nodes/canonical/index.js';
import type { RunSummary } from '../../../server/storage/types.js';
import { listSamples, type SampleInfo } from '../api/catalog.js';
import { listRuns } from '../api/runs.js';
import { useDocument } from '../document/documentStore.js';
import { useRun } from '../runs/runStore.js';
import { useMappingSession, type NodeSession, type SampleChoice } from './mappingSession.js';
import { graphOf, payloadChangersBefore } from './targets.js';

let samplesRequest: Promise<SampleInfo[]> | undefined;

/** The server's sample list, fetched once per tab. */
export function useSamples(): SampleInfo[] {
  const [samples, setSamples] = useState<SampleInfo[]>([]);
  useEffect(() => {
    samplesRequest ??= listSamples().catch(() => ((samplesRequest = undefined), []));
    let live = true;
    void samplesRequest.then((list) => live && setSamples(list));
    return () => {
      live = false;
    };
  }, []);
  return samples;
}

function choiceValue(choice: SampleChoice | undefined): string {
  if (!choice) return '';
  if (choice.kind === 'fixture') return `fixture:${choice.name}`;
  if (choice.kind === 'run') return `run:${choice.runId}`;
  if (choice.kind === 'model') return `model:${choice.model}`;
  return choice.kind === 'pasted' ? 'paste' : 'shown-run';
}

function runLabel(run: RunSummary): string {
  const when = new Date(run.startedAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `${when} · ${run.status} · ${run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`}`;
}

interface InputPickerProps {
  flowId: string;
  nodeId: string;
  session: NodeSession;
}

export function InputPicker({ flowId, nodeId, session }: InputPickerProps) {
  const samples = useSamples();
  const shownRun = useRun((s) => Boolean(s.io[nodeId]));
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const choose = useMappingSession((s) => s.chooseSample);
  const pasted = session.sample?.kind === 'pasted' ? session.sample : undefined;
  const [text, setText] = useState(pasted?.text ?? '');
  const [whole, setWhole] = useState(pasted?.whole ?? false);
  const [pasting, setPasting] = useState(false);

  useEffect(() => {
    let live = true;
    listRuns(flowId, 20)
      .then((list) => live && setRuns(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [flowId]);

  const onSelect = (value: string) => {
    if (value === 'paste') {
      setPasting(true);
      return;
    }
    setPasting(false);
    if (value === 'shown-run') void choose(flowId, nodeId, { kind: 'shown-run' });
    else if (value.startsWith('run:')) void choose(flowId, nodeId, { kind: 'run', runId: value.slice(4) });
    else if (value.startsWith('fixture:')) void choose(flowId, nodeId, { kind: 'fixture', name: value.slice(8) });
    else if (value.startsWith('model:')) void choose(flowId, nodeId, { kind: 'model', model: value.slice(6) as CanonicalModelName });
  };
  const systems = [...new Set(samples.map((s) => s.system))];
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const changers = useMemo(() => payloadChangersBefore(graphOf(nodes, edges), nodeId), [nodes, edges, nodeId]);

  return (
    <div className="lf-input-picker">
      <label className="lf-input-picker__row">
        <span className="lf-input-picker__label">Input</span>
        <select
          className="lf-select lf-input-picker__select"
          value={pasting ? 'paste' : choiceValue(session.sample)}
          onChange={(event) => onSelect(event.target.value)}
          data-testid="mapping-sample"
        >
          <option value="" disabled>
            Choose a sample…
          </option>
          {shownRun ? <option value="shown-run">This node's input in the run on the canvas</option> : null}
          {runs.length ? (
            <optgroup label="This node's input in a past run">
              {runs.map((run) => (
                <option key={run.id} value={`run:${run.id}`}>
                  {runLabel(run)}
                </option>
              ))}
            </optgroup>
          ) : null}
          {systems.map((system) => (
            <optgroup key={system} label={`Fixtures · ${system} (as the trigger's payload)`}>
              {samples
                .filter((s) => s.system === system)
                .map((s) => (
                  <option key={s.name} value={`fixture:${s.name}`} title={s.description}>
                    {s.name}
                  </option>
                ))}
            </optgroup>
          ))}
          <optgroup label="Fields only, no values (a canonical model as the payload)">
            {canonicalModelNames.map((model) => (
              <option key={model} value={`model:${model}`}>
                {model}
              </option>
            ))}
          </optgroup>
          <option value="paste">Paste JSON…</option>
        </select>
      </label>
      {session.status === 'loading' ? <span className="lf-muted lf-input-picker__status">Loading…</span> : null}
      {session.sample?.kind === 'fixture' && changers.length ? (
        <p className="lf-input-picker__hint" data-testid="mapping-sample-hint">
          {changers.join(', ')} change{changers.length === 1 ? 's' : ''} the payload before this node: the input of a past run is closer to what it receives.
        </p>
      ) : null}
      {session.sample?.kind === 'model' ? (
        <p className="lf-input-picker__hint lf-input-picker__hint--plain">Fields of the canonical {session.sample.model}: map them; choose a sample with values to see the output.</p>
      ) : null}
      {session.status === 'failed' ? <p className="lf-field-error" data-testid="mapping-sample-error">{session.error}</p> : null}
      {pasted && !pasting ? (
        <p className="lf-input-picker__hint lf-input-picker__hint--plain">
          Pasted JSON ({pasted.text.length.toLocaleString()} characters{pasted.whole ? ', the whole message' : ', as the payload'}) ·{' '}
          <button type="button" className="lf-link" onClick={() => setPasting(true)} data-testid="mapping-paste-edit">
            edit
          </button>
        </p>
      ) : null}
      {pasting ? (
        <div className="lf-input-picker__paste">
          <textarea
            className="lf-input lf-input--mono lf-input-picker__text"
            value={text}
            placeholder='{ "data": { "object": { … } } }'
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
            data-testid="mapping-paste"
            aria-label="Sample input as JSON"
          />
          <div className="lf-input-picker__actions">
            <label className="lf-check" title="Checked: the JSON is what the expression reads, { payload, meta }. Unchecked: it becomes the payload.">
              <input type="checkbox" checked={whole} onChange={(event) => setWhole(event.target.checked)} />
              The whole message, not the payload
            </label>
            <button
              type="button"
              className="lf-button lf-button--primary"
              onClick={() => {
                setPasting(false);
                void choose(flowId, nodeId, { kind: 'pasted', text, whole });
              }}
              data-testid="mapping-paste-use"
            >
              Use
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
