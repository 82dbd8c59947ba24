/**
 * The gate in front of signed webhooks: reads a webhook trigger's `verify` setting, takes the secret from
 * the named connection profile (never from the flow file), checks the raw request, and keeps a record of
 * every refused attempt (`<data>/webhook-rejections.ndjson`, newest 1,000; `GET /api/webhooks/rejections`).
 * A refused request never starts a run.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RecordLog } from '../storage/record-log.js';
import type { ConnectionProfiles } from './profiles.js';
import { verifyBasic, verifyHmac, verifyStripe, type HmacOptions, type Verdict } from './webhook-signatures.js';

/** A webhook trigger's `verify` config (nodes/trigger.webhook.ts). */
export type WebhookVerify =
  | { scheme: 'none' }
  | { scheme: 'stripe'; connection: string; toleranceSeconds?: number }
  | ({ scheme: 'hmac'; connection: string; toleranceSeconds?: number } & Omit<HmacOptions, 'toleranceS'>)
  | { scheme: 'basic'; connection: string };

/** What is known of a request when it is checked. Header names lower-cased. */
export interface WebhookAttempt {
  path: string;
  flowId: string;
  flowVersion: number;
  triggerNodeId: string;
  method: string;
  headers: Record<string, string | undefined>;
  raw: Buffer;
  remoteAddress?: string;
}

/** One refused webhook request, as listed by the API (no body, no credentials: a hash and a size). */
export interface WebhookRejection {
  id: string;
  at: string;
  path: string;
  flowId: string;
  flowVersion: number;
  triggerNodeId: string;
  scheme: WebhookVerify['scheme'];
  /** `signature-mismatch`, `signature-expired`, `credentials-invalid`, `webhook-not-configured`… */
  code: string;
  reason: string;
  /** HTTP status answered: 401, or 503 when the connection has no secret. */
  status: number;
  method: string;
  remoteAddress?: string;
  userAgent?: string;
  bodyBytes: number;
  bodySha256: string;
  /** The signature header as received (a signature is no secret), cut at 300 characters. */
  signatureHeader?: string;
}

export type GateVerdict = Verdict | { ok: false; code: string; reason: string; status: number };

const KEEP = 1000;

export class WebhookGate {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly rejections: RecordLog<WebhookRejection>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks `attempt` against `verify`; a refusal is recorded before this returns. */
  check(verify: WebhookVerify | undefined, attempt: WebhookAttempt): GateVerdict & { status?: number } {
    if (!verify || verify.scheme === 'none') return { ok: true };
    const verdict = this.verdict(verify, attempt);
    if (!verdict.ok) this.record(verify, attempt, verdict.code, verdict.reason, 'status' in verdict ? verdict.status : 401);
    return verdict;
  }

  private verdict(verify: Exclude<WebhookVerify, { scheme: 'none' }>, attempt: WebhookAttempt): GateVerdict {
    let profile;
    try {
      profile = this.profiles.resolve(verify.connection);
    } catch (error) {
      return { ok: false, code: 'webhook-not-configured', reason: `Connection "${verify.connection}": ${(error as Error).message}`, status: 503 };
    }
    const secret = profile?.webhook?.secret;
    if (!secret) {
      return { ok: false, code: 'webhook-not-configured', reason: `Connection "${verify.connection}" has no webhook secret: set it on the Connections page`, status: 503 };
    }
    const receivedAt = this.now();
    switch (verify.scheme) {
      case 'stripe':
        return verifyStripe(attempt.raw, attempt.headers['stripe-signature'], secret, receivedAt, verify.toleranceSeconds ?? 300);
      case 'hmac':
        return verifyHmac(attempt.raw, attempt.headers, secret, { ...verify, toleranceS: verify.toleranceSeconds ?? 300 }, receivedAt);
      case 'basic':
        if (!profile?.webhook?.username) return { ok: false, code: 'webhook-not-configured', reason: `Connection "${verify.connection}" has no webhook user name`, status: 503 };
        return verifyBasic(attempt.headers.authorization, profile.webhook.username, secret);
    }
  }

  private record(verify: Exclude<WebhookVerify, { scheme: 'none' }>, attempt: WebhookAttempt, code: string, reason: string, status: number): void {
    const at = this.now();
    const header = verify.scheme === 'stripe' ? attempt.headers['stripe-signature'] : verify.scheme === 'hmac' ? attempt.headers[verify.header.toLowerCase()] : undefined;
    const rejection: WebhookRejection = {
      id: `rej_${at.toString(36)}${randomBytes(4).toString('hex')}`,
      at: new Date(at).toISOString(),
      path: attempt.path,
      flowId: attempt.flowId,
      flowVersion: attempt.flowVersion,
      triggerNodeId: attempt.triggerNodeId,
      scheme: verify.scheme,
      code,
      reason,
      status,
      method: attempt.method,
      ...(attempt.remoteAddress ? { remoteAddress: attempt.remoteAddress } : {}),
      ...(attempt.headers['user-agent'] ? { userAgent: attempt.headers['user-agent'].slice(0, 200) } : {}),
      bodyBytes: attempt.raw.length,
      bodySha256: createHash('sha256').update(attempt.raw).digest('hex'),
      ...(header ? { signatureHeader: header.slice(0, 300) } : {}),
    };
    this.rejections.set(rejection.id, rejection);
    // Insertion order is arrival order (also after a restart: the log is replayed in order).
    if (this.rejections.size > KEEP) for (const old of [...this.rejections.values()].slice(0, this.rejections.size - KEEP)) this.rejections.delete(old.id);
  }

  /** Refused attempts, most recently received first, optionally for one flow or path. */
  list(filter: { flowId?: string; path?: string; limit?: number } = {}): WebhookRejection[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), KEEP);
    return [...this.rejections.values()]
      .reverse()
      .filter((r) => (!filter.flowId || r.flowId === filter.flowId) && (!filter.path || r.path === filter.path))
      .slice(0, limit);
  }

  flush(): Promise<void> {
    return this.rejections.flush();
  }
}
