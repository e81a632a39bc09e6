import { addDays, instantsOfWall, type LocalDate, localDateAt, wallToInstant, weekdayOf } from '../time/index.ts';
import { earliestBookable } from './notice.ts';

/**
 * The slot engine: pure, no I/O, no clock of its own. Availability is written in wall-clock
 * minutes in the coach's zone; bookings and busy times are instants. Time zones are resolved only
 * through time.ts, once or twice per local day, and the inner loop runs on plain milliseconds.
 */

/** Minutes since local midnight; `end` may be 1440 (the next midnight). */
export interface WallRange {
  start: number;
  end: number;
}

export interface WeeklyRange extends WallRange {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export interface Availability {
  /** The coach's IANA zone: the zone the rules are written in. */
  zone: string;
  weekly: WeeklyRange[];
  /** A date's own hours, replacing the weekly ones; an empty list means closed that day. */
  overrides: Record<LocalDate, WallRange[]>;
  /** Whole local days off, both ends included. */
  timeOff: { from: LocalDate; to: LocalDate }[];
}

/** A busy span of instants, buffers already included (an existing booking, an external event). */
export interface Interval {
  start: number;
  end: number;
}

export interface SlotRules {
  durationMin: number;
  /** Distance between offered start times; defaults to the duration. */
  stepMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  /** No start sooner than this after now. */
  noticeMin: number;
  /** No start later than this many days after now. */
  horizonDays: number;
  /** At most this many active bookings of the service on one local day (the coach's), or null. */
  dailyLimit: number | null;
}

export interface SlotQuery {
  availability: Availability;
  rules: SlotRules;
  busy: Interval[];
  /** Active bookings of the service per coach-local date (for the daily limit). */
  bookingsPerDay?: Record<LocalDate, number>;
  now: number;
  /** Slot starts within [from, to). */
  from: number;
  to: number;
}

export type Slot = Interval;

const MIN = 60_000;
const DAY = 86_400_000;

/** Sorted, disjoint union of intervals (touching ones merged). */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** True when [start, end) overlaps any of the merged, sorted intervals (binary search). */
export function overlapsAny(merged: Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  let last = -1; // the last interval starting before `end`
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.start < end) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last >= 0 && merged[last]!.end > start;
}

/** The wall-clock ranges that apply on a local date (override, else weekly), or none on time off. */
export function rangesOn(a: Availability, date: LocalDate): WallRange[] {
  if (a.timeOff.some((t) => t.from <= date && date <= t.to)) return [];
  const ranges = a.overrides[date] ?? a.weekly.filter((w) => w.weekday === weekdayOf(date));
  return ranges.filter((r) => r.end > r.start).sort((x, y) => x.start - y.start);
}

/** The same ranges as instants: [start, end) of each, in order. */
export function rangeInstants(a: Availability, date: LocalDate): Interval[] {
  return rangesOn(a, date).map((r) => ({
    start: wallToInstant(date, r.start, a.zone),
    end: wallToInstant(date, r.end, a.zone, 'later'),
  }));
}

/** Every free start time in the window, sorted and unique. */
export function computeSlots(q: SlotQuery): Slot[] {
  const { availability: a, rules } = q;
  const dur = rules.durationMin * MIN;
  const step = Math.max(1, rules.stepMin || rules.durationMin) * MIN;
  const before = rules.bufferBeforeMin * MIN;
  const after = rules.bufferAfterMin * MIN;
  const earliest = Math.max(q.from, earliestBookable(q.now, rules.noticeMin));
  const latest = Math.min(q.to, q.now + rules.horizonDays * DAY + 1);
  if (dur <= 0 || earliest >= latest) return [];
  const busy = mergeIntervals(q.busy);
  const out: Slot[] = [];
  const take = (t: number, re: number) => {
    if (t < earliest || t >= latest || t + dur > re) return;
    if (overlapsAny(busy, t - before, t + dur + after)) return;
    out.push({ start: t, end: t + dur });
  };
  const lastDate = localDateAt(latest - 1, a.zone);
  for (let date = localDateAt(earliest, a.zone); date <= lastDate; date = addDays(date, 1)) {
    if (rules.dailyLimit !== null && (q.bookingsPerDay?.[date] ?? 0) >= rules.dailyLimit) continue;
    for (const r of rangesOn(a, date)) {
      const rs = wallToInstant(date, r.start, a.zone);
      const re = wallToInstant(date, r.end, a.zone, 'later');
      if (re - rs === (r.end - r.start) * MIN) {
        // No offset change inside the range: stepping instants is stepping the wall clock.
        for (let t = rs; t + dur <= re && t < latest; t += step) take(t, re);
      } else {
        // A transition inside the range: walk the wall clock and let time.ts find each real instant.
        for (let m = r.start; m < r.end; m += step / MIN)
          for (const t of instantsOfWall(date, m, a.zone)) if (t >= rs) take(t, re);
      }
    }
  }
  out.sort((x, y) => x.start - y.start);
  return out.filter((s, i) => i === 0 || s.start !== out[i - 1]!.start);
}

/** Up to n free slots closest in time to `target`, in time order ("here are the nearest free times"). */
export function nearestSlots(slots: Slot[], target: number, n = 3): Slot[] {
  return [...slots]
    .sort((x, y) => Math.abs(x.start - target) - Math.abs(y.start - target) || x.start - y.start)
    .slice(0, n)
    .sort((x, y) => x.start - y.start);
}

/** The busy span a booking occupies, its buffers included. */
export function blockOf(start: number, durationMin: number, bufferBeforeMin: number, bufferAfterMin: number): Interval {
  return { start: start - bufferBeforeMin * MIN, end: start + (durationMin + bufferAfterMin) * MIN };
}
