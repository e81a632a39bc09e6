import { Temporal } from 'temporal-polyfill';

/** "2026-12-01T09:30" on the practice's wall clock → epoch ms; undefined when it is not a real time. */
export function wallToInstant(local: string, zone: string): number | undefined {
  try {
    return Temporal.PlainDateTime.from(local, { overflow: 'reject' }).toZonedDateTime(zone, {
      disambiguation: 'compatible',
    }).epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** Epoch ms → "2026-12-01T09:30" on the practice's wall clock, for a datetime-local field. */
export function instantToWall(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

/** "27 November 2026" in the practice's time zone. */
export function longDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(
    ms,
  );
}
