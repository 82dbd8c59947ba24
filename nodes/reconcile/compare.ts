/**
 * Reconciliation by key (the decision, without I/O): pairs two record sets by a key per record and compares
 * chosen fields of each pair. Finance rules built in:
 * - numbers are compared in decimal (decimal.js): the difference reported is exact (75.88 − 75.87 is 0.01,
 *   not 0.010000000000005116), and an absolute tolerance (e.g. 0.005 for amounts in major units) decides
 *   what counts as equal, which also absorbs the float noise of a mapping such as `0.1 + 0.2`;
 * - a key found twice on one side is reported (the first record is paired, the others are duplicates):
 *   silently pairing either could hide a double posting;
 * - a record whose key is missing is counted as unkeyed, not as missing on the other side.
 * The result is sorted by key, so reconciling the same data twice gives the same report.
 */
import Decimal from 'decimal.js';
import type { Json } from '../sdk/message.js';
import type { FieldDifference, ReconciliationItem, ReconciliationResult } from '../sdk/reconciliation.js';

/**
 * How a field is compared. `auto`: as numbers (with the tolerance) when both sides are numbers, else as
 * JSON values; `number`: numeric strings count as numbers (`"75.87"`); `text`: as strings, trimmed.
 */
export type FieldComparison = 'auto' | 'number' | 'text';

export interface FieldRule {
  name: string;
  compare: FieldComparison;
  /** Absolute tolerance for numbers (default 0: exactly equal in decimal). */
  tolerance?: number;
}

/** A record reduced to what reconciliation needs: its key (undefined: none) and its compared field values. */
export interface KeyedRecord {
  key: string | undefined;
  values: Record<string, Json | undefined>;
}

function asDecimal(value: Json | undefined, coerceStrings: boolean): Decimal | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value);
  if (coerceStrings && typeof value === 'string' && value.trim() !== '') {
    try {
      return new Decimal(value.trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function canonical(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Compares one field of a pair; returns the difference, or undefined when the values agree. */
export function compareField(rule: FieldRule, left: Json | undefined, right: Json | undefined): FieldDifference | undefined {
  const shown = { field: rule.name, left: left ?? null, right: right ?? null };
  if (rule.compare === 'text') {
    const l = left === undefined || left === null ? undefined : String(left).trim();
    const r = right === undefined || right === null ? undefined : String(right).trim();
    return l === r ? undefined : shown;
  }
  const coerce = rule.compare === 'number';
  const l = asDecimal(left, coerce);
  const r = asDecimal(right, coerce);
  if (l && r) {
    const difference = r.minus(l);
    const tolerance = new Decimal(rule.tolerance ?? 0);
    if (difference.abs().lte(tolerance)) return undefined;
    return { ...shown, difference: difference.toNumber(), ...(rule.tolerance ? { tolerance: rule.tolerance } : {}) };
  }
  return canonical(left) === canonical(right) ? undefined : shown;
}

function shownValues(record: KeyedRecord): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, value] of Object.entries(record.values)) out[name] = value ?? null;
  return out;
}

function index(records: KeyedRecord[]): { byKey: Map<string, KeyedRecord>; duplicates: string[]; unkeyed: number; extra: number } {
  const byKey = new Map<string, KeyedRecord>();
  const duplicates = new Set<string>();
  let unkeyed = 0;
  let extra = 0;
  for (const record of records) {
    if (record.key === undefined) {
      unkeyed++;
      continue;
    }
    if (byKey.has(record.key)) {
      duplicates.add(record.key);
      extra++;
      continue;
    }
    byKey.set(record.key, record);
  }
  return { byKey, duplicates: [...duplicates].sort(), unkeyed, extra };
}

const byKey = (a: ReconciliationItem, b: ReconciliationItem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Pairs `left` and `right` by key and compares `fields` of each pair.
 * @returns matched keys, records missing on either side, mismatched pairs with the fields that differ,
 *   duplicates and counts; every list sorted by key.
 */
export function reconcileRecords(
  left: KeyedRecord[],
  right: KeyedRecord[],
  fields: FieldRule[],
  names: { left: string; right: string } = { left: 'left', right: 'right' },
): ReconciliationResult {
  const l = index(left);
  const r = index(right);
  const matched: string[] = [];
  const mismatched: ReconciliationItem[] = [];
  const missingRight: ReconciliationItem[] = [];
  const missingLeft: ReconciliationItem[] = [];
  for (const [key, record] of l.byKey) {
    const other = r.byKey.get(key);
    if (!other) {
      missingRight.push({ key, left: shownValues(record) });
      continue;
    }
    const differences = fields
      .map((rule) => compareField(rule, record.values[rule.name], other.values[rule.name]))
      .filter((d): d is FieldDifference => d !== undefined);
    if (differences.length) mismatched.push({ key, left: shownValues(record), right: shownValues(other), differences });
    else matched.push(key);
  }
  for (const [key, record] of r.byKey) if (!l.byKey.has(key)) missingLeft.push({ key, right: shownValues(record) });
  matched.sort();
  return {
    leftName: names.left,
    rightName: names.right,
    counts: {
      left: left.length,
      right: right.length,
      matched: matched.length,
      missingLeft: missingLeft.length,
      missingRight: missingRight.length,
      mismatched: mismatched.length,
      duplicates: l.extra + r.extra,
      unkeyed: l.unkeyed + r.unkeyed,
    },
    matched,
    missingLeft: missingLeft.sort(byKey),
    missingRight: missingRight.sort(byKey),
    mismatched: mismatched.sort(byKey),
    duplicates: { left: l.duplicates, right: r.duplicates },
  };
}

/** True when the result has anything for a person to look at (not just matches). */
export function hasDiscrepancies(result: ReconciliationResult): boolean {
  const c = result.counts;
  return c.missingLeft + c.missingRight + c.mismatched + c.duplicates + c.unkeyed > 0;
}
