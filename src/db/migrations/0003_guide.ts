import type { Kysely } from 'kysely';

// The guide module's tables (issue 3). Frozen once released; portable types only.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull())
    .addColumn('how_to_reach', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guide_crisis_lines')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('hidden', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guide_crisis_lines_country').on('guide_crisis_lines').column('country').execute();

  await db.schema
    .createTable('guide_shared_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('message_sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('guide_shared_results_expires').on('guide_shared_results').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
