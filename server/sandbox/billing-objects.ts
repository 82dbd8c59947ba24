/**
 * Stripe-shaped objects and errors for the billing stand-in (API version 2025-08-27.basil, see
 * test/fixtures/stripe/). Times are Unix seconds, money integer minor units, ids `cus_…`, `sub_…`, `si_…`.
 * Bodies are JSON (the real API takes form encoding); metadata values are kept as strings, as Stripe does.
 */
import { isPlainObject } from './records.js';

export type StripeObject = Record<string, unknown> & { id: string };

export interface StripeError {
  error: { type: string; message: string; code?: string; param?: string };
}

export function stripeError(type: string, message: string, extras: { code?: string; param?: string } = {}): StripeError {
  return { error: { type, message, ...extras } };
}

/** Body of an injected billing failure (429 as Stripe's rate limit, 5xx as `api_error`). */
export function stripeFault(status: number): StripeError {
  const note = `(fault injected by the Ledgerflow billing stand-in, PUT /sandbox/billing/_faults)`;
  if (status === 429) return stripeError('invalid_request_error', `Too many requests hit the API too quickly. ${note}`, { code: 'rate_limit' });
  if (status >= 500) return stripeError('api_error', `Something went wrong on Stripe's end. ${note}`);
  return stripeError('invalid_request_error', `Request failed with status ${status}. ${note}`);
}

export const noSuch = (kind: string, id: string, param?: string): StripeError =>
  stripeError('invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', ...(param ? { param } : {}) });

const missingParam = (param: string) =>
  stripeError('invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });

const invalidParam = (param: string, message: string, code = 'parameter_invalid') =>
  stripeError('invalid_request_error', message, { code, param });

/** A body problem: 400 with a Stripe error, or `{ value }` when it is usable. */
export type Checked<T> = { value: T; error?: never } | { error: StripeError; value?: never };

/** Stripe metadata: string values (numbers and booleans are stringified, as form encoding would). */
function checkMetadata(value: unknown, param: string): Checked<Record<string, string>> {
  if (value === undefined || value === null) return { value: {} };
  if (!isPlainObject(value)) return { error: invalidParam(param, `Invalid object for ${param}`, 'parameter_invalid_object') };
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') out[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
    else return { error: invalidParam(`${param}[${key}]`, `Invalid string for ${param}[${key}]`, 'parameter_invalid_string') };
  }
  return { value: out };
}

export interface CustomerRequest {
  name: string | null;
  email: string | null;
  description: string | null;
  metadata: Record<string, string>;
}

export function checkCustomerBody(body: unknown, param = ''): Checked<CustomerRequest> {
  const at = (field: string) => (param ? `${param}[${field}]` : field);
  const source = body === undefined ? {} : body;
  if (!isPlainObject(source)) return { error: invalidParam(param || '(body)', 'The request body must be a JSON object') };
  for (const field of ['name', 'email', 'description'] as const) {
    const value = source[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return { error: invalidParam(at(field), `Invalid string for ${at(field)}`, 'parameter_invalid_string') };
    }
  }
  const metadata = checkMetadata(source.metadata, at('metadata'));
  if (metadata.error) return metadata;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { value: { name: text(source.name), email: text(source.email), description: text(source.description), metadata: metadata.value } };
}

export interface SubscriptionRequest {
  /**
   * `{ id }`: an existing `cus_…`; `{ data }`: the stand-in extension `customer_data`, resolved by
   * `metadata.sfdc_account_id` or created.
   */
  customer: { id: string } | { data: CustomerRequest };
  items: Array<{ price: StripeObject; quantity: number; metadata: Record<string, string> }>;
  metadata: Record<string, string>;
  billingCycleAnchor?: number;
  collectionMethod: string;
  description: string | null;
}

/**
 * Checks a subscription create body: `customer` (or the stand-in's `customer_data`), `items` (non-empty
 * array of `{ price, quantity }` with known prices and positive integer quantities), `metadata`.
 * Answers the first problem, as Stripe does.
 */
export function checkSubscriptionBody(
  body: unknown,
  lookup: { price(id: string): StripeObject | undefined; customer(id: string): StripeObject | undefined },
): Checked<SubscriptionRequest> {
  if (!isPlainObject(body)) return { error: invalidParam('(body)', 'The request body must be a JSON object') };
  let customer: SubscriptionRequest['customer'];
  if (body.customer !== undefined && body.customer_data !== undefined) {
    return { error: invalidParam('customer_data', 'You may pass customer or customer_data, not both.') };
  }
  if (body.customer_data !== undefined) {
    const checked = checkCustomerBody(body.customer_data, 'customer_data');
    if (checked.error) return checked;
    customer = { data: checked.value };
  } else if (typeof body.customer !== 'string' || body.customer === '') {
    return { error: missingParam('customer') };
  } else if (!lookup.customer(body.customer)) {
    return { error: noSuch('customer', body.customer, 'customer') };
  } else customer = { id: body.customer };
  if (!Array.isArray(body.items) || body.items.length === 0) {
    return { error: isPlainObject(body.items) ? invalidParam('items', 'Invalid array for items', 'parameter_invalid_array') : missingParam('items') };
  }
  const items: SubscriptionRequest['items'] = [];
  for (const [i, raw] of body.items.entries()) {
    if (!isPlainObject(raw)) return { error: invalidParam(`items[${i}]`, `Invalid object for items[${i}]`, 'parameter_invalid_object') };
    if (typeof raw.price !== 'string' || raw.price === '') return { error: missingParam(`items[${i}][price]`) };
    const price = lookup.price(raw.price);
    if (!price) return { error: noSuch('price', raw.price, `items[${i}][price]`) };
    const quantity = raw.quantity ?? 1;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      return { error: invalidParam(`items[${i}][quantity]`, `Invalid positive integer for items[${i}][quantity]`, 'parameter_invalid_integer') };
    }
    const metadata = checkMetadata(raw.metadata, `items[${i}][metadata]`);
    if (metadata.error) return metadata;
    items.push({ price, quantity, metadata: metadata.value });
  }
  const metadata = checkMetadata(body.metadata, 'metadata');
  if (metadata.error) return metadata;
  const anchor = body.billing_cycle_anchor;
  if (anchor !== undefined && (typeof anchor !== 'number' || !Number.isInteger(anchor) || anchor <= 0)) {
    return { error: invalidParam('billing_cycle_anchor', 'Invalid timestamp for billing_cycle_anchor: Unix seconds expected', 'parameter_invalid_integer') };
  }
  const collection = body.collection_method ?? 'charge_automatically';
  if (collection !== 'charge_automatically' && collection !== 'send_invoice') {
    return { error: invalidParam('collection_method', 'Invalid collection_method: charge_automatically or send_invoice') };
  }
  return {
    value: {
      customer,
      items,
      metadata: metadata.value,
      ...(typeof anchor === 'number' ? { billingCycleAnchor: anchor } : {}),
      collectionMethod: collection,
      description: typeof body.description === 'string' ? body.description : null,
    },
  };
}

export function buildCustomer(id: string, request: CustomerRequest, createdSeconds: number): StripeObject {
  return {
    id,
    object: 'customer',
    address: null,
    created: createdSeconds,
    description: request.description,
    email: request.email,
    livemode: false,
    metadata: request.metadata,
    name: request.name,
    phone: null,
  };
}

/** `seconds` plus one billing interval of `recurring` (`{ interval: day|week|month|year, interval_count }`), in UTC. */
export function addInterval(seconds: number, recurring: unknown): number {
  const { interval = 'month', interval_count: count = 1 } = (isPlainObject(recurring) ? recurring : {}) as {
    interval?: string;
    interval_count?: number;
  };
  const date = new Date(seconds * 1000);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
  else if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  else date.setUTCDate(date.getUTCDate() + count);
  return Math.floor(date.getTime() / 1000);
}

/** A new active subscription (shape of the `customer.subscription.created` fixture's object). */
export function buildSubscription(
  ids: { subscription: string; item: () => string },
  customer: string,
  request: SubscriptionRequest,
  nowSeconds: number,
): StripeObject {
  const anchor = request.billingCycleAnchor ?? nowSeconds;
  const data = request.items.map((item) => ({
    id: ids.item(),
    object: 'subscription_item',
    created: nowSeconds,
    current_period_end: addInterval(anchor, item.price.recurring),
    current_period_start: anchor,
    discounts: [],
    metadata: item.metadata,
    price: item.price,
    quantity: item.quantity,
    subscription: ids.subscription,
    tax_rates: [],
  }));
  return {
    id: ids.subscription,
    object: 'subscription',
    billing_cycle_anchor: anchor,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: request.collectionMethod,
    created: nowSeconds,
    currency: request.items[0]?.price.currency ?? 'usd',
    customer,
    description: request.description,
    items: { object: 'list', data, has_more: false, total_count: data.length, url: `/v1/subscription_items?subscription=${ids.subscription}` },
    latest_invoice: null,
    livemode: false,
    metadata: request.metadata,
    start_date: nowSeconds,
    status: 'active',
  };
}
