import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import { activeServices, allServices, type Service, serviceBy, serviceNames } from '../site/index.ts';
import {
  ACTIVE_STATUSES,
  type Booking,
  type BookingStatus,
  type BookingsTable,
  type ServiceBookingRules,
  type ServiceBookingRulesTable,
} from './booking.tables.ts';
import type { Availability, Interval, WallRange } from './slots.ts';
import { COACH_ID } from './write-tx.ts';

/** The rules a service has before the coach sets any. */
export function defaultRules(serviceId: string, now: number): ServiceBookingRules {
  return {
    service_id: serviceId,
    buffer_before_min: 0,
    buffer_after_min: 0,
    notice_min: 720,
    horizon_days: 60,
    step_min: 0,
    daily_limit: null,
    intake_required: 0,
    approval_required: 0,
    cancel_notice_min: 1440,
    reminder_offsets_json: '[1440,60]',
    series_count: 1,
    series_repeat: 'fortnightly',
    once_per_client: 0,
    updated_at: now,
  };
}

export interface BookableService {
  service: Service;
  rules: ServiceBookingRules;
}

/** A service with its booking rules (defaults when it has none yet), by id or slug. */
export async function serviceWithRules(
  db: Executor,
  by: { id?: string; slug?: string },
  now: number,
): Promise<BookableService | undefined> {
  const service =
    by.id !== undefined
      ? await serviceBy(db, { id: by.id })
      : by.slug !== undefined
        ? await serviceBy(db, { slug: by.slug })
        : undefined;
  if (!service) return undefined;
  const rules = await db
    .selectFrom('service_booking_rules')
    .selectAll()
    .where('service_id', '=', service.id)
    .executeTakeFirst();
  return { service, rules: rules ?? defaultRules(service.id, now) };
}

/** Every service (active first) with its rules, for the booking pages and the back office. */
export async function servicesWithRules(db: Executor, now: number, onlyActive = true): Promise<BookableService[]> {
  // Active first, then the coach's order (a stable sort keeps it within each group).
  const services = onlyActive ? await activeServices(db) : (await allServices(db)).sort((a, b) => b.active - a.active);
  const rules = await db.selectFrom('service_booking_rules').selectAll().execute();
  const byId = new Map(rules.map((r) => [r.service_id, r]));
  return services.map((service) => ({ service, rules: byId.get(service.id) ?? defaultRules(service.id, now) }));
}

/** Writes a service's booking rules (insert or replace). */
export async function saveRules(db: Executor, rules: Insertable<ServiceBookingRulesTable>): Promise<void> {
  const { service_id: _id, ...rest } = rules;
  await db
    .insertInto('service_booking_rules')
    .values(rules)
    .onConflict((oc) => oc.column('service_id').doUpdateSet(rest))
    .execute();
}

/** Sets some of a service's rules, the defaults for the rest (the demo practice's services). */
export async function setServiceRules(
  db: Executor,
  serviceId: string,
  some: Partial<Omit<ServiceBookingRules, 'service_id' | 'updated_at'>>,
  now: number,
): Promise<void> {
  await saveRules(db, { ...defaultRules(serviceId, now), ...some });
}

/** The coach's availability rules in her zone. */
export async function loadAvailability(db: Executor, zone: string): Promise<Availability> {
  const [weekly, overrides, timeOff] = await Promise.all([
    db.selectFrom('availability_weekly').selectAll().orderBy('weekday').orderBy('start_min').execute(),
    db.selectFrom('availability_overrides').selectAll().orderBy('date').execute(),
    db.selectFrom('time_off').selectAll().orderBy('from_date').execute(),
  ]);
  return {
    zone,
    weekly: weekly.map((w) => ({ weekday: w.weekday, start: w.start_min, end: w.end_min })),
    overrides: Object.fromEntries(overrides.map((o) => [o.date, JSON.parse(o.ranges_json) as WallRange[]])),
    timeOff: timeOff.map((t) => ({ from: t.from_date, to: t.to_date })),
  };
}

/** The availability rules as the back office lists them: weekly hours by weekday, date overrides, time off. */
export async function availabilitySetup(db: Executor) {
  const [weeklyRows, overrideRows, timeOff] = await Promise.all([
    db.selectFrom('availability_weekly').selectAll().orderBy('start_min').execute(),
    db.selectFrom('availability_overrides').selectAll().orderBy('date').execute(),
    db.selectFrom('time_off').selectAll().orderBy('from_date').execute(),
  ]);
  const weekly: Record<number, WallRange[]> = {};
  for (const w of weeklyRows) {
    weekly[w.weekday] ??= [];
    weekly[w.weekday]!.push({ start: w.start_min, end: w.end_min });
  }
  const overrides = overrideRows.map((o) => ({
    date: o.date,
    ranges: JSON.parse(o.ranges_json) as WallRange[],
    note: o.note,
  }));
  return { weekly, overrides, timeOff };
}

/** The private calendar feed's key, once the practice's calendar row exists. */
export async function calendarFeedToken(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('booking_calendar')
    .select('feed_token')
    .where('id', '=', 'practice')
    .executeTakeFirst();
  return row?.feed_token;
}

/** Busy spans in [from, to): active bookings (buffers included) and the cached external calendar. */
export async function busyBetween(db: Executor, from: number, to: number): Promise<Interval[]> {
  const rows = await db
    .selectFrom('bookings')
    .select(['block_start_at', 'block_end_at'])
    .where('coach_id', '=', COACH_ID)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('block_start_at', '<', to)
    .where('block_end_at', '>', from)
    .execute();
  const cal = await db
    .selectFrom('booking_calendar')
    .select('external_busy_json')
    .where('id', '=', 'practice')
    .executeTakeFirst();
  const external = cal
    ? (JSON.parse(cal.external_busy_json) as Interval[]).filter((i) => i.start < to && i.end > from)
    : [];
  return [...rows.map((r) => ({ start: r.block_start_at, end: r.block_end_at })), ...external];
}

/** Start times of a service's active bookings in [from, to) (the daily limit counts them per local day). */
export async function serviceStartsBetween(
  db: Executor,
  serviceId: string,
  from: number,
  to: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('start_at')
    .where('service_id', '=', serviceId)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('start_at', '>=', from)
    .where('start_at', '<', to)
    .execute();
  return rows.map((r) => r.start_at);
}

/** One booking by id. */
export async function bookingById(db: Executor, id: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The booking a form submission already made, if it was sent before. */
export async function bookingByRequestId(db: Executor, requestId: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/** The booking a manage link opens (by the token's hash). */
export async function bookingByTokenHash(db: Executor, hash: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst();
}

/** The booking whose spent manage link this is (cancelled, declined or moved away). */
export async function bookingBySpentTokenHash(db: Executor, hash: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('spent_token_hash', '=', hash).executeTakeFirst();
}

/** The booking a reschedule made from this one, if it was moved. */
export async function bookingRescheduledFrom(db: Executor, id: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('rescheduled_from', '=', id).executeTakeFirst();
}

/** Bookings by id (the back office's "moved from" line). */
export async function bookingsByIds(db: Executor, ids: readonly string[]): Promise<Booking[]> {
  if (!ids.length) return [];
  return db.selectFrom('bookings').selectAll().where('id', 'in', ids).execute();
}

/** Adds a booking (the caller holds the booking write transaction). */
export async function insertBooking(db: Executor, row: Insertable<BookingsTable>): Promise<void> {
  await db.insertInto('bookings').values(row).execute();
}

/** Moves a booking's status only if it is still one of `from` (compare-and-swap); false when it changed meanwhile. */
export async function swapStatus(
  db: Executor,
  id: string,
  from: readonly BookingStatus[],
  changes: Updateable<BookingsTable> & { status: BookingStatus },
): Promise<boolean> {
  const r = await db
    .updateTable('bookings')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Bookings starting in [from, to), with their service's name, in time order (back office, feed). */
export async function bookingsBetween(db: Executor, from: number, to: number, opts: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .where('start_at', '>=', from)
    .where('start_at', '<', to)
    .orderBy('start_at');
  if (opts.activeOnly) q = q.where('status', 'in', ACTIVE_STATUSES);
  return withServiceNames(db, await q.execute());
}

/** One booking with its service's name (the back office's booking page). */
export async function bookingWithService(db: Executor, id: string) {
  const row = await db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withServiceNames(db, [row]))[0];
}

/** Bookings with their service's name, asked of site, which owns services. */
async function withServiceNames(db: Executor, rows: Booking[]): Promise<(Booking & { service_name: string })[]> {
  const names = await serviceNames(
    db,
    rows.map((r) => r.service_id),
  );
  return rows.map((r) => ({ ...r, service_name: names.get(r.service_id) ?? '' }));
}

/** Records a reminder as sent; false when it already was (a job run twice). */
export async function markReminderSent(db: Executor, key: string, now: number): Promise<boolean> {
  const r = await db
    .insertInto('booking_reminders_sent')
    .values({ key, sent_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return r !== undefined;
}

/** True when this address has had a confirmed or completed session before (not a new client). */
export async function isReturningClient(db: Executor, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('bookings')
    .select('id')
    .where('client_email', '=', email)
    .where('status', 'in', ['confirmed', 'completed'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the client has a booking of the service that holds or held its time (a once-per-client service). */
export async function clientHasBookedService(db: Executor, clientId: string, serviceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bookings')
    .select('id')
    .where('client_id', '=', clientId)
    .where('service_id', '=', serviceId)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every booking of a series, in time order. */
export async function bookingsOfSeries(db: Executor, seriesId: string): Promise<Booking[]> {
  return db.selectFrom('bookings').selectAll().where('series_id', '=', seriesId).orderBy('start_at').execute();
}

/** Replaces the weekly hours with these ranges (minutes from midnight, by weekday 1–7). */
export async function replaceWeeklyHours(
  db: Executor,
  hours: readonly { weekday: number; start: number; end: number }[],
): Promise<void> {
  await db.deleteFrom('availability_weekly').execute();
  if (!hours.length) return;
  await db
    .insertInto('availability_weekly')
    .values(hours.map((h) => ({ id: newId(), weekday: h.weekday, start_min: h.start, end_min: h.end })))
    .execute();
}
