/**
 * Drives test runs and routes the live trace into the run slice.
 *
 * The designer subscribes to its flow's room on open, before any run is posted, so no event is missed.
 * Events of a run whose id is not known yet (the POST has not answered) are buffered and replayed once it
 * has. When the run is over, or if the socket is down, the stored run record is fetched and painted, so the
 * canvas always ends on what the server recorded.
 */
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { TraceEvent } from '../../../server/storage/types.js';
import { startTestRun } from '../api/flows.js';
import { errorMessage, ProblemError } from '../api/http.js';
import { onTrace, subscribe, unsubscribe } from '../api/live.js';
import { getRun } from '../api/runs.js';
import { useDocument } from '../document/documentStore.js';
import { settleSkipped, useRun } from './runStore.js';

const BUFFER_LIMIT = 1000;
const POLL_MS = 1500;

let buffered: TraceEvent[] = [];
let pollTimer: ReturnType<typeof setTimeout> | undefined;
/** Resolves when the server acknowledged the flow subscription (a run is posted only after it). */
let subscribed: Promise<void> = Promise.resolve();

function canvasNodeIds(): string[] {
  return useDocument.getState().nodes.map((n) => n.id);
}

async function reconcile(runId: string): Promise<void> {
  try {
    const record = await getRun(runId);
    const state = useRun.getState();
    if (state.runId !== runId) return;
    if (record.status !== 'running' || record.steps.length > state.steps.length) {
      state.show(record, state.source ?? 'live');
      settleSkipped(canvasNodeIds());
    }
  } catch {
    // The trace already painted what it could; the next poll or event will try again.
  }
}

/** Polls the run record while a live run is open, in case trace events are lost. */
function schedulePoll(runId: string): void {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    const state = useRun.getState();
    if (state.runId !== runId || state.phase !== 'running') return;
    await reconcile(runId);
    if (useRun.getState().phase === 'running') schedulePoll(runId);
  }, POLL_MS);
}

function handleTrace(event: TraceEvent): void {
  const run = useRun.getState();
  if (event.kind === 'run.finished') run.bumpHistory();
  if (run.phase === 'starting' && !run.runId) {
    if (buffered.length < BUFFER_LIMIT) buffered.push(event);
    return;
  }
  if (event.runId !== run.runId) return;
  run.apply(event);
  if (event.kind === 'run.finished') {
    settleSkipped(canvasNodeIds());
    void reconcile(event.runId);
  }
}

/**
 * Follows the live trace of one flow. Call on opening the designer; returns the function that stops.
 * Resolves the subscription acknowledgement through `ready`.
 */
export function followFlow(flowId: string): { ready: Promise<void>; stop: () => void } {
  const off = onTrace(handleTrace);
  const ready = subscribe({ flowId });
  subscribed = ready;
  return {
    ready,
    stop: () => {
      off();
      unsubscribe({ flowId });
      clearTimeout(pollTimer);
    },
  };
}

/** Posts a test run of `flow` (the unsaved draft) on `input` and paints it as it runs. */
export async function runDraft(flowId: string, flow: Flow, input: Json): Promise<void> {
  clearTimeout(pollTimer);
  buffered = [];
  useRun.getState().begin();
  // Join the flow's room first so no event of this run is missed; if the socket is down, the run record
  // is polled instead.
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2000))]);
  let runId: string;
  try {
    ({ runId } = await startTestRun(flowId, input, flow));
  } catch (error) {
    if (error instanceof ProblemError && error.issues.length) useDocument.getState().setServerIssues(error.issues);
    useRun.getState().failToStart(errorMessage(error));
    return;
  }
  const run = useRun.getState();
  run.attach(runId);
  const mine = buffered.filter((e) => e.runId === runId).sort((a, b) => a.seq - b.seq);
  buffered = [];
  for (const event of mine) handleTrace(event);
  if (useRun.getState().phase === 'running') schedulePoll(runId);
}

/** Paints a stored run chosen in the history list. */
export async function openRun(runId: string): Promise<void> {
  clearTimeout(pollTimer);
  try {
    const record = await getRun(runId);
    useRun.getState().show(record, 'history');
    settleSkipped(canvasNodeIds());
    if (record.status === 'running') schedulePoll(runId);
  } catch (error) {
    useRun.getState().failToStart(errorMessage(error));
  }
}
