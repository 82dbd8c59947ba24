/**
 * Date functions for mappings (case M5 and fixtures trap 7: three time units).
 *
 * Stripe sends Unix seconds, Salesforce CDC milliseconds, older Microsoft APIs `/Date(ms+0100)/`, and
 * Salesforce `CloseDate` / NetSuite `tranDate` calendar dates with no zone. These functions turn any of them
 * into ISO 8601, show an instant in a subsidiary's zone with the right offset (IANA zones, daylight saving,
 * half- and quarter-hour offsets), and never move a calendar date that has no time across a day.
 */
import { callBuiltin } from './builtins.js';
import { fail, show } from './failure.js';
import type { MappingFunction } from './types.js';
import { dateInZone, formatOffset, instantOfWallTime, isoInZone, parseZone, type Zone } from './zones.js';

/** Below this a number is Unix seconds (until year 5138), at or above it milliseconds (after 1973-03-03). */
export const SECONDS_LIMIT = 100_000_000_000;

/** A parsed date value: an instant (with the offset it was written in, if any) or a calendar date. */
export type DateValue = { kind: 'instant'; ms: number; zone?: Zone } | { kind: 'date'; date: string };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function wallClock(match: RegExpExecArray, value: unknown): number {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? '0')) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && minute < 60 && second < 60;
  if (!valid) fail('LF1005', `${show(value)} is not a real date or time`);
  return date.getTime();
}

function milliseconds(value: number, unit: 's' | 'ms', original: unknown): number {
  const ms = unit === 's' ? Math.round(value * 1000) : Math.round(value);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) fail('LF1005', `${show(original)} is outside the range of dates`);
  return ms;
}

/**
 * Reads a date value: a Unix time number (seconds below `SECONDS_LIMIT`, else milliseconds), `/Date(ms)/` or
 * `/Date(ms±hhmm)/` (ms since the epoch in UTC; the offset says where it was written), an ISO 8601 date
 * `YYYY-MM-DD`, or an ISO 8601 date-time (`T` or space, optional fraction, `Z`, `±hh:mm` or `±hhmm` as
 * Salesforce writes it). A date-time without an offset is read as wall-clock time in `localZone`.
 * @throws MappingFunctionError LF1005 for anything else, or a date-time without offset and no zone to read it in.
 */
export function readDate(value: unknown, localZone?: Zone): DateValue {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return { kind: 'instant', ms: milliseconds(value, Math.abs(value) < SECONDS_LIMIT ? 's' : 'ms', value) };
  }
  if (typeof value !== 'string') return fail('LF1005', `Expected a date (ISO 8601 text, /Date(ms)/ or Unix time), but got ${show(value)}`);
  const text = value.trim();
  const microsoft = MS_DATE.exec(text);
  if (microsoft) {
    const zone = microsoft[2] ? parseZone(microsoft[2]) : undefined;
    return { kind: 'instant', ms: milliseconds(Number(microsoft[1]), 'ms', value), ...(zone ? { zone } : {}) };
  }
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    wallClock(dateOnly, value);
    return { kind: 'date', date: text };
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return fail('LF1005', `${show(value)} is not a date this function can read (ISO 8601, /Date(ms)/ or Unix time)`);
  const wall = wallClock(dateTime, value);
  if (dateTime[8] === undefined) {
    if (!localZone) fail('LF1005', `${show(value)} has no UTC offset; say which zone it is in, e.g. $parseDate(value, "Europe/Paris")`);
    return { kind: 'instant', ms: instantOfWallTime(wall, localZone), zone: localZone };
  }
  const zone = parseZone(dateTime[8].toUpperCase());
  return { kind: 'instant', ms: wall - zone.offsetAt(0) * 60_000, zone };
}

function optionalZone(zone: unknown): Zone | undefined {
  return zone === undefined || zone === null ? undefined : parseZone(zone);
}

function unixTime(value: unknown, unit: 's' | 'ms', zone: unknown): string | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    return fail('LF1005', `Unix time must be a number of ${unit === 's' ? 'seconds' : 'milliseconds'}, not ${show(value)}`);
  }
  return isoInZone(milliseconds(number, unit, value), optionalZone(zone) ?? parseZone('Z'));
}

/** `$fromUnixSeconds(seconds, zone?)`: Stripe's 1742083200 → "2025-03-16T00:00:00.000Z" (or in `zone`). */
export function fromUnixSeconds(seconds: unknown, zone?: unknown): string | undefined {
  return unixTime(seconds, 's', zone);
}

/** `$fromUnixMillis(ms, zone?)`: Salesforce CDC's 1742083200000 → "2025-03-16T00:00:00.000Z" (or in `zone`). */
export function fromUnixMillis(ms: unknown, zone?: unknown): string | undefined {
  return unixTime(ms, 'ms', zone);
}

/**
 * `$parseDate(value, zone?)`: any date value `readDate` accepts → ISO 8601, in `zone` when given, else in the
 * offset the value carried (`/Date(1742083200000+0100)/` → "2025-03-16T01:00:00.000+01:00"). A calendar date
 * stays the same calendar date. `zone` is also the zone of a date-time written without an offset.
 * @throws MappingFunctionError LF1005 / LF1006.
 */
export function parseDate(value: unknown, zone?: unknown): string | undefined {
  if (value === undefined) return undefined;
  const target = optionalZone(zone);
  const parsed = readDate(value, target);
  if (parsed.kind === 'date') return parsed.date;
  return isoInZone(parsed.ms, target ?? parsed.zone ?? parseZone('Z'));
}

/**
 * `$toDateInZone(value, zone)`: the calendar date (`YYYY-MM-DD`) of an instant in a zone — the posting date of
 * a subsidiary, so an invoice paid late on the 31st in Los Angeles is not booked in the next period.
 * 1742083200 (2025-03-16T00:00Z) in "America/Los_Angeles" → "2025-03-15". A calendar date is returned unchanged.
 * @throws MappingFunctionError LF1005 / LF1006; the zone is required.
 */
export function toDateInZone(value: unknown, zone: unknown): string | undefined {
  if (value === undefined) return undefined;
  const target = parseZone(zone);
  const parsed = readDate(value, target);
  return parsed.kind === 'date' ? parsed.date : dateInZone(parsed.ms, target);
}

/**
 * `$toIsoInZone(value, zone)`: an instant as ISO 8601 with the zone's offset at that instant, daylight saving
 * included: (1609459200000, "Asia/Kolkata") → "2021-01-01T05:30:00.000+05:30". A calendar date is returned unchanged.
 * @throws MappingFunctionError LF1005 / LF1006; the zone is required.
 */
export function toIsoInZone(value: unknown, zone: unknown): string | undefined {
  if (value === undefined) return undefined;
  const target = parseZone(zone);
  const parsed = readDate(value, target);
  return parsed.kind === 'date' ? parsed.date : isoInZone(parsed.ms, target);
}

/** Renders a `[Z…]` / `[z…]` picture marker (XPath F&O 9.8.4.6) for an offset, as literal text. */
function zoneMarker(marker: string, minutes: number): string {
  const body = marker.slice(1).split(',')[0] ?? '';
  if (body.endsWith('t') && minutes === 0) return 'Z';
  const digits = body.replace(/t$/, '');
  const extended = formatOffset(minutes);
  const basic = extended.replace(':', '');
  const text = digits.includes(':') || digits === '' ? extended : digits.length >= 3 ? basic : minutes % 60 === 0 ? extended.slice(0, 3) : extended;
  return marker.startsWith('z') ? `GMT${text}` : text;
}

/**
 * `$fromMillis(ms, picture?, timezone?)`, JSONata's function with its time-zone argument repaired (case M5):
 * `timezone` may be `±hhmm`, `±hh:mm`, `Z` or an IANA zone, so (1609459200000, undefined, "+05:00") →
 * "2021-01-01T05:00:00.000+05:00" and "-0530" → "2020-12-31T18:30:00.000-05:30". Pictures are formatted by
 * JSONata itself on the zone's wall-clock time, with the `[Z]` markers filled in here.
 */
export function fromMillis(this: unknown, ms: unknown, picture?: unknown, timezone?: unknown): string | undefined | Promise<unknown> {
  if (ms === undefined) return undefined;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return fail('LF1005', `$fromMillis needs a number of milliseconds, not ${show(ms)}`);
  const zone = optionalZone(timezone) ?? parseZone('Z');
  if (picture === undefined || picture === null) return isoInZone(ms, zone);
  if (typeof picture !== 'string') return fail('LF1001', `The picture must be text like "[Y0001]-[M01]-[D01]", not ${show(picture)}`);
  const offset = zone.offsetAt(ms);
  // `[[` and `]]` are escaped brackets (literal text), never markers.
  const literalPicture = picture.replace(/\[\[|\]\]|\[([Zz][^\]]*)\]/g, (all, marker: string | undefined) =>
    marker === undefined ? all : zoneMarker(marker.replace(/\s/g, ''), offset));
  return callBuiltin('fromMillis', this, [ms + offset * 60_000, literalPicture]);
}

/**
 * `$now(picture?, timezone?)`: JSONata's `$now` with `$fromMillis`'s zones. The instant is the evaluation's own
 * timestamp (JSONata's `$millis`, bound per expression and fixed for one evaluation), read from the focus.
 */
export function now(this: unknown, picture?: unknown, timezone?: unknown): string | undefined | Promise<unknown> {
  const environment = (this as { environment?: { lookup(name: string): unknown } } | undefined)?.environment;
  const millis = environment?.lookup('millis') as { implementation?: (this: unknown) => unknown } | undefined;
  const ms = typeof millis?.implementation === 'function' ? millis.implementation.call(this) : Date.now();
  return fromMillis.call(this, ms, picture, timezone);
}

const fn = (implementation: unknown) => implementation as (...args: never[]) => unknown;

export const dateFunctions: MappingFunction[] = [
  { name: 'fromUnixSeconds', usage: '$fromUnixSeconds(seconds, zone?)', description: 'Unix seconds (Stripe) → ISO 8601: 1742083200 → "2025-03-16T00:00:00.000Z"', implementation: fn(fromUnixSeconds) },
  { name: 'fromUnixMillis', usage: '$fromUnixMillis(ms, zone?)', description: 'Unix milliseconds (Salesforce CDC) → ISO 8601, in UTC or in `zone`', implementation: fn(fromUnixMillis) },
  { name: 'parseDate', usage: '$parseDate(value, zone?)', description: 'ISO 8601, /Date(ms)/, /Date(ms+0100)/ or Unix time → ISO 8601; calendar dates stay as they are', implementation: fn(parseDate) },
  { name: 'toDateInZone', usage: '$toDateInZone(value, zone)', description: 'Calendar date YYYY-MM-DD of an instant (ISO, /Date(ms)/, Unix s or ms) in an IANA zone or offset; (1742083200, "America/Los_Angeles") → "2025-03-15"', implementation: fn(toDateInZone) },
  { name: 'toIsoInZone', usage: '$toIsoInZone(value, zone)', description: 'ISO 8601 with the zone\'s offset at that instant, daylight saving included', implementation: fn(toIsoInZone) },
  { name: 'fromMillis', signature: '<n-s?s?:s>', usage: '$fromMillis(ms, picture?, zone?)', description: 'Milliseconds → text; zone as ±hh:mm, ±hhmm or IANA (JSONata\'s offset parsing repaired)', implementation: fn(fromMillis) },
  { name: 'now', signature: '<s?s?:s>', usage: '$now(picture?, zone?)', description: 'This evaluation\'s timestamp; zone as ±hh:mm, ±hhmm or IANA', implementation: fn(now) },
];
