import { recordAudit } from '../audit/index.ts';
import { clientByEmail, findOrCreateClient } from '../clients/index.ts';
import { type Executor, isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { hashToken, newId, newToken } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { nearestFree, requireBookable } from './availability.ts';
import { BookingError } from './booking.errors.ts';
import * as q from './booking.queries.ts';
import type { Booking, BookingStatus } from './booking.tables.ts';
import { dropReminders, notify, offsetsOf, planReminders } from './booking-effects.ts';
import { clientMayChangeAt } from './cancellation-policy.ts';
import { capabilityBookingId } from './client-sessions.ts';
import { newIcalUid } from './ics.ts';
import { phoneToKeep, sessionModality } from './modality.ts';
import { seriesStarts } from './series.ts';
import { blockOf, type Slot } from './slots.ts';
import { bookingWrite, COACH_ID, isOverlapViolation } from './write-tx.ts';

type BookingDeps = Pick<Deps, 'dbh' | 'clock' | 'sealer' | 'config' | 'secrets'>;
const MIN = 60_000;

export interface BookRequest {
  serviceId: string;
  start: number;
  /** The client's own zone: their emails are written in it. */
  timeZone: string;
  name: string;
  email: string;
  phone: string | null;
  note: string | null;
  /** For services where the client chooses; otherwise the service's own. */
  modality: 'video' | 'phone' | null;
  /** Sent with the form: the same request twice makes one booking. */
  requestId: string;
  createdBy: 'client' | 'coach' | 'api';
  /** True once the client has passed the intake screen (services that ask for it). */
  intakeDone?: boolean;
}

export interface Booked {
  booking: Booking;
  /** The manage link's token, shown once; null when this was a repeat of an earlier request. */
  token: string | null;
  replayed: boolean;
}

/** Books a session atomically: checks the time and inserts in one write transaction, then queues the emails and reminders. */
export async function bookSession(deps: BookingDeps, input: BookRequest): Promise<Booked> {
  const [first] = await bookSessions(deps, input, [input.start]);
  return first!;
}

/**
 * Books one session or a whole series in one write transaction: every start is checked and
 * inserted, or none is. A series shares a `series_id`; its request ids are the form's plus `-k`.
 */
export async function bookSessions(deps: BookingDeps, input: BookRequest, starts: number[]): Promise<Booked[]> {
  const now = deps.clock.now();
  const bs = await q.serviceWithRules(deps.dbh.db, { id: input.serviceId }, now);
  if (bs?.service.active !== 1) throw new BookingError('unknown_service');
  const requestIdOf = (k: number) => (starts.length === 1 ? input.requestId : `${input.requestId}-${k}`);
  const replay = async (db: Executor) => {
    const prior = await q.bookingByRequestId(db, requestIdOf(0));
    if (!prior) return undefined;
    const all = prior.series_id ? await q.bookingsOfSeries(db, prior.series_id) : [prior];
    return all.map((booking) => ({ booking, token: null, replayed: true }));
  };
  try {
    return await bookingWrite(deps.dbh, async (tx) => {
      const prior = await replay(tx);
      if (prior) return prior;
      const settings = await readSiteSettings(tx);
      const byCoach = input.createdBy === 'coach';
      const returning = await q.isReturningClient(tx, input.email);
      if (!byCoach && bs.rules.intake_required && !returning && !input.intakeDone)
        throw new BookingError('needs_intake');
      const status: BookingStatus = !byCoach && bs.rules.approval_required && !returning ? 'pending' : 'confirmed';
      const modality = sessionModality(bs.service.modality, input.modality);
      const seriesId = starts.length > 1 ? newId() : null;
      // A first booking makes the client record; a later one finds it (by address, any case).
      const { client } = await findOrCreateClient(
        tx,
        { email: input.email, name: input.name, phone: input.phone, timeZone: input.timeZone, source: 'booking' },
        now,
      );
      // Checked under the write lock, so two quick requests cannot both take the one call.
      if (!byCoach && bs.rules.once_per_client && (await q.clientHasBookedService(tx, client.id, bs.service.id)))
        throw new BookingError('once_per_client');
      const isPackage = bs.rules.series_count > 1;
      const out: Booked[] = [];
      for (const [k, start] of starts.entries()) {
        await requireBookable(tx, bs, settings.timeZone, start, now, byCoach, isPackage && k > 0);
        const block = blockOf(
          start,
          bs.service.duration_minutes,
          bs.rules.buffer_before_min,
          bs.rules.buffer_after_min,
        );
        const token = newToken();
        const booking: Booking = {
          id: newId(),
          coach_id: COACH_ID,
          service_id: bs.service.id,
          series_id: seriesId,
          status,
          start_at: start,
          end_at: start + bs.service.duration_minutes * MIN,
          block_start_at: block.start,
          block_end_at: block.end,
          modality,
          client_name: input.name,
          client_email: input.email,
          client_phone: phoneToKeep(modality, input.phone),
          client_time_zone: input.timeZone,
          client_id: client.id,
          note_sealed: input.note ? deps.sealer.seal(input.note) : null,
          request_id: requestIdOf(k),
          manage_token_hash: hashToken(token),
          spent_token_hash: null,
          ical_uid: newIcalUid(deps.config.publicUrl),
          ical_sequence: 0,
          rescheduled_from: null,
          created_by: input.createdBy,
          cancel_reason: null,
          cancel_message_sealed: null,
          created_at: now,
          updated_at: now,
          cancelled_at: null,
        };
        await q.insertBooking(tx, booking);
        await planReminders(tx, booking, offsetsOf(bs.rules.reminder_offsets_json), now);
        await notify(tx, deps, status === 'pending' ? 'pending' : 'booked', booking, bs.service.name, token);
        out.push({ booking, token, replayed: false });
      }
      return out;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'request_id')) {
      const prior = await replay(deps.dbh.db);
      if (prior) return prior;
    }
    if (isOverlapViolation(err)) {
      const settings = await readSiteSettings(deps.dbh.db);
      throw new BookingError(
        'slot_taken',
        await nearestFree(deps.dbh.db, bs, settings.timeZone, deps.clock.now(), starts[0]!),
      );
    }
    throw err;
  }
}

export interface SeriesCheck {
  start: number;
  free: boolean;
  /** Why not, in the client's words, and the nearest free times instead. */
  reason?: string;
  nearest: Slot[];
}

/** The start times one booking of the service takes: a package's whole series, else the one time. */
export async function startsOfBooking(db: Executor, bs: q.BookableService, start: number): Promise<number[]> {
  if (bs.rules.series_count <= 1) return [start];
  const zone = (await readSiteSettings(db)).timeZone;
  return seriesStarts(start, zone, bs.rules.series_repeat, bs.rules.series_count);
}

/** Checks each start of a planned series without booking anything (shown before the client confirms). */
export async function checkSeries(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  serviceId: string,
  starts: number[],
): Promise<SeriesCheck[]> {
  const now = deps.clock.now();
  const db = deps.dbh.db;
  const bs = await q.serviceWithRules(db, { id: serviceId }, now);
  if (!bs) throw new BookingError('unknown_service');
  const zone = (await readSiteSettings(db)).timeZone;
  const out: SeriesCheck[] = [];
  for (const [k, start] of starts.entries()) {
    try {
      await requireBookable(db, bs, zone, start, now, false, bs.rules.series_count > 1 && k > 0);
      out.push({ start, free: true, nearest: [] });
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      out.push({ start, free: false, reason: err.message, nearest: err.code === 'slot_taken' ? err.nearest : [] });
    }
  }
  return out;
}

/** True when a once-per-client service already has a booking under this address (asked before the confirmation). */
export async function bookedOnceAlready(
  deps: Pick<Deps, 'dbh'>,
  bs: q.BookableService,
  email: string,
): Promise<boolean> {
  if (!bs.rules.once_per_client) return false;
  const client = await clientByEmail(deps.dbh.db, email);
  return client !== undefined && (await q.clientHasBookedService(deps.dbh.db, client.id, bs.service.id));
}

/**
 * The booking a manage link opens, or a 'token_invalid' error. The token is the emailed one, or
 * the capability a signed-in client's portal makes for their own booking (`manageCapability`),
 * which opens only a booking that can still be managed.
 */
export async function bookingForToken(deps: Pick<Deps, 'dbh' | 'secrets'>, token: string): Promise<Booking> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 140) throw new BookingError('token_invalid');
  const capabilityFor = capabilityBookingId(deps.secrets, token);
  const b =
    capabilityFor !== undefined
      ? await q.bookingById(deps.dbh.db, capabilityFor)
      : await q.bookingByTokenHash(deps.dbh.db, hashToken(token));
  if (!b || b.manage_token_hash === null) throw new BookingError('token_invalid');
  return b;
}

/** True when the client may still change the booking themselves (outside the service's notice). */
export async function clientMayChange(deps: Pick<Deps, 'dbh' | 'clock'>, b: Booking): Promise<boolean> {
  const bs = await q.serviceWithRules(deps.dbh.db, { id: b.service_id }, deps.clock.now());
  return clientMayChangeAt(b.start_at, deps.clock.now(), bs?.rules.cancel_notice_min ?? 0);
}

/**
 * Moves a booking: cancels it and books the new time in one transaction, keeping its calendar UID
 * with a higher SEQUENCE. The old manage link dies; the new one is returned.
 */
export async function rescheduleBooking(
  deps: BookingDeps,
  token: string,
  newStart: number,
  requestId: string,
): Promise<Booked> {
  const replay = await q.bookingByRequestId(deps.dbh.db, requestId);
  if (replay?.rescheduled_from) return { booking: replay, token: null, replayed: true };
  const old = await bookingForToken(deps, token);
  return moveBooking(deps, old.id, newStart, requestId, async (tx, current, bs, zone, now) => {
    if (current.manage_token_hash !== old.manage_token_hash) throw new BookingError('token_invalid');
    if (!clientMayChangeAt(current.start_at, now, bs.rules.cancel_notice_min)) throw new BookingError('inside_notice');
    return async () => requireBookable(tx, bs, zone, newStart, now, false);
  });
}

/** Why a time the coach picked is outside the service's rules (she may still move the booking there). */
export type RuleWarning = 'too_soon' | 'too_far' | 'not_offered' | 'daily_limit';

/** Refused until the coach confirms: the new time breaks a rule she may override. */
export class NeedsOverride extends Error {
  constructor(readonly warning: RuleWarning) {
    super(`the new time breaks a booking rule (${warning})`);
    this.name = 'NeedsOverride';
  }
}

/**
 * The coach moves a booking. Other bookings (and the external calendar's busy times) always bind
 * her; the service's rules (hours, notice, horizon, daily limit) bind her until she confirms with
 * `override`, and otherwise she gets a `NeedsOverride` naming the rule. One "moved" email.
 */
export async function moveByCoach(
  deps: BookingDeps,
  id: string,
  newStart: number,
  o: { requestId: string; override: boolean; actorUserId: string },
): Promise<Booked> {
  // A second press after the move worked: the successor of this very booking.
  const replay = await q.bookingByRequestId(deps.dbh.db, o.requestId);
  if (replay && replay.rescheduled_from === id) return { booking: replay, token: null, replayed: true };
  return moveBooking(deps, id, newStart, o.requestId, async (tx, current, bs, zone, now) => {
    return async () => {
      // Never over another booking: the coach's own check (in the past, busy) first.
      await requireBookable(tx, bs, zone, newStart, now, true);
      if (!o.override) {
        try {
          await requireBookable(tx, bs, zone, newStart, now, false);
        } catch (err) {
          if (!(err instanceof BookingError)) throw err;
          // The time is free (checked above), so a 'slot_taken' here is the daily limit.
          const w: RuleWarning =
            err.code === 'too_soon' || err.code === 'too_far' || err.code === 'not_offered' ? err.code : 'daily_limit';
          throw new NeedsOverride(w);
        }
      }
      await recordAudit(
        tx,
        {
          actorUserId: o.actorUserId,
          action: 'booking.move',
          subject: current.id,
          detail: { from: current.start_at, to: newStart, override: o.override },
        },
        now,
      );
    };
  });
}

/**
 * The one way a booking moves (client or coach): in one booking write, the old row is cancelled as
 * 'rescheduled' (its link spent), the time is checked by the caller's rules once the old block no
 * longer holds it, and a successor with the same UID and SEQUENCE + 1 is inserted; reminders move
 * and one "moved" email goes out with a fresh manage link. `prepare` runs first in the transaction
 * (the caller's guards) and returns the check of the new time.
 */
async function moveBooking(
  deps: BookingDeps,
  id: string,
  newStart: number,
  requestId: string,
  prepare: (
    tx: Executor,
    current: Booking,
    bs: q.BookableService,
    zone: string,
    now: number,
  ) => Promise<() => Promise<void>>,
): Promise<Booked> {
  const now = deps.clock.now();
  const found = await q.bookingById(deps.dbh.db, id);
  if (!found) throw new BookingError('token_invalid');
  const bs = await q.serviceWithRules(deps.dbh.db, { id: found.service_id }, now);
  if (!bs) throw new BookingError('unknown_service');
  try {
    return await bookingWrite(deps.dbh, async (tx) => {
      const current = await q.bookingById(tx, id);
      if (!current) throw new BookingError('token_invalid');
      const settings = await readSiteSettings(tx);
      const check = await prepare(tx, current, bs, settings.timeZone, now);
      const swapped = await q.swapStatus(tx, id, ['pending', 'confirmed'], {
        status: 'cancelled',
        manage_token_hash: null,
        spent_token_hash: current.manage_token_hash ?? current.spent_token_hash,
        cancel_reason: 'rescheduled',
        cancelled_at: now,
        updated_at: now,
      });
      if (!swapped) throw new BookingError('not_active');
      await check();
      const block = blockOf(
        newStart,
        bs.service.duration_minutes,
        bs.rules.buffer_before_min,
        bs.rules.buffer_after_min,
      );
      const newTok = newToken();
      const moved: Booking = {
        ...current,
        id: newId(),
        start_at: newStart,
        end_at: newStart + bs.service.duration_minutes * MIN,
        block_start_at: block.start,
        block_end_at: block.end,
        request_id: requestId,
        manage_token_hash: hashToken(newTok),
        spent_token_hash: null,
        cancel_message_sealed: null,
        ical_sequence: current.ical_sequence + 1,
        rescheduled_from: current.id,
        created_at: now,
        updated_at: now,
      };
      await q.insertBooking(tx, moved);
      const offsets = offsetsOf(bs.rules.reminder_offsets_json);
      await dropReminders(tx, current, offsets, now);
      await planReminders(tx, moved, offsets, now);
      await notify(tx, deps, 'moved', moved, bs.service.name, newTok);
      return { booking: moved, token: newTok, replayed: false };
    });
  } catch (err) {
    if (isOverlapViolation(err)) {
      const settings = await readSiteSettings(deps.dbh.db);
      throw new BookingError(
        'slot_taken',
        await nearestFree(deps.dbh.db, bs, settings.timeZone, deps.clock.now(), newStart),
      );
    }
    throw err;
  }
}

/**
 * A cancelled or declined booking its old manage link (or the portal's capability) named, for a
 * page that says so; undefined otherwise. A row a move left behind is not one: its link stays
 * dead ("use the link in your latest email"). Nothing it returns can be changed.
 */
export async function endedBookingForToken(
  deps: Pick<Deps, 'dbh' | 'secrets'>,
  token: string,
): Promise<Booking | undefined> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 140) return undefined;
  const capabilityFor = capabilityBookingId(deps.secrets, token);
  const b =
    capabilityFor !== undefined
      ? await q.bookingById(deps.dbh.db, capabilityFor)
      : await q.bookingBySpentTokenHash(deps.dbh.db, hashToken(token));
  if (!b || b.manage_token_hash !== null) return undefined;
  if (b.status === 'cancelled') return b.cancel_reason === 'rescheduled' ? undefined : b;
  return b.status === 'declined' ? b : undefined;
}

/** The booking a move left this one for (the successor of a 'rescheduled' row), following later moves. */
export async function latestSuccessor(deps: Pick<Deps, 'dbh'>, b: Booking): Promise<Booking | undefined> {
  let next = await q.bookingRescheduledFrom(deps.dbh.db, b.id);
  for (let i = 0; next && i < 50; i++) {
    const after = await q.bookingRescheduledFrom(deps.dbh.db, next.id);
    if (!after) break;
    next = after;
  }
  return next;
}

/** The client cancels from the manage link (outside the notice window); the link dies. */
export async function cancelByClient(deps: BookingDeps, token: string): Promise<Booking> {
  const b = await bookingForToken(deps, token);
  if (!(await clientMayChange(deps, b))) throw new BookingError('inside_notice');
  return cancelBooking(deps, b.id, { reason: 'client', expectHash: b.manage_token_hash });
}

/** Cancels a booking (compare-and-swap), drops its reminders and sends the cancellation with METHOD:CANCEL. */
export async function cancelBooking(
  deps: BookingDeps,
  id: string,
  o: { reason: string; message?: string; actorUserId?: string; expectHash?: string | null },
): Promise<Booking> {
  const now = deps.clock.now();
  return bookingWrite(deps.dbh, async (tx) => {
    const b = await q.bookingById(tx, id);
    if (!b) throw new BookingError('token_invalid');
    if (o.expectHash !== undefined && b.manage_token_hash !== o.expectHash) throw new BookingError('token_invalid');
    const changes = {
      status: 'cancelled' as const,
      manage_token_hash: null,
      spent_token_hash: b.manage_token_hash ?? b.spent_token_hash,
      cancel_reason: o.reason,
      cancel_message_sealed: o.message ? deps.sealer.seal(o.message) : null,
      cancelled_at: now,
      updated_at: now,
      ical_sequence: b.ical_sequence + 1,
    };
    if (!(await q.swapStatus(tx, id, ['pending', 'confirmed'], changes))) throw new BookingError('not_active');
    const bs = await q.serviceWithRules(tx, { id: b.service_id }, now);
    const cancelled = { ...b, ...changes };
    await dropReminders(tx, b, offsetsOf(bs?.rules.reminder_offsets_json ?? '[]'), now);
    await notify(tx, deps, 'cancelled', cancelled, bs?.service.name ?? 'Session', null, o.message);
    if (o.actorUserId)
      await recordAudit(tx, { actorUserId: o.actorUserId, action: 'booking.cancel', subject: id }, now);
    return cancelled;
  });
}

/** The coach's decisions on a booking: approve or decline a pending one, mark a past one completed or no-show. */
export async function setBookingOutcome(
  deps: BookingDeps,
  id: string,
  to: 'confirmed' | 'declined' | 'completed' | 'no_show',
  actorUserId: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const from: BookingStatus[] =
    to === 'confirmed' || to === 'declined' ? ['pending'] : ['confirmed', 'completed', 'no_show'];
  return bookingWrite(deps.dbh, async (tx) => {
    const b = await q.bookingById(tx, id);
    if (!b) return false;
    const ends =
      to === 'declined'
        ? {
            manage_token_hash: null,
            spent_token_hash: b.manage_token_hash ?? b.spent_token_hash,
            cancelled_at: now,
            ical_sequence: b.ical_sequence + 1,
          }
        : {};
    if (!(await q.swapStatus(tx, id, from, { status: to, updated_at: now, ...ends }))) return false;
    const bs = await q.serviceWithRules(tx, { id: b.service_id }, now);
    if (to === 'confirmed') await notify(tx, deps, 'booked', { ...b, status: to }, bs?.service.name ?? 'Session', null);
    if (to === 'declined') {
      await dropReminders(tx, b, offsetsOf(bs?.rules.reminder_offsets_json ?? '[]'), now);
      await notify(tx, deps, 'cancelled', { ...b, status: to, ...ends }, bs?.service.name ?? 'Session', null);
    }
    await recordAudit(tx, { actorUserId, action: `booking.${to}`, subject: id }, now);
    return true;
  });
}
