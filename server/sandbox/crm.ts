/**
 * CRM stand-in, shaped like the Salesforce REST API v62 (see test/fixtures/salesforce/), mounted at
 * `/sandbox/crm`. In memory, seeded from the Salesforce fixtures; every answer carries
 * `X-Ledgerflow-Stand-In: crm`.
 *
 * - `GET /opportunities/:id`, `GET /accounts/:id`: the sobject record (404 `NOT_FOUND` otherwise).
 * - `GET /query?q=SELECT … FROM Opportunity WHERE …`: `{ totalSize, done, records }`, records in the
 *   fixture's query shape (opportunities with `Account` and `OpportunityLineItems`); see soql.ts for the
 *   subset understood.
 * - `POST /tasks` (`Subject` required): 201 `{ id, success: true, errors: [] }`; `GET /tasks[/:id]`.
 * Errors are Salesforce's `[{ message, errorCode, fields? }]`. Faults: `PUT|GET|DELETE /_faults`.
 * - Salesforce's own paths, with the session token as bearer: `GET /services/data/v62.0/query?q=`,
 *   `GET|PATCH /services/data/v62.0/sobjects/<Type>/<id>` (PATCH: 204), `POST …/sobjects/Task` (201).
 */
import express, { type Request, type Response, type Router } from 'express';
import { fixedToken, requireBearer } from './auth.js';
import { SANDBOX_CREDENTIALS, type SandboxCredentials } from './credentials.js';
import { FaultInjector } from './faults.js';
import { RecordTable, Sequence, isPlainObject } from './records.js';
import type { JsonObject, SandboxSeed } from './seed.js';
import { SoqlError, matchesConditions, parseSoql } from './soql.js';
import { closeStandInRouter, openStandInRouter } from './stand-in.js';

/** A Salesforce record as stored: `record` is what a query answers, `full` adds the sobject's own fields. */
interface CrmRecord {
  id: string;
  record: JsonObject;
  full: JsonObject;
}

export interface SalesforceError {
  message: string;
  errorCode: string;
  fields?: string[];
}

const FAULT_CODES: Record<number, string> = {
  401: 'INVALID_SESSION_ID',
  403: 'REQUEST_LIMIT_EXCEEDED',
  404: 'NOT_FOUND',
  429: 'REQUEST_LIMIT_EXCEEDED',
  503: 'SERVER_UNAVAILABLE',
};

export function salesforceFault(status: number): SalesforceError[] {
  return [
    {
      message: `Fault injected by the Ledgerflow CRM stand-in (PUT /sandbox/crm/_faults): answering ${status}.`,
      errorCode: FAULT_CODES[status] ?? 'UNKNOWN_EXCEPTION',
    },
  ];
}

const RELATIONSHIPS = ['Account', 'OpportunityLineItems'];
type SObjectType = 'Opportunity' | 'Account' | 'OpportunityLineItem' | 'Task';

function withoutRelationships(record: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !RELATIONSHIPS.includes(key)));
}

export class CrmStandIn {
  readonly router: Router;
  readonly faults = new FaultInjector(salesforceFault);
  private readonly tables: Record<SObjectType, RecordTable<CrmRecord>> = {
    Opportunity: new RecordTable(),
    Account: new RecordTable(),
    OpportunityLineItem: new RecordTable(),
    Task: new RecordTable(),
  };
  private readonly taskIds = new Sequence(1);

  /**
   * @param seed records present after every reset
   * @param credentials the session token the `/services/data` routes accept
   */
  constructor(
    private readonly seed: () => SandboxSeed['crm'],
    private readonly credentials: SandboxCredentials['crm'] = SANDBOX_CREDENTIALS.crm,
  ) {
    this.router = this.buildRouter();
    this.reset();
  }

  /** Tasks created so far (sobject shape), oldest first. */
  tasks(): JsonObject[] {
    return this.tables.Task.list().map((entry) => entry.full);
  }

  reset(): void {
    for (const table of Object.values(this.tables)) table.clear();
    this.taskIds.reset();
    this.faults.reset();
    const seed = this.seed();
    const sobjects = new Map(seed.opportunities.map((o) => [String(o.Id), o]));
    for (const record of seed.opportunityRecords) {
      const own = withoutRelationships(record);
      // IsWon / IsClosed follow from the stage in Salesforce; derive them where the fixture has no sobject.
      const stage = String(record.StageName ?? '');
      const full = sobjects.get(String(record.Id)) ?? { ...own, IsClosed: stage.startsWith('Closed'), IsWon: stage === 'Closed Won' };
      this.tables.Opportunity.insert({ id: String(record.Id), record, full });
    }
    for (const account of seed.accounts) this.tables.Account.insert({ id: String(account.Id), record: account, full: account });
    for (const item of seed.lineItems) this.tables.OpportunityLineItem.insert({ id: String(item.Id), record: item, full: item });
  }

  private buildRouter(): Router {
    const router = openStandInRouter('crm', this.faults);
    router.get('/opportunities/:id', (req, res) => this.read(res, 'Opportunity', req.params.id));
    router.get('/accounts/:id', (req, res) => this.read(res, 'Account', req.params.id));
    router.get('/query', (req, res) => this.query(req, res));
    router.post('/tasks', (req, res) => this.createTask(req, res));
    router.get('/tasks', (_req, res) => {
      const records = this.tasks();
      res.json({ totalSize: records.length, done: true, records });
    });
    router.get('/tasks/:id', (req, res) => this.read(res, 'Task', req.params.id));
    const rest = express.Router();
    const typeOf = (name: string) => (Object.keys(this.tables) as SObjectType[]).find((t) => t.toLowerCase() === name.toLowerCase());
    rest.get('/query', (req, res) => this.query(req, res));
    rest.post('/sobjects/Task', (req, res) => this.createTask(req, res));
    rest.get('/sobjects/:type/:id', (req, res) => this.read(res, typeOf(req.params.type) ?? 'Task', req.params.id));
    rest.patch('/sobjects/:type/:id', (req, res) => this.update(req, res, typeOf(req.params.type), req.params.id));
    const invalidSession = (message: string) => [{ message: `Session expired or invalid (${message})`, errorCode: 'INVALID_SESSION_ID' }];
    router.use('/services/data/:version', requireBearer(fixedToken(() => this.credentials.accessToken), invalidSession), rest);
    return closeStandInRouter(router, (status, message) => [
      { message, errorCode: status === 404 ? 'NOT_FOUND' : status < 500 ? 'JSON_PARSER_ERROR' : 'UNKNOWN_EXCEPTION' },
    ]);
  }

  private read(res: Response, type: SObjectType, id: string): void {
    const entry = this.tables[type].get(id);
    if (entry) res.json(entry.full);
    else res.status(404).json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] satisfies SalesforceError[]);
  }

  private query(req: Request, res: Response): void {
    const q = req.query.q;
    if (typeof q !== 'string' || q.trim() === '') {
      res.status(400).json([{ message: 'A query is required: ?q=SELECT … FROM …', errorCode: 'MALFORMED_QUERY' }] satisfies SalesforceError[]);
      return;
    }
    let parsed;
    try {
      parsed = parseSoql(q);
    } catch (error) {
      if (!(error instanceof SoqlError)) throw error;
      res.status(400).json([{ message: `${error.message} (Ledgerflow CRM stand-in)`, errorCode: 'MALFORMED_QUERY' }] satisfies SalesforceError[]);
      return;
    }
    const type = (Object.keys(this.tables) as SObjectType[]).find((t) => t.toLowerCase() === parsed.object.toLowerCase());
    if (!type) {
      res.status(400).json([{ message: `sObject type '${parsed.object}' is not supported.`, errorCode: 'INVALID_TYPE' }] satisfies SalesforceError[]);
      return;
    }
    const records = this.tables[type]
      .list()
      .filter((entry) => matchesConditions({ ...entry.full, ...entry.record }, parsed.conditions))
      .slice(0, parsed.limit ?? Number.MAX_SAFE_INTEGER)
      .map((entry) => entry.record);
    res.json({ totalSize: records.length, done: true, records });
  }

  /** Salesforce's PATCH: the given fields replace the stored ones; 204. */
  private update(req: Request, res: Response, type: SObjectType | undefined, id: string): void {
    const entry = type ? this.tables[type].get(id) : undefined;
    if (!entry) return void res.status(404).json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] satisfies SalesforceError[]);
    if (!isPlainObject(req.body)) return void res.status(400).json([{ message: 'The request body must be a JSON object', errorCode: 'JSON_PARSER_ERROR' }] satisfies SalesforceError[]);
    const { Id: _id, attributes: _attributes, ...fields } = req.body;
    Object.assign(entry.full, fields);
    if (entry.record !== entry.full) Object.assign(entry.record, fields);
    res.status(204).end();
  }

  private createTask(req: Request, res: Response): void {
    const body: unknown = req.body;
    if (!isPlainObject(body)) {
      res.status(400).json([{ message: 'The request body must be a JSON object', errorCode: 'JSON_PARSER_ERROR' }] satisfies SalesforceError[]);
      return;
    }
    if (typeof body.Subject !== 'string' || body.Subject.trim() === '') {
      res
        .status(400)
        .json([{ message: 'Required fields are missing: [Subject]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Subject'] }] satisfies SalesforceError[]);
      return;
    }
    const id = `00TLF${String(this.taskIds.next()).padStart(13, '0')}`;
    const task: JsonObject = {
      attributes: { type: 'Task', url: `${req.baseUrl}/tasks/${id}` },
      Id: id,
      Status: 'Not Started',
      Priority: 'Normal',
      ...body,
    };
    task.Id = id;
    this.tables.Task.insert({ id, record: task, full: task });
    res.status(201).location(`${req.baseUrl}/tasks/${id}`).json({ id, success: true, errors: [] });
  }
}
