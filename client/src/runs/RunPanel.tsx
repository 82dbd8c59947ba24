/**
 * The test-run panel: pick a sample input (`GET /api/samples`) or paste JSON, run the current draft
 * (`POST /api/flows/:id/test-run` with the unsaved flow) and watch it on the canvas; the step list and the
 * run's outcome appear below.
 */
import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { useEffect, useMemo, useState } from 'react';
import type { Json } from '../../../nodes/sdk/message.js';
import { getSample, listSamples, type SampleInfo } from '../api/catalog.js';
import { errorMessage } from '../api/http.js';
import { Icon } from '../canvas/icons.js';
import { useDocument } from '../document/documentStore.js';
import { compactSetup, editorTheme } from '../inspector/codeEditor.js';
import { codeHighlight } from '../inspector/jsonataLanguage.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { formatDuration } from './format.js';
import { NodeName } from './NodeName.js';
import { runDraft } from './runController.js';
import { useRunInput } from './runInputStore.js';
import { useRun } from './runStore.js';
import { StepList } from './StepList.js';

const inputExtensions = [json(), codeHighlight];

function RunStatus() {
  const phase = useRun((s) => s.phase);
  const run = useRun((s) => s.run);
  const startError = useRun((s) => s.startError);
  const source = useRun((s) => s.source);
  if (phase === 'idle') return null;
  if (phase === 'failed-to-start') return <p className="lf-run-status lf-run-status--failed">Could not start: {startError}</p>;
  if (phase === 'starting') return <p className="lf-run-status lf-run-status--running">Starting…</p>;
  const status = run?.status ?? 'running';
  return (
    <div className={`lf-run-status lf-run-status--${status}`} data-testid="run-status" data-status={status} data-run-id={run?.id}>
      <div className="lf-run-status__line">
        <span className={`lf-dot lf-dot--${status}`} />
        <span>
          {source === 'history' ? 'Run from history' : 'Test run'} {status}
          {run?.durationMs !== undefined ? ` in ${formatDuration(run.durationMs)}` : ''}
        </span>
        {run ? <span className="lf-muted lf-mono lf-run-status__id">{run.id}</span> : null}
      </div>
      {run?.error ? (
        <p className="lf-run-status__error">
          <span className="lf-clamp">
            {run.error.nodeId ? (
              <>
                <NodeName nodeId={run.error.nodeId} />:{' '}
              </>
            ) : null}
            <ErrorWords error={run.error} />
          </span>
        </p>
      ) : null}
    </div>
  );
}

export function RunPanel({ flowId }: { flowId: string }) {
  const [samples, setSamples] = useState<SampleInfo[]>([]);
  const [inputError, setInputError] = useState<string>();
  const { sample, text, setSample, setText } = useRunInput();
  const phase = useRun((s) => s.phase);
  const preferred = useDocument((s) => s.nodes.find((n) => n.data.type === 'trigger.manual')?.data.config.sample);

  useEffect(() => {
    listSamples()
      .then(setSamples)
      .catch(() => setSamples([]));
  }, []);

  const chooseSample = async (name: string) => {
    setSample(name, text);
    if (!name) return;
    try {
      const body = await getSample(name);
      if (useRunInput.getState().sample !== name) return; // another sample was chosen meanwhile
      setSample(name, JSON.stringify(body, null, 2));
      setInputError(undefined);
    } catch (error) {
      setInputError(`Sample ${name}: ${errorMessage(error)}`);
    }
  };

  // Offer the sample named by the flow's manual trigger first.
  useEffect(() => {
    if (!sample && typeof preferred === 'string' && samples.some((s) => s.name === preferred)) void chooseSample(preferred);
  }, [preferred, samples]);

  const groups = useMemo(() => {
    const bySystem = new Map<string, SampleInfo[]>();
    for (const s of samples) bySystem.set(s.system, [...(bySystem.get(s.system) ?? []), s]);
    return [...bySystem.entries()];
  }, [samples]);

  const run = async () => {
    let input: Json;
    try {
      input = JSON.parse(text) as Json;
    } catch (error) {
      setInputError(`Input is not valid JSON: ${(error as Error).message}`);
      return;
    }
    setInputError(undefined);
    const flow = useDocument.getState().toFlow();
    if (flow) await runDraft(flowId, flow, input);
  };

  const busy = phase === 'starting' || phase === 'running';
  return (
    <div className="lf-run-panel">
      <div className="lf-run-panel__input">
        <div className="lf-row">
          <select
            className="lf-select"
            value={sample}
            onChange={(event) => void chooseSample(event.target.value)}
            data-testid="sample-select"
            aria-label="Sample input"
          >
            <option value="">Paste JSON or choose a sample…</option>
            {groups.map(([system, list]) => (
              <optgroup key={system} label={system}>
                {list.map((s) => (
                  <option key={s.name} value={s.name} title={s.description}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="button" className="lf-button lf-button--primary" onClick={() => void run()} disabled={busy} data-testid="run">
            <Icon name="run" size={14} /> {busy ? 'Running…' : 'Run'}
          </button>
        </div>
        <div className="lf-code lf-code--input" data-testid="run-input">
          <CodeMirror value={text} theme={editorTheme} basicSetup={compactSetup} extensions={inputExtensions} onChange={setText} height="100%" />
        </div>
        {inputError ? <p className="lf-field-error">{inputError}</p> : null}
      </div>
      <div className="lf-run-panel__result">
        <RunStatus />
        <StepList />
        {phase === 'idle' ? <p className="lf-muted">Runs the current draft, unsaved edits included. Nodes light up as they run. A test run really calls the systems the flow calls (here the sandbox stand-ins); it is kept in history as a draft run.</p> : null}
      </div>
    </div>
  );
}
