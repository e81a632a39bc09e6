import { addDays, instantToWall, type LocalDate, localDateAt, startOfDay, wallToInstant } from '../time/index.ts';

/**
 * The notification budget (issue 10; CoachAccountable's coaches lost clients "overwhelmed by
 * notifications"): at most one digest email per day in the client's own zone, never in their
 * quiet hours, none at all once they turn reminders off, and each action item named in a digest
 * once. Pure: the job that sends digests asks these functions and stores what they answer.
 */

export interface Budget {
  remindersOn: boolean;
  /** Quiet hours on the client's wall clock, minutes since midnight (0–1439); they may wrap past midnight. Equal = none. */
  quietStartMin: number;
  quietEndMin: number;
  zone: string;
  /** When the last digest went out, if ever. */
  lastDigestAt: number | null;
}

/** The default quiet hours: 21:00 to 08:00 on the client's clock. */
export const DEFAULT_QUIET = { startMin: 21 * 60, endMin: 8 * 60 } as const;

/** True for a quiet-hours bound (a minute of the day). */
export function isMinuteOfDay(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 0 && (n as number) < 1440;
}

/** True when a minute of the day falls in the quiet hours (start included, end excluded). */
export function inQuietHours(minute: number, startMin: number, endMin: number): boolean {
  if (startMin === endMin) return false;
  return startMin < endMin ? minute >= startMin && minute < endMin : minute >= startMin || minute < endMin;
}

/**
 * The earliest instant, at or after `now`, at which a digest may go out; null when reminders are
 * off. It is on a later local date than the last digest and outside quiet hours.
 */
export function nextDigestAt(budget: Budget, now: number): number | null {
  if (!budget.remindersOn) return null;
  const { zone, quietStartMin: qs, quietEndMin: qe } = budget;
  let at = now;
  const lastDate = budget.lastDigestAt === null ? null : localDateAt(budget.lastDigestAt, zone);
  // Each step only moves forward; a few rounds settle even when a DST change moves a boundary.
  for (let round = 0; round < 6; round++) {
    const wall = instantToWall(at, zone);
    if (lastDate !== null && wall.date <= lastDate) {
      at = Math.max(at, startOfDay(addDays(lastDate, 1), zone));
      continue;
    }
    if (inQuietHours(wall.minute, qs, qe)) {
      // The quiet hours end later today, or (when they wrap and started this evening) tomorrow.
      const endDate = qs > qe && wall.minute >= qs ? addDays(wall.date, 1) : wall.date;
      at = Math.max(at + 60_000, wallToInstant(endDate, qe, zone, 'compatible'));
      continue;
    }
    return at;
  }
  return at;
}

export interface DigestItem {
  id: string;
  dueDate: LocalDate | null;
  doneAt: number | null;
  remindedAt: number | null;
}

/**
 * The action items a digest on `today` names: open ones due today or tomorrow, or already past
 * due, that no digest has named before. An item is reminded of once; an overdue item is not
 * repeated day after day.
 */
export function itemsForDigest(items: readonly DigestItem[], today: LocalDate): string[] {
  const horizon = addDays(today, 1);
  return items
    .filter((i) => i.doneAt === null && i.remindedAt === null && i.dueDate !== null && i.dueDate <= horizon)
    .map((i) => i.id);
}

/** Whether a digest has anything to say: named items or a check-in that is due. An empty digest is never sent. */
export function digestWorthSending(itemIds: readonly string[], checkInDue: boolean): boolean {
  return itemIds.length > 0 || checkInDue;
}
