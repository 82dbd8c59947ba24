/** Customer, Product, Contract and Subscription: the fictional deal's master data and commitment. */
import { describe, expect, it } from 'vitest';
import { Contract, Customer, Product, Subscription } from './index.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

function messages(result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Customer and Product', () => {
  it('accept the fixture deal\'s customer and seat product', () => {
    expect(Customer.safeParse({
      id: 'cus_FAKE00000000001', name: 'Example Widgets Co (FAKE)', email: 'billing@example.com', currency: 'USD',
      billingAddress: { line1: '123 Example Street', city: 'Springfield', state: 'ZZ', postalCode: '00000', country: 'US' },
      externalIds: { salesforce: '001FAKE0000000001AAA', stripe: 'cus_FAKE00000000001', netsuite: '4321' },
    }).success).toBe(true);
    expect(Product.safeParse({ id: 'prod_FAKE00000000001', name: 'Pro seat', unitPrice: usd(4900), billingPeriod: 'month', revenueRecognition: 'ratably' }).success).toBe(true);
  });

  it('name what is wrong', () => {
    expect(messages(Customer.safeParse({ id: 'c', name: 'X', email: 'not-an-email', billingAddress: { line1: 'a', city: 'b', country: 'USA' } }))).toEqual([
      'email: Invalid email address',
      'billingAddress.country: must be an ISO 3166-1 alpha-2 country code such as "US"',
    ]);
  });
});

describe('Contract and Subscription', () => {
  const subscription = {
    id: 'sub_FAKE0000000000000001', customerId: 'cus_FAKE00000000001', status: 'active' as const, currency: 'USD', startDate: '2025-03-01',
    items: [{ id: 'si_FAKE000000000001', productId: 'prod_FAKE00000000001', quantity: 8, unitPrice: usd(4900), billingPeriod: 'month' as const }],
  };

  it('accept the 5 → 8 seat subscription and its annual contract', () => {
    expect(Subscription.safeParse(subscription).success).toBe(true);
    expect(Contract.safeParse({
      id: '006FAKE0000000001AAA', customerId: 'cus_FAKE00000000001', status: 'active', currency: 'USD', startDate: '2025-03-01',
      endDate: '2026-02-28', totalValue: usd(294000), lines: [{ productId: 'prod_FAKE00000000001', quantity: 5, unitPrice: usd(4900) }],
    }).success).toBe(true);
  });

  it('reject periods that end before they start, items in another currency and empty subscriptions', () => {
    expect(messages(Subscription.safeParse({ ...subscription, endDate: '2025-02-28', items: [{ ...subscription.items[0]!, unitPrice: { amount: 4500, currency: 'EUR' } }] }))).toEqual([
      'endDate: ends on 2025-02-28, before it starts on 2025-03-01',
      'items.0.unitPrice.currency: is EUR, but the document is in USD',
    ]);
    expect(messages(Subscription.safeParse({ ...subscription, items: [] }))).toEqual(['items: a subscription has at least one item']);
  });
});
