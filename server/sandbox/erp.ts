/**
 * ERP stand-in, shaped like the NetSuite REST record API (see test/fixtures/netsuite/), mounted at
 * `/sandbox/erp`. In memory; every answer carries `X-Ledgerflow-Stand-In: erp`.
 *
 * - `POST /invoices`, `POST /customers`: 201 `{ id, externalId, … }` with `Location`. A second POST with
 *   the same `externalId` or the same `Idempotency-Key` stores nothing and answers 200 with the existing
 *   record and `X-Duplicate: true` (the guarantee flows rely on when they retry or replay).
 * - `GET /invoices`, `GET /customers`: `{ items, count, hasMore, offset, totalResults }`, oldest first.
 * - `GET /invoices/:idOrExternalId`, `GET /customers/:idOrExternalId` (also `eid:<externalId>`).
 * - Bodies are checked as NetSuite would (missing entity, `item.items` not an array…): 400 with
 *   `o:errorDetails`. Faults: `PUT|GET|DELETE /_faults` (see faults.ts).
 * - NetSuite's own paths: `POST /auth/oauth2/v1/token` (client credentials; mounted by index.ts in front
 *   of the fault injector, so fault plans count API requests only) and, with its bearer token, the REST
 *   record API under `/record/v1` (erp-record-api.ts: create, upsert by external id, update, get).
 */
import type { Request, Response, Router } from 'express';
import { FaultInjector, type FaultPlan } from './faults.js';
import {
  buildCustomer,
  buildInvoice,
  checkCustomerBody,
  checkInvoiceBody,
  customerRefName,
  netsuiteError,
  netsuiteFault,
  notFound,
  type NetSuiteRecord,
} from './erp-records.js';
import { IdempotencyKeys, RecordTable, Sequence, idempotencyKeyOf, isPlainObject } from './records.js';
import { requireBearer, TokenIssuer } from './auth.js';
import { SANDBOX_CREDENTIALS, type SandboxCredentials } from './credentials.js';
import { RECORD_TYPES, recordApiRouter, type RecordPosting, type RecordType } from './erp-record-api.js';
import { closeStandInRouter, openStandInRouter } from './stand-in.js';

export interface ErpOptions {
  /** Id of the first invoice created (default 98765, as in netsuite/invoice.get-response). */
  firstInvoiceId?: number;
  /** Id of the first customer created (default 5001; the seeded customer is 4321). */
  firstCustomerId?: number;
  /** A fault plan armed from the start (and again after each reset). */
  faults?: FaultPlan;
  /** OAuth2 client of the record API (default: the sandbox credentials). */
  oauth?: SandboxCredentials['erp'];
}

/** First ids of the record API's other types (invoice and customer use the sequences above). */
const FIRST_ID: Partial<Record<RecordType, number>> = { creditMemo: 7001, salesOrder: 3001, customerPayment: 8001, customerRefund: 9001, journalEntry: 6001 };

type RecordKind = 'invoice' | 'customer';

/** One create request that reached the ERP's logic (faulted requests that stored nothing are not in it). */
export interface Posting {
  kind: RecordKind;
  externalId?: string;
  idempotencyKey?: string;
  /** created; duplicate by key or by external id (answered with the stored record); rejected (400). */
  outcome: 'created' | 'duplicate-key' | 'duplicate-external-id' | 'rejected';
  recordId?: string;
  at: string;
}

export class ErpStandIn {
  readonly router: Router;
  readonly faults = new FaultInjector(netsuiteFault);
  private readonly invoiceTable = new RecordTable<NetSuiteRecord>();
  private readonly customerTable = new RecordTable<NetSuiteRecord>();
  private readonly keys = new IdempotencyKeys();
  private readonly journal: Array<Posting | RecordPosting> = [];
  private readonly otherTables = new Map<RecordType, RecordTable<NetSuiteRecord>>();
  private readonly otherIds = new Map<RecordType, Sequence>();
  /** The OAuth2 authorisation server of the record API. */
  readonly tokens: TokenIssuer;
  private readonly invoiceIds: Sequence;
  private readonly customerIds: Sequence;

  /**
   * @param seedCustomers customers present after every reset (netsuite/customer.get-response)
   * @param now clock in ms since the epoch
   */
  constructor(
    private readonly seedCustomers: () => Array<Record<string, unknown>>,
    private readonly now: () => number = Date.now,
    private readonly options: ErpOptions = {},
  ) {
    this.invoiceIds = new Sequence(options.firstInvoiceId ?? 98765);
    this.customerIds = new Sequence(options.firstCustomerId ?? 5001);
    for (const type of RECORD_TYPES) {
      if (type === 'invoice' || type === 'customer') continue;
      this.otherTables.set(type, new RecordTable());
      this.otherIds.set(type, new Sequence(FIRST_ID[type] ?? 1));
    }
    this.tokens = new TokenIssuer(() => options.oauth ?? SANDBOX_CREDENTIALS.erp, now);
    this.router = this.buildRouter();
    this.reset();
  }

  /** Invoices stored so far, oldest first. */
  invoices(): NetSuiteRecord[] {
    return this.invoiceTable.list();
  }

  /** One invoice by internal id or external id. */
  invoice(idOrExternalId: string): NetSuiteRecord | undefined {
    return this.invoiceTable.find(idOrExternalId);
  }

  /** Every write in arrival order: how many times each business document was posted, and with which key. */
  postings(): ReadonlyArray<Posting | RecordPosting> {
    return this.journal;
  }

  /** The records of one NetSuite record type, oldest first (`invoice` and `customer` include the older routes' records). */
  records(type: RecordType): NetSuiteRecord[] {
    return this.table(type).list();
  }

  private table(type: RecordType): RecordTable<NetSuiteRecord> {
    if (type === 'invoice') return this.invoiceTable;
    if (type === 'customer') return this.customerTable;
    return this.otherTables.get(type)!;
  }

  customers(): NetSuiteRecord[] {
    return this.customerTable.list();
  }

  /** Back to the seed: no invoices, the seeded customers, no remembered keys, `options.faults` re-armed. */
  reset(): void {
    this.invoiceTable.clear();
    this.customerTable.clear();
    this.keys.clear();
    this.journal.length = 0;
    this.invoiceIds.reset();
    this.customerIds.reset();
    for (const table of this.otherTables.values()) table.clear();
    for (const ids of this.otherIds.values()) ids.reset();
    this.tokens.reset();
    for (const customer of this.seedCustomers()) {
      if (typeof customer.id === 'string') this.customerTable.insert(customer as NetSuiteRecord);
    }
    this.faults.reset();
    if (this.options.faults) this.faults.arm(this.options.faults);
  }

  private buildRouter(): Router {
    const router = openStandInRouter('erp', this.faults);
    router.post('/invoices', (req, res) => this.create('invoice', req, res));
    router.get('/invoices', (_req, res) => this.list(res, this.invoiceTable));
    router.get('/invoices/:idOrExternalId', (req, res) => this.read(res, 'invoice', this.invoiceTable, req.params.idOrExternalId));
    router.post('/customers', (req, res) => this.create('customer', req, res));
    router.get('/_postings', (_req, res) => void res.json({ items: this.journal, count: this.journal.length }));
    router.get('/customers', (_req, res) => this.list(res, this.customerTable));
    router.get('/customers/:idOrExternalId', (req, res) => this.read(res, 'customer', this.customerTable, req.params.idOrExternalId));
    router.use(
      '/record/v1',
      requireBearer(this.tokens.valid, (message) => netsuiteError(401, [{ detail: message, 'o:errorCode': 'INVALID_LOGIN' }])),
      recordApiRouter({
        table: (type) => this.table(type),
        nextId: (type) => String(type === 'invoice' ? this.invoiceIds.next() : type === 'customer' ? this.customerIds.next() : this.otherIds.get(type)!.next()),
        keys: this.keys,
        log: (posting) => this.journal.push(posting),
        now: this.now,
      }),
    );
    return closeStandInRouter(router, (status, message) =>
      netsuiteError(status, [{ detail: message, 'o:errorCode': status === 404 ? 'NONEXISTENT_ID' : status < 500 ? 'INVALID_CONTENT' : 'UNEXPECTED_ERROR' }]),
    );
  }

  private list(res: Response, table: RecordTable<NetSuiteRecord>): void {
    const items = table.list();
    res.json({ items, count: items.length, hasMore: false, offset: 0, totalResults: items.length });
  }

  private read(res: Response, kind: RecordKind, table: RecordTable<NetSuiteRecord>, idOrExternalId: string): void {
    const record = table.find(idOrExternalId);
    if (record) res.json(record);
    else res.status(404).json(notFound(kind, idOrExternalId));
  }

  private answerDuplicate(res: Response, record: NetSuiteRecord, matchedOn: 'Idempotency-Key' | 'externalId'): void {
    res.set('X-Duplicate', 'true').set('X-Duplicate-Of', matchedOn).status(200).json(record);
  }

  /**
   * Creates a record at most once: a known Idempotency-Key replays its record; a valid body whose
   * externalId is already stored answers that record; otherwise the record is stored (201).
   */
  private create(kind: RecordKind, req: Request, res: Response): void {
    const table = kind === 'invoice' ? this.invoiceTable : this.customerTable;
    const key = idempotencyKeyOf(req.get('Idempotency-Key'));
    const scopedKey = key === undefined ? undefined : `${kind}:${key}`;
    const replay = scopedKey === undefined ? undefined : this.keys.recall(scopedKey);
    const replayed = replay ? table.get(replay.recordId) : undefined;
    const body: unknown = req.body;
    const externalId = isPlainObject(body) && typeof body.externalId === 'string' ? body.externalId : undefined;
    const log = (outcome: Posting['outcome'], recordId?: string) =>
      this.journal.push({
        kind,
        ...(externalId ? { externalId } : {}),
        ...(key ? { idempotencyKey: key } : {}),
        outcome,
        ...(recordId ? { recordId } : {}),
        at: new Date(this.now()).toISOString(),
      });
    if (replayed) {
      log('duplicate-key', replayed.id);
      return this.answerDuplicate(res, replayed, 'Idempotency-Key');
    }

    const problems =
      kind === 'invoice' ? checkInvoiceBody(body, (id) => this.customerTable.get(id) !== undefined) : checkCustomerBody(body);
    if (problems.length > 0 || !isPlainObject(body)) {
      log('rejected');
      res.status(400).json(netsuiteError(400, problems));
      return;
    }
    const existing = typeof body.externalId === 'string' ? table.byExternal(body.externalId) : undefined;
    if (existing) {
      log('duplicate-external-id', existing.id);
      if (scopedKey) this.keys.remember(scopedKey, { recordId: existing.id });
      return this.answerDuplicate(res, existing, 'externalId');
    }

    const id = String(kind === 'invoice' ? this.invoiceIds.next() : this.customerIds.next());
    const href = `${req.baseUrl}/${kind === 'invoice' ? 'invoices' : 'customers'}/${id}`;
    const ctx = { id, href, timestamp: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    let record: NetSuiteRecord;
    if (kind === 'invoice') {
      const customer = this.customerTable.get(String((body.entity as { id: unknown }).id));
      record = buildInvoice(body, ctx, customer ? customerRefName(customer) : undefined);
    } else {
      record = buildCustomer(body, ctx);
    }
    table.insert(record);
    log('created', id);
    if (scopedKey) this.keys.remember(scopedKey, { recordId: id });
    res.status(201).location(href).json(record);
  }
}
