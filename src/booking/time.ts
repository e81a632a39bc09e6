import { Temporal } from 'temporal-polyfill';

/**
 * The one place that touches Temporal. Everything else speaks in two words only: instants (epoch
 * milliseconds, UTC) and wall-clock values in a named IANA zone (a local date 'YYYY-MM-DD' plus
 * minutes since local midnight). Offsets are never computed by hand; Temporal resolves them.
 * Swapping the polyfill for native Temporal touches only this file.
 */

/** A calendar date as written on a wall calendar: 'YYYY-MM-DD'. */
export type LocalDate = string;

const zoneCache = new Map<string, boolean>();

/** True when the string names an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      Temporal.Now.zonedDateTimeISO(zone);
      ok = zone.length < 64;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  try {
    return Temporal.PlainDate.from(s, { overflow: 'reject' }).toString() === s;
  } catch {
    return false;
  }
}

function wallDateTime(date: LocalDate, minute: number): Temporal.PlainDateTime {
  // Minute 1440 is the next midnight: the end of a range that runs to the end of the day.
  const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minute / 1440) });
  const m = ((minute % 1440) + 1440) % 1440;
  return day.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
}

/**
 * The instant of a wall-clock time. 'compatible' is RFC 5545's rule: a time skipped by a
 * spring-forward gap moves later by the gap, a repeated fall-back time takes its first occurrence;
 * 'later' takes the second occurrence instead (used for the end of a range).
 */
export function wallToInstant(
  date: LocalDate,
  minute: number,
  zone: string,
  disambiguation: 'compatible' | 'later' = 'compatible',
): number {
  const key = `${zone}|${date}|${minute}|${disambiguation}`;
  let ms = memo.get(key) as number | undefined;
  if (ms === undefined) {
    ms = wallDateTime(date, minute).toZonedDateTime(zone, { disambiguation }).epochMilliseconds;
    remember(key, ms);
  }
  return ms;
}

// Zone rules do not change while the process runs, so conversions are memoised: the slot engine
// asks the same few hundred questions on every request. Bounded; cleared when full.
const memo = new Map<string, unknown>();
function remember(key: string, value: unknown): void {
  if (memo.size >= 100_000) memo.clear();
  memo.set(key, value);
}

/**
 * Every instant at which a wall clock in `zone` shows this date and minute: none inside a
 * spring-forward gap, two inside a fall-back overlap, one otherwise.
 */
export function instantsOfWall(date: LocalDate, minute: number, zone: string): number[] {
  const pdt = wallDateTime(date, minute);
  const out: number[] = [];
  for (const disambiguation of ['earlier', 'later'] as const) {
    const z = pdt.toZonedDateTime(zone, { disambiguation });
    // Inside a gap Temporal shifts the time; such a result shows another wall time and is dropped.
    if (Temporal.PlainDateTime.compare(z.toPlainDateTime(), pdt) === 0 && !out.includes(z.epochMilliseconds))
      out.push(z.epochMilliseconds);
  }
  return out;
}

/** The wall-clock date and minute an instant shows in a zone. */
export function instantToWall(ms: number, zone: string): { date: LocalDate; minute: number; weekday: number } {
  const key = `iw|${zone}|${ms}`;
  let w = memo.get(key) as { date: LocalDate; minute: number; weekday: number } | undefined;
  if (w === undefined) {
    const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
    w = { date: z.toPlainDate().toString(), minute: z.hour * 60 + z.minute, weekday: z.dayOfWeek };
    remember(key, w);
  }
  return { ...w };
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  const key = `wd|${date}`;
  let wd = memo.get(key) as number | undefined;
  if (wd === undefined) {
    wd = Temporal.PlainDate.from(date).dayOfWeek;
    remember(key, wd);
  }
  return wd;
}

/** The date n days after (or before) another. */
export function addDays(date: LocalDate, n: number): LocalDate {
  const key = `ad|${date}|${n}`;
  let d = memo.get(key) as string | undefined;
  if (d === undefined) {
    d = Temporal.PlainDate.from(date).add({ days: n }).toString();
    remember(key, d);
  }
  return d;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
}

/** The first instant of a local date in a zone (midnight may itself be skipped by DST). */
export function startOfDay(date: LocalDate, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** Today's date in a zone at an instant. */
export function localDateAt(ms: number, zone: string): LocalDate {
  return instantToWall(ms, zone).date;
}

/** An instant as ISO-8601 UTC ('2026-11-27T09:00:00Z'), no milliseconds. */
export function toIsoUtc(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toString({ smallestUnit: 'second' });
}

/** Reads an ISO-8601 instant with an offset or Z; undefined when it is not one. */
export function parseInstant(s: string): number | undefined {
  if (typeof s !== 'string' || s.length > 40) return undefined;
  try {
    return Temporal.Instant.from(s).epochMilliseconds;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, kind: 'day' | 'time' | 'full' | 'zone'): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit' }
          : kind === 'full'
            ? {
                weekday: 'long',
                day: 'numeric',
                month: 'long',
                year: 'numeric',
                hour: '2-digit',
                minute: '2-digit',
                timeZoneName: 'short',
              }
            : { timeZoneName: 'longGeneric' };
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...opts });
    formatters.set(key, f);
  }
  return f;
}

/** "Friday, 27 November 2026" for a local date (formatted at its noon, so no zone can shift it). */
export function formatLocalDate(date: LocalDate): string {
  return formatter('UTC', 'day').format(new Date(`${date}T12:00:00Z`));
}

/** "09:30" (24-hour, as en-GB writes it) for an instant in a zone. */
export function formatTime(ms: number, zone: string): string {
  return formatter(zone, 'time').format(ms);
}

/** "Friday, 27 November 2026 at 09:30 GMT+1" for an instant in a zone. */
export function formatInstant(ms: number, zone: string): string {
  return formatter(zone, 'full').format(ms);
}

/** Every zone this runtime knows, for the zone select. */
export function allTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/** The same wall-clock time n weeks or months later in a zone (a month from 31 January is 28 or 29 February). */
export function addInZone(ms: number, zone: string, unit: 'weeks' | 'months', n: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .add({ [unit]: n }).epochMilliseconds;
}
