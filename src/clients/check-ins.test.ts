import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import {
  addTracker,
  checkInOverview,
  checkInsFor,
  MAX_TRACKERS,
  retireTracker,
  submitCheckIn,
} from './check-ins.service.ts';
import { setCheckInCadence } from './clients.service.ts';
import { outcome, seedClient } from './testing.ts';

const DAY = 86_400_000;

forEachEngine('clients: check-ins and their cadence', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it("records scores on the client's own date; a second check-in that day replaces the first", async () => {
    // The test clock says 2026-11-27 09:00 UTC: 23:00 on the 26th in Honolulu.
    const c = await seedClient(deps, { timeZone: 'Pacific/Honolulu' });
    const mood = await addTracker(deps, c.id, 'Energy');
    const focus = await addTracker(deps, c.id, 'Focus at work');
    await submitCheckIn(deps, c.id, { scores: { [mood]: 4, [focus]: 6 }, note: 'A slow start.' });
    clock.advance(30 * 60_000);
    await submitCheckIn(deps, c.id, { scores: { [mood]: 5 } });
    const all = await checkInsFor(deps, c.id);
    assert.equal(all.length, 1);
    assert.deepEqual([all[0]!.localDate, all[0]!.scores, all[0]!.note], ['2026-11-26', { [mood]: 5 }, null]);
    clock.advance(DAY);
    await submitCheckIn(deps, c.id, { scores: { [mood]: 7, [focus]: 8 }, note: 'Better.' });
    assert.deepEqual(
      (await checkInsFor(deps, c.id)).map((x) => [x.localDate, x.note]),
      [
        ['2026-11-27', 'Better.'],
        ['2026-11-26', null],
      ],
    );
  });

  it('refuses scores outside 1–10, fractions, unknown or retired trackers, and an empty check-in', async () => {
    const c = await seedClient(deps);
    const t = await addTracker(deps, c.id, 'Calm');
    const old = await addTracker(deps, c.id, 'Old one');
    await retireTracker(deps, c.id, old);
    const other = await seedClient(deps);
    const theirs = await addTracker(deps, other.id, 'Theirs');
    for (const scores of [{ [t]: 0 }, { [t]: 11 }, { [t]: 5.5 }, { [old]: 5 }, { [theirs]: 5 }, { nope: 5 }, {}])
      assert.equal(await outcome(submitCheckIn(deps, c.id, { scores })), 'check_in_invalid', JSON.stringify(scores));
    assert.equal((await checkInsFor(deps, c.id)).length, 0, 'nothing half-written');
    assert.equal(await outcome(retireTracker(deps, c.id, theirs)), 'client_item_not_found');
  });

  it(`tracks at most ${MAX_TRACKERS} things at once`, async () => {
    const c = await seedClient(deps);
    for (let i = 0; i < MAX_TRACKERS; i++) await addTracker(deps, c.id, `Thing ${i}`);
    assert.equal(await outcome(addTracker(deps, c.id, 'One too many')), 'check_in_invalid');
  });

  it('says when the next check-in is due on the cadence the coach set, and draws each series', async () => {
    clock.t = Date.UTC(2026, 10, 27, 9, 0);
    const c = await seedClient(deps, { timeZone: 'Europe/Berlin' });
    assert.equal((await checkInOverview(deps, c.id)).state, 'not_asked');
    await setCheckInCadence(deps, c.id, 7);
    const t = await addTracker(deps, c.id, 'Energy');
    let o = await checkInOverview(deps, c.id);
    assert.deepEqual([o.due, o.state], ['2026-11-27', 'due']);
    await submitCheckIn(deps, c.id, { scores: { [t]: 3 } });
    o = await checkInOverview(deps, c.id);
    assert.deepEqual([o.due, o.state], ['2026-12-04', 'upcoming']);
    clock.advance(8 * DAY);
    assert.equal((await checkInOverview(deps, c.id)).state, 'overdue');
    await submitCheckIn(deps, c.id, { scores: { [t]: 6 } });
    o = await checkInOverview(deps, c.id);
    assert.deepEqual([o.due, o.state], ['2026-12-12', 'upcoming']);
    assert.deepEqual(o.series, [
      {
        trackerId: t,
        label: 'Energy',
        points: [
          { date: '2026-11-27', score: 3 },
          { date: '2026-12-05', score: 6 },
        ],
      },
    ]);
    assert.equal(await outcome(setCheckInCadence(deps, c.id, 0)), 'check_in_invalid');
    await setCheckInCadence(deps, c.id, null);
    assert.equal((await checkInOverview(deps, c.id)).state, 'not_asked');
  });
});
