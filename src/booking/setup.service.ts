import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId, newToken } from '../security/index.ts';
import { insertService, serviceSlugTaken, updateService } from '../site/index.ts';
import { replaceWeeklyHours, saveRules } from './booking.queries.ts';
import type { ServiceInput } from './setup.ts';
import type { WallRange } from './slots.ts';

type SetupDeps = Pick<Deps, 'dbh' | 'clock'>;

/** Creates or updates a service and its booking rules; 'slug_taken' when another service has the address. */
export async function saveService(
  deps: SetupDeps,
  id: string | null,
  input: ServiceInput,
  actorUserId: string,
): Promise<{ ok: true; id: string } | { ok: false; reason: 'slug_taken' | 'not_found' }> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    if (await serviceSlugTaken(tx, input.slug, id)) return { ok: false, reason: 'slug_taken' } as const;
    const service = {
      slug: input.slug,
      name: input.name,
      summary: input.summary,
      description_md: input.description_md,
      duration_minutes: input.duration_minutes,
      price_cents: input.price,
      currency: input.currency,
      modality: input.modality,
      active: input.active,
      sort_order: input.sort_order,
      updated_at: now,
    };
    const serviceId = id ?? newId();
    if (id) {
      if (!(await updateService(tx, id, service))) return { ok: false, reason: 'not_found' } as const;
    } else {
      await insertService(tx, { id: serviceId, ...service, created_at: now });
    }
    await saveRules(tx, {
      service_id: serviceId,
      buffer_before_min: input.buffer_before_min,
      buffer_after_min: input.buffer_after_min,
      notice_min: input.notice_min,
      horizon_days: input.horizon_days,
      step_min: input.step_min,
      daily_limit: input.daily_limit,
      intake_required: input.intake_required,
      approval_required: input.approval_required,
      cancel_notice_min: input.cancel_notice_min,
      reminder_offsets_json: JSON.stringify(input.reminders),
      series_count: input.series_count,
      series_repeat: input.series_repeat,
      once_per_client: input.once_per_client,
      updated_at: now,
    });
    await recordAudit(
      tx,
      {
        actorUserId,
        action: id ? 'booking.service_update' : 'booking.service_create',
        subject: serviceId,
        detail: { slug: input.slug },
      },
      now,
    );
    return { ok: true, id: serviceId } as const;
  });
}

/** Replaces the weekly hours. */
export async function saveWeekly(
  deps: SetupDeps,
  byWeekday: Record<number, WallRange[]>,
  actorUserId: string,
): Promise<void> {
  await deps.dbh.db.transaction().execute(async (tx) => {
    await replaceWeeklyHours(
      tx,
      Object.entries(byWeekday).flatMap(([weekday, ranges]) =>
        ranges.map((r) => ({ weekday: Number(weekday), start: r.start, end: r.end })),
      ),
    );
    await recordAudit(tx, { actorUserId, action: 'booking.weekly_hours' }, deps.clock.now());
  });
}

/** Sets one date's own hours ([] = closed), replacing any earlier override of that date. */
export async function saveOverride(
  deps: SetupDeps,
  date: string,
  ranges: WallRange[],
  note: string,
  actorUserId: string,
): Promise<void> {
  const ranges_json = JSON.stringify(ranges);
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('availability_overrides')
      .values({ date, ranges_json, note })
      .onConflict((oc) => oc.column('date').doUpdateSet({ ranges_json, note }))
      .execute();
    await recordAudit(tx, { actorUserId, action: 'booking.override', subject: date }, deps.clock.now());
  });
}

/** Removes a date override or a period of time off. */
export async function removeAvailabilityEntry(
  deps: SetupDeps,
  kind: 'override' | 'time_off',
  key: string,
  actorUserId: string,
): Promise<void> {
  await deps.dbh.db.transaction().execute(async (tx) => {
    if (kind === 'override') await tx.deleteFrom('availability_overrides').where('date', '=', key).execute();
    else await tx.deleteFrom('time_off').where('id', '=', key).execute();
    await recordAudit(tx, { actorUserId, action: `booking.${kind}_remove`, subject: key }, deps.clock.now());
  });
}

/** Adds whole days off. */
export async function addTimeOff(
  deps: SetupDeps,
  from: string,
  to: string,
  note: string,
  actorUserId: string,
): Promise<void> {
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx.insertInto('time_off').values({ id: newId(), from_date: from, to_date: to, note }).execute();
    await recordAudit(tx, { actorUserId, action: 'booking.time_off', subject: `${from}..${to}` }, deps.clock.now());
  });
}

/** The practice's calendar row (feed secret, external calendar), made on first use. */
export async function calendarRow(db: Executor, now: number) {
  const row = await db.selectFrom('booking_calendar').selectAll().where('id', '=', 'practice').executeTakeFirst();
  if (row) return row;
  const fresh = {
    id: 'practice',
    feed_token: newToken(),
    external_url: null,
    external_busy_json: '[]',
    external_fetched_at: null,
    external_error: null,
    updated_at: now,
  };
  await db
    .insertInto('booking_calendar')
    .values(fresh)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await db.selectFrom('booking_calendar').selectAll().where('id', '=', 'practice').executeTakeFirst())!;
}

/** A new secret feed address; the old one stops working. */
export async function rotateFeedToken(deps: SetupDeps, actorUserId: string): Promise<void> {
  const now = deps.clock.now();
  await calendarRow(deps.dbh.db, now);
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('booking_calendar')
      .set({ feed_token: newToken(), updated_at: now })
      .where('id', '=', 'practice')
      .execute();
    await recordAudit(tx, { actorUserId, action: 'booking.feed_rotate' }, now);
  });
}
