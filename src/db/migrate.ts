import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_jobs.ts';
import * as m0003 from './migrations/0003_guide.ts';
import * as m0004 from './migrations/0004_booking.ts';
import * as m0005 from './migrations/0005_blog.ts';
import * as m0006 from './migrations/0006_clients.ts';
import * as m0007 from './migrations/0007_sign_in.ts';
import * as m0008 from './migrations/0008_rooms.ts';
import * as m0009 from './migrations/0009_booking_endings.ts';
import * as m0010 from './migrations/0010_intake_questions.ts';
import * as m0011 from './migrations/0011_service_packages.ts';
import { installChangeTriggers } from './write-stamp.ts';

/**
 * Migrations are listed here in order, frozen once released: a change to the schema is a new
 * file, never an edit. Each must run on SQLite and PostgreSQL alike.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_jobs': m0002,
  '0003_guide': m0003,
  '0004_booking': m0004,
  '0005_blog': m0005,
  '0006_clients': m0006,
  '0007_sign_in': m0007,
  '0008_rooms': m0008,
  '0009_booking_endings': m0009,
  '0010_intake_questions': m0010,
  '0011_service_packages': m0011,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const schema = await currentPgSchema(db);
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const why = error instanceof Error ? error.message : String(error);
    // Without a failed result, nothing ran: the history itself was refused (a migration recorded in the
    // database that this version does not have, i.e. a database from a newer Tandem, or a held lock).
    throw new Error(
      failed
        ? `migration ${failed.migrationName} failed: ${why}`
        : `migrations could not start (${why}); was this database used by a newer version of Tandem?`,
      { cause: error },
    );
  }
  // PostgreSQL tells every instance's page cache about each committed write (decision 023).
  if (schema) await installChangeTriggers(db, schema);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The PostgreSQL schema in use, or undefined on SQLite. Kysely must be told it: otherwise it looks
 * for its migration tables in every schema, finds another schema's (parallel test runs, or other
 * apps sharing the database) and never creates its own.
 */
async function currentPgSchema(db: Db): Promise<string | undefined> {
  try {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    return rows[0]?.s;
  } catch {
    return undefined; // SQLite has no current_schema()
  }
}
