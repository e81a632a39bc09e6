import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import type { TestDb } from '../db/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import { cancelJob, type JobHandlers, jobsListing, runDueJobs, scheduleJob } from './index.ts';

const MIN = 60_000;

forEachEngine('jobs', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  let ran: string[];
  let failNext: number;
  const handlers: JobHandlers = {
    'test.note': {
      async run(_deps, payload) {
        if (failNext > 0) {
          failNext--;
          throw new Error('not today');
        }
        ran.push(String(payload.name));
      },
      maxAttempts: 3,
    },
    'test.reminder': { run: async (_d, p) => void ran.push(`reminder ${p.name}`), lateAfterMs: 15 * MIN },
  };

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());
  beforeEach(async () => {
    ran = [];
    failNext = 0;
    await db.db.deleteFrom('jobs').execute();
  });

  it('runs a job at its time, not before, and only once', async () => {
    await scheduleJob(db.db, { kind: 'test.note', payload: { name: 'a' }, runAt: clock.now() + 10 * MIN }, clock.now());
    assert.equal((await runDueJobs(deps, handlers)).done, 0);
    clock.advance(10 * MIN);
    assert.equal((await runDueJobs(deps, handlers)).done, 1);
    assert.equal((await runDueJobs(deps, handlers)).done, 0);
    assert.deepEqual(ran, ['a']);
    assert.equal((await jobsListing(db.db))[0]?.status, 'done');
  });

  it('retries a failing job with backoff, then gives up', async () => {
    failNext = 10;
    await scheduleJob(db.db, { kind: 'test.note', payload: { name: 'b' }, runAt: clock.now() }, clock.now());
    assert.equal((await runDueJobs(deps, handlers)).failed, 1);
    assert.equal((await runDueJobs(deps, handlers)).failed, 0, 'not retried at once');
    clock.advance(1 * MIN);
    assert.equal((await runDueJobs(deps, handlers)).failed, 1);
    clock.advance(4 * MIN);
    assert.equal((await runDueJobs(deps, handlers)).failed, 1);
    const [job] = await jobsListing(db.db);
    assert.deepEqual([job?.status, job?.attempts, job?.last_error], ['failed', 3, 'not today']);
    clock.advance(600 * MIN);
    assert.equal((await runDueJobs(deps, handlers)).failed, 0, 'a failed job stays failed');
  });

  it('skips a job found too late after downtime instead of running it late', async () => {
    await scheduleJob(db.db, { kind: 'test.reminder', payload: { name: 'late' }, runAt: clock.now() }, clock.now());
    await scheduleJob(
      db.db,
      { kind: 'test.reminder', payload: { name: 'on time' }, runAt: clock.now() + 50 * MIN },
      clock.now(),
    );
    clock.advance(60 * MIN);
    const r = await runDueJobs(deps, handlers);
    assert.deepEqual([r.done, r.skipped], [1, 1]);
    assert.deepEqual(ran, ['reminder on time']);
  });

  it('a key moves the existing job instead of adding one, and cancel drops it', async () => {
    const key = 'reminder:booking-1:24h';
    await scheduleJob(
      db.db,
      { kind: 'test.reminder', payload: { name: 'first' }, runAt: clock.now() + 5 * MIN, key },
      clock.now(),
    );
    await scheduleJob(
      db.db,
      { kind: 'test.reminder', payload: { name: 'moved' }, runAt: clock.now() + 30 * MIN, key },
      clock.now(),
    );
    assert.equal((await jobsListing(db.db)).length, 1);
    clock.advance(5 * MIN);
    await runDueJobs(deps, handlers);
    assert.deepEqual(ran, [], 'the old time no longer fires');
    assert.equal(await cancelJob(db.db, key, clock.now()), true);
    clock.advance(60 * MIN);
    await runDueJobs(deps, handlers);
    assert.deepEqual(ran, []);
    assert.equal(await cancelJob(db.db, key, clock.now()), false, 'nothing left to cancel');
  });

  it('a job whose worker died is taken over after its lease, and only kinds a worker knows are claimed', async () => {
    await scheduleJob(db.db, { kind: 'test.note', payload: { name: 'c' }, runAt: clock.now() }, clock.now());
    await scheduleJob(db.db, { kind: 'other.kind', payload: {}, runAt: clock.now() }, clock.now());
    // A worker claims it and "crashes": simulate by claiming with a handler that never finishes recording.
    await db.db
      .updateTable('jobs')
      .set({ status: 'running', lease_owner: 'dead-instance', lease_until: clock.now() + 5 * MIN })
      .where('kind', '=', 'test.note')
      .execute();
    assert.equal((await runDueJobs(deps, handlers)).done, 0, 'the lease still holds');
    clock.advance(6 * MIN);
    assert.equal((await runDueJobs(deps, handlers)).done, 1);
    assert.equal((await jobsListing(db.db, { kind: 'other.kind' }))[0]?.status, 'queued');
  });

  it('two instances running the same due jobs at once run each exactly once', async () => {
    for (let i = 0; i < 30; i++)
      await scheduleJob(db.db, { kind: 'test.note', payload: { name: `n${i}` }, runAt: clock.now() }, clock.now());
    const second = db.openAnother();
    const other: Deps = { ...deps, dbh: second, instanceId: 'other-instance' };
    try {
      await Promise.all([
        runDueJobs(deps, handlers, { limit: 7 }),
        runDueJobs(other, handlers, { limit: 7 }),
        runDueJobs(deps, handlers, { limit: 50 }),
        runDueJobs(other, handlers, { limit: 50 }),
      ]);
      assert.equal(ran.length, 30);
      assert.equal(new Set(ran).size, 30);
    } finally {
      await second.close();
    }
  });
});
