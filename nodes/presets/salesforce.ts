/**
 * Salesforce REST API knowledge (v62, developer.salesforce.com "REST API Developer Guide" and "Change
 * Data Capture Developer Guide"): paths, SOQL string literals, error bodies, and change events.
 */
import type { Json } from '../sdk/message.js';
import type { VendorError } from './call.js';

type JsonObject = { [key: string]: Json };
const obj = (value: Json | undefined): JsonObject | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined);

/** `services/data/<version>/<rest>`, relative to the connection's base URL (the instance URL). */
export const dataPath = (version: string, rest: string) => `services/data/${version}/${rest.replace(/^\/+/, '')}`;

/** Escapes a value for a SOQL string literal (SOQL reference, "Quoted String Escape Sequences"). */
export function soqlEscape(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

/** Reads Salesforce's `[{ message, errorCode, fields? }]`. */
export function readSalesforceError(_status: number, body: Json): VendorError | undefined {
  const list = Array.isArray(body) ? body : obj(body) ? [body] : [];
  const errors = list.map(obj).filter((e): e is JsonObject => Boolean(e && typeof e.errorCode === 'string'));
  if (errors.length === 0) return undefined;
  const parts = errors.map((e) => `${String(e.errorCode)}: ${String(e.message ?? '')}${Array.isArray(e.fields) && e.fields.length ? ` (fields: ${e.fields.join(', ')})` : ''}`);
  return { code: String(errors[0]!.errorCode).toLowerCase().replace(/_/g, '-'), message: parts.join('; ') };
}

/** One record's change, as `salesforce.cdc` sends it on. */
export interface RecordChange {
  recordId: string;
  entityName: string;
  changeType: string;
  changedFields: string[];
  nulledFields: string[];
  /** Commit time: ms since the epoch, as Salesforce sends it, and as ISO 8601. */
  commitTimestamp: number | null;
  committedAt: string | null;
  commitUser: string | null;
  transactionKey: string | null;
  sequenceNumber: number | null;
  replayId: number | string | null;
  /** The changed fields' new values (a CDC update carries only those). */
  fields: JsonObject;
}

/**
 * Splits a Change Data Capture event into one change per record id (an event may carry several: one
 * transaction changing many records the same way). Accepts the CometD/Pub/Sub envelope
 * (`{ data: { payload, event: { replayId } }, channel }`), `{ payload }`, or the payload itself.
 * @returns undefined when no `ChangeEventHeader` is found.
 */
export function splitChangeEvent(event: Json): RecordChange[] | undefined {
  const root = obj(event);
  const data = obj(root?.data);
  const payload = obj(data?.payload) ?? obj(root?.payload) ?? root;
  const header = obj(payload?.ChangeEventHeader);
  if (!payload || !header) return undefined;
  const texts = (value: Json | undefined) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const { ChangeEventHeader: _header, ...fields } = payload;
  const commit = typeof header.commitTimestamp === 'number' ? header.commitTimestamp : null;
  const replay = obj(data?.event)?.replayId ?? obj(root?.event)?.replayId;
  return texts(header.recordIds).map((recordId) => ({
    recordId,
    entityName: String(header.entityName ?? ''),
    changeType: String(header.changeType ?? ''),
    changedFields: texts(header.changedFields),
    nulledFields: texts(header.nulledFields),
    commitTimestamp: commit,
    committedAt: commit === null ? null : new Date(commit).toISOString(),
    commitUser: typeof header.commitUser === 'string' ? header.commitUser : null,
    transactionKey: typeof header.transactionKey === 'string' ? header.transactionKey : null,
    sequenceNumber: typeof header.sequenceNumber === 'number' ? header.sequenceNumber : null,
    replayId: typeof replay === 'number' || typeof replay === 'string' ? replay : null,
    fields: fields as JsonObject,
  }));
}
