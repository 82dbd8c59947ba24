/**
 * NetSuite REST record API v1 knowledge (docs: "NetSuite REST Web Services", record API): paths, the id
 * in a write's `Location` header, and error bodies (RFC 9457 problem documents with `o:errorDetails`:
 * `{ detail, o:errorPath?, o:errorCode }`) read into one clear sentence.
 */
import type { Json } from '../sdk/message.js';
import { segment, type VendorError } from './call.js';

/** `record/v1/<type>[/<id or eid:externalId>]`, relative to the connection's base URL (…/services/rest). */
export function recordPath(recordType: string, key?: { id?: string; externalId?: string }): string {
  const base = `record/v1/${segment(recordType)}`;
  if (key?.id) return `${base}/${segment(key.id)}`;
  if (key?.externalId) return `${base}/eid:${segment(key.externalId)}`;
  return base;
}

/** The internal id at the end of a `Location: …/record/v1/invoice/98765` header. */
export function idFromLocation(location: string | undefined): string | undefined {
  const match = /\/record\/v1\/[^/]+\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location ?? '');
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * Reads a NetSuite error body: every `o:errorDetails` entry as `CODE at path: detail`, joined by "; ".
 * @returns undefined when the body has no `o:errorDetails`.
 */
export function readNetSuiteError(_status: number, body: Json): VendorError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const details = body['o:errorDetails'];
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const parts = details.map((entry) => {
    const item = (entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}) as Record<string, Json>;
    const path = typeof item['o:errorPath'] === 'string' ? ` at ${item['o:errorPath']}` : '';
    return `${String(item['o:errorCode'] ?? 'ERROR')}${path}: ${String(item.detail ?? '').trim()}`;
  });
  const first = details[0] as Record<string, Json> | null;
  const code = String(first?.['o:errorCode'] ?? 'error').toLowerCase().replace(/_/g, '-');
  return { code, message: `${parts.join('; ')} (o:errorDetails)` };
}
