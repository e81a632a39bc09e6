import type { Executor } from '../db/index.ts';
import type { RoomRow } from './video.tables.ts';

/** One booking's room row, if anyone has entered it. */
export async function roomRow(db: Executor, bookingId: string): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
}

type RoomChange = Partial<Omit<RoomRow, 'booking_id' | 'updated_at'>>;

/** Writes some of a room's columns, making the row if it is the first. */
export async function upsertRoom(db: Executor, bookingId: string, change: RoomChange, now: number): Promise<void> {
  await db
    .insertInto('rooms')
    .values({
      booking_id: bookingId,
      admitted_at: null,
      client_seen_at: null,
      coach_seen_at: null,
      phone_requested_at: null,
      phone_sealed: null,
      ...change,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('booking_id').doUpdateSet({ ...change, updated_at: now }))
    .execute();
}

/** Rooms of these bookings with a client seen since `since` (their sockets are open). */
export async function roomsWithClientSince(db: Executor, bookingIds: string[], since: number): Promise<RoomRow[]> {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('booking_id', 'in', bookingIds)
    .where((eb) => eb.or([eb('client_seen_at', '>=', since), eb('phone_requested_at', 'is not', null)]))
    .execute();
}
