/**
 * Stripe knowledge for the presets: where API versions keep fields (basil moved several), Stripe's form
 * encoding of request bodies, and its error bodies.
 *
 * Moved on `2025-03-31.basil` (docs.stripe.com/changelog/basil; the fixtures are `2025-08-27.basil`):
 * | field | before basil | basil and later |
 * |---|---|---|
 * | invoice's subscription | `subscription` | `parent.subscription_details.subscription` |
 * | invoice's subscription metadata | `subscription_details.metadata` | `parent.subscription_details.metadata` |
 * | subscription's current period | `current_period_start/end` | on each item: `items.data[].current_period_start/end` |
 * | invoice line's price / product | `price.id`, `price.product` | `pricing.price_details.price / product` |
 * | invoice line is a proration | `proration` | `parent.subscription_item_details.proration` |
 * | charge's invoice, refunds | `invoice`, `refunds` | gone (not on the charge; use invoice payments / refunds lists) |
 */
import type { Json } from '../sdk/message.js';
import type { VendorError } from './call.js';

/** First API version with the basil shape. */
export const BASIL = '2025-03-31.basil';

type JsonObject = { [key: string]: Json };
const obj = (value: Json | undefined): JsonObject | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined);
const at = (value: Json | undefined, ...path: string[]): Json | undefined => path.reduce<Json | undefined>((v, key) => obj(v)?.[key], value);

/** True for `2025-03-31.basil` and later versions (dates compare as text). */
export const isBasilOrLater = (apiVersion: string | undefined) => typeof apiVersion === 'string' && apiVersion.slice(0, 10) >= BASIL.slice(0, 10);

/** Fields of an event's object read where its API version keeps them; absent ones are left out. */
export interface ResolvedStripeFields {
  objectType?: string;
  objectId?: string;
  customer?: string;
  subscription?: string;
  /** The invoice of a credit note, or of a charge before basil. */
  invoice?: string;
  subscriptionMetadata?: JsonObject;
  /** Unix seconds. */
  currentPeriodStart?: number;
  currentPeriodEnd?: number;
  lines?: Array<{ amount: number; quantity: number | null; description: string | null; price?: string; product?: string; proration?: boolean }>;
}

/** Reads the moved fields of `object` for `apiVersion` (see the table above). */
export function resolveStripeFields(object: Json | undefined, apiVersion: string | undefined): ResolvedStripeFields {
  const o = obj(object);
  if (!o) return {};
  const basil = isBasilOrLater(apiVersion);
  const out: ResolvedStripeFields = {};
  if (typeof o.object === 'string') out.objectType = o.object;
  if (typeof o.id === 'string') out.objectId = o.id;
  const customer = o.customer;
  if (typeof customer === 'string') out.customer = customer;
  else if (typeof obj(customer)?.id === 'string') out.customer = obj(customer)!.id as string;
  if (o.object === 'invoice') {
    const subscription = basil ? at(o, 'parent', 'subscription_details', 'subscription') : o.subscription;
    if (typeof subscription === 'string') out.subscription = subscription;
    const metadata = obj(basil ? at(o, 'parent', 'subscription_details', 'metadata') : at(o, 'subscription_details', 'metadata'));
    if (metadata) out.subscriptionMetadata = metadata;
    const lines = at(o, 'lines', 'data');
    if (Array.isArray(lines)) {
      out.lines = lines.map((line) => {
        const l = obj(line) ?? {};
        const price = basil ? at(l, 'pricing', 'price_details', 'price') : at(l, 'price', 'id');
        const product = basil ? at(l, 'pricing', 'price_details', 'product') : at(l, 'price', 'product');
        const proration = basil ? at(l, 'parent', 'subscription_item_details', 'proration') : l.proration;
        return {
          amount: typeof l.amount === 'number' ? l.amount : 0,
          quantity: typeof l.quantity === 'number' ? l.quantity : null,
          description: typeof l.description === 'string' ? l.description : null,
          ...(typeof price === 'string' ? { price } : {}),
          ...(typeof product === 'string' ? { product } : {}),
          ...(typeof proration === 'boolean' ? { proration } : {}),
        };
      });
    }
  }
  if (o.object === 'subscription') {
    if (typeof o.id === 'string') out.subscription = o.id;
    const items = at(o, 'items', 'data');
    const first = basil && Array.isArray(items) ? obj(items[0]) : o;
    if (typeof first?.current_period_start === 'number') out.currentPeriodStart = first.current_period_start;
    if (typeof first?.current_period_end === 'number') out.currentPeriodEnd = first.current_period_end;
  }
  // A credit note keeps its invoice; a charge's `invoice` is gone on basil (only older versions have it).
  if ((o.object === 'credit_note' || (o.object === 'charge' && !basil)) && typeof o.invoice === 'string') out.invoice = o.invoice;
  return out;
}

/**
 * Stripe's form encoding (`application/x-www-form-urlencoded` with bracketed keys, as its API and
 * libraries use): `{ items: [{ price: "p", quantity: 5 }], metadata: { a: "b" } }` →
 * `items[0][price]=p&items[0][quantity]=5&metadata[a]=b`. null and undefined are left out.
 */
export function toStripeForm(params: Json): string {
  const pairs: string[] = [];
  const walk = (value: Json, key: string) => {
    if (value === null) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${key}[${i}]`));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}[${k}]` : k);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  };
  walk(params, '');
  return pairs.join('&');
}

/** Reads Stripe's `{ error: { type, code?, message, param? } }`. */
export function readStripeError(_status: number, body: Json): VendorError | undefined {
  const error = obj(obj(body)?.error);
  if (!error) return undefined;
  const code = typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : 'error';
  const param = typeof error.param === 'string' ? ` (param ${error.param})` : '';
  return { code: code.replace(/_/g, '-'), message: `${String(error.type ?? 'error')}${error.code ? `/${String(error.code)}` : ''}: ${String(error.message ?? '')}${param}` };
}
