import ICAL from 'ical.js';
import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { scheduleJob } from '../jobs/index.ts';
import { checkOutboundUrl, fetchOutbound, OutboundError, type OutboundPolicy } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { canonicalTimeZone, localDateTimeToInstant } from '../time/index.ts';
import { calendarRow } from './setup.service.ts';
import type { Interval } from './slots.ts';

export const CALENDAR_JOB = 'booking.calendar_refresh';
/** How often the external calendar is read again. */
export const REFRESH_MS = 15 * 60_000;
/** Older than this, the back office calls the cached busy times stale. */
export const STALE_MS = 2 * 3600_000;
const MAX_BYTES = 2 * 1024 * 1024;
const DAY = 86_400_000;

/**
 * The rules for reading the calendar: OUTBOUND_ALLOW_PRIVATE from the config, and what a test
 * injected (its own server allowed) on top.
 */
function outboundPolicy(deps: Pick<Deps, 'config' | 'outbound'>): OutboundPolicy {
  return { allowPrivate: deps.config.outboundAllowPrivate, ...deps.outbound };
}

/**
 * Why an address the coach is saving will never be read (not http(s), or it points inside the
 * server's network), as a sentence for the form; undefined when it may be. Nothing is sent. A name
 * that does not resolve right now is saved all the same: the background read says what it finds.
 */
export async function externalCalendarRefusal(
  deps: Pick<Deps, 'config' | 'outbound'>,
  url: string,
): Promise<string | undefined> {
  try {
    await checkOutboundUrl(url, { timeoutMs: 3_000, policy: outboundPolicy(deps) });
    return undefined;
  } catch (err) {
    if (err instanceof OutboundError && (err.reason === 'address_refused' || err.reason === 'bad_url'))
      return err.sentence;
    return undefined;
  }
}

// Windows zone names, which Outlook and Exchange write as TZIDs, mapped to IANA zones after CLDR's
// windowsZones.xml ("001" territory). Only the common ones: any other unknown TZID is read as UTC.
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Central Standard Time': 'America/Chicago',
  'Canada Central Standard Time': 'America/Regina',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Eastern Standard Time': 'America/New_York',
  'SA Pacific Standard Time': 'America/Bogota',
  'Atlantic Standard Time': 'America/Halifax',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Argentina/Buenos_Aires',
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Egypt Standard Time': 'Africa/Cairo',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Arabian Standard Time': 'Asia/Dubai',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Kolkata',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'W. Australia Standard Time': 'Australia/Perth',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
};

/**
 * The IANA zone a TZID names: an IANA name itself, one behind a prefix (Lightning's
 * "/mozilla.org/20050126_1/Europe/Berlin"), or a common Windows name; undefined otherwise.
 */
export function zoneOfTzid(tzid: string): string | undefined {
  const windows = Object.hasOwn(WINDOWS_ZONES, tzid) ? WINDOWS_ZONES[tzid] : undefined;
  if (windows) return windows;
  return canonicalTimeZone(tzid) ?? canonicalTimeZone(/[A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?$/.exec(tzid)?.[0]);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The instant of a DTSTART, DTEND or occurrence. Times in UTC or in a zone the file defines (its
 * VTIMEZONE) are ical.js's to resolve. ical.js reads any other time on the server's own clock, so
 * those are converted here from their wall clock: a TZID without a VTIMEZONE as the IANA zone it
 * names (unknown names, which cannot be placed anywhere better, as UTC), and a floating time (no
 * TZID at all) on the coach's clock. Undefined for a wall clock that is no real time.
 */
function instantOf(t: ICAL.Time, tzid: string | undefined, floatingZone: string): number | undefined {
  if (t.zone && t.zone !== ICAL.Timezone.localTimezone && t.zone.tzid !== 'floating') return t.toJSDate().getTime();
  const zone = tzid === undefined ? floatingZone : (zoneOfTzid(tzid) ?? 'UTC');
  const wall = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(Math.min(t.second, 59))}`;
  return localDateTimeToInstant(wall, zone);
}

function tzidOf(vevent: ICAL.Component, name: 'dtstart' | 'dtend'): string | undefined {
  const tzid = vevent.getFirstProperty(name)?.getParameter('tzid');
  return typeof tzid === 'string' && tzid !== '' ? tzid : undefined;
}

/**
 * Busy spans of an iCalendar text in [from, to): opaque, not cancelled events, repeats expanded
 * (bounded). `floatingZone` is the coach's zone, for times the file gives without any zone.
 */
export function busyFromIcs(text: string, from: number, to: number, floatingZone = 'UTC'): Interval[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  const out: Interval[] = [];
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    if (String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') continue;
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const ev = new ICAL.Event(vevent);
    if (!ev.startDate) continue;
    const startTzid = tzidOf(vevent, 'dtstart');
    const first = instantOf(ev.startDate, startTzid, floatingZone);
    if (first === undefined) continue;
    // A DURATION (or no end) keeps the start's zone; a DTEND may name its own.
    const end = ev.endDate
      ? instantOf(ev.endDate, vevent.hasProperty('dtend') ? tzidOf(vevent, 'dtend') : startTzid, floatingZone)
      : undefined;
    const length = end === undefined ? DAY : Math.max(0, end - first);
    if (!ev.isRecurring()) {
      if (first < to && first + length > from) out.push({ start: first, end: first + length });
      continue;
    }
    // Occurrences share the start's wall clock and zone (ical.js drops the TZID on them).
    const it = ev.iterator();
    for (let i = 0, next = it.next(); next && i < 2000; i++, next = it.next()) {
      const s = instantOf(next, startTzid, floatingZone);
      if (s === undefined) continue;
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
    // The guarded client: a coach's address never reaches inside the server's network, checked again
    // on every read and every redirect (the name may point elsewhere since it was saved), and the
    // body is cut at 2 MB while it streams (issue 9, finding 7; issue 15).
    const res = await fetchOutbound(row.external_url, {
      maxBytes: MAX_BYTES,
      timeoutMs: 10_000,
      accept: 'text/calendar',
      policy: outboundPolicy(deps),
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`the calendar server answered ${res.status}`);
    // Times the file gives without a zone are the coach's own.
    const { timeZone } = await readSiteSettings(db);
    let busy: Interval[];
    try {
      busy = busyFromIcs(res.body.toString('utf8'), now - DAY, now + 400 * DAY, timeZone);
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
