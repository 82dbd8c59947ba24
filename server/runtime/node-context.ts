/**
 * Builds the context one attempt of a node receives (`NodeContext`, nodes/sdk/context.ts): the node's config
 * and compiled expressions, its idempotency key, the HTTP client of its connection (with auth, throttle and
 * circuit breaker), the guard state scoped to the flow and node, the xref and report services, the webhook
 * answer, logging and the clock. All I/O a node does goes through what is built here.
 */
import type { Logger } from 'pino';
import type { GuardContext, NodeContext, WebhookResponse } from '../../nodes/sdk/context.js';
import type { GuardStore, RunSummary } from '../storage/types.js';
import type { ConnectionAuthenticator } from '../connections/outbound.js';
import type { CompiledNode } from './compile.js';
import type { ConnectionGovernor } from './connections.js';
import { createHttpClient } from './http-client.js';
import { reportContext, xrefContext } from './node-services.js';
import type { RuntimeServices } from './executor.js';

/** What the context needs to know of the run it serves. */
export interface ContextRun {
  summary: RunSummary;
  log: Logger;
  /** Undone when the run gives its business event back (see Executor.finish). */
  compensations: Array<() => void>;
  respond(response: WebhookResponse): void;
  markDuplicate(ofRunId: string): void;
}

/**
 * The outbound idempotency key of a visit of a node: `<rootRunId>:<nodeId>`, the same on every attempt,
 * resume and replay (case R2); the second and later visits (after a splitter) add `~<visit>`.
 */
export function idempotencyKeyOf(rootRunId: string, nodeId: string, visit: number): string {
  return `${rootRunId}:${nodeId}${visit > 0 ? `~${visit + 1}` : ''}`;
}

/**
 * The HTTP client of a node: the plain client (correlation id, `/` URLs on this server), with the
 * connection's auth below its governor, so throttling and the circuit see the authenticated calls.
 */
export function httpClientFor(
  node: CompiledNode,
  run: ContextRun,
  signal: AbortSignal,
  services: { baseUrl(): string; authenticator?: ConnectionAuthenticator; connections?: ConnectionGovernor },
) {
  const plain = createHttpClient({ baseUrl: services.baseUrl, correlationId: run.summary.correlationId, signal });
  const http = node.connection && services.authenticator ? services.authenticator.client(node.connection, plain) : plain;
  return node.connection && services.connections ? services.connections.govern(node.connection, http) : http;
}

/**
 * Guard state for one node: claims and entity versions scoped to `<flowId>/<nodeId>` (draft and CLI runs
 * to themselves, so a test run never blocks a published webhook), owned by the root run of a replay chain,
 * on disk before the work goes on, and given back through the run's compensations.
 */
export function guardContext(guards: GuardStore, run: ContextRun, nodeId: string): GuardContext {
  const { summary } = run;
  const isolated = summary.mode === 'draft' || summary.mode === 'cli';
  const scope = `${isolated ? `draft:${summary.id}:` : ''}${summary.flowId}/${nodeId}`;
  return {
    claim: async (key, ttlMs) => {
      const claim = guards.claim(scope, key, summary.rootRunId, ttlMs);
      if (!claim.claimed) return { claimed: false, heldBy: claim.holder.runId, claimedAt: claim.holder.claimedAt };
      run.compensations.push(() => guards.release(scope, key, summary.rootRunId));
      // Durable before the work goes on: a claim lost in a crash would let a redelivery post again.
      await guards.flush();
      return { claimed: true };
    },
    advance: async (entity, version) => {
      const advanced = guards.advance(scope, entity, version, summary.rootRunId);
      if (!advanced.applied) return { applied: false, current: advanced.current.version };
      run.compensations.push(() => guards.revert(scope, entity, summary.rootRunId, advanced.previous));
      await guards.flush();
      return { applied: true };
    },
  };
}

/**
 * The context of one attempt of `node` in `run`. The services a node may not use (HTTP client, guards, xref,
 * reports, logger) are built on first use: most steps are mappings and checks that touch none of them, and
 * building them for every step was a measurable share of the webhook hot path (W1).
 */
export function nodeContext(
  run: ContextRun,
  node: CompiledNode,
  attempt: number,
  visit: number,
  signal: AbortSignal,
  services: RuntimeServices,
  now: () => number,
): NodeContext<unknown, unknown> {
  const nodeId = node.node.id;
  let http: NodeContext<unknown, unknown>['http'] | undefined;
  let guards: NodeContext<unknown, unknown>['guards'] | undefined;
  let xref: NodeContext<unknown, unknown>['xref'] | undefined;
  let reports: NodeContext<unknown, unknown>['reports'] | undefined;
  let log: NodeContext<unknown, unknown>['log'] | undefined;
  return {
    node: { id: nodeId, type: node.node.type, ...(node.node.name ? { name: node.node.name } : {}) },
    config: node.config,
    compiled: node.compiled,
    attempt,
    idempotencyKey: idempotencyKeyOf(run.summary.rootRunId, nodeId, visit),
    get http() {
      return (http ??= httpClientFor(node, run, signal, services));
    },
    get guards() {
      return (guards ??= guardContext(services.guards, run, nodeId));
    },
    markDuplicate: (of) => run.markDuplicate(of),
    setBusinessKey: (name, value) => {
      run.summary.businessKeys[name] = value;
    },
    get xref() {
      return (xref ??= xrefContext(services.xref, { run: run.summary, nodeId }));
    },
    get reports() {
      return (reports ??= reportContext(services.reconciliations, { run: run.summary, nodeId }));
    },
    respond: (response) => run.respond(response),
    get log() {
      return (log ??= {
        info: (msg, fields) => run.log.info({ nodeId, ...fields }, msg),
        warn: (msg, fields) => run.log.warn({ nodeId, ...fields }, msg),
        error: (msg, fields) => run.log.error({ nodeId, ...fields }, msg),
      });
    },
    now,
    signal,
  };
}
