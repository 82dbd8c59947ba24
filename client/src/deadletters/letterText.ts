/** Readable text for dead letters: a one-line error headline, business keys, statuses. */
import type { SerializedError } from '../../../nodes/sdk/errors.js';

const DETAIL_KEYS = ['detail', 'message', 'error_description', 'error', 'title'];

/**
 * The most telling human message inside an error body: a `detail` (RFC 9457, NetSuite's `o:errorDetails`)
 * anywhere before a `message` (Stripe) before a `title`; the shallowest of equals.
 */
export function bodyDetail(body: unknown): string | undefined {
  let best: { rank: number; depth: number; text: string } | undefined;
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const rank = DETAIL_KEYS.indexOf(key);
      if (rank >= 0 && typeof child === 'string' && child && (!best || rank < best.rank || (rank === best.rank && depth < best.depth))) best = { rank, depth, text: child };
      else visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return best?.text;
}

/**
 * `POST /sandbox/erp/invoices answered 400: {"type":…}` becomes `POST /sandbox/erp/invoices answered 400 — Fault
 * injected…`: the raw body is replaced by the message found in it.
 */
export function errorHeadline(error: Pick<SerializedError, 'message' | 'details'> | undefined): string {
  if (!error) return 'Unknown error';
  const cut = error.message.search(/: [[{]/);
  if (cut < 0) return error.message;
  const details = error.details as { body?: unknown } | undefined;
  const detail = bodyDetail(details?.body) ?? bodyDetail(safeParse(error.message.slice(cut + 2)));
  return detail ? `${error.message.slice(0, cut)} — ${detail}` : error.message;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Pretty JSON for the editor. */
export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';
