import { addDays, type LocalDate } from '../time/index.ts';

/**
 * When a client's next check-in is due. Pure: dates are the client's own wall-calendar dates
 * ('YYYY-MM-DD', which compare as strings), so a check-in made late on a Sunday in Sydney counts
 * for that Sunday, whatever the server's zone.
 */

/** The cadences the back office offers; any whole number of days in range is accepted. */
export const CADENCE_CHOICES = [7, 14, 28] as const;
export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 90;

export interface Cadence {
  /** Days between check-ins. */
  everyDays: number;
  /** The date the cadence began: the first check-in is due on it. */
  since: LocalDate;
}

export type CheckInState = 'not_asked' | 'upcoming' | 'due' | 'overdue';

/** True for a cadence the rules accept (a whole number of days, 1 to 90). */
export function isCadenceDays(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= MIN_CADENCE_DAYS && (n as number) <= MAX_CADENCE_DAYS;
}

/**
 * The date the next check-in is due: the cadence's first day until the client has checked in,
 * then one period after the latest check-in, never before the cadence began (a coach who sets a
 * new cadence today does not make yesterday's check-in overdue). null when none is asked for.
 */
export function nextCheckInDue(cadence: Cadence | null, lastCheckIn: LocalDate | null): LocalDate | null {
  if (!cadence || !isCadenceDays(cadence.everyDays)) return null;
  if (lastCheckIn === null) return cadence.since;
  const next = addDays(lastCheckIn, cadence.everyDays);
  // Dates as strings: Math.max would not do.
  if (next > cadence.since) return next;
  return cadence.since;
}

/**
 * Where the client stands on a given day: due on the due date itself, overdue after it,
 * upcoming before it. A check-in on the due date moves the due date a period on, so it is never
 * "due" twice for one period.
 */
export function checkInState(due: LocalDate | null, today: LocalDate): CheckInState {
  if (due === null) return 'not_asked';
  if (today < due) return 'upcoming';
  return today === due ? 'due' : 'overdue';
}
