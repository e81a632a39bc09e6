import type { Kysely } from 'kysely';

// The guide module's intake questions of the coach's own (issue 12). Frozen once released;
// portable types only.
// - intake_questions: per service, a few questions the coach writes (short text, one choice from
//   her list, or yes/no), in her order, each required or optional. Asked after the safety screen.
// - intake_answers: what a client answered, sealed (the questions' words are copied in, so a later
//   edit of a question never changes what the client was asked), one row per booking request,
//   written after the booking is made. Nothing in clear: whether the PHQ-9 question 9 flag is set
//   is inside the seal too.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('choices_json', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intake_questions_service')
    .on('intake_questions')
    .columns(['service_id', 'position'])
    .execute();

  await db.schema
    .createTable('intake_answers')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
