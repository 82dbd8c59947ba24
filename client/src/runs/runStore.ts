/**
 * The run slice: what the canvas paints from a run (one status per node, the last input/output of each
 * node, the step list). Filled live from trace events or at once from a stored run record. Components read
 * it through narrow selectors (`useNodeRun(id)`), so a step event re-renders only the node it concerns.
 */
import { create } from 'zustand';
import type { SerializedError } from '../../../nodes/sdk/errors.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { RunRecord, RunSummary, StepRecord, TraceEvent } from '../../../server/storage/types.js';
import { describeError } from './errorText.js';

/** `skipped`: the run finished without reaching the node. */
export type NodeRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface NodeRunState {
  status: NodeRunStatus;
  /** The step's error in words (errorText.ts), as the node shows it. */
  error?: string;
  durationMs?: number;
  attempt: number;
  /** Set while a failed attempt waits for its retry (ms). */
  retryInMs?: number;
}

export interface NodeIO {
  input: Json;
  /** Payloads by output port. */
  output?: Record<string, Json>;
  error?: SerializedError;
}

export type RunPhase = 'idle' | 'starting' | 'running' | 'finished' | 'failed-to-start';

interface RunState {
  phase: RunPhase;
  runId?: string;
  run?: RunSummary;
  /** Where the painted run came from: a test run started here, or one opened from the history. */
  source?: 'live' | 'history';
  startError?: string;
  nodes: Record<string, NodeRunState>;
  io: Record<string, NodeIO>;
  /** Steps by seq order; a step's start is replaced by its end. */
  steps: StepRecord[];
  /** Bumped on every finished run of the open flow (the history list reloads). */
  historyVersion: number;

  reset(): void;
  /** A test run is being requested; trace events are buffered until its id is known. */
  begin(): void;
  attach(runId: string): void;
  failToStart(message: string): void;
  apply(event: TraceEvent): void;
  /** Paints a stored run (history, or reconciling a live run that is over). */
  show(record: RunRecord, source: 'live' | 'history'): void;
  bumpHistory(): void;
}

const emptyRun = { runId: undefined, run: undefined, startError: undefined, nodes: {}, io: {}, steps: [] as StepRecord[] };

/** A failed attempt that will be retried shows as still running (with its error and the wait). */
function stepState(step: StepRecord): NodeRunState {
  const retrying = step.status === 'failed' && step.retryInMs !== undefined;
  return {
    status: retrying ? 'running' : step.status,
    attempt: step.attempt,
    ...(step.durationMs !== undefined ? { durationMs: step.durationMs } : {}),
    ...(step.error ? { error: describeError(step.error).message } : {}),
    ...(step.retryInMs !== undefined ? { retryInMs: step.retryInMs } : {}),
  };
}

function stepIO(step: StepRecord): NodeIO {
  return { input: step.input, ...(step.output ? { output: step.output } : {}), ...(step.error ? { error: step.error } : {}) };
}

/** Steps kept for the painted run (a run with a cycle can have thousands): the latest ones stay. */
export const MAX_STEPS_KEPT = 2000;

function upsertStep(steps: StepRecord[], step: StepRecord): StepRecord[] {
  const at = steps.findIndex((s) => s.seq === step.seq);
  if (at >= 0) return steps.map((s, i) => (i === at ? step : s));
  const next = [...steps, step].sort((a, b) => a.seq - b.seq);
  return next.length > MAX_STEPS_KEPT ? next.slice(next.length - MAX_STEPS_KEPT) : next;
}

/** Nodes a finished run never reached are `skipped` (only for nodes not painted yet). */
function markSkipped(nodes: Record<string, NodeRunState>, nodeIds: readonly string[]): Record<string, NodeRunState> {
  const next = { ...nodes };
  for (const id of nodeIds) if (!next[id]) next[id] = { status: 'skipped', attempt: 0 };
  return next;
}

export const useRun = create<RunState>((set, get) => ({
  phase: 'idle',
  ...emptyRun,
  historyVersion: 0,

  reset: () => set({ phase: 'idle', source: undefined, ...emptyRun }),

  begin: () => set({ phase: 'starting', source: 'live', ...emptyRun }),

  attach: (runId) => set((s) => ({ runId, phase: s.phase === 'finished' ? 'finished' : 'running' })),

  failToStart: (message) => set({ phase: 'failed-to-start', startError: message }),

  apply(event) {
    const state = get();
    if (event.runId !== state.runId) return;
    switch (event.kind) {
      case 'run.started':
        set({ run: event.run, phase: state.phase === 'finished' ? 'finished' : 'running' });
        return;
      case 'step.started':
      case 'step.finished': {
        const { step } = event;
        set({
          nodes: { ...state.nodes, [step.nodeId]: stepState(step) },
          io: { ...state.io, [step.nodeId]: stepIO(step) },
          steps: upsertStep(state.steps, step),
        });
        return;
      }
      case 'run.finished':
        set({ run: event.run, phase: 'finished' });
        return;
    }
  },

  show(record, source) {
    const nodes: Record<string, NodeRunState> = {};
    const io: Record<string, NodeIO> = {};
    const steps = [...record.steps].sort((a, b) => a.seq - b.seq);
    for (const step of steps) {
      nodes[step.nodeId] = stepState(step);
      io[step.nodeId] = stepIO(step);
    }
    const { steps: _steps, input: _input, ...summary } = record;
    set({
      runId: record.id,
      run: summary,
      source,
      phase: record.status === 'running' ? 'running' : 'finished',
      startError: undefined,
      nodes,
      io,
      steps,
    });
  },

  bumpHistory: () => set((s) => ({ historyVersion: s.historyVersion + 1 })),
}));

/** Marks unreached nodes as skipped once the painted run is over. */
export function settleSkipped(nodeIds: readonly string[]): void {
  const { phase, nodes } = useRun.getState();
  if (phase === 'finished') useRun.setState({ nodes: markSkipped(nodes, nodeIds) });
}

/** The run state of one node (narrow selector: re-renders only when that node's state changes). */
export function useNodeRun(nodeId: string): NodeRunState | undefined {
  return useRun((s) => s.nodes[nodeId]);
}

export function useNodeIO(nodeId: string | undefined): NodeIO | undefined {
  return useRun((s) => (nodeId ? s.io[nodeId] : undefined));
}
