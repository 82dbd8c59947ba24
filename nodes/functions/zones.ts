/**
 * Time zones for the date functions: fixed UTC offsets (`+05:30`, `-0330`, `Z`) and IANA zones
 * (`Asia/Kolkata`, `America/Los_Angeles`) with their daylight-saving rules, read from the platform's `Intl`
 * time-zone database (ECMA-402), so no zone data ships with Ledgerflow.
 *
 * Case M5: JSONata's `$fromMillis` reads its offset with `parseInt`, so `"+05:00"` becomes five minutes and
 * `"-0530"` becomes -06:30. Here offsets are parsed as ISO 8601 `±hh[:mm]` and checked.
 */
import { fail, show } from './failure.js';

/** A time zone: a fixed offset or an IANA zone whose offset depends on the instant. */
export interface Zone {
  /** As the analyst wrote it, normalised (`+05:30`, `Asia/Kolkata`). */
  readonly name: string;
  /** Offset from UTC in minutes at the given instant (ms since the epoch); east of Greenwich is positive. */
  offsetAt(ms: number): number;
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedZone(minutes: number): Zone {
  return { name: minutes === 0 ? 'Z' : formatOffset(minutes), offsetAt: () => minutes };
}

/** Offset of an IANA zone at an instant: the zone's wall-clock time read as if it were UTC, minus the instant. */
function ianaZone(name: string, format: Intl.DateTimeFormat): Zone {
  return {
    name,
    offsetAt(ms) {
      const fields: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(ms))) {
        if (part.type !== 'literal') fields[part.type] = Number(part.value);
      }
      const wallDate = new Date(0);
      wallDate.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
      wallDate.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, 0);
      const wall = wallDate.getTime();
      return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
    },
  };
}

/**
 * Reads a zone argument: `Z`, `UTC`, `±hh`, `±hhmm`, `±hh:mm` (ISO 8601, up to ±18:00), or an IANA zone name.
 * @throws MappingFunctionError LF1006 for anything else, with an example of each accepted form.
 */
export function parseZone(value: unknown): Zone {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail('LF1006', `The time zone must be an IANA name like "Asia/Kolkata" or an offset like "+05:30", not ${show(value)}`);
  }
  const text = value.trim();
  if (text === 'Z' || text.toUpperCase() === 'UTC') return fixedZone(0);
  const offset = OFFSET.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (hours > 18 || minutes > 59 || (hours === 18 && minutes > 0)) fail('LF1006', `${show(value)} is not a UTC offset (±hh:mm up to ±18:00)`);
    return fixedZone((offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes));
  }
  let format = formatters.get(text);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: text,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return fail('LF1006', `${show(value)} is not a time zone; use an IANA name like "America/Los_Angeles" or an offset like "-03:30"`);
    }
    formatters.set(text, format);
  }
  return ianaZone(format.resolvedOptions().timeZone, format);
}

/** Minutes → `+05:30` / `-03:30` (ISO 8601 extended format). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Calendar date `YYYY-MM-DD` of an instant (ms) in a zone. */
export function dateInZone(ms: number, zone: Zone): string {
  const wall = new Date(ms + zone.offsetAt(ms) * 60_000);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/**
 * ISO 8601 timestamp of an instant (ms) in a zone, with milliseconds and the zone's offset at that instant
 * (daylight saving included): `2025-03-15T17:00:00.000-07:00`; UTC is written `Z`, like `Date#toISOString`.
 */
export function isoInZone(ms: number, zone: Zone): string {
  const offset = zone.offsetAt(ms);
  const wall = new Date(ms + offset * 60_000);
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}`;
  return `${dateInZone(ms, zone)}T${time}${offset === 0 ? 'Z' : formatOffset(offset)}`;
}

/**
 * The instant at which a zone's wall clock shows the given local time (ms of the wall time read as UTC).
 * In a daylight-saving gap the time moves forward by the gap; in an overlap the earlier instant is taken
 * (Temporal's `disambiguation: "compatible"`).
 */
export function instantOfWallTime(wallMs: number, zone: Zone): number {
  const first = wallMs - zone.offsetAt(wallMs) * 60_000;
  const second = wallMs - zone.offsetAt(first) * 60_000;
  if (first === second) return first;
  // Overlap: both are valid; take the earlier. Gap: neither maps back; take the later offset's instant.
  const backFirst = first + zone.offsetAt(first) * 60_000 === wallMs;
  const backSecond = second + zone.offsetAt(second) * 60_000 === wallMs;
  if (backFirst && backSecond) return Math.min(first, second);
  return backFirst ? first : backSecond ? second : Math.max(first, second);
}
