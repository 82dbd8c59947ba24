/**
 * NetSuite-shaped records and errors for the ERP stand-in (REST record API v1: `invoice`, `customer`).
 * As in NetSuite, writes reference other records as `{ id }`, reads return them as `{ id, refName }`,
 * and errors are RFC 9110 problem documents with `o:errorDetails` (see test/fixtures/netsuite/).
 *
 * Deliberately stricter than NetSuite in one place: a line `amount` must be whole cents. NetSuite would
 * round `-126.44999999999999` silently; the stand-in answers 400 so a float-multiplying mapping shows.
 */
import { STATUS_CODES } from 'node:http';
import { isPlainObject } from './records.js';

export interface NetSuiteErrorDetail {
  detail: string;
  'o:errorPath'?: string;
  'o:errorCode': string;
}

export interface NetSuiteError {
  type: string;
  title: string;
  status: number;
  'o:errorDetails': NetSuiteErrorDetail[];
}

/** A stored NetSuite record (invoice or customer) as the stand-in answers it. */
export type NetSuiteRecord = Record<string, unknown> & { id: string; externalId?: unknown };

function problemType(status: number): string {
  if (status === 429) return 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4';
  if (status >= 400 && status <= 417) return `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.${status - 399}`;
  if (status >= 500 && status <= 505) return `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.${status - 499}`;
  return 'about:blank';
}

/** A NetSuite REST error body, e.g. `netsuiteError(400, [{ detail, 'o:errorCode': 'USER_ERROR' }])`. */
export function netsuiteError(status: number, details: NetSuiteErrorDetail[]): NetSuiteError {
  return { type: problemType(status), title: STATUS_CODES[status] ?? 'Error', status, 'o:errorDetails': details };
}

const FAULT_CODES: Record<number, string> = {
  400: 'USER_ERROR',
  401: 'INVALID_LOGIN',
  403: 'INSUFFICIENT_PERMISSION',
  404: 'NONEXISTENT_ID',
  429: 'CONCURRENCY_LIMIT_EXCEEDED',
};

/** Body of an injected ERP failure. */
export function netsuiteFault(status: number): NetSuiteError {
  return netsuiteError(status, [
    {
      detail: `Fault injected by the Ledgerflow ERP stand-in (PUT /sandbox/erp/_faults): answering ${status}.`,
      'o:errorCode': FAULT_CODES[status] ?? 'UNEXPECTED_ERROR',
    },
  ]);
}

export function notFound(recordType: string, id: string): NetSuiteError {
  return netsuiteError(404, [
    {
      detail: `The record instance does not exist. Provide a valid record instance ID. (${recordType} ${id})`,
      'o:errorCode': 'NONEXISTENT_ID',
    },
  ]);
}

const missing = (field: string, label: string): NetSuiteErrorDetail => ({
  detail: `Please enter value(s) for: ${label}`,
  'o:errorPath': field,
  'o:errorCode': 'USER_ERROR',
});

const invalid = (field: string, why: string): NetSuiteErrorDetail => ({
  detail: `Invalid content in the request body: ${field} ${why}.`,
  'o:errorPath': field,
  'o:errorCode': 'INVALID_CONTENT',
});

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const refId = (value: unknown): string | undefined =>
  isPlainObject(value) && (typeof value.id === 'string' || isNumber(value.id)) && String(value.id) !== '' ? String(value.id) : undefined;
const isWholeCents = (amount: number) => Math.round(amount * 100) / 100 === amount;

/** Problems with an invoice create body, in NetSuite's words; empty when it can be stored. */
export function checkInvoiceBody(body: unknown, customerExists: (id: string) => boolean): NetSuiteErrorDetail[] {
  if (!isPlainObject(body)) return [invalid('(body)', 'must be a JSON object')];
  const problems: NetSuiteErrorDetail[] = [];
  if (body.externalId !== undefined && typeof body.externalId !== 'string') problems.push(invalid('externalId', 'must be a string'));
  const entity = refId(body.entity);
  if (entity === undefined) problems.push(missing('entity', 'Customer'));
  else if (!customerExists(entity)) {
    problems.push({ detail: `Invalid Field Value ${entity} for the following field: entity`, 'o:errorPath': 'entity', 'o:errorCode': 'USER_ERROR' });
  }
  for (const field of ['tranDate', 'dueDate']) {
    const value = body[field];
    if (value !== undefined && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
      problems.push(invalid(field, 'must be a date as YYYY-MM-DD'));
    }
  }
  const items = isPlainObject(body.item) ? body.item.items : undefined;
  if (!Array.isArray(items)) {
    problems.push(invalid('item.items', isPlainObject(items) ? 'is a single object; it must be an array of lines' : 'must be an array of lines'));
    return problems;
  }
  if (items.length === 0) {
    problems.push({ detail: 'You must enter at least one line item for this transaction.', 'o:errorPath': 'item', 'o:errorCode': 'USER_ERROR' });
  }
  items.forEach((line, i) => {
    const at = `item.items[${i}]`;
    if (!isPlainObject(line)) return void problems.push(invalid(at, 'must be an object'));
    if (refId(line.item) === undefined) problems.push(missing(`${at}.item`, 'Item'));
    for (const field of ['quantity', 'rate', 'amount']) {
      if (line[field] !== undefined && !isNumber(line[field])) problems.push(invalid(`${at}.${field}`, 'must be a number'));
    }
    const { amount, quantity, rate } = line;
    if (amount === undefined && !(isNumber(quantity) && isNumber(rate))) problems.push(missing(`${at}.amount`, 'Amount'));
    if (isNumber(amount) && !isWholeCents(amount)) {
      problems.push(invalid(`${at}.amount`, `is ${amount}, which is not a whole number of cents (compute money from integer minor units)`));
    }
  });
  return problems;
}

/** Problems with a customer create body; empty when it can be stored. */
export function checkCustomerBody(body: unknown): NetSuiteErrorDetail[] {
  if (!isPlainObject(body)) return [invalid('(body)', 'must be a JSON object')];
  const problems: NetSuiteErrorDetail[] = [];
  if (body.externalId !== undefined && typeof body.externalId !== 'string') problems.push(invalid('externalId', 'must be a string'));
  if (body.isPerson === true) {
    if (typeof body.firstName !== 'string' || !body.firstName) problems.push(missing('firstName', 'First Name'));
    if (typeof body.lastName !== 'string' || !body.lastName) problems.push(missing('lastName', 'Last Name'));
  } else if (typeof body.companyName !== 'string' || !body.companyName) {
    problems.push(missing('companyName', 'Company Name'));
  }
  return problems;
}

export interface BuildContext {
  id: string;
  /** Path of the record, e.g. `/sandbox/erp/invoices/98765`. */
  href: string;
  /** ISO 8601 timestamp (UTC, seconds) of the write. */
  timestamp: string;
}

const toCents = (value: number) => Math.round(value * 100);

/**
 * The stored invoice (shape of netsuite/invoice.get-response): the body's fields, plus id, tranId, line
 * numbers, `{ id, refName }` entity, status Open and totals summed in integer cents.
 */
export function buildInvoice(body: Record<string, unknown>, ctx: BuildContext, entityRefName: string | undefined): NetSuiteRecord {
  const itemList = body.item as { items: Array<Record<string, unknown>> };
  const items = itemList.items.map((line, i) => {
    const amount = isNumber(line.amount) ? line.amount : toCents((line.quantity as number) * (line.rate as number)) / 100;
    return { line: i + 1, ...line, item: { id: refId(line.item) }, amount };
  });
  const totalCents = items.reduce((sum, line) => sum + toCents(line.amount), 0);
  const tranDate = typeof body.tranDate === 'string' ? body.tranDate : ctx.timestamp.slice(0, 10);
  const entity = refId(body.entity)!;
  return {
    links: [{ rel: 'self', href: ctx.href }],
    ...body,
    id: ctx.id,
    tranId: `INV-LF-${ctx.id}`,
    tranDate,
    dueDate: typeof body.dueDate === 'string' ? body.dueDate : tranDate,
    createdDate: ctx.timestamp,
    lastModifiedDate: ctx.timestamp,
    entity: { id: entity, ...(entityRefName !== undefined ? { refName: entityRefName } : {}) },
    status: { id: 'A', refName: 'Open' },
    subtotal: totalCents / 100,
    total: totalCents / 100,
    amountRemaining: totalCents / 100,
    amountPaid: 0,
    item: { items, count: items.length, hasMore: false, offset: 0, totalResults: items.length },
  };
}

/** The stored customer (shape of netsuite/customer.get-response). */
export function buildCustomer(body: Record<string, unknown>, ctx: BuildContext): NetSuiteRecord {
  return {
    links: [{ rel: 'self', href: ctx.href }],
    isPerson: false,
    isInactive: false,
    balance: 0,
    ...body,
    id: ctx.id,
    entityId: typeof body.entityId === 'string' ? body.entityId : `CUST-${ctx.id}`,
    dateCreated: ctx.timestamp,
    lastModifiedDate: ctx.timestamp,
  };
}

/** The name NetSuite shows for a customer reference (`entityId companyName`). */
export function customerRefName(customer: Record<string, unknown>): string {
  const name = customer.isPerson === true ? `${String(customer.firstName)} ${String(customer.lastName)}` : String(customer.companyName ?? '');
  return [customer.entityId, name].filter((part) => typeof part === 'string' && part !== '').join(' ');
}
