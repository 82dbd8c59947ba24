/**
 * Canonical Contract and Subscription: the commercial commitment (a closed-won deal, a signed order form)
 * and the recurring charges that bill it.
 *
 * Rules checked beyond field types: an end date is not before its start date (ISO dates compare as text),
 * and every price is in the document's currency.
 */
import { z } from 'zod';
import { checkCurrency, CurrencyCode, ExternalIds, Id, IsoDate, IsoDateTime, Metadata, Money, type RefinementContext } from './money.js';

/** Adds an issue at `path` when `end` is before `start` (both `YYYY-MM-DD`). */
export function checkPeriod(ctx: RefinementContext, start: string | undefined, end: string | undefined, path: Array<string | number>): void {
  if (start !== undefined && end !== undefined && end < start) {
    ctx.addIssue({ code: 'custom', path, message: `ends on ${end}, before it starts on ${start}` });
  }
}

const Quantity = z.number().nonnegative().describe('Quantity (seats, units); usage may be fractional');

/** One priced line of a contract. */
export const ContractLine = z
  .object({
    productId: Id.describe('Canonical product id'),
    description: z.string().optional(),
    quantity: Quantity,
    unitPrice: Money.describe('Price per unit per billing period, in minor units'),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
  })
  .describe('Contract line: a product, a quantity and its agreed unit price');

/** A signed commercial agreement (CRM opportunity closed-won, order form, renewal). */
export const Contract = z
  .object({
    id: Id,
    number: z.string().optional().describe('Contract or order-form number'),
    customerId: Id.describe('Canonical customer id'),
    opportunityId: z.string().optional().describe('CRM opportunity the contract came from'),
    status: z.enum(['draft', 'active', 'expired', 'terminated']).describe('Lifecycle status'),
    currency: CurrencyCode,
    startDate: IsoDate.describe('First day of service'),
    endDate: IsoDate.optional().describe('Last day of service (evergreen when absent)'),
    signedAt: IsoDateTime.optional(),
    totalValue: Money.optional().describe('Total contract value (TCV), in minor units'),
    lines: z.array(ContractLine).optional(),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((contract, ctx) => {
    checkPeriod(ctx, contract.startDate, contract.endDate, ['endDate']);
    checkCurrency(ctx, contract.currency, [
      { money: contract.totalValue, path: ['totalValue'] },
      ...(contract.lines ?? []).map((line, i) => ({ money: line.unitPrice, path: ['lines', i, 'unitPrice'] })),
    ]);
  })
  .describe('Contract: a signed commitment to buy products over a period (booking)');
export type Contract = z.infer<typeof Contract>;

/** One recurring charge of a subscription (a price and a quantity). */
export const SubscriptionItem = z
  .object({
    id: Id,
    productId: Id.describe('Canonical product id'),
    priceId: z.string().optional().describe('Billing-system price id'),
    quantity: Quantity,
    unitPrice: Money.describe('Price per unit per billing period, in minor units'),
    billingPeriod: z.enum(['month', 'quarter', 'year']).describe('How often the item is charged'),
    currentPeriodStart: IsoDate.optional(),
    currentPeriodEnd: IsoDate.optional(),
  })
  .describe('Subscription item: one recurring charge');

/** Recurring billing of a contract in the billing system. */
export const Subscription = z
  .object({
    id: Id,
    customerId: Id.describe('Canonical customer id'),
    contractId: z.string().optional().describe('Contract this subscription bills'),
    status: z.enum(['trialing', 'active', 'past_due', 'paused', 'canceled', 'incomplete']).describe('Lifecycle status'),
    currency: CurrencyCode,
    startDate: IsoDate.describe('First day billed'),
    endDate: IsoDate.optional().describe('Last day billed, when cancelled or fixed-term'),
    items: z.array(SubscriptionItem).min(1, { error: 'a subscription has at least one item' }),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((subscription, ctx) => {
    checkPeriod(ctx, subscription.startDate, subscription.endDate, ['endDate']);
    subscription.items.forEach((item, i) => checkPeriod(ctx, item.currentPeriodStart, item.currentPeriodEnd, ['items', i, 'currentPeriodEnd']));
    checkCurrency(ctx, subscription.currency, subscription.items.map((item, i) => ({ money: item.unitPrice, path: ['items', i, 'unitPrice'] })));
  })
  .describe('Subscription: recurring charges for a customer, with its items');
export type Subscription = z.infer<typeof Subscription>;
