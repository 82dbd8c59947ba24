/**
 * Stripe's API takes `application/x-www-form-urlencoded` bodies with bracketed keys
 * (`items[0][price]=price_…&metadata[sfdc_account_id]=001…`), parsed here by Express's extended (qs)
 * parser into nested objects. Form values are text, so the integer parameters the stand-in checks are
 * turned back into numbers, as Stripe's own parameter coercion does.
 */

/** Parameters Stripe reads as integers (the ones the billing stand-in checks). */
const INTEGER_PARAMS = new Set(['quantity', 'billing_cycle_anchor', 'amount', 'unit_amount', 'trial_end', 'days_until_due', 'limit']);

/** A copy of a form-decoded body with integer parameters as numbers (`"5"` → 5), at any depth. */
export function coerceStripeForm(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => coerceStripeForm(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'metadata' ? v : coerceStripeForm(v, k)]));
  }
  if (typeof value === 'string' && key && INTEGER_PARAMS.has(key) && /^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}
