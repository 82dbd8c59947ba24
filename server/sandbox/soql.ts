/**
 * The SOQL the CRM stand-in understands: `SELECT <fields> FROM <object> [WHERE <cond> [AND <cond>]…]
 * [ORDER BY …] [LIMIT n]`, where a condition is `Field = value` or `Field != value` (dotted parent fields
 * such as `Account.Name` allowed; values: 'quoted text', numbers, true/false, null, unquoted dates
 * YYYY-MM-DD). The field list (subqueries included) and ORDER BY are not applied: records come back in
 * their fixture shape, in fixture order. Anything else (OR, LIKE, IN, date literals such as THIS_QUARTER)
 * is refused with MALFORMED_QUERY rather than silently answered wrong.
 */

export type SoqlValue = string | number | boolean | null;

export interface SoqlCondition {
  field: string;
  operator: '=' | '!=';
  value: SoqlValue;
}

export interface SoqlQuery {
  object: string;
  conditions: SoqlCondition[];
  limit?: number;
}

/** A query the stand-in cannot run; `message` says what it does understand. */
export class SoqlError extends Error {
  override name = 'SoqlError';
}

/** Replaces quoted text and parenthesised parts by `_`, so keywords are only found at the top level. */
function mask(text: string): string {
  let depth = 0;
  let quoted = false;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '\\') {
        out += '__';
        i++;
        continue;
      }
      if (ch === "'") quoted = false;
      out += '_';
    } else if (ch === "'" && depth === 0) {
      quoted = true;
      out += '_';
    } else if (ch === '(') {
      depth++;
      out += '_';
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
      out += '_';
    } else out += depth > 0 ? '_' : ch;
  }
  if (quoted) throw new SoqlError('unterminated quoted text');
  return out;
}

const QUERY = /^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>[A-Za-z_]\w*)(?:\s+WHERE\s+(?<where>.+?))?(?:\s+ORDER\s+BY\s+.+?)?(?:\s+LIMIT\s+(?<limit>\d+))?\s*$/dis;
const CONDITION = /^\s*(?<field>[A-Za-z_][\w.]*)\s*(?<operator>!=|=)\s*(?<value>.+?)\s*$/s;

function parseValue(raw: string): SoqlValue {
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^null$/i.test(raw)) return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  throw new SoqlError(`cannot compare with ${raw} (the stand-in understands 'text', numbers, true, false, null and YYYY-MM-DD dates)`);
}

/** @throws SoqlError for anything outside the subset described above. */
export function parseSoql(text: string): SoqlQuery {
  const masked = mask(text);
  const match = QUERY.exec(masked);
  if (!match?.groups || !match.indices?.groups) throw new SoqlError('expected SELECT <fields> FROM <object> [WHERE …] [LIMIT n]');
  const query: SoqlQuery = { object: match.groups.object!, conditions: [] };
  if (match.groups.limit !== undefined) query.limit = Number(match.groups.limit);
  const whereAt = match.indices.groups.where;
  if (!whereAt) return query;
  const [start, end] = whereAt;
  const maskedWhere = masked.slice(start, end);
  if (/\bOR\b|\bNOT\b|\bLIKE\b|\bIN\b|[<>]/i.test(maskedWhere)) {
    throw new SoqlError(`cannot evaluate "${text.slice(start, end)}": only Field = value conditions joined by AND`);
  }
  let from = 0;
  for (const separator of maskedWhere.matchAll(/\s+AND\s+/gi)) {
    query.conditions.push(parseCondition(text.slice(start + from, start + separator.index)));
    from = separator.index + separator[0].length;
  }
  query.conditions.push(parseCondition(text.slice(start + from, end)));
  return query;
}

function parseCondition(text: string): SoqlCondition {
  const match = CONDITION.exec(text);
  if (!match?.groups) throw new SoqlError(`cannot evaluate "${text.trim()}": only Field = value conditions joined by AND`);
  return { field: match.groups.field!, operator: match.groups.operator as '=' | '!=', value: parseValue(match.groups.value!) };
}

/** Reads a dotted field, matching names case-insensitively as SOQL does; missing → null. */
export function fieldValue(record: unknown, field: string): unknown {
  let current = record;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? null : (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

export function matchesConditions(record: unknown, conditions: SoqlCondition[]): boolean {
  return conditions.every((condition) => {
    const equal = fieldValue(record, condition.field) === condition.value;
    return condition.operator === '=' ? equal : !equal;
  });
}
