import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isUniqueViolation, leaseQueue, retryDelayMs } from './index.ts';
import { createTestDb, forEachEngine, type TestDb } from './testing.ts';

describe('the retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, then every 2 h', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 11, 100].map((a) => retryDelayMs(a) / 60_000);
    assert.deepEqual(minutes, [0.5, 2, 10, 30, 60, 120, 120, 120, 120]);
  });
});

const jobs = leaseQueue({ table: 'jobs', waiting: 'queued', held: 'running', dueAt: 'run_at', heldOrder: 'run_at' });

forEachEngine('lease queue and constraint errors', (engine) => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(engine);
  });
  after(() => t.destroy());

  const addJob = (id: string, runAt: number, kind = 'k') =>
    t.db
      .insertInto('jobs')
      .values({
        id,
        kind,
        payload_json: '{}',
        run_at: runAt,
        status: 'queued',
        attempts: 0,
        dedupe_key: null,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: 0,
        finished_at: null,
      })
      .execute();

  it('two instances claiming at once each get their own rows, and only due ones', async () => {
    await t.db.deleteFrom('jobs').execute();
    for (let i = 0; i < 20; i++) await addJob(`due-${String(i).padStart(2, '0')}`, 1_000 + i);
    await addJob('later', 50_000);
    const other = t.openAnother();
    try {
      const [a, b] = await Promise.all([
        jobs.claim(t.db, { owner: 'a', now: 10_000, leaseUntil: 70_000, limit: 15 }),
        jobs.claim(other.db, { owner: 'b', now: 10_000, leaseUntil: 70_001, limit: 15 }),
      ]);
      const ids = [...a, ...b].map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, 'no row held twice');
      assert.equal(ids.length, 20);
      assert.ok(!ids.includes('later'));
      assert.ok(a.every((r) => r.lease_owner === 'a' && r.status === 'running'));
      // Claimed rows come back in the spec's order.
      assert.deepEqual(
        a.map((r) => r.run_at),
        [...a.map((r) => r.run_at)].sort((x, y) => x - y),
      );
    } finally {
      await other.close();
    }
  });

  it('renews and releases only for the holder, and a lapsed lease is due again', async () => {
    await t.db.deleteFrom('jobs').execute();
    await addJob('one', 0);
    const [row] = await jobs.claim(t.db, { owner: 'a', now: 1, leaseUntil: 100, limit: 5 });
    assert.equal(row?.id, 'one');
    assert.equal(await jobs.renew(t.db, 'one', 'b', 100, 200), false, 'not the holder');
    assert.equal(await jobs.renew(t.db, 'one', 'a', 99, 200), false, 'not the lease it set');
    assert.equal(await jobs.renew(t.db, 'one', 'a', 100, 200), true);
    assert.deepEqual(await jobs.claim(t.db, { owner: 'b', now: 150, leaseUntil: 300, limit: 5 }), []);
    // a hangs; after its lease b takes the row over, and a can no longer record anything.
    const [taken] = await jobs.claim(t.db, { owner: 'b', now: 201, leaseUntil: 400, limit: 5 });
    assert.equal(taken?.lease_owner, 'b');
    assert.equal(await jobs.release(t.db, 'one', 'a', { status: 'done', finished_at: 202 }), false);
    assert.equal(await jobs.release(t.db, 'one', 'b', { status: 'done', finished_at: 203 }), true);
    const done = await t.db.selectFrom('jobs').selectAll().where('id', '=', 'one').executeTakeFirstOrThrow();
    assert.deepEqual([done.status, done.lease_owner, done.lease_until, done.finished_at], ['done', null, null, 203]);
    assert.deepEqual(await jobs.claim(t.db, { owner: 'c', now: 10_000, leaseUntil: 20_000, limit: 5 }), []);
  });

  it('takes only the rows the extra condition allows', async () => {
    await t.db.deleteFrom('jobs').execute();
    await addJob('mine', 0, 'mine');
    await addJob('theirs', 0, 'theirs');
    const rows = await jobs.claim(t.db, {
      owner: 'a',
      now: 1,
      leaseUntil: 100,
      limit: 5,
      where: (eb) => eb('kind', 'in', ['mine']),
    });
    assert.deepEqual(
      rows.map((r) => r.id),
      ['mine'],
    );
  });

  it('tells a unique violation, by column, from other refusals', async () => {
    const page = (id: string, slug: string) =>
      t.db
        .insertInto('pages')
        .values({
          id,
          slug,
          title: 'T',
          description: 'D',
          body_md: '',
          in_nav: 0,
          nav_order: 0,
          created_at: 0,
          updated_at: 0,
        })
        .execute();
    const refusal = async (write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (err) {
        return err;
      }
      assert.fail('the write was not refused');
    };
    await page('p1', 'same');
    const slug = await refusal(() => page('p2', 'same'));
    assert.equal(isUniqueViolation(slug), true);
    assert.equal(isUniqueViolation(slug, 'slug'), true);
    assert.equal(isUniqueViolation(slug, 'request_id'), false);
    const id = await refusal(() => page('p1', 'other'));
    assert.equal(isUniqueViolation(id), true, 'a primary key is unique too');
    const notNull = await refusal(() =>
      t.db
        .insertInto('pages')
        // A deliberately incomplete row: the database, not the type, refuses it.
        .values({ id: 'p3', slug: 'x' } as never)
        .execute(),
    );
    assert.equal(isUniqueViolation(notNull), false);
    for (const v of [undefined, null, 'UNIQUE', new Error('boom'), { code: 23505 }])
      assert.equal(isUniqueViolation(v), false);
  });
});
