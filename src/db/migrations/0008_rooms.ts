import type { Kysely } from 'kysely';

// video's session rooms (issue 11). Frozen once released; portable types only.
// - rooms: one row per booking whose room someone has entered: when the coach admitted the client
//   (an admission holds for the whole window), when each person's socket was last seen (the back
//   office's "waiting" comes from this, and it works across instances), and the phone fallback:
//   when the client asked to be called and the number, sealed. Nothing about the call's content.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('booking_id', 'text', (c) => c.primaryKey().references('bookings.id').onDelete('cascade'))
    .addColumn('admitted_at', 'bigint')
    .addColumn('client_seen_at', 'bigint')
    .addColumn('coach_seen_at', 'bigint')
    .addColumn('phone_requested_at', 'bigint')
    .addColumn('phone_sealed', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
