/**
 * Sample inputs for the designer's run panel (`GET /api/samples`, `GET /api/samples/:name`): the JSON
 * fixtures under `test/fixtures/<system>/`, named by path without `.json`
 * (`stripe/invoice.paid.proration`), plus a few samples cut out of a fixture (one record of a query
 * response), because a flow's input is usually one record, not the whole response.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerflowError } from '../nodes/sdk/errors.js';
import type { Json } from '../nodes/sdk/message.js';

/** `test/fixtures/` of this checkout. */
export const FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

export interface SampleInfo {
  /** Path under the fixtures folder without `.json`, e.g. `stripe/invoice.paid.proration`. */
  name: string;
  /** The system that sends or answers it: the fixture's folder (`stripe`, `salesforce`, `netsuite`). */
  system: string;
  description: string;
}

/** Folders that hold test material rather than payloads (signature vectors, raw bytes, mapping cases). */
const NOT_SAMPLES = ['stripe/signature/', 'cases/'];

/** Samples cut out of a fixture: `path` is a list of keys / indexes into the source file. */
const EXTRACTS: Array<{ name: string; source: string; path: Array<string | number>; description: string }> = [
  {
    name: 'salesforce/opportunity.closed-won.with-line-items',
    source: 'salesforce/opportunity-with-line-items.soql',
    path: ['_response', 'records', 0],
    description: 'Closed Won opportunity with Account and OpportunityLineItems (record 1 of the SOQL response)',
  },
  {
    name: 'salesforce/opportunity.closed-won.no-line-items',
    source: 'salesforce/opportunity-with-line-items.soql',
    path: ['_response', 'records', 1],
    description: 'Closed Won opportunity with Account: null and OpportunityLineItems: null (record 2 of the SOQL response)',
  },
];

/** One-line descriptions of the shared fixtures (see test/fixtures/README.md). */
const DESCRIPTIONS: Record<string, string> = {
  'stripe/invoice.paid.proration': 'invoice.paid for the 5 → 8 seat proration invoice (lines −126.45 and +202.32)',
  'stripe/invoice.finalized.proration': 'invoice.finalized for the same proration invoice (arrives separately from invoice.paid)',
  'stripe/invoice.payment_failed.renewal': 'invoice.payment_failed for the 2025-04-01 renewal (8 × 49.00)',
  'stripe/customer.subscription.created': 'customer.subscription.created: 5 Pro seats, monthly',
  'stripe/customer.subscription.updated.quantity-5-to-8': 'customer.subscription.updated: quantity 5 → 8 (old items in previous_attributes)',
  'stripe/credit_note.created': 'credit_note.created: 49.00 support credit',
  'stripe/charge.refunded.partial': 'charge.refunded: one seat (49.00) of the first 245.00 charge',
  'salesforce/opportunity.get': 'Opportunity record (Closed Won), REST v62',
  'salesforce/opportunitylineitem.get': 'OpportunityLineItem record: 5 Pro seats',
  'salesforce/account.get': 'Account record with its Stripe and NetSuite ids',
  'salesforce/opportunity-with-line-items.soql': 'SOQL query response: two won opportunities, the second with null relationships',
  'salesforce/opportunity-change-event.cdc.update': 'Change Data Capture update: only the changed fields',
  'salesforce/platform-event.deal-won': 'Deal_Won__e platform event',
  'netsuite/invoice.post-request': 'NetSuite invoice create request (_body is what a flow should send)',
  'netsuite/invoice.get-response': 'NetSuite invoice as read back (references carry refName)',
  'netsuite/customer.get-response': 'NetSuite customer record 4321',
  'netsuite/journalentry.post-request': 'NetSuite journal entry create request (balanced debit/credit lines)',
  'netsuite/error-response': 'NetSuite REST error body (HTTP 400)',
};

/** Thrown for a name that can never be a sample: `..`, an absolute path, backslashes (→ HTTP 400). */
export class InvalidSampleNameError extends LedgerflowError {
  constructor(name: string) {
    super('invalid-sample-name', `"${name}" is not a sample name: use a path like "stripe/invoice.paid.proration"`);
  }
}

function jsonFiles(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full, root));
    else if (entry.endsWith('.json')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

function isSampleFile(file: string): boolean {
  return file.includes('/') && !NOT_SAMPLES.some((prefix) => file.startsWith(prefix));
}

/** Every sample, fixtures first (sorted by name), then the extracts whose source exists. */
export function listSamples(root: string = FIXTURES_DIR): SampleInfo[] {
  const names = jsonFiles(root, root)
    .filter(isSampleFile)
    .map((file) => file.slice(0, -'.json'.length));
  const samples: SampleInfo[] = names.map((name) => ({
    name,
    system: name.split('/')[0]!,
    description: DESCRIPTIONS[name] ?? `${name.split('/')[0]} fixture ${name.split('/').slice(1).join('/')}`,
  }));
  for (const extract of EXTRACTS) {
    if (names.includes(extract.source)) {
      samples.push({ name: extract.name, system: extract.name.split('/')[0]!, description: extract.description });
    }
  }
  return samples;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

function readFixture(root: string, name: string): Json {
  return JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')) as Json;
}

/**
 * The JSON of one sample, or undefined when no sample has that name.
 * @param name as listed by `listSamples`, e.g. `stripe/invoice.paid.proration`
 * @throws InvalidSampleNameError for names with `..`, absolute paths, backslashes or empty segments.
 */
export function readSample(name: string, root: string = FIXTURES_DIR): Json | undefined {
  if (name.includes('..') || !NAME.test(name)) throw new InvalidSampleNameError(name);
  const listed = listSamples(root).some((sample) => sample.name === name);
  if (!listed) return undefined;
  const extract = EXTRACTS.find((e) => e.name === name);
  if (!extract) return readFixture(root, name);
  let value: Json | undefined = readFixture(root, extract.source);
  for (const key of extract.path) {
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, Json>)[key] : undefined;
  }
  return value;
}
