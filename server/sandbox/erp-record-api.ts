/**
 * The ERP stand-in's NetSuite REST record API v1, mounted at `/sandbox/erp/record/v1` behind an OAuth2
 * bearer token (auth.ts). As NetSuite answers (docs: "REST Web Services", record API):
 * - `POST /<type>`: 204 No Content with `Location: …/record/v1/<type>/<id>`. A repeated
 *   `X-NetSuite-Idempotency-Key` (or `Idempotency-Key`) answers the first record's Location again; a body
 *   whose `externalId` is taken is refused (400 `DUP_RCRD`).
 * - `PUT /<type>/eid:<externalId>`: upsert by external id: creates, or replaces the given fields; 204 + Location.
 * - `PATCH /<type>/<id|eid:…>`: changes the given fields; 204. `GET /<type>/<id|eid:…>`, `GET /<type>`.
 * Types: customer, invoice, creditMemo, salesOrder, customerPayment, customerRefund, journalEntry. Bodies
 * are checked as NetSuite would (erp-records.ts; money in whole cents; journal debits = credits); errors are
 * `{ type, title, status, o:errorDetails }`. Stand-in simplification: a customerRefund carries its `total`.
 */
import express, { type Request, type Response, type Router } from 'express';
import {
  buildCustomer,
  buildInvoice,
  checkCustomerBody,
  checkInvoiceBody,
  customerRefName,
  netsuiteError,
  notFound,
  type NetSuiteErrorDetail,
  type NetSuiteRecord,
} from './erp-records.js';
import { type IdempotencyKeys, type RecordTable, isPlainObject } from './records.js';

export const RECORD_TYPES = ['customer', 'invoice', 'creditMemo', 'salesOrder', 'customerPayment', 'customerRefund', 'journalEntry'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
const LINE_TYPES = new Set<RecordType>(['invoice', 'creditMemo', 'salesOrder']);
const TRAN_PREFIX: Partial<Record<RecordType, string>> = { invoice: 'INV', creditMemo: 'CM', salesOrder: 'SO', customerPayment: 'PYMT', customerRefund: 'RFND', journalEntry: 'JE' };

/** One write that reached the ERP's logic, in arrival order. */
export interface RecordPosting {
  kind: string;
  method: 'POST' | 'PUT' | 'PATCH';
  externalId?: string;
  idempotencyKey?: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'duplicate-key' | 'duplicate-external-id' | 'rejected';
  recordId?: string;
  at: string;
}

export interface RecordApiStore {
  table(type: RecordType): RecordTable<NetSuiteRecord>;
  nextId(type: RecordType): string;
  keys: IdempotencyKeys;
  log(posting: RecordPosting): void;
  now(): number;
}

const detail = (text: string, code: string, path?: string): NetSuiteErrorDetail => ({ detail: text, 'o:errorCode': code, ...(path ? { 'o:errorPath': path } : {}) });
const isCents = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value;
const refOf = (value: unknown) => (isPlainObject(value) && (typeof value.id === 'string' || typeof value.id === 'number') ? String(value.id) : undefined);

/** Problems with a body of `type`, in NetSuite's words; empty when it can be stored. */
export function checkRecordBody(type: RecordType, body: unknown, customers: RecordTable<NetSuiteRecord>): NetSuiteErrorDetail[] {
  if (type === 'customer') return checkCustomerBody(body);
  if (LINE_TYPES.has(type)) return checkInvoiceBody(body, (id) => customers.get(id) !== undefined);
  if (!isPlainObject(body)) return [detail('Invalid content in the request body: (body) must be a JSON object.', 'INVALID_CONTENT', '(body)')];
  const problems: NetSuiteErrorDetail[] = [];
  if (type === 'journalEntry') {
    const lines = isPlainObject(body.line) ? body.line.items : undefined;
    if (!Array.isArray(lines) || lines.length < 2) return [detail('A journal entry needs at least two lines.', 'USER_ERROR', 'line')];
    let debit = 0;
    let credit = 0;
    lines.forEach((line, i) => {
      const entry = isPlainObject(line) ? line : {};
      for (const side of ['debit', 'credit'] as const) {
        if (entry[side] !== undefined && !isCents(entry[side])) problems.push(detail(`Invalid content in the request body: line.items[${i}].${side} must be whole cents.`, 'INVALID_CONTENT', `line.items[${i}].${side}`));
      }
      debit += Math.round(Number(entry.debit ?? 0) * 100);
      credit += Math.round(Number(entry.credit ?? 0) * 100);
    });
    if (problems.length === 0 && debit !== credit) {
      problems.push(detail(`Error while accessing a resource. The total debits (${(debit / 100).toFixed(2)}) do not equal the total credits (${(credit / 100).toFixed(2)}).`, 'USER_ERROR', 'line'));
    }
    return problems;
  }
  const customer = refOf(body.customer);
  if (customer === undefined) problems.push(detail('Please enter value(s) for: Customer', 'USER_ERROR', 'customer'));
  else if (!customers.get(customer)) problems.push(detail(`Invalid Field Value ${customer} for the following field: customer`, 'USER_ERROR', 'customer'));
  const field = type === 'customerPayment' ? 'payment' : 'total';
  if (!isCents(body[field]) || (body[field] as number) <= 0) problems.push(detail(`Invalid content in the request body: ${field} must be a positive amount in whole cents.`, 'INVALID_CONTENT', field));
  return problems;
}

export function recordApiRouter(store: RecordApiStore): Router {
  const router = express.Router();
  const typeOf = (req: Request, res: Response): RecordType | undefined => {
    const type = RECORD_TYPES.find((t) => t.toLowerCase() === String(req.params.type).toLowerCase());
    if (!type) res.status(404).json(netsuiteError(404, [detail(`Record type '${req.params.type}' is not served by the stand-in (${RECORD_TYPES.join(', ')}).`, 'INVALID_RCRD_TYPE')]));
    return type;
  };
  const location = (req: Request, type: RecordType, id: string) => `${req.baseUrl}/${type}/${id}`;
  const stamp = () => new Date(store.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  /** The record built from `body`, keeping `previous`'s identity when it replaces one. */
  const build = (req: Request, type: RecordType, body: Record<string, unknown>, previous?: NetSuiteRecord): NetSuiteRecord => {
    const id = previous?.id ?? store.nextId(type);
    const ctx = { id, href: location(req, type, id), timestamp: stamp() };
    const customers = store.table('customer');
    let record: NetSuiteRecord;
    if (type === 'customer') record = { ...(previous ?? {}), ...buildCustomer(body, ctx) };
    else if (LINE_TYPES.has(type)) {
      const customer = customers.get(String(refOf(body.entity)));
      record = { ...buildInvoice(body, ctx, customer ? customerRefName(customer) : undefined), tranId: `${TRAN_PREFIX[type]}-LF-${id}` };
    } else {
      const customer = customers.get(String(refOf(body.customer)));
      record = {
        links: [{ rel: 'self', href: ctx.href }],
        ...body,
        id,
        tranId: `${TRAN_PREFIX[type]}-LF-${id}`,
        createdDate: ctx.timestamp,
        lastModifiedDate: ctx.timestamp,
        ...(customer ? { customer: { id: customer.id, refName: customerRefName(customer) } } : {}),
      };
    }
    if (previous) Object.assign(record, { createdDate: previous.createdDate ?? record.createdDate, tranId: previous.tranId ?? record.tranId });
    return record;
  };

  /** Stores `body` as a new record or over `previous`; answers 204 with Location, or 400. */
  const write = (req: Request, res: Response, type: RecordType, method: RecordPosting['method'], body: unknown, previous?: NetSuiteRecord) => {
    const key = (req.get('X-NetSuite-Idempotency-Key') ?? req.get('Idempotency-Key'))?.trim().slice(0, 255) || undefined;
    const externalId = isPlainObject(body) && typeof body.externalId === 'string' ? body.externalId : undefined;
    const log = (outcome: RecordPosting['outcome'], recordId?: string) =>
      store.log({ kind: type, method, ...(externalId ? { externalId } : {}), ...(key ? { idempotencyKey: key } : {}), outcome, ...(recordId ? { recordId } : {}), at: new Date(store.now()).toISOString() });
    const table = store.table(type);
    const scoped = key && `record:${type}:${key}`;
    const replay = scoped ? store.keys.recall(scoped) : undefined;
    if (replay && table.get(replay.recordId)) {
      log('duplicate-key', replay.recordId);
      return void res.set('X-Duplicate', 'true').location(location(req, type, replay.recordId)).status(204).end();
    }
    const problems = checkRecordBody(type, body, store.table('customer'));
    if (problems.length || !isPlainObject(body)) {
      log('rejected');
      return void res.status(400).json(netsuiteError(400, problems));
    }
    if (method === 'POST' && externalId && table.byExternal(externalId)) {
      log('duplicate-external-id', table.byExternal(externalId)!.id);
      return void res.status(400).json(netsuiteError(400, [detail(`A ${type} record with external ID ${externalId} already exists.`, 'DUP_RCRD', 'externalId')]));
    }
    const record = build(req, type, body, previous);
    const unchanged = previous && JSON.stringify({ ...previous, lastModifiedDate: 0 }) === JSON.stringify({ ...record, lastModifiedDate: 0 });
    table.insert(unchanged ? previous : record);
    log(previous ? (unchanged ? 'unchanged' : 'updated') : 'created', record.id);
    if (scoped) store.keys.remember(scoped, { recordId: record.id });
    res.location(location(req, type, record.id)).status(204).end();
  };

  router.get('/:type', (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    const items = store.table(type).list().map((r) => ({ links: [{ rel: 'self', href: location(req, type, r.id) }], id: r.id }));
    res.json({ links: [], count: items.length, hasMore: false, items, offset: 0, totalResults: items.length });
  });
  router.get('/:type/:key', (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    const record = store.table(type).find(req.params.key);
    if (record) res.json(record);
    else res.status(404).json(notFound(type, req.params.key));
  });
  router.post('/:type', (req, res) => {
    const type = typeOf(req, res);
    if (type) write(req, res, type, 'POST', req.body);
  });
  router.put('/:type/:key', (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    if (!req.params.key.startsWith('eid:')) {
      return void res.status(405).json(netsuiteError(405, [detail('PUT is the upsert by external id: /record/v1/<type>/eid:<externalId>', 'METHOD_NOT_ALLOWED')]));
    }
    const externalId = req.params.key.slice(4);
    const body: unknown = isPlainObject(req.body) ? { ...req.body, externalId } : req.body;
    write(req, res, type, 'PUT', body, store.table(type).byExternal(externalId));
  });
  router.patch('/:type/:key', (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    const previous = store.table(type).find(req.params.key);
    if (!previous) return void res.status(404).json(notFound(type, req.params.key));
    const { links: _links, id: _id, tranId: _tranId, createdDate: _created, lastModifiedDate: _modified, ...fields } = previous;
    write(req, res, type, 'PATCH', isPlainObject(req.body) ? { ...fields, ...req.body } : req.body, previous);
  });
  return router;
}
