import ICAL from 'ical.js';
import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { scheduleJob } from '../jobs/index.ts';
import { fetchOutbound, OutboundError } from '../security/index.ts';
import { calendarRow } from './setup.service.ts';
import type { Interval } from './slots.ts';

export const CALENDAR_JOB = 'booking.calendar_refresh';
/** How often the external calendar is read again. */
export const REFRESH_MS = 15 * 60_000;
/** Older than this, the back office calls the cached busy times stale. */
export const STALE_MS = 2 * 3600_000;
const MAX_BYTES = 2 * 1024 * 1024;
const DAY = 86_400_000;

/** Busy spans of an iCalendar text in [from, to): opaque, not cancelled events, repeats expanded (bounded). */
export function busyFromIcs(text: string, from: number, to: number): Interval[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  const out: Interval[] = [];
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    if (String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') continue;
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const ev = new ICAL.Event(vevent);
    if (!ev.startDate) continue;
    const length = ev.endDate ? ev.endDate.toJSDate().getTime() - ev.startDate.toJSDate().getTime() : DAY;
    if (!ev.isRecurring()) {
      const s = ev.startDate.toJSDate().getTime();
      if (s < to && s + length > from) out.push({ start: s, end: s + length });
      continue;
    }
    const it = ev.iterator();
    for (let i = 0, next = it.next(); next && i < 2000; i++, next = it.next()) {
      const s = next.toJSDate().getTime();
      if (s >= to) break;
      if (s + length > from) out.push({ start: s, end: s + length });
    }
  }
  return out;
}

/**
 * Reads the external calendar and caches its busy times. Never throws: a failure is recorded for
 * the back office and the old busy times stay in use. Availability only ever reads the cache.
 */
export async function refreshExternalCalendar(deps: Deps): Promise<void> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const row = await calendarRow(db, now);
  if (!row.external_url) return;
  try {
    // The guarded client: a coach's address never reaches inside the server's network, and the body
    // is cut at 2 MB while it streams (issue 9, finding 7).
    const res = await fetchOutbound(row.external_url, {
      maxBytes: MAX_BYTES,
      timeoutMs: 10_000,
      accept: 'text/calendar',
      policy: deps.outbound,
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`the calendar server answered ${res.status}`);
    let busy: Interval[];
    try {
      busy = busyFromIcs(res.body.toString('utf8'), now - DAY, now + 400 * DAY);
    } catch {
      // Never the parser's words: they quote the body, which may be anything the server sent.
      throw new Error('the address did not return a calendar file (iCalendar, .ics)');
    }
    await db
      .updateTable('booking_calendar')
      .set({
        external_busy_json: JSON.stringify(busy),
        external_fetched_at: now,
        external_error: null,
        updated_at: now,
      })
      .where('id', '=', 'practice')
      .execute();
  } catch (err) {
    const message =
      err instanceof OutboundError && err.reason === 'too_large'
        ? 'the calendar is larger than 2 MB'
        : (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 200);
    await db
      .updateTable('booking_calendar')
      .set({ external_error: message || 'unknown error', updated_at: now })
      .where('id', '=', 'practice')
      .execute();
  }
}

/** Plans the next read; keyed by its time, so two instances planning the same one make one job. */
export async function planCalendarRefresh(deps: Pick<Deps, 'dbh' | 'clock'>, runAt: number): Promise<void> {
  const slot = Math.ceil(runAt / REFRESH_MS) * REFRESH_MS;
  await scheduleJob(
    deps.dbh.db,
    { kind: CALENDAR_JOB, payload: {}, runAt: slot, key: `booking-calendar-refresh:${slot}` },
    deps.clock.now(),
  );
}

/** Saves (or clears) the external calendar's address and reads it soon. */
export async function setExternalCalendar(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  url: string | null,
  actorUserId?: string,
): Promise<void> {
  const now = deps.clock.now();
  await calendarRow(deps.dbh.db, now);
  // The address, its first read and the audit entry are one change: all of it is kept, or none.
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('booking_calendar')
      .set({
        external_url: url,
        external_error: null,
        updated_at: now,
        ...(url ? {} : { external_busy_json: '[]', external_fetched_at: null }),
      })
      .where('id', '=', 'practice')
      .execute();
    if (url)
      await scheduleJob(
        tx,
        { kind: CALENDAR_JOB, payload: {}, runAt: now, key: `booking-calendar-refresh:now:${now}` },
        now,
      );
    if (actorUserId)
      await recordAudit(tx, { actorUserId, action: 'booking.external_calendar', detail: { set: url !== null } }, now);
  });
}

/** The job: read, then plan the next read while an address is set. */
export async function calendarRefreshJob(deps: Deps): Promise<void> {
  await refreshExternalCalendar(deps);
  const row = await calendarRow(deps.dbh.db, deps.clock.now());
  if (row.external_url) await planCalendarRefresh(deps, deps.clock.now() + REFRESH_MS);
}
