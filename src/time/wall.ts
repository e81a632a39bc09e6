import { Temporal } from 'temporal-polyfill';

/**
 * Instants and wall-clock times. Everything outside src/time/ speaks in two words only: instants
 * (epoch milliseconds, UTC) and wall-clock values in a named IANA zone (a local date 'YYYY-MM-DD'
 * plus minutes since local midnight, or a datetime-local field's 'YYYY-MM-DDTHH:MM'). Offsets are
 * never computed by hand; Temporal resolves them, and every conversion from a wall clock names
 * how a time skipped or repeated by a daylight-saving change is read.
 */

/** A calendar date as written on a wall calendar: 'YYYY-MM-DD'. */
export type LocalDate = string;

/**
 * How a wall-clock time that a DST change skips or repeats becomes an instant. 'compatible' is
 * RFC 5545's rule (a skipped time moves later by the gap, a repeated one takes its first
 * occurrence); 'earlier' and 'later' take the first or second occurrence (and for a skipped time,
 * the instant before or after the gap).
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

// Zone rules do not change while the process runs, so conversions are memoised: the slot engine
// asks the same few hundred questions on every request. Only zones that passed Temporal are
// remembered and keys are short; the map is cleared when full, so it never grows past MEMO_MAX.
const MEMO_MAX = 100_000;
const MEMO_KEY_MAX = 120;
const memo = new Map<string, unknown>();
function remember(key: string, value: unknown): void {
  if (key.length > MEMO_KEY_MAX) return;
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
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

/** The instant of a wall-clock time: a date and minutes since its midnight, in a zone. */
export function wallToInstant(
  date: LocalDate,
  minute: number,
  zone: string,
  disambiguation: Disambiguation = 'compatible',
): number {
  const key = `${zone}|${date}|${minute}|${disambiguation}`;
  let ms = memo.get(key) as number | undefined;
  if (ms === undefined) {
    ms = wallDateTime(date, minute).toZonedDateTime(zone, { disambiguation }).epochMilliseconds;
    remember(key, ms);
  }
  return ms;
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

/** The wall-clock date and minute an instant shows in a zone, and its ISO weekday (1 = Monday). */
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

/**
 * A datetime-local field's value ('2026-12-01T09:30') on a zone's wall clock → the instant;
 * undefined when it is not a real date and time.
 */
export function localDateTimeToInstant(
  text: string,
  zone: string,
  disambiguation: Disambiguation = 'compatible',
): number | undefined {
  if (typeof text !== 'string' || text.length > 32) return undefined;
  try {
    return Temporal.PlainDateTime.from(text, { overflow: 'reject' }).toZonedDateTime(zone, { disambiguation })
      .epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** An instant → '2026-12-01T09:30' on a zone's wall clock, for a datetime-local field. */
export function instantToLocalDateTime(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
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

/** The date an instant falls on in a zone. */
export function localDateAt(ms: number, zone: string): LocalDate {
  return instantToWall(ms, zone).date;
}

/** An instant as ISO-8601 UTC ('2026-11-27T09:00:00Z'), no milliseconds. */
export function toIsoUtc(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toString({ smallestUnit: 'second' });
}

/** Reads an ISO-8601 instant with an offset or Z; undefined when it is not one. */
export function parseInstant(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length > 40) return undefined;
  try {
    return Temporal.Instant.from(s).epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** The same wall-clock time n weeks or months later in a zone (a month from 31 January is 28 or 29 February). */
export function addInZone(ms: number, zone: string, unit: 'weeks' | 'months', n: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .add({ [unit]: n }).epochMilliseconds;
}
