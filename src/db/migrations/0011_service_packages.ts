import type { Kysely } from 'kysely';

// Packages and once-per-client services (issue 12). Frozen once released; portable types only.
// - series_count: how many sessions one booking of the service books (1 = a single session; a
//   package books all of them at its rhythm, in one transaction, or says which cannot be booked).
// - series_repeat: the package's rhythm: 'weekly', 'fortnightly' or 'monthly'.
// - once_per_client: 1 when a client may have only one (active or past) booking of the service,
//   such as a free introductory call; the coach may still book another for them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('service_booking_rules')
    .addColumn('series_count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('service_booking_rules')
    .addColumn('series_repeat', 'text', (c) => c.notNull().defaultTo('fortnightly'))
    .execute();
  await db.schema
    .alterTable('service_booking_rules')
    .addColumn('once_per_client', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
