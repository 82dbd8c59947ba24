/**
 * In-memory record keeping shared by the stand-ins: a table of records in insertion order (with an
 * optional external-id index, as NetSuite's `externalId`), and the ledger of idempotency keys already
 * answered (as Stripe's `Idempotency-Key`). Nothing here survives a restart: these are stand-ins.
 */
import { createHash } from 'node:crypto';

/** A JSON-ish record with a string id and, for ERP records, an optional external id. */
export interface StoredRecord {
  id: string;
  externalId?: unknown;
}

export class RecordTable<T extends StoredRecord> {
  private readonly byId = new Map<string, T>();
  private readonly byExternalId = new Map<string, string>();

  insert(record: T): T {
    this.byId.set(record.id, record);
    if (typeof record.externalId === 'string') this.byExternalId.set(record.externalId, record.id);
    return record;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  byExternal(externalId: string): T | undefined {
    const id = this.byExternalId.get(externalId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Looks up by id, then by external id (NetSuite's `eid:` prefix is accepted too). */
  find(idOrExternalId: string): T | undefined {
    if (idOrExternalId.startsWith('eid:')) return this.byExternal(idOrExternalId.slice(4));
    return this.get(idOrExternalId) ?? this.byExternal(idOrExternalId);
  }

  /** Records in insertion order. */
  list(): T[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
    this.byExternalId.clear();
  }
}

/** A remembered answer to an idempotent request. */
export interface IdempotentAnswer {
  /** Fingerprint of the first request (method, path and body), to catch a key reused for another request. */
  fingerprint?: string;
  recordId: string;
}

export class IdempotencyKeys {
  private readonly answers = new Map<string, IdempotentAnswer>();

  recall(key: string): IdempotentAnswer | undefined {
    return this.answers.get(key);
  }

  remember(key: string, answer: IdempotentAnswer): void {
    if (!this.answers.has(key)) this.answers.set(key, answer);
  }

  clear(): void {
    this.answers.clear();
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 over method, path and the body with sorted keys: equal requests give equal fingerprints. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** A counter for readable, deterministic ids (`next()` → 98765, 98766, …); `reset()` starts over. */
export class Sequence {
  private value: number;
  constructor(private readonly first: number) {
    this.value = first;
  }
  next(): number {
    return this.value++;
  }
  reset(): void {
    this.value = this.first;
  }
}

/** The `Idempotency-Key` header of a request, if it has a usable one. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  const key = header?.trim();
  return key ? key.slice(0, 255) : undefined;
}

/** Narrowing helper for parsed JSON bodies. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
