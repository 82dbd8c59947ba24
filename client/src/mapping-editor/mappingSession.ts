/**
 * Per mapping node (for this tab): the sample input the editor evaluates against and the chosen target.
 * A sample is a fixture (taken as the trigger's payload), pasted JSON, the input the node received in a past
 * run, or in the run shown on the canvas. The input is a message `{ payload, meta }`, as the node gets it.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { canonicalJsonSchema, type CanonicalModelName } from '../../../nodes/canonical/index.js';
import type { Json } from '../../../nodes/sdk/message.js';
import { getSample } from '../api/catalog.js';
import { errorMessage } from '../api/http.js';
import { getRun, listRuns } from '../api/runs.js';
import { useDocument } from '../document/documentStore.js';
import { useRunInput } from '../runs/runInputStore.js';
import { useRun } from '../runs/runStore.js';
import { treeFromSchema, treeFromValue, type FieldTree } from '../mapper/fieldTree.js';
import { graphOf, payloadChangersBefore, type TargetChoice } from './targets.js';

export type SampleChoice =
  | { kind: 'fixture'; name: string }
  | { kind: 'pasted'; text: string; /** the JSON is the whole message, not just the payload */ whole: boolean }
  | { kind: 'run'; runId: string }
  | { kind: 'shown-run' }
  /** No values, only the shape of the payload: a canonical model's fields (for the visual mapper's source tree). */
  | { kind: 'model'; model: CanonicalModelName };

export interface NodeSession {
  sample?: SampleChoice;
  input?: Json;
  /** For a `model` sample: the JSON Schema of the payload (there is no input to evaluate). */
  shape?: Record<string, unknown>;
  status: 'none' | 'loading' | 'ready' | 'failed';
  error?: string;
  target?: TargetChoice;
}

interface SessionState {
  sessions: Record<string, NodeSession>;
  chooseSample(flowId: string, nodeId: string, sample: SampleChoice): Promise<void>;
  chooseTarget(flowId: string, nodeId: string, target: TargetChoice): void;
}

const keyOf = (flowId: string, nodeId: string) => `${flowId}/${nodeId}`;

/** The `meta` a preview message carries (no real run). */
export const previewMeta = (flowId: string): Json => ({ runId: 'preview', flowId, flowVersion: 0, correlationId: 'preview', businessKeys: {} });

/** Loads the message a sample choice stands for. @throws Error with a message for the analyst. */
async function loadInput(flowId: string, nodeId: string, sample: SampleChoice): Promise<Json> {
  switch (sample.kind) {
    case 'fixture':
      return { payload: await getSample(sample.name), meta: previewMeta(flowId) };
    case 'pasted': {
      let value: Json;
      try {
        value = JSON.parse(sample.text) as Json;
      } catch (error) {
        throw new Error(`The pasted text is not JSON: ${(error as Error).message}`);
      }
      return sample.whole ? value : { payload: value, meta: previewMeta(flowId) };
    }
    case 'run': {
      const run = await getRun(sample.runId);
      const step = run.steps.filter((s) => s.nodeId === nodeId).at(-1);
      if (!step) throw new Error('This node did not run in that run: choose another');
      const meta = { runId: run.id, flowId: run.flowId, flowVersion: run.flowVersion, correlationId: run.correlationId, businessKeys: run.businessKeys };
      return { payload: step.input, meta } as Json;
    }
    case 'model':
      throw new Error('a model has no values');
    case 'shown-run': {
      const io = useRun.getState().io[nodeId];
      if (!io) throw new Error('This node did not run in the run shown on the canvas');
      return { payload: io.input, meta: previewMeta(flowId) };
    }
  }
}

export const useMappingSession = create<SessionState>((set, get) => {
  const patch = (key: string, next: Partial<NodeSession>) =>
    set({ sessions: { ...get().sessions, [key]: { status: 'none', ...get().sessions[key], ...next } } });
  return {
    sessions: {},
    async chooseSample(flowId, nodeId, sample) {
      const key = keyOf(flowId, nodeId);
      if (sample.kind === 'model') {
        patch(key, { sample, status: 'ready', error: undefined, input: undefined, shape: canonicalJsonSchema(sample.model) });
        return;
      }
      patch(key, { sample, status: 'loading', error: undefined, shape: undefined });
      try {
        const input = await loadInput(flowId, nodeId, sample);
        if (get().sessions[key]?.sample === sample) patch(key, { input, status: 'ready' });
      } catch (error) {
        if (get().sessions[key]?.sample === sample) patch(key, { input: undefined, status: 'failed', error: errorMessage(error) });
      }
    },
    chooseTarget(flowId, nodeId, target) {
      patch(keyOf(flowId, nodeId), { target });
    },
  };
});

/**
 * The sample to start with: the node's input in the run shown on the canvas; when nodes before it change
 * the payload, its input in a recent run; else the fixture of the flow's manual trigger, else the sample
 * chosen in the run panel.
 */
export async function initialSample(flowId: string, nodeId: string): Promise<SampleChoice | undefined> {
  if (useRun.getState().io[nodeId]) return { kind: 'shown-run' };
  const { nodes, edges } = useDocument.getState();
  if (payloadChangersBefore(graphOf(nodes, edges), nodeId).length) {
    try {
      for (const run of (await listRuns(flowId, 5)).slice(0, 5)) {
        const record = await getRun(run.id);
        if (record.steps.some((step) => step.nodeId === nodeId)) return { kind: 'run', runId: run.id };
      }
    } catch {
      // No history to offer: fall back to the fixture.
    }
  }
  const manual = nodes.find((n) => n.data.type === 'trigger.manual' && typeof n.data.config.sample === 'string');
  if (manual) return { kind: 'fixture', name: manual.data.config.sample as string };
  const chosen = useRunInput.getState().sample;
  return chosen ? { kind: 'fixture', name: chosen } : undefined;
}

const empty: NodeSession = { status: 'none' };
/** Sessions whose first sample is being looked for (one look-up per node, however many fields ask). */
const initializing = new Set<string>();

/** The session of one node; starts loading the default sample the first time it is asked for. */
export function useNodeSession(flowId: string | undefined, nodeId: string | undefined): NodeSession {
  const key = flowId && nodeId ? keyOf(flowId, nodeId) : '';
  const session = useMappingSession((s) => s.sessions[key]);
  const started = session !== undefined;
  useEffect(() => {
    if (!flowId || !nodeId || started || initializing.has(key)) return;
    initializing.add(key);
    void initialSample(flowId, nodeId)
      .then((sample) => {
        const store = useMappingSession.getState();
        if (sample && !store.sessions[key]) return store.chooseSample(flowId, nodeId, sample);
      })
      .finally(() => initializing.delete(key));
  }, [flowId, nodeId, key, started]);
  return session ?? empty;
}

/** The fields of a session's sample (values from the input, or only the shape of a model as the payload). */
export function sessionFields(session: NodeSession): FieldTree | undefined {
  if (session.input !== undefined) return treeFromValue(session.input);
  return session.shape ? treeFromSchema({ type: 'object', properties: { payload: session.shape } }) : undefined;
}
