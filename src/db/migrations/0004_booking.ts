import { type Kysely, sql } from 'kysely';

// The booking module's schema (issue 4). Frozen once released.
// Portable types only; the PostgreSQL exclusion constraint is the one engine-specific part.

export async function up(db: Kysely<any>): Promise<void> {
  // Booking rules live beside the site's `services` table (migration 0001 is frozen), one row per service.
  await db.schema
    .createTable('service_booking_rules')
    .addColumn('service_id', 'text', (c) => c.primaryKey().references('services.id').onDelete('cascade'))
    .addColumn('buffer_before_min', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('buffer_after_min', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notice_min', 'integer', (c) => c.notNull().defaultTo(720))
    .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('step_min', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('daily_limit', 'integer')
    .addColumn('intake_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_notice_min', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('reminder_offsets_json', 'text', (c) => c.notNull().defaultTo('[1440,60]'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('availability_weekly')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_min', 'integer', (c) => c.notNull())
    .addColumn('end_min', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('availability_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('ranges_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('time_off')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();

  // One row: the private feed's secret and the external calendar whose busy times are cached here.
  await db.schema
    .createTable('booking_calendar')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_token', 'text', (c) => c.notNull())
    .addColumn('external_url', 'text')
    .addColumn('external_busy_json', 'text', (c) => c.notNull())
    .addColumn('external_fetched_at', 'bigint')
    .addColumn('external_error', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('coach_id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('series_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    // The span the booking blocks, buffers included, fixed when it is made.
    .addColumn('block_start_at', 'bigint', (c) => c.notNull())
    .addColumn('block_end_at', 'bigint', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_email', 'text', (c) => c.notNull())
    .addColumn('client_phone', 'text')
    .addColumn('client_time_zone', 'text', (c) => c.notNull())
    .addColumn('note_sealed', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('manage_token_hash', 'text', (c) => c.unique())
    .addColumn('ical_uid', 'text', (c) => c.notNull())
    .addColumn('ical_sequence', 'integer', (c) => c.notNull())
    .addColumn('rescheduled_from', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('cancelled_at', 'bigint')
    .execute();
  await db.schema.createIndex('bookings_coach_block').on('bookings').columns(['coach_id', 'block_start_at']).execute();
  await db.schema.createIndex('bookings_start').on('bookings').column('start_at').execute();
  await db.schema.createIndex('bookings_client_email').on('bookings').column('client_email').execute();
  await db.schema.createIndex('bookings_series').on('bookings').column('series_id').execute();

  // A reminder that went out, so a job run again after a crash never sends it twice.
  await db.schema
    .createTable('booking_reminders_sent')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('attachments_sealed', 'text').execute();

  if (await isPostgres(db)) {
    // Two app instances may book at once: the database itself refuses overlapping active bookings.
    // btree_gist gives gist an equality operator for text; it is a trusted extension (PG 13+). The
    // advisory lock keeps parallel migrations (tests, instances starting together) from racing on it.
    await sql`select pg_advisory_xact_lock(4004)`.execute(db);
    await sql`create extension if not exists btree_gist with schema public`.execute(db);
    await sql`alter table bookings add constraint bookings_no_overlap exclude using gist (coach_id with =, int8range(block_start_at, block_end_at) with &&) where (status in ('pending', 'confirmed', 'completed', 'no_show'))`.execute(
      db,
    );
  }
}

async function isPostgres(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select current_schema()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
