import { newId } from '../security/index.ts';
import { localDateAt } from '../time/index.ts';
import * as q from './check-ins.queries.ts';
import { ClientsError } from './clients.errors.ts';
import {
  type ClientsDeps,
  checkInDueness,
  LIMITS,
  requireClient,
  requireText,
  touchClientActivity,
} from './clients.service.ts';
import { checkInSeries } from './progress.ts';
import { openSealed, openSealedOrNull } from './sealed.ts';

// Check-ins: a short scored check-in (1–10 on each thing the client and coach chose to track,
// plus an optional note, sealed) on the cadence the coach sets.

export const MAX_TRACKERS = 8;
export const MIN_SCORE = 1;
export const MAX_SCORE = 10;

export interface Tracker {
  id: string;
  label: string;
  active: boolean;
}

export interface CheckIn {
  id: string;
  localDate: string;
  at: number;
  note: string | null;
  /** Score by tracker id. */
  scores: Record<string, number>;
}

/** Adds something to track at each check-in (e.g. "energy", "time for myself"); returns its id. */
export async function addTracker(deps: ClientsDeps, clientId: string, label: string): Promise<string> {
  const text = requireText(label, 80);
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await requireClient(tx, clientId);
    if ((await q.trackersOf(tx, clientId, true)).length >= MAX_TRACKERS)
      throw new ClientsError('check_in_invalid', { message: `A check-in tracks at most ${MAX_TRACKERS} things.` });
    await q.insertTracker(tx, {
      id,
      client_id: clientId,
      label_sealed: deps.sealer.seal(text),
      active: 1,
      sort_order: await q.nextTrackerOrder(tx, clientId),
      created_at: now,
    });
  });
  return id;
}

/** Stops asking about a tracker; its past scores stay in the chart. */
export async function retireTracker(deps: ClientsDeps, clientId: string, trackerId: string): Promise<void> {
  if (!(await q.setTrackerActive(deps.dbh.db, clientId, trackerId, false)))
    throw new ClientsError('client_item_not_found');
}

/** A client's trackers, opened (active only by default). */
export async function trackersFor(deps: ClientsDeps, clientId: string, onlyActive = true): Promise<Tracker[]> {
  const rows = await q.trackersOf(deps.dbh.db, clientId, onlyActive);
  return rows.map((t) => ({ id: t.id, label: openSealed(deps.sealer, t.label_sealed), active: t.active === 1 }));
}

/**
 * Records today's check-in (the client's date, in their zone): a score from 1 to 10 for each
 * active tracker and an optional note, sealed. A second check-in the same day replaces the first,
 * so a form sent twice leaves one. Scores for unknown or retired trackers are refused.
 */
export async function submitCheckIn(
  deps: ClientsDeps,
  clientId: string,
  input: { scores: Readonly<Record<string, number>>; note?: string | null },
): Promise<string> {
  const now = deps.clock.now();
  const note = input.note?.trim() ? requireText(input.note, LIMITS.detail) : null;
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await requireClient(tx, clientId);
    const active = new Set((await q.trackersOf(tx, clientId, true)).map((t) => t.id));
    const scores = Object.entries(input.scores).map(([trackerId, score]) => ({ trackerId, score }));
    const valid = (s: { trackerId: string; score: number }) =>
      active.has(s.trackerId) && Number.isInteger(s.score) && s.score >= MIN_SCORE && s.score <= MAX_SCORE;
    if (scores.length === 0 || !scores.every(valid)) throw new ClientsError('check_in_invalid');
    const id = await q.upsertCheckIn(tx, {
      id: newId(),
      client_id: clientId,
      local_date: localDateAt(now, client.time_zone),
      at: now,
      note_sealed: note === null ? null : deps.sealer.seal(note),
      created_at: now,
    });
    await q.replaceScores(tx, id, scores);
    await touchClientActivity(tx, clientId, now);
    return id;
  });
}

/** A client's check-ins with their scores, opened, newest first. */
export async function checkInsFor(deps: ClientsDeps, clientId: string, limit = 366): Promise<CheckIn[]> {
  const db = deps.dbh.db;
  const rows = await q.checkInsOf(db, clientId, limit);
  const scores = await q.scoresOf(
    db,
    rows.map((r) => r.id),
  );
  const byCheckIn = new Map<string, Record<string, number>>();
  for (const s of scores) {
    const m = byCheckIn.get(s.check_in_id) ?? {};
    m[s.tracker_id] = s.score;
    byCheckIn.set(s.check_in_id, m);
  }
  return rows.map((r) => ({
    id: r.id,
    localDate: r.local_date,
    at: r.at,
    note: openSealedOrNull(deps.sealer, r.note_sealed),
    scores: byCheckIn.get(r.id) ?? {},
  }));
}

/**
 * Everything the check-in page and the progress chart need: trackers (retired ones too, for the
 * history), check-ins, each tracker's series and when the next check-in is due.
 */
export async function checkInOverview(deps: ClientsDeps, clientId: string) {
  const client = await requireClient(deps.dbh.db, clientId);
  const [trackers, checkIns] = await Promise.all([trackersFor(deps, clientId, false), checkInsFor(deps, clientId)]);
  const last = checkIns[0]?.localDate ?? null;
  return {
    trackers,
    checkIns,
    series: checkInSeries(trackers, checkIns),
    ...checkInDueness(client, last, deps.clock.now()),
  };
}
