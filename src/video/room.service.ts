import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import { type Booking, BookingError, bookingById, bookingForToken, bookingsBetween } from '../booking/index.ts';
import { clientForUser } from '../clients/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { readSettingsDocument, writeSettingsDocument } from '../settings/index.ts';
import { roomRow, roomsWithClientSince, upsertRoom } from './room.queries.ts';
import { defaultRoomSettings, type RoomSettings, roomSettingsSchema, roomState, roomWindow } from './room-window.ts';
import type { Role } from './signal-bus.ts';

/** Who is at a room's door, and for which booking. */
export interface RoomAccess {
  role: Role;
  booking: Booking;
  /** The manage token they came with (kept on the room's own links), if any. */
  token: string | undefined;
}

/**
 * The room's one access rule: the coach; the booking's client signed in to the portal; or whoever
 * holds the booking's manage token or capability. Anyone else: null (the route answers 404, the
 * same as for a booking that does not exist).
 */
export async function roomAccess(
  deps: Pick<Deps, 'dbh' | 'secrets'>,
  request: FastifyRequest,
  bookingId: string,
  token: string | undefined,
): Promise<RoomAccess | null> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(bookingId)) return null;
  const viewer = request.viewer;
  if (token) {
    try {
      const b = await bookingForToken(deps, token);
      if (b.id === bookingId) return { role: 'client', booking: b, token };
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
    }
  }
  if (!viewer) return null;
  const booking = await bookingById(deps.dbh.db, bookingId);
  if (!booking) return null;
  if (viewer.role === 'owner' || viewer.role === 'coach') return { role: 'coach', booking, token: undefined };
  const client = await clientForUser(deps.dbh.db, viewer.userId);
  if (client && booking.client_id === client.id) return { role: 'client', booking, token: undefined };
  return null;
}

/** The coach's room settings. */
export function readRoomSettings(db: Executor): Promise<RoomSettings> {
  return readSettingsDocument(db, 'room', roomSettingsSchema.partial(), defaultRoomSettings);
}

/** Stores the room settings (already validated), with an audit entry. */
export async function saveRoomSettings(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  actorUserId: string,
  s: RoomSettings,
): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await writeSettingsDocument(tx, 'room', s, now);
    await recordAudit(tx, { actorUserId, action: 'video.settings_update', detail: { ...s } }, now);
  });
}

/** The phone fallback: records that the client asked to be called, at this number (sealed). */
export async function requestCall(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>,
  bookingId: string,
  phone: string,
): Promise<void> {
  const now = deps.clock.now();
  await upsertRoom(deps.dbh.db, bookingId, { phone_requested_at: now, phone_sealed: deps.sealer.seal(phone) }, now);
}

/** The number a client left with "call me instead", if they did. */
export async function requestedCall(
  deps: Pick<Deps, 'dbh' | 'sealer'>,
  bookingId: string,
): Promise<{ phone: string; at: number } | undefined> {
  const row = await roomRow(deps.dbh.db, bookingId);
  if (!row?.phone_sealed || row.phone_requested_at === null) return undefined;
  return { phone: deps.sealer.open(row.phone_sealed), at: row.phone_requested_at };
}

/** A socket that has not been seen for this long is gone (it beats every 20 s). */
export const SEEN_WITHIN_MS = 45_000;

/** What the back office shows of the rooms of these bookings: who is waiting, who asked to be called. */
export interface RoomNotice {
  bookingId: string;
  waiting: boolean;
  inCall: boolean;
  callMe: string | null;
}

/** The rooms among these bookings where a client is waiting, in the call, or asked to be called. */
export async function roomNotices(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>,
  bookingIds: string[],
): Promise<RoomNotice[]> {
  const now = deps.clock.now();
  const rows = await roomsWithClientSince(deps.dbh.db, bookingIds, now - SEEN_WITHIN_MS);
  return rows.map((r) => {
    const here = r.client_seen_at !== null && r.client_seen_at >= now - SEEN_WITHIN_MS;
    return {
      bookingId: r.booking_id,
      waiting: here && r.admitted_at === null,
      inCall: here && r.admitted_at !== null,
      callMe: r.phone_sealed ? deps.sealer.open(r.phone_sealed) : null,
    };
  });
}

/** A room open now, as the coach's dashboard shows it. */
export interface OpenRoom extends Omit<RoomNotice, 'bookingId'> {
  bookingId: string;
  clientName: string;
  serviceName: string;
  startAt: number;
  endAt: number;
}

/** The rooms of confirmed video sessions that are open now, soonest first, with who is waiting. */
export async function openRooms(deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>): Promise<OpenRoom[]> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const settings = await readRoomSettings(db);
  // A session whose room is open started at most its length plus the closing time ago; 12 hours covers any.
  const near = await bookingsBetween(db, now - 12 * 3_600_000, now + settings.opensBeforeMin * 60_000 + 1, {
    activeOnly: true,
  });
  const open = near.filter(
    (b) => b.modality === 'video' && roomState(b.status, roomWindow(b, settings), now) === 'open',
  );
  const notices = new Map(
    (
      await roomNotices(
        deps,
        open.map((b) => b.id),
      )
    ).map((n) => [n.bookingId, n]),
  );
  return open.map((b) => ({
    bookingId: b.id,
    clientName: b.client_name,
    serviceName: b.service_name,
    startAt: b.start_at,
    endAt: b.end_at,
    waiting: notices.get(b.id)?.waiting ?? false,
    inCall: notices.get(b.id)?.inCall ?? false,
    callMe: notices.get(b.id)?.callMe ?? null,
  }));
}
