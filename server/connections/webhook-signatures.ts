/**
 * Webhook authentication, checked over the raw request bytes before any run starts.
 *
 * - **Stripe** (docs.stripe.com/webhooks/signature, and stripe-node's `webhooks.constructEvent`): header
 *   `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=<hex>…]`; `v1` is HMAC-SHA256 over `<t>.<raw body>` keyed
 *   with the endpoint secret (`whsec_…`, used as is). Any `v1` may match (during a secret roll Stripe signs
 *   with the old and the new secret); comparison is constant-time; then, as stripe-node does, only a
 *   timestamp OLDER than the tolerance (default 300 s) is refused: a sender clock ahead of ours passes.
 * - **HMAC** (generic): a header carrying the digest (sha256, sha1 or sha512; hex or base64; optional
 *   prefix such as `sha256=`), over the body or over `<timestamp>.<body>` with the timestamp from another
 *   header (Unix seconds), bounded by a tolerance in both directions.
 * - **Basic** (RFC 7617): `Authorization: Basic base64(user:password)`, both compared in constant time.
 *
 * Each check returns `{ ok: true }` or `{ ok: false, code, reason }`; `reason` never holds a secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Verdict = { ok: true } | { ok: false; code: string; reason: string };

/** Default Stripe tolerance (stripe-node `DEFAULT_TOLERANCE`), seconds. */
export const STRIPE_TOLERANCE_S = 300;

/** Stripe's messages, word for word from stripe-node, so operators can search them. */
export const STRIPE_ERRORS = {
  header: 'Unable to extract timestamp and signatures from header',
  scheme: 'No signatures found with expected scheme',
  mismatch:
    'No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe? \n If a webhook request is being forwarded by a third-party tool, ensure that the exact request body, including JSON formatting and new line style, is preserved.',
  tolerance: 'Timestamp outside the tolerance zone',
} as const;

/** Constant-time equality of two strings (false at once when the lengths differ, which leaks only the length). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `t=…,v1=…,v1=…` as stripe-node's `parseHeader` does (unknown keys and schemes ignored). */
export function parseStripeHeader(header: string | undefined): { timestamp: number; signatures: string[] } | undefined {
  if (typeof header !== 'string') return undefined;
  const parsed = { timestamp: -1, signatures: [] as string[] };
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') parsed.timestamp = Number.parseInt(value ?? '', 10);
    if (key === 'v1' && value !== undefined) parsed.signatures.push(value);
  }
  return parsed;
}

/** The `v1` signature of `payload` at `timestamp` (Unix seconds), hex. */
export function stripeSignature(payload: Buffer | string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(payload).digest('hex');
}

/** A `Stripe-Signature` header for `payload`, as stripe-node's `generateTestHeaderString` builds it. */
export function stripeSignatureHeader(payload: Buffer | string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${stripeSignature(payload, secret, timestamp)}`;
}

/**
 * Verifies a Stripe webhook.
 * @param receivedAtMs when the request arrived, ms since the epoch
 * @param toleranceS refuse timestamps older than this (0: no check)
 */
export function verifyStripe(raw: Buffer, header: string | undefined, secret: string, receivedAtMs: number, toleranceS = STRIPE_TOLERANCE_S): Verdict {
  const details = parseStripeHeader(header);
  if (!details || Number.isNaN(details.timestamp) || details.timestamp === -1) return { ok: false, code: 'signature-header', reason: STRIPE_ERRORS.header };
  if (details.signatures.length === 0) return { ok: false, code: 'signature-scheme', reason: STRIPE_ERRORS.scheme };
  const expected = stripeSignature(raw, secret, details.timestamp);
  // Every candidate is compared (no early exit), so timing does not tell which one matched.
  const matched = details.signatures.map((candidate) => safeEqual(expected, candidate)).includes(true);
  if (!matched) return { ok: false, code: 'signature-mismatch', reason: STRIPE_ERRORS.mismatch };
  const age = Math.floor(receivedAtMs / 1000) - details.timestamp;
  if (toleranceS > 0 && age > toleranceS) return { ok: false, code: 'signature-expired', reason: STRIPE_ERRORS.tolerance };
  return { ok: true };
}

export interface HmacOptions {
  /** Header carrying the digest, e.g. `X-Hub-Signature-256`. */
  header: string;
  algorithm: 'sha256' | 'sha1' | 'sha512';
  encoding: 'hex' | 'base64';
  /** Text before the digest in the header, e.g. `sha256=`. */
  prefix?: string;
  /** `body`: the raw body; `timestamp.body`: `<timestamp>.<raw body>` with the timestamp header's value. */
  signed: 'body' | 'timestamp.body';
  timestampHeader?: string;
  /** Largest distance between the timestamp and now, seconds (0: no check). */
  toleranceS?: number;
}

/** The digest a sender computes, for tests and the stand-ins. */
export function hmacDigest(raw: Buffer | string, secret: string, options: Pick<HmacOptions, 'algorithm' | 'encoding' | 'signed'>, timestamp?: string): string {
  const hmac = createHmac(options.algorithm, secret);
  if (options.signed === 'timestamp.body') hmac.update(`${timestamp ?? ''}.`, 'utf8');
  return hmac.update(raw).digest(options.encoding);
}

/** Verifies a generic HMAC webhook; `headers` has lower-cased names. */
export function verifyHmac(raw: Buffer, headers: Record<string, string | undefined>, secret: string, options: HmacOptions, receivedAtMs: number): Verdict {
  const value = headers[options.header.toLowerCase()];
  if (!value) return { ok: false, code: 'signature-missing', reason: `No ${options.header} header` };
  const prefix = options.prefix ?? '';
  if (!value.startsWith(prefix)) return { ok: false, code: 'signature-header', reason: `${options.header} does not start with "${prefix}"` };
  let timestamp: string | undefined;
  if (options.signed === 'timestamp.body') {
    const name = options.timestampHeader ?? '';
    timestamp = headers[name.toLowerCase()];
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, code: 'signature-timestamp', reason: `No Unix-seconds timestamp in the ${name || 'timestamp'} header` };
  }
  const expected = hmacDigest(raw, secret, options, timestamp);
  const given = value.slice(prefix.length).trim();
  const same = options.encoding === 'hex' ? safeEqual(expected.toLowerCase(), given.toLowerCase()) : safeEqual(expected, given);
  if (!same) return { ok: false, code: 'signature-mismatch', reason: `The ${options.header} signature does not match the raw body` };
  const tolerance = options.toleranceS ?? 300;
  if (timestamp !== undefined && tolerance > 0 && Math.abs(Math.floor(receivedAtMs / 1000) - Number(timestamp)) > tolerance) {
    return { ok: false, code: 'signature-expired', reason: `Timestamp more than ${tolerance} s from now` };
  }
  return { ok: true };
}

/** Verifies HTTP Basic credentials (RFC 7617 §2: user-id and password split at the first ":"). */
export function verifyBasic(authorization: string | undefined, username: string, password: string): Verdict {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return { ok: false, code: 'credentials-missing', reason: 'No Basic credentials in the Authorization header' };
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const pass = colon < 0 ? '' : decoded.slice(colon + 1);
  // Both compared, whatever the first gives, so timing does not tell a right user from a right password.
  const userOk = safeEqual(user, username);
  const passOk = safeEqual(pass, password);
  return userOk && passOk ? { ok: true } : { ok: false, code: 'credentials-invalid', reason: 'The Basic credentials are not valid' };
}
