/**
 * The xref and report services a node reaches through its context (`ctx.xref`, `ctx.reports`), bound to
 * the run and node that use them, so every link and report records its origin. A runtime without the store
 * (a bare executor in a unit test) gives nodes a service that fails their step with a clear, non-retryable
 * error instead of a TypeError.
 */
import type { ReportContext, XrefContext, XrefRef } from '../../nodes/sdk/context.js';
import { NodeError } from '../../nodes/sdk/errors.js';
import type { ReconciliationStore, RunSummary, XrefStore } from '../storage/types.js';

export interface StepOrigin {
  run: Pick<RunSummary, 'id' | 'flowId' | 'flowVersion' | 'mode'>;
  nodeId: string;
}

function unavailable(what: string): never {
  throw new NodeError(`${what}-unavailable`, `This runtime has no ${what} store`, { retryable: false });
}

function checkRef(ref: XrefRef, role: string): void {
  for (const part of ['system', 'entity', 'id'] as const) {
    if (typeof ref[part] !== 'string' || ref[part] === '') {
      throw new NodeError('xref-invalid-ref', `The ${role} id has no ${part}`, { retryable: false });
    }
  }
}

export function xrefContext(store: XrefStore | undefined, origin: StepOrigin): XrefContext {
  return {
    async lookup(from, to) {
      if (!store) unavailable('xref');
      checkRef(from, 'looked-up');
      const links = await store.linksOf(from, to);
      return links.map((link) => {
        const same = link.a.system === from.system && link.a.entity === from.entity && link.a.id === from.id;
        return same ? link.b : link.a;
      });
    },
    async save(from, to, options) {
      if (!store) unavailable('xref');
      checkRef(from, 'from');
      checkRef(to, 'to');
      await store.link(from, to, {
        origin: { kind: 'run', runId: origin.run.id, flowId: origin.run.flowId, nodeId: origin.nodeId },
        ...(options?.replace ? { replace: true } : {}),
      });
    },
  };
}

export function reportContext(store: ReconciliationStore | undefined, origin: StepOrigin): ReportContext {
  return {
    async save(name, result) {
      if (!store) unavailable('report');
      const report = await store.save({
        ...result,
        name,
        flowId: origin.run.flowId,
        flowVersion: origin.run.flowVersion,
        runId: origin.run.id,
        nodeId: origin.nodeId,
        mode: origin.run.mode,
      });
      return { id: report.id };
    },
  };
}
