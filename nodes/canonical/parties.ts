/**
 * Canonical Customer and Product: the master data a deal refers to (CRM account ↔ billing customer ↔ ERP
 * customer; CRM product ↔ billing product/price ↔ ERP item).
 */
import { z } from 'zod';
import { CurrencyCode, ExternalIds, Id, IsoDateTime, Metadata, Money } from './money.js';

/** Postal address; `country` is ISO 3166-1 alpha-2 (`US`, `DE`). */
export const Address = z
  .object({
    line1: z.string().min(1).describe('Street and number'),
    line2: z.string().optional().describe('Suite, floor, building'),
    city: z.string().min(1).describe('City or locality'),
    state: z.string().optional().describe('State, province or region'),
    postalCode: z.string().optional().describe('Postal or ZIP code'),
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as "US"' })
      .describe('ISO 3166-1 alpha-2 country code, upper case'),
  })
  .describe('Postal address');

/** A buying organisation: CRM account, billing customer, ERP customer. */
export const Customer = z
  .object({
    id: Id,
    name: z.string().min(1).describe('Legal or trading name'),
    email: z.email().optional().describe('Billing contact e-mail'),
    phone: z.string().optional().describe('Billing contact phone'),
    currency: CurrencyCode.optional().describe('Default currency of invoices to this customer (ISO 4217)'),
    billingAddress: Address.optional().describe('Where invoices are addressed'),
    taxIds: z.array(z.object({ type: z.string().min(1), value: z.string().min(1) })).optional()
      .describe('Tax registrations, e.g. { "type": "eu_vat", "value": "DE123456789" }'),
    externalIds: ExternalIds.optional(),
    createdAt: IsoDateTime.optional().describe('When the customer was created in the source system'),
    metadata: Metadata.optional(),
  })
  .describe('Customer: the organisation that buys, bills and pays (CRM account, billing customer, ERP customer)');
export type Customer = z.infer<typeof Customer>;

/** What is sold: a CRM product, a billing product with its price, an ERP item. */
export const Product = z
  .object({
    id: Id,
    name: z.string().min(1).describe('Product name as invoiced'),
    sku: z.string().optional().describe('Stock keeping unit or item code'),
    description: z.string().optional(),
    unitPrice: Money.optional().describe('List price per unit, in minor units'),
    billingPeriod: z.enum(['one_time', 'month', 'quarter', 'year']).optional()
      .describe('How often the price is charged'),
    revenueRecognition: z.enum(['point_in_time', 'ratably']).optional()
      .describe('ASC 606 / IFRS 15 pattern: at delivery, or evenly over the service period'),
    active: z.boolean().optional().describe('False for products no longer sold'),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .describe('Product: what is sold (CRM product, billing product and price, ERP item)');
export type Product = z.infer<typeof Product>;
