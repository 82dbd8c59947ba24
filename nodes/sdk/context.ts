/**
 * The context a node's `execute` receives. All I/O reaches a node through here (Temporal's rule:
 * code that decides is separate from code that does I/O), so node modules stay isomorphic and testable.
 */
import type { Json, Message } from './message.js';
import type { ReconciliationResult } from './reconciliation.js';

/** An outbound HTTP request. `timeoutMs` bounds the whole exchange. */
export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON when not a string. */
  body?: Json | string;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
  body: Json;
}

/**
 * HTTP client given to nodes. It adds `X-Correlation-Id` to every request; it never throws for an HTTP
 * status (the node decides), only for network failures and time-outs (as a retryable `NodeError`).
 */
export interface HttpClient {
  request(request: OutboundRequest): Promise<OutboundResponse>;
}

/** What a `respond` node sends back to the webhook caller. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: Json;
}

export interface NodeLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Guard state, scoped to this flow and node by the runtime. Claims and versions of a failed run are given back. */
export interface GuardContext {
  /** Idempotent consumer: atomically claims a business key for this run. */
  claim(key: string, ttlMs?: number): Promise<{ claimed: true } | { claimed: false; heldBy: string; claimedAt: string }>;
  /**
   * Stale-event guard: records `version` (a number, or an ISO timestamp) for `entity` unless an older-than-
   * last-applied version; equal versions pass (duplicates are the idempotent consumer's concern).
   */
  advance(entity: string, version: number | string): Promise<{ applied: true } | { applied: false; current: number | string }>;
}

/**
 * An id in one system: `system` (`crm`, `billing`, `erp`…), `entity` (`account`, `opportunity`, `customer`,
 * `subscription`, `invoice`…) and the system's own `id`. Entities matter because ERP internal ids are only
 * unique per record type (customer 4321 and invoice 4321 can both exist).
 */
export interface XrefRef {
  system: string;
  entity: string;
  id: string;
}

/**
 * The xref (cross-reference table of ids between systems), shared by every flow. Links are two-way: a link
 * saved from A to B is found from B too. Calls that the store cannot serve throw a retryable NodeError.
 */
export interface XrefContext {
  /** Ids linked to `from` in `to.system` (only `to.entity` when given), most recently linked first. */
  lookup(from: XrefRef, to: { system: string; entity?: string }): Promise<XrefRef[]>;
  /**
   * Links two ids; saving an existing link only refreshes it. `replace`: first drop the links from `from`
   * to other ids of `to`'s system and entity (a one-to-one relation, e.g. account ↔ customer, re-pointed).
   */
  save(from: XrefRef, to: XrefRef, options?: { replace?: boolean }): Promise<void>;
}

/** Keeps reconciliation reports (shown on the reconciliation page, counted in /metrics). */
export interface ReportContext {
  /** Stores the result under `name`, with this run and node as its origin. @returns the report id. */
  save(name: string, result: ReconciliationResult): Promise<{ id: string }>;
}

export interface NodeContext<Config, Compiled> {
  node: { id: string; type: string; name?: string };
  /** The node's config as parsed by its zod schema (defaults applied). */
  config: Config;
  /** What the node's `compile` returned at publish time (compiled expressions). */
  compiled: Compiled;
  /** 1 for the first attempt of this step. */
  attempt: number;
  /**
   * Deterministic key for this side-effecting step: the same on every attempt, resume and replay of
   * the run (`<runId>:<nodeId>`). Send it as `Idempotency-Key` or use it as an external id.
   */
  idempotencyKey: string;
  http: HttpClient;
  guards: GuardContext;
  /** Marks the run as a duplicate of an earlier run (its status becomes `duplicate` unless it fails). */
  markDuplicate(ofRunId: string): void;
  /** Records a business id the run touched (`invoiceId`, `opportunityId`…), searchable in history. */
  setBusinessKey(name: string, value: string): void;
  /** The cross-reference table of ids between systems. */
  xref: XrefContext;
  /** Where reconciliation reports are kept. */
  reports: ReportContext;
  /** Answers the webhook caller; a no-op for runs with no caller waiting (manual, test runs). */
  respond(response: WebhookResponse): void;
  log: NodeLogger;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Aborted when the run is cancelled or the server shuts down. */
  signal: AbortSignal;
}

/** Outputs keyed by port name. A missing key means that branch did not fire. */
export type NodeOutputs = Partial<Record<string, Message>>;
