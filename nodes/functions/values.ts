/**
 * Value-shape functions for mappings (cases M1, M2 and M7).
 *
 * JSONata collapses a one-item result to the item and an empty result to nothing (case M1: `$map` over one
 * line gives an object, over none gives nothing), and an object key whose value is nothing disappears
 * (case M2). `$array` keeps list-shaped targets lists; `$default` supplies a value for a missing field
 * while keeping an explicit `null` (case M7: a field that is absent and a field that is null are different
 * facts, e.g. "not sent" vs "cleared in the CRM"; `$exists` tells them apart).
 */
import { fail, show } from './failure.js';
import type { MappingFunction } from './types.js';

/**
 * `$array(value)`: always a list. Missing → `[]`, a list → the same list, anything else (one object, a
 * string, `null`) → a one-item list. Wrap list-shaped targets with it: `"items": $array($map(lines, …))`.
 */
export function array(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  return [value];
}

const NULL_POLICIES = ['keep-null', 'replace-null'] as const;

/**
 * `$default(value, fallback, nulls?)`: `fallback` when `value` is missing (the field is absent or the path
 * selects nothing); an explicit `null` is kept unless `nulls` is `"replace-null"`. Examples:
 * `$default($sum(lines.amount), 0)` → 0 for no lines; `$default(qty, 1)` with `"qty": null` → null.
 * @throws MappingFunctionError LF1001 for an unknown `nulls` policy.
 */
export function defaultValue(value: unknown, fallback: unknown, nulls?: unknown): unknown {
  const policy = nulls === undefined || nulls === null ? 'keep-null' : nulls;
  if (!NULL_POLICIES.includes(policy as (typeof NULL_POLICIES)[number])) {
    fail('LF1001', `The third argument of $default is "keep-null" or "replace-null", not ${show(nulls)}`);
  }
  if (value === undefined) return fallback;
  if (value === null && policy === 'replace-null') return fallback;
  return value;
}

export const valueFunctions: MappingFunction[] = [
  {
    name: 'array',
    usage: '$array(value)',
    description: 'Always a list: missing → [], one item → [item], a list stays the list (for array-typed targets)',
    implementation: array as (...args: never[]) => unknown,
  },
  {
    name: 'default',
    usage: '$default(value, fallback, nulls?)',
    description: 'fallback when value is missing; null is kept unless nulls is "replace-null"',
    implementation: defaultValue as (...args: never[]) => unknown,
  },
];
