/** Date functions: Unix seconds and milliseconds, /Date(ms)/, IANA zones with daylight saving, calendar dates. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../sdk/expression.js';
import { fromMillis, fromUnixMillis, fromUnixSeconds, parseDate, toDateInZone, toIsoInZone } from './dates.js';
import { parseZone } from './zones.js';

const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);
const NEW_YEAR_2021 = 1609459200000;

describe('Unix time', () => {
  it('reads Stripe seconds and Salesforce milliseconds', () => {
    expect(fromUnixSeconds(1742083200)).toBe('2025-03-16T00:00:00.000Z');
    expect(fromUnixSeconds('1742083200')).toBe('2025-03-16T00:00:00.000Z');
    expect(fromUnixSeconds(1742083200, 'America/Los_Angeles')).toBe('2025-03-15T17:00:00.000-07:00');
    expect(fromUnixMillis(1742083200123)).toBe('2025-03-16T00:00:00.123Z');
    expect(fromUnixMillis(1742083200000, '+05:30')).toBe('2025-03-16T05:30:00.000+05:30');
    expect(fromUnixSeconds(undefined)).toBeUndefined();
    expect(() => fromUnixSeconds('yesterday')).toThrow(/Unix time must be a number of seconds, not "yesterday"/);
  });
});

describe('$toDateInZone', () => {
  it('gives the calendar date of an instant in a zone (posting dates)', () => {
    expect(toDateInZone(1742083200, 'America/Los_Angeles')).toBe('2025-03-15');
    expect(toDateInZone(1742083200, 'Asia/Tokyo')).toBe('2025-03-16');
    expect(toDateInZone(1742083200000, 'UTC')).toBe('2025-03-16'); // milliseconds are told apart from seconds
    expect(toDateInZone('2025-03-31T23:30:00-07:00', 'America/Los_Angeles')).toBe('2025-03-31');
    expect(toDateInZone('2025-03-31T23:30:00-07:00', 'UTC')).toBe('2025-04-01'); // would cross the period close
  });

  it('never moves a calendar date that has no time', () => {
    expect(toDateInZone('2025-03-31', 'Pacific/Kiritimati')).toBe('2025-03-31');
    expect(toDateInZone('2025-03-31', 'Pacific/Pago_Pago')).toBe('2025-03-31');
    expect(toIsoInZone('2025-03-31', 'Asia/Kolkata')).toBe('2025-03-31');
  });

  it('needs a real zone', () => {
    expect(() => toDateInZone(1742083200, 'America/Los_Angles')).toThrow(/"America\/Los_Angles" is not a time zone; use an IANA name/);
    expect(() => toDateInZone(1742083200, undefined)).toThrow(/IANA name like "Asia\/Kolkata"/);
    expect(() => parseZone('+25:00')).toThrow(/not a UTC offset/);
  });
});

describe('$toIsoInZone', () => {
  it('writes the offset in force at that instant, daylight saving included', () => {
    expect(toIsoInZone('2025-01-15T12:00:00Z', 'America/Los_Angeles')).toBe('2025-01-15T04:00:00.000-08:00');
    expect(toIsoInZone('2025-07-15T12:00:00Z', 'America/Los_Angeles')).toBe('2025-07-15T05:00:00.000-07:00');
    expect(toIsoInZone('2025-01-15T12:00:00Z', 'America/St_Johns')).toBe('2025-01-15T08:30:00.000-03:30');
    expect(toIsoInZone('2025-07-15T12:00:00Z', 'America/St_Johns')).toBe('2025-07-15T09:30:00.000-02:30');
    expect(toIsoInZone(NEW_YEAR_2021, 'Asia/Kolkata')).toBe('2021-01-01T05:30:00.000+05:30');
    expect(toIsoInZone(NEW_YEAR_2021, 'Asia/Kathmandu')).toBe('2021-01-01T05:45:00.000+05:45');
    expect(toIsoInZone(NEW_YEAR_2021, 'Australia/Adelaide')).toBe('2021-01-01T10:30:00.000+10:30');
    expect(toIsoInZone(NEW_YEAR_2021, 'Pacific/Chatham')).toBe('2021-01-01T13:45:00.000+13:45');
    expect(toIsoInZone(NEW_YEAR_2021, 'Europe/London')).toBe('2021-01-01T00:00:00.000Z');
  });
});

describe('$parseDate', () => {
  it('reads /Date(ms)/ with and without an offset', () => {
    expect(parseDate('/Date(1742083200000)/')).toBe('2025-03-16T00:00:00.000Z');
    expect(parseDate('/Date(1742083200000+0100)/')).toBe('2025-03-16T01:00:00.000+01:00');
    expect(parseDate('/Date(1742083200000-0530)/')).toBe('2025-03-15T18:30:00.000-05:30');
    expect(parseDate('/Date(-86400000)/')).toBe('1969-12-31T00:00:00.000Z');
    expect(parseDate('/Date(1742083200000+0100)/', 'UTC')).toBe('2025-03-16T00:00:00.000Z');
  });

  it('reads ISO 8601 as Salesforce and NetSuite write it', () => {
    expect(parseDate('2025-03-16T10:00:00.000+0000')).toBe('2025-03-16T10:00:00.000Z');
    expect(parseDate('2025-03-16T10:00:00+05:30')).toBe('2025-03-16T10:00:00.000+05:30');
    expect(parseDate('2025-03-16T10:00:00.123456Z')).toBe('2025-03-16T10:00:00.123Z');
    expect(parseDate('2025-03-16 10:00Z', 'Asia/Tokyo')).toBe('2025-03-16T19:00:00.000+09:00');
    expect(parseDate('2025-03-16')).toBe('2025-03-16');
    expect(parseDate(1742083200)).toBe('2025-03-16T00:00:00.000Z');
  });

  it('reads a local date-time in the zone it is given, across daylight-saving changes', () => {
    expect(parseDate('2025-03-16T10:00:00', 'Europe/Paris')).toBe('2025-03-16T10:00:00.000+01:00');
    expect(parseDate('2025-03-09T02:30:00', 'America/Los_Angeles')).toBe('2025-03-09T03:30:00.000-07:00'); // gap
    expect(parseDate('2025-11-02T01:30:00', 'America/Los_Angeles')).toBe('2025-11-02T01:30:00.000-07:00'); // overlap: earlier
  });

  it('refuses what is ambiguous or not a date', () => {
    expect(() => parseDate('2025-03-16T10:00:00')).toThrow(/has no UTC offset; say which zone it is in/);
    expect(() => parseDate('2025-02-30')).toThrow(/"2025-02-30" is not a real date/);
    expect(() => parseDate('16/03/2025')).toThrow(/is not a date this function can read/);
    expect(() => parseDate(null)).toThrow(/Expected a date .* but got null/);
    expect(parseDate(undefined)).toBeUndefined();
  });
});

describe('$fromMillis with zones (M5)', () => {
  it('reads offsets as ISO 8601, with or without a colon', () => {
    expect(fromMillis(NEW_YEAR_2021, undefined, '+05:00')).toBe('2021-01-01T05:00:00.000+05:00');
    expect(fromMillis(NEW_YEAR_2021, undefined, '-0530')).toBe('2020-12-31T18:30:00.000-05:30');
    expect(fromMillis(NEW_YEAR_2021, undefined, '+0545')).toBe('2021-01-01T05:45:00.000+05:45');
    expect(fromMillis(NEW_YEAR_2021, undefined, '-03:30')).toBe('2020-12-31T20:30:00.000-03:30');
    expect(fromMillis(NEW_YEAR_2021)).toBe('2021-01-01T00:00:00.000Z');
  });

  it('formats pictures on the zone\'s wall clock, zone markers included', async () => {
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[Y0001]-[M01]-[D01]", "-0530")`)).toBe('2020-12-31');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[H01]:[m01] [Z0101]", "-0330")`)).toBe('20:30 -0330');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[H01]:[m01] [Z]", "Asia/Kathmandu")`)).toBe('05:45 +05:45');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[H01]:[m01] [z]", "+05:30")`)).toBe('05:30 GMT+05:30');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[H01]:[m01][Z01:01t]")`)).toBe('00:00Z');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[D1o] [MNn] [Y]")`)).toBe('1st January 2021');
    expect(await run(`$fromMillis(${NEW_YEAR_2021}, "[[Z]] [H01]", "+01:00")`)).toBe('[Z] 01');
  });

  it('repairs $now the same way and keeps one timestamp per evaluation', async () => {
    const [utc, kolkata, again] = (await run('[$now(), $now(undefined, "Asia/Kolkata"), $now()]')) as string[];
    expect(utc).toBe(again);
    expect(kolkata).toMatch(/\+05:30$/);
    expect(Date.parse(kolkata!)).toBe(Date.parse(utc!));
  });
});
