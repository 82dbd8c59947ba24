/**
 * `#/dead-letters`: runs whose failure no error port handled, parked with their trigger input. Filter by
 * status and flow, search business keys, run and correlation ids and error text; select many and replay
 * them; open one (`#/dead-letters/<id>`) to inspect, edit, replay or discard it.
 */
import { useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import type { FlowSummary } from '../../../server/storage/types.js';
import { listDeadLetters, replayDeadLetters, type DeadLetter } from '../api/deadLetters.js';
import { listFlows } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { FlowSelect } from '../flows/FlowSelect.js';
import { Segmented } from '../ui/Segmented.js';
import { useDeadLetterCount } from './deadLetterCount.js';
import { DeadLetterDetail } from './DeadLetterDetail.js';
import { LetterTable } from './LetterTable.js';
import '../styles/operations.css';

type StatusFilter = DeadLetter['status'] | 'all';

/** Filters outlive a visit to a letter's page (kept for the tab). */
const useFilters = create<{ status: StatusFilter; flowId: string; search: string }>(() => ({ status: 'parked', flowId: '', search: '' }));

const STATUSES: Array<{ id: StatusFilter; label: string }> = [
  { id: 'parked', label: 'Parked' },
  { id: 'replayed', label: 'Replayed' },
  { id: 'discarded', label: 'Discarded' },
  { id: 'all', label: 'All' },
];

const REFRESH_MS = 10_000;

type ReplayOutcome = Array<{ id: string; runId?: string; error?: string }>;

export function DeadLettersPage({ letterId }: { letterId?: string }) {
  return (
    <div className="lf-page lf-ops-page">
      <AppHeader current="dead-letters" />
      {letterId ? <DeadLetterDetail key={letterId} id={letterId} /> : <DeadLetterList />}
    </div>
  );
}

/** `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function DeadLetterList() {
  const { status, flowId, search } = useFilters();
  const query = useDebounced(search.trim(), 250);
  const [letters, setLetters] = useState<DeadLetter[]>();
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [replaying, setReplaying] = useState(false);
  const [outcome, setOutcome] = useState<ReplayOutcome>();
  const [tick, setTick] = useState(0);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    listFlows()
      .then(setFlows)
      .catch(() => setFlows([]));
  }, []);

  useEffect(() => {
    let live = true;
    listDeadLetters({ ...(status !== 'all' ? { status } : {}), ...(flowId ? { flowId } : {}), ...(query ? { search: query } : {}), limit: 500 })
      .then((list) => {
        if (!live) return;
        setLetters(list);
        setError(undefined);
        setNow(Date.now());
        // A letter that left the list (replayed elsewhere, filtered out) is no longer selected.
        setSelected((previous) => new Set([...previous].filter((id) => list.some((l) => l.id === id && l.status === 'parked'))));
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [status, flowId, query, tick]);

  useEffect(() => {
    const timer = setInterval(() => document.visibilityState !== 'hidden' && setTick((t) => t + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const flowName = useMemo(() => new Map(flows.map((f) => [f.id, f.name])), [flows]);

  const replaySelected = async () => {
    setReplaying(true);
    try {
      setOutcome(await replayDeadLetters([...selected]));
      setSelected(new Set());
    } catch (e) {
      setOutcome([...selected].map((id) => ({ id, error: errorMessage(e) })));
    } finally {
      setReplaying(false);
      setTick((t) => t + 1);
      void useDeadLetterCount.getState().refresh();
    }
  };

  return (
    <main className="lf-page__body lf-page__body--wide">
      <div className="lf-row lf-row--between">
        <div>
          <h1 className="lf-page__title">Dead letters</h1>
          <p className="lf-muted lf-page__lead">Runs whose failure no error port handled, parked with their original input. Fix the cause or the payload, then replay.</p>
        </div>
        <div className="lf-row">
          <a href="#/operations" className="lf-button lf-button--ghost" title="Holds, circuit breakers and throttles of the target systems" data-testid="dl-to-operations">
            <Icon name="pause" size={14} /> Connections &amp; holds
          </a>
          <button
            type="button"
            className="lf-button lf-button--primary"
            disabled={!selected.size || replaying}
            onClick={() => void replaySelected()}
            data-testid="replay-selected"
            data-count={selected.size}
          >
            <Icon name="refresh" size={14} /> {replaying ? 'Replaying…' : `Replay selected${selected.size ? ` (${selected.size})` : ''}`}
          </button>
        </div>
      </div>

      <div className="lf-ops-toolbar" role="search">
        <Segmented options={STATUSES} value={status} onChange={(id) => useFilters.setState({ status: id })} label="Status" optionTestId="dl-status-" />
        <FlowSelect flows={flows} value={flowId} onChange={(id) => useFilters.setState({ flowId: id })} className="lf-select" label="Flow" testId="dl-flow" />
        <label className="lf-ops-search">
          <Icon name="search" size={14} />
          <input
            type="search"
            className="lf-ops-search__input"
            value={search}
            onChange={(e) => useFilters.setState({ search: e.target.value })}
            placeholder="Business key, run id, correlation id or error text"
            aria-label="Search dead letters"
            data-testid="dl-search"
          />
        </label>
        <button type="button" className="lf-button lf-button--ghost" onClick={() => setTick((t) => t + 1)} title="Refresh (also every 10 s)">
          <Icon name="refresh" size={14} />
        </button>
        <span className="lf-muted lf-ops-toolbar__count" data-testid="dl-count">
          {letters ? `${letters.length}${letters.length === 500 ? '+' : ''} letter${letters.length === 1 ? '' : 's'}` : ''}
        </span>
      </div>

      {outcome ? <ReplayNotice outcome={outcome} onClose={() => setOutcome(undefined)} /> : null}
      {error ? <p className="lf-field-error">Could not load dead letters: {error}</p> : null}
      {!letters && !error ? <p className="lf-muted">Loading…</p> : null}
      {letters && !letters.length ? (
        <div className="lf-ops-empty" data-testid="dl-empty">
          <Icon name="check" size={22} />
          <p>{query || flowId || status !== 'parked' ? 'No dead letter matches these filters.' : 'No parked dead letters: every failed run was handled.'}</p>
        </div>
      ) : null}
      {letters?.length ? (
        <div className="lf-ops-table-card">
          <LetterTable letters={letters} flowName={flowName} selected={selected} onSelect={setSelected} highlight={query} now={now} />
        </div>
      ) : null}
    </main>
  );
}

function ReplayNotice({ outcome, onClose }: { outcome: ReplayOutcome; onClose(): void }) {
  const started = outcome.filter((o) => o.runId);
  const refused = outcome.filter((o) => !o.runId);
  return (
    <div className={`lf-ops-notice${refused.length ? ' lf-ops-notice--warn' : ' lf-ops-notice--ok'}`} role="status" data-testid="replay-notice">
      <div className="lf-ops-notice__text">
        {started.length ? (
          <p>
            Replaying {started.length} letter{started.length === 1 ? '' : 's'} as new run{started.length === 1 ? '' : 's'}:{' '}
            {started.map((o, i) => (
              <span key={o.id}>
                {i ? ', ' : ''}
                <a href={`#/runs/${encodeURIComponent(o.runId!)}`} className="lf-mono">
                  {o.runId}
                </a>
              </span>
            ))}
            . A replay that fails again parks as a new letter.
          </p>
        ) : null}
        {refused.map((o) => (
          <p key={o.id} className="lf-problem-text">
            <span className="lf-mono">{o.id}</span> not replayed: {o.error}
          </p>
        ))}
      </div>
      <button type="button" className="lf-button lf-button--ghost" onClick={onClose} aria-label="Dismiss">
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
