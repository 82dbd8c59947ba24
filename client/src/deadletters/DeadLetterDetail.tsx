/**
 * One dead letter (`#/dead-letters/<id>`): the failure (node, error, attempts), business keys and ids with
 * links to the failed run and its replays (LetterCards.tsx); the original trigger input in a JSON editor that
 * validates as you type and saves (`PUT /input`, TriggerInputCard.tsx); replay it, or discard it with a reason
 * (DiscardDialog.tsx).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Json } from '../../../nodes/sdk/message.js';
import type { RunRecord } from '../../../server/storage/types.js';
import { discardDeadLetter, getDeadLetter, replayDeadLetter, saveDeadLetterInput, type DeadLetter } from '../api/deadLetters.js';
import { errorMessage, ProblemError } from '../api/http.js';
import { getRun } from '../api/runs.js';
import { Icon } from '../canvas/icons.js';
import { useDeadLetterCount } from './deadLetterCount.js';
import { DiscardDialog } from './DiscardDialog.js';
import { jsonProblem, prettyJson } from './JsonEditor.js';
import { FailureCard, KeysCard, ReplaysCard, RunCard } from './LetterCards.js';
import { StatusChip } from './parts.js';
import { TriggerInputCard } from './TriggerInputCard.js';

export function DeadLetterDetail({ id }: { id: string }) {
  const [letter, setLetter] = useState<DeadLetter>();
  const [loadError, setLoadError] = useState<string>();
  const [run, setRun] = useState<RunRecord>();
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
          <FailureCard letter={letter} run={run} />
          <KeysCard letter={letter} />
          <RunCard letter={letter} />
          <ReplaysCard letter={letter} />
        </section>
        <TriggerInputCard
          letter={letter}
          text={text}
          onChange={setText}
          problem={problem}
          dirty={dirty}
          busy={busy}
          onSave={() => void save()}
          onRevert={() => setText(savedText)}
        />
      </div>

      {discarding ? <DiscardDialog id={letter.id} busy={busy === 'discard'} error={actionError} onConfirm={(reason) => void discard(reason)} onCancel={() => setDiscarding(false)} /> : null}
    </main>
  );
}
