import type { Executor } from '../db/index.ts';
import type { CheckInRow, TrackerRow } from './clients.tables.ts';

// Trackers, check-ins and their scores: Kysely only, always scoped by client.

/** Writes a tracker. */
export async function insertTracker(db: Executor, row: TrackerRow): Promise<void> {
  await db.insertInto('client_trackers').values(row).execute();
}

/** A client's trackers in their order (retired ones too when asked, for the history). */
export async function trackersOf(db: Executor, clientId: string, onlyActive: boolean): Promise<TrackerRow[]> {
  let q = db.selectFrom('client_trackers').selectAll().where('client_id', '=', clientId);
  if (onlyActive) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('created_at').execute();
}

/** The next sort position for a client's trackers. */
export async function nextTrackerOrder(db: Executor, clientId: string): Promise<number> {
  const r = await db
    .selectFrom('client_trackers')
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 10;
}

/** Retires a tracker (its past scores stay) or brings it back. */
export async function setTrackerActive(
  db: Executor,
  clientId: string,
  trackerId: string,
  active: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable('client_trackers')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', trackerId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Writes the check-in of a client's date, or replaces that date's note and time when there is
 * one already (one a day; the unique (client_id, local_date) settles two sent at once). Returns
 * the id of the day's row.
 */
export async function upsertCheckIn(db: Executor, row: CheckInRow): Promise<string> {
  await db
    .insertInto('client_check_ins')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['client_id', 'local_date']).doUpdateSet({ note_sealed: row.note_sealed, at: row.at }),
    )
    .execute();
  const r = await db
    .selectFrom('client_check_ins')
    .select('id')
    .where('client_id', '=', row.client_id)
    .where('local_date', '=', row.local_date)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Replaces a check-in's scores. */
export async function replaceScores(
  db: Executor,
  checkInId: string,
  scores: readonly { trackerId: string; score: number }[],
): Promise<void> {
  await db.deleteFrom('client_check_in_scores').where('check_in_id', '=', checkInId).execute();
  if (scores.length === 0) return;
  await db
    .insertInto('client_check_in_scores')
    .values(scores.map((s) => ({ check_in_id: checkInId, tracker_id: s.trackerId, score: s.score })))
    .execute();
}

/** A client's check-ins, newest first. */
export async function checkInsOf(db: Executor, clientId: string, limit: number): Promise<CheckInRow[]> {
  return db
    .selectFrom('client_check_ins')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('local_date', 'desc')
    .limit(limit)
    .execute();
}

/** The scores of the given check-ins. */
export async function scoresOf(db: Executor, checkInIds: readonly string[]) {
  if (checkInIds.length === 0) return [];
  return db.selectFrom('client_check_in_scores').selectAll().where('check_in_id', 'in', checkInIds).execute();
}

/** The local date of a client's latest check-in, if any. */
export async function lastCheckInDate(db: Executor, clientId: string): Promise<string | null> {
  const r = await db
    .selectFrom('client_check_ins')
    .select((eb) => eb.fn.max<string | null>('local_date').as('d'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r?.d ?? null;
}
