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
  /** Aborted when the run is stopped (time limit, shutdown). */
  readonly signal: AbortSignal;
  /** Business keys the node set itself during the current attempt (ctx.setBusinessKey). */
  keysSet?: Record<string, string>;
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
 * reports, logger) are built on first use: most steps are mappings and checks that touch none of them. A
 * class with prototype getters, not an object literal of getters and closures: one is made per attempt,
 * and the literal was a measurable share of the webhook hot path (W1).
 */
class AttemptContext implements NodeContext<unknown, unknown> {
  readonly node: NodeContext<unknown, unknown>['node'];
  readonly config: unknown;
  readonly compiled: unknown;
  readonly idempotencyKey: string;
  readonly now: () => number;
  private httpClient?: NodeContext<unknown, unknown>['http'];
  private guardState?: NodeContext<unknown, unknown>['guards'];
  private xrefState?: NodeContext<unknown, unknown>['xref'];
  private reportState?: NodeContext<unknown, unknown>['reports'];
  private logger?: NodeContext<unknown, unknown>['log'];

  constructor(
    private readonly run: ContextRun,
    private readonly compiledNode: CompiledNode,
    readonly attempt: number,
    visit: number,
    private readonly services: RuntimeServices,
    now: () => number,
  ) {
    const { node } = compiledNode;
    this.node = node.name ? { id: node.id, type: node.type, name: node.name } : { id: node.id, type: node.type };
    this.config = compiledNode.config;
    this.compiled = compiledNode.compiled;
    this.idempotencyKey = idempotencyKeyOf(run.summary.rootRunId, node.id, visit);
    this.now = now;
  }

  get http(): NodeContext<unknown, unknown>['http'] {
    return (this.httpClient ??= httpClientFor(this.compiledNode, this.run, this.run.signal, this.services));
  }

  get guards(): NodeContext<unknown, unknown>['guards'] {
    return (this.guardState ??= guardContext(this.services.guards, this.run, this.node.id));
  }

  get xref(): NodeContext<unknown, unknown>['xref'] {
    return (this.xrefState ??= xrefContext(this.services.xref, { run: this.run.summary, nodeId: this.node.id }));
  }

  get reports(): NodeContext<unknown, unknown>['reports'] {
    return (this.reportState ??= reportContext(this.services.reconciliations, { run: this.run.summary, nodeId: this.node.id }));
  }

  get log(): NodeContext<unknown, unknown>['log'] {
    if (!this.logger) {
      const { run } = this;
      const nodeId = this.node.id;
      this.logger = {
        info: (msg, fields) => run.log.info({ nodeId, ...fields }, msg),
        warn: (msg, fields) => run.log.warn({ nodeId, ...fields }, msg),
        error: (msg, fields) => run.log.error({ nodeId, ...fields }, msg),
      };
    }
    return this.logger;
  }

  get signal(): AbortSignal {
    return this.run.signal;
  }

  markDuplicate(ofRunId: string): void {
    this.run.markDuplicate(ofRunId);
  }

  setBusinessKey(name: string, value: string): void {
    this.run.summary.businessKeys[name] = value;
    (this.run.keysSet ??= {})[name] = value;
  }

  respond(response: WebhookResponse): void {
    this.run.respond(response);
  }
}

/** The context of one attempt of `node` in `run` (see AttemptContext). */
export function nodeContext(run: ContextRun, node: CompiledNode, attempt: number, visit: number, services: RuntimeServices, now: () => number): NodeContext<unknown, unknown> {
  return new AttemptContext(run, node, attempt, visit, services, now);
}
