import type { Executor } from '../db/index.ts';
import { localDateAt } from '../time/index.ts';
import { BookingError } from './booking.errors.ts';
import type { BookableService } from './booking.queries.ts';
import * as q from './booking.queries.ts';
import { earliestBookable } from './notice.ts';
import {
  blockOf,
  computeSlots,
  mergeIntervals,
  nearestSlots,
  overlapsAny,
  type Slot,
  type SlotRules,
} from './slots.ts';

const DAY = 86_400_000;

/**
 * The engine's view of a service's rules; a coach booking for a client is not bound by notice or
 * horizon, and neither are the later sessions of a package (only its first must fall within it).
 */
export function slotRulesOf(bs: BookableService, byCoach = false, laterInPackage = false): SlotRules {
  const r = bs.rules;
  return {
    durationMin: bs.service.duration_minutes,
    stepMin: r.step_min,
    bufferBeforeMin: r.buffer_before_min,
    bufferAfterMin: r.buffer_after_min,
    noticeMin: byCoach ? 0 : r.notice_min,
    horizonDays: byCoach || laterInPackage ? 3650 : r.horizon_days,
    dailyLimit: r.daily_limit,
  };
}

/** Free start times of a service in [from, to): reads the rules and busy times once, then the pure engine. */
export async function freeSlots(
  db: Executor,
  bs: BookableService,
  zone: string,
  now: number,
  from: number,
  to: number,
): Promise<Slot[]> {
  const rules = slotRulesOf(bs);
  const [availability, busy] = await Promise.all([
    q.loadAvailability(db, zone),
    q.busyBetween(db, from - DAY, to + DAY),
  ]);
  let bookingsPerDay: Record<string, number> | undefined;
  if (rules.dailyLimit !== null) {
    bookingsPerDay = {};
    for (const t of await q.serviceStartsBetween(db, bs.service.id, from - 2 * DAY, to + 2 * DAY)) {
      const d = localDateAt(t, zone);
      bookingsPerDay[d] = (bookingsPerDay[d] ?? 0) + 1;
    }
  }
  return computeSlots({ availability, rules, busy, now, from, to, ...(bookingsPerDay ? { bookingsPerDay } : {}) });
}

/** The free times nearest to a wanted one, looking three days either side ("here are the nearest free times"). */
export async function nearestFree(
  db: Executor,
  bs: BookableService,
  zone: string,
  now: number,
  wanted: number,
): Promise<Slot[]> {
  return nearestSlots(await freeSlots(db, bs, zone, now, wanted - 3 * DAY, wanted + 4 * DAY), wanted, 3);
}

/**
 * Refuses a start time that is not bookable, with the most useful reason first. Runs inside the
 * booking write transaction, so what it sees cannot change before the insert.
 */
export async function requireBookable(
  db: Executor,
  bs: BookableService,
  zone: string,
  start: number,
  now: number,
  byCoach: boolean,
  /** A package's second or later session: the horizon binds only the first. */
  laterInPackage = false,
): Promise<void> {
  if (!Number.isSafeInteger(start) || start <= now) throw new BookingError('in_past');
  const rules = slotRulesOf(bs, byCoach, laterInPackage);
  if (start < earliestBookable(now, rules.noticeMin)) throw new BookingError('too_soon');
  if (start > now + rules.horizonDays * DAY) throw new BookingError('too_far');
  if (byCoach) {
    // The coach may book outside her published hours, never over another booking.
    const block = blockOf(start, rules.durationMin, rules.bufferBeforeMin, rules.bufferAfterMin);
    const busy = mergeIntervals(await q.busyBetween(db, block.start - DAY, block.end + DAY));
    if (overlapsAny(busy, block.start, block.end))
      throw new BookingError('slot_taken', await nearestFree(db, bs, zone, now, start));
    return;
  }
  // One read of the rules and busy times serves both questions: is it on offer, and is it free?
  const [availability, busy] = await Promise.all([
    q.loadAvailability(db, zone),
    q.busyBetween(db, start - DAY, start + DAY),
  ]);
  const window = { now, from: start, to: start + 1 };
  const offered = computeSlots({ availability, rules: { ...rules, dailyLimit: null }, busy: [], ...window });
  if (!offered.some((s) => s.start === start)) throw new BookingError('not_offered');
  let bookingsPerDay: Record<string, number> | undefined;
  if (rules.dailyLimit !== null) {
    const day = localDateAt(start, zone);
    const starts = await q.serviceStartsBetween(db, bs.service.id, start - 2 * DAY, start + 2 * DAY);
    bookingsPerDay = { [day]: starts.filter((t) => localDateAt(t, zone) === day).length };
  }
  const free = computeSlots({ availability, rules, busy, ...window, ...(bookingsPerDay ? { bookingsPerDay } : {}) });
  if (!free.some((s) => s.start === start))
    throw new BookingError('slot_taken', await nearestFree(db, bs, zone, now, start));
}
