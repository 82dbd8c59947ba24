/**
 * Starts loading what the designer needs (the node catalog and the flow) as soon as a designer URL is
 * known, while the designer's code is still downloading; `openFlowDocument` then takes the request already
 * in flight. A prefetched flow is used once and only while fresh (a few seconds), so a draft saved since is
 * never shown stale. Small on purpose: it lives in the first bundle.
 */
import { getFlow, type FlowDocument } from '../api/flows.js';
import { useCatalog } from '../catalog/catalogStore.js';

/** How long a prefetched flow may wait to be taken, in ms. */
const FRESH_MS = 5000;

let pending: { flowId: string; at: number; document: Promise<FlowDocument> } | undefined;

const fresh = (flowId: string) => pending !== undefined && pending.flowId === flowId && Date.now() - pending.at < FRESH_MS;

export function prefetchDesigner(flowId: string): void {
  void useCatalog.getState().load();
  if (fresh(flowId)) return;
  const document = getFlow(flowId);
  document.catch(() => undefined); // reported when taken
  pending = { flowId, at: Date.now(), document };
}

/** The flow document: the prefetched request if there is a fresh one for `flowId` (used once), else a new one. */
export function openFlowDocument(flowId: string): Promise<FlowDocument> {
  const prefetched = fresh(flowId) ? pending!.document : undefined;
  pending = undefined;
  return prefetched ?? getFlow(flowId);
}
