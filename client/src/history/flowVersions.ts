/**
 * The flow a run ran, and the names of its nodes, so run history and dead letters can say "POST ERP invoice"
 * where the record says `post-invoice`. Published versions are immutable, so each is fetched once for the
 * page's life; a draft run (version 0) reads the current draft. A name falls back to the node id while the
 * flow loads, or when the node is gone from it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Flow } from '../../../nodes/sdk/flow.js';
import { getFlow, getVersion } from '../api/flows.js';

const frozen = new Map<string, Promise<Flow>>();

/** A published version's flow (cached; a failed fetch is forgotten so it can be tried again). */
export function versionFlow(flowId: string, version: number): Promise<Flow> {
  const key = `${flowId}@${version}`;
  let flow = frozen.get(key);
  if (!flow) {
    flow = getVersion(flowId, version).then((v) => v.flow);
    flow.catch(() => frozen.delete(key));
    frozen.set(key, flow);
  }
  return flow;
}

/** The flow as a run ran it: its published version, or the current draft for a draft run (version 0). */
export function runFlow(flowId: string, version: number): Promise<Flow> {
  return version > 0 ? versionFlow(flowId, version) : getFlow(flowId).then((d) => d.flow);
}

/** `runFlow` as a hook: undefined while loading, when it cannot be loaded, or without a flow id. */
export function useRunFlow(flowId: string | undefined, version: number | undefined): Flow | undefined {
  const [flow, setFlow] = useState<Flow>();
  useEffect(() => {
    if (!flowId || version === undefined) return;
    runFlow(flowId, version).then(setFlow, () => setFlow(undefined));
  }, [flowId, version]);
  return flow;
}

/** Node id → name (the id when the node has no name). */
export function nodeNamesOf(flow: Flow | undefined): Record<string, string> {
  return Object.fromEntries((flow?.nodes ?? []).map((n) => [n.id, n.name ?? n.id]));
}

/** Reads a node's name in one flow version; the node id until it is known. */
export type NodeNamer = (flowId: string, flowVersion: number, nodeId: string) => string;

/**
 * Node names for a list of runs or letters from many flows and versions (the runs page, the dead-letter
 * queue): each flow version is fetched once, as the list first names it.
 */
export function useNodeNames(refs: ReadonlyArray<{ flowId: string; flowVersion: number }>): NodeNamer {
  const [names, setNames] = useState<Record<string, Record<string, string>>>({});
  const wanted = [...new Set(refs.map((r) => `${r.flowVersion}@${r.flowId}`))].sort().join('\n');
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    for (const key of wanted.split('\n')) {
      const at = key.indexOf('@');
      runFlow(key.slice(at + 1), Number(key.slice(0, at))).then(
        (flow) => live && setNames((known) => (known[key] ? known : { ...known, [key]: nodeNamesOf(flow) })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [wanted]);
  return useMemo(() => (flowId, flowVersion, nodeId) => names[`${flowVersion}@${flowId}`]?.[nodeId] ?? nodeId, [names]);
}
