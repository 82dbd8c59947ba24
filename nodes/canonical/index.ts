/**
 * The canonical model: zod schemas for the records a quote-to-cash flow moves between CRM, billing and ERP.
 * Money is integer minor units plus an ISO 4217 currency; dates are ISO 8601. `validate.schema` offers the
 * models by name (config `model`), and their JSON Schemas are served to the editor.
 */
import { z } from 'zod';
import { CreditMemo, Invoice, Payment } from './billing.js';
import { Contract, Subscription } from './contracts.js';
import { JournalEntry, RevenueSchedule } from './ledger.js';
import { Customer, Product } from './parties.js';

export * from './money.js';
export { Address, Customer, Product } from './parties.js';
export { Contract, ContractLine, Subscription, SubscriptionItem } from './contracts.js';
export { CreditMemo, Invoice, InvoiceLine, Payment } from './billing.js';
export { JournalEntry, JournalLine, journalTotals, RevenueSchedule } from './ledger.js';

/** Every canonical model by name: the names `validate.schema`'s `model` accepts. */
export const canonicalModels = {
  Customer,
  Product,
  Contract,
  Subscription,
  Invoice,
  CreditMemo,
  Payment,
  JournalEntry,
  RevenueSchedule,
} as const satisfies Record<string, z.ZodType>;

export type CanonicalModelName = keyof typeof canonicalModels;

/** The model names, in a stable order (for enums and menus). */
export const canonicalModelNames = Object.keys(canonicalModels) as [CanonicalModelName, ...CanonicalModelName[]];

/**
 * JSON Schema (draft 2020-12) of one canonical model, for the editor (forms, mapping targets, docs).
 * Rules that JSON Schema cannot state (balanced journal lines, lines adding up to totals, currencies known to
 * the platform) are enforced by the zod model only; `description`s carry them in words.
 */
export function canonicalJsonSchema(name: CanonicalModelName): Record<string, unknown> {
  return z.toJSONSchema(canonicalModels[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** JSON Schemas of all canonical models, by name. */
export function canonicalJsonSchemas(): Record<CanonicalModelName, Record<string, unknown>> {
  return Object.fromEntries(canonicalModelNames.map((name) => [name, canonicalJsonSchema(name)])) as Record<
    CanonicalModelName,
    Record<string, unknown>
  >;
}
