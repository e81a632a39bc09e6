import crypto from 'node:crypto';
import { describe } from 'node:test';
import pg from 'pg';
import { type DbHandle, type Engine, openDb } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/** The engines the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends DbHandle {
  /** Drops the database or schema; the suite leaves nothing behind. */
  destroy(): Promise<void>;
  /** Opens a second, independent handle on the same data (another "app instance"). */
  openAnother(): DbHandle;
}

/**
 * A fresh, migrated, isolated database: SQLite in a temporary file (so a second handle can share
 * it), or a PostgreSQL schema of its own.
 */
export async function createTestDb(engine: Engine): Promise<TestDb> {
  const id = crypto.randomBytes(6).toString('hex');
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `tandem_test_${id}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const open = () => openDb({ databaseUrl: url, pgSchema: schema, pgPoolSize: 12 });
    const handle = open();
    await migrateToLatest(handle.db);
    return {
      ...handle,
      openAnother: open,
      async destroy() {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-test-'));
  const file = path.join(dir, 'test.sqlite');
  const open = () => openDb({ sqliteFile: file });
  const handle = open();
  await migrateToLatest(handle.db);
  return {
    ...handle,
    openAnother: open,
    async destroy() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the same suite once per engine: `forEachEngine('outbox', (engine) => { it(...) })`. */
export function forEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of testEngines()) describe(`${name} [${engine}]`, () => fn(engine));
}
