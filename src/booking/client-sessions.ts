import crypto from 'node:crypto';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { hashToken, newToken } from '../security/index.ts';
import { serviceNames } from '../site/index.ts';
import type { Booking, BookingStatus } from './booking.tables.ts';
import { newIcalUid } from './ics.ts';
import { COACH_ID } from './write-tx.ts';

/** One of a client's sessions as the portal and the back office's client page show it. */
export interface ClientSession {
  id: string;
  serviceName: string;
  modality: 'video' | 'phone';
  status: BookingStatus;
  startAt: number;
  endAt: number;
  /** The zone the client booked in: their times are shown in it. */
  timeZone: string;
  clientPhone: string | null;
  /** True while the client may still reschedule or cancel it from a manage link. */
  manageable: boolean;
  /** True when it was cancelled by someone (a moved session shows once, at its new time). */
  cancelled: boolean;
  cancelReason: string | null;
  /** The booking's calendar UID and SEQUENCE: the portal's calendar file is the same event as the emailed one. */
  icalUid: string;
  icalSequence: number;
  /** Who booked it, for the calendar file's ATTENDEE. */
  clientName: string;
  clientEmail: string;
}

/**
 * Every session of one client, newest first. A session that was moved is shown once, at its new
 * time: the cancelled row a reschedule leaves behind is left out.
 */
export async function sessionsForClient(db: Executor, clientId: string): Promise<ClientSession[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('cancel_reason', 'is', null), eb('cancel_reason', '!=', 'rescheduled')]))
    .orderBy('start_at', 'desc')
    .execute();
  const names = await serviceNames(
    db,
    rows.map((r) => r.service_id),
  );
  return rows.map((b) => toClientSession(b, names.get(b.service_id) ?? 'Session'));
}

function toClientSession(b: Booking, serviceName: string): ClientSession {
  return {
    id: b.id,
    serviceName,
    modality: b.modality,
    status: b.status,
    startAt: b.start_at,
    endAt: b.end_at,
    timeZone: b.client_time_zone,
    clientPhone: b.client_phone,
    manageable: b.manage_token_hash !== null && (b.status === 'pending' || b.status === 'confirmed'),
    cancelled: b.status === 'cancelled',
    cancelReason: b.cancel_reason,
    icalUid: b.ical_uid,
    icalSequence: b.ical_sequence,
    clientName: b.client_name,
    clientEmail: b.client_email,
  };
}

// A signed-in client opens the manage pages of their own booking without the emailed token: the
// portal hands them a capability made from the booking's id and a key derived from the instance's
// secret. It is checked like a token and stops working with the booking's own manage link (once
// the booking is cancelled or moved). The emailed link is untouched, so it keeps working too.
const CAPABILITY = /^c\.([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{43})$/;

function macOf(secrets: Deps['secrets'], bookingId: string): string {
  const key = crypto.createHmac('sha256', secrets.encryptionKey).update('tandem booking manage capability').digest();
  return crypto.createHmac('sha256', key).update(bookingId).digest('base64url');
}

/** The manage token a signed-in client's portal uses for one of their bookings. */
export function manageCapability(secrets: Deps['secrets'], bookingId: string): string {
  return `c.${bookingId}.${macOf(secrets, bookingId)}`;
}

/** The booking id a capability names, when its MAC is right; undefined otherwise. */
export function capabilityBookingId(secrets: Deps['secrets'], token: string): string | undefined {
  const m = CAPABILITY.exec(token);
  if (!m) return undefined;
  const want = Buffer.from(macOf(secrets, m[1]!));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && crypto.timingSafeEqual(want, got) ? m[1] : undefined;
}

/** The manage page's address for a signed-in client's own booking (relative, for the portal). */
export function clientManageHref(secrets: Deps['secrets'], bookingId: string): string {
  return `/book/manage?t=${encodeURIComponent(manageCapability(secrets, bookingId))}`;
}

/**
 * The address of a booking's session room (served by video/). With a token (the emailed manage
 * token or a capability) it opens for whoever holds it; without, for the signed-in coach or client.
 */
export function roomPath(bookingId: string, token?: string): string {
  return `/room/${bookingId}${token ? `?t=${encodeURIComponent(token)}` : ''}`;
}

/** A session to write as it happened or is planned (the demo practice; later, imports). */
export interface RecordedSession {
  serviceId: string;
  clientId: string;
  clientName: string;
  clientEmail: string;
  clientPhone: string | null;
  timeZone: string;
  start: number;
  durationMinutes: number;
  modality: 'video' | 'phone';
  status: 'confirmed' | 'completed' | 'no_show' | 'cancelled';
}

/**
 * Writes sessions as given, without the booking rules, emails or reminders: for history that
 * already happened (the demo practice's past sessions) and a few planned ones. They carry no
 * manage link; a client manages them from the portal (the capability) or asks the coach.
 */
export async function insertRecordedSessions(
  db: Executor,
  sessions: readonly RecordedSession[],
  now: number,
  /** The practice's address (`config.publicUrl`): calendar UIDs are made under its domain. */
  publicUrl?: string,
): Promise<void> {
  for (const s of sessions) {
    const end = s.start + s.durationMinutes * 60_000;
    await db
      .insertInto('bookings')
      .values({
        id: crypto.randomUUID(),
        coach_id: COACH_ID,
        service_id: s.serviceId,
        series_id: null,
        status: s.status,
        start_at: s.start,
        end_at: end,
        block_start_at: s.start,
        block_end_at: end,
        modality: s.modality,
        client_name: s.clientName,
        client_email: s.clientEmail,
        client_phone: s.modality === 'phone' ? s.clientPhone : null,
        client_time_zone: s.timeZone,
        client_id: s.clientId,
        note_sealed: null,
        request_id: `recorded-${crypto.randomUUID()}`,
        // A capability opens only a booking that can be managed: planned sessions get a fresh
        // token nobody holds, so the portal can offer reschedule and cancel.
        manage_token_hash: s.status === 'confirmed' ? hashToken(newToken()) : null,
        // Callers that do not pass the practice's address yet keep the old domain-less form.
        ical_uid: publicUrl ? newIcalUid(publicUrl) : `${crypto.randomUUID()}@tandem`,
        ical_sequence: 0,
        rescheduled_from: null,
        created_by: 'coach',
        cancel_reason: s.status === 'cancelled' ? 'client' : null,
        created_at: now,
        updated_at: now,
        cancelled_at: s.status === 'cancelled' ? s.start - 86_400_000 : null,
      })
      .execute();
  }
}
