import type { Kysely } from 'kysely';

// booking's coach moves and cancelled links (issue 12, decision 021). Frozen once released;
// portable types only.
// - bookings.spent_token_hash: the manage token's SHA-256 once the booking was cancelled, declined
//   or moved (manage_token_hash is then null, as before), so the old link can say what happened
//   instead of "this link does not open a booking". It opens nothing that changes a booking.
// - bookings.cancel_message_sealed: the reason the coach gave when she cancelled (sealed, as notes
//   are), shown to the client in the email and on the cancelled page.

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  await db.schema.alterTable('bookings').addColumn('spent_token_hash', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('cancel_message_sealed', 'text').execute();
  await db.schema.createIndex('bookings_spent_token_hash').on('bookings').column('spent_token_hash').execute();
}
