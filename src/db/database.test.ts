import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { isReachable } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { createTestDb, forEachEngine, type TestDb } from './testing.ts';

forEachEngine('database', (engine) => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(engine);
  });
  after(() => t.destroy());

  it('is reachable and migrations are idempotent', async () => {
    assert.equal(await isReachable(t.db), true);
    assert.deepEqual(await migrateToLatest(t.db), []);
  });

  it('reads epoch milliseconds back as numbers on both engines', async () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    await t.db.insertInto('settings').values({ key: 'k', value_json: '{}', updated_at: at }).execute();
    const row = await t.db.selectFrom('settings').selectAll().where('key', '=', 'k').executeTakeFirstOrThrow();
    assert.equal(row.updated_at, at);
    assert.equal(typeof row.updated_at, 'number');
  });

  it('a refused migration history says what is wrong, never "migration ?" (issue 9, finding 10)', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_version', '2030-01-01T00:00:00Z')`.execute(
      t.db,
    );
    try {
      await assert.rejects(migrateToLatest(t.db), (err: Error) => {
        assert.doesNotMatch(err.message, /migration \?/);
        assert.match(err.message, /9999_from_a_newer_version/);
        assert.match(err.message, /newer version of Tandem/);
        return true;
      });
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_a_newer_version'`.execute(t.db);
    }
  });

  it('a second handle sees the same data (another app instance)', async () => {
    const other = t.openAnother();
    try {
      const row = await other.db.selectFrom('settings').select('key').where('key', '=', 'k').executeTakeFirst();
      assert.equal(row?.key, 'k');
    } finally {
      await other.close();
    }
  });
});
