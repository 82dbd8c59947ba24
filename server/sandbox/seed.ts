/**
 * Seed data of the stand-ins, read from the shared fixtures (`test/fixtures/`) so the sandbox and the tests
 * tell the same story: one fictional deal, "Example Widgets Co (FAKE)", across CRM, billing and ERP.
 * Each call reads the files again, so a reset starts from untouched copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../samples.js';
import { isPlainObject } from './records.js';

export type JsonObject = Record<string, unknown>;

export interface SandboxSeed {
  crm: {
    /** Opportunities as the SOQL fixture returns them (with `Account` and `OpportunityLineItems`). */
    opportunityRecords: JsonObject[];
    /** Full Opportunity sobjects (`opportunity.get`), by Id. */
    opportunities: JsonObject[];
    accounts: JsonObject[];
    lineItems: JsonObject[];
  };
  billing: {
    prices: JsonObject[];
    customers: JsonObject[];
    subscriptions: JsonObject[];
    /** Latest state of every invoice found in the Stripe event fixtures, oldest event first. */
    invoices: JsonObject[];
  };
  erp: { customers: JsonObject[] };
}

function readJson(dir: string, file: string): JsonObject {
  const value: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (!isPlainObject(value)) throw new Error(`sandbox seed ${file}: expected a JSON object`);
  return value;
}

function objectAt(value: unknown, ...path: string[]): JsonObject {
  let current = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  if (!isPlainObject(current)) throw new Error(`sandbox seed: no object at ${path.join('.')}`);
  return current;
}

const STRIPE_EVENTS = [
  'stripe/customer.subscription.created.json',
  'stripe/customer.subscription.updated.quantity-5-to-8.json',
  'stripe/invoice.finalized.proration.json',
  'stripe/invoice.paid.proration.json',
  'stripe/invoice.payment_failed.renewal.json',
];

/** Reads the seed from `dir` (default `test/fixtures/`). @throws Error naming a missing or malformed file. */
export function loadSeed(dir: string = FIXTURES_DIR): SandboxSeed {
  const soql = readJson(dir, 'salesforce/opportunity-with-line-items.soql.json');
  const records = objectAt(soql, '_response').records;
  const account = readJson(dir, 'salesforce/account.get.json');

  const events = STRIPE_EVENTS.map((file) => readJson(dir, file)).sort((a, b) => Number(a.created) - Number(b.created));
  const invoices = new Map<string, JsonObject>();
  const subscriptions = new Map<string, JsonObject>();
  const prices = new Map<string, JsonObject>();
  for (const event of events) {
    const object = objectAt(event, 'data', 'object');
    if (object.object === 'invoice') invoices.set(String(object.id), object);
    if (object.object === 'subscription') {
      subscriptions.set(String(object.id), object);
      const items = objectAt(object, 'items').data;
      for (const item of Array.isArray(items) ? items : []) {
        const price = objectAt(item, 'price');
        prices.set(String(price.id), price);
      }
    }
  }

  // The billing customer is not a fixture of its own: compose it from the invoice's customer fields,
  // linked to the CRM account that names it (Account.Stripe_Customer_Id__c).
  const firstInvoice = [...invoices.values()][0];
  const customers: JsonObject[] = firstInvoice
    ? [
        {
          id: firstInvoice.customer,
          object: 'customer',
          address: firstInvoice.customer_address ?? null,
          created: Number(objectAt(events[0], 'data', 'object').created ?? 0) - 86_400, // a day before the first subscription
          currency: firstInvoice.currency,
          description: null,
          email: firstInvoice.customer_email ?? null,
          livemode: false,
          metadata: account.Stripe_Customer_Id__c === firstInvoice.customer ? { sfdc_account_id: account.Id } : {},
          name: firstInvoice.customer_name ?? null,
          phone: firstInvoice.customer_phone ?? null,
        },
      ]
    : [];

  return {
    crm: {
      opportunityRecords: Array.isArray(records) ? records.filter(isPlainObject) : [],
      opportunities: [readJson(dir, 'salesforce/opportunity.get.json')],
      accounts: [account],
      lineItems: [readJson(dir, 'salesforce/opportunitylineitem.get.json')],
    },
    billing: {
      prices: [...prices.values()],
      customers,
      subscriptions: [...subscriptions.values()],
      invoices: [...invoices.values()],
    },
    erp: { customers: [readJson(dir, 'netsuite/customer.get-response.json')] },
  };
}
