import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import { setCheckInCadence, setReminderPreferences } from './clients.service.ts';
import { markDigestSent, planDigest } from './digest.service.ts';
import { addActionItem, addGoal } from './goals.service.ts';
import { seedClient } from './testing.ts';

forEachEngine('clients: the reminder digest under the notification budget', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('names due items once, spends one digest a day, waits out quiet hours and stops when turned off', async () => {
    clock.t = Date.UTC(2026, 10, 27, 11, 0); // 12:00 in Berlin
    const c = await seedClient(deps, { timeZone: 'Europe/Berlin' });
    const g = await addGoal(deps, 'coach', c.id, { title: 'Goal' });
    const today = await addActionItem(deps, 'coach', c.id, g, { title: 'Today', dueDate: '2026-11-27' });
    await addActionItem(deps, 'coach', c.id, g, { title: 'Next week', dueDate: '2026-12-04' });
    assert.deepEqual(await planDigest(db.db, c.id, clock.now()), {
      sendAt: clock.now(),
      itemIds: [today],
      checkInDue: false,
    });

    await db.db.transaction().execute((tx) => markDigestSent(tx, c.id, [today], clock.now()));
    assert.deepEqual(
      await planDigest(db.db, c.id, clock.now()),
      { sendAt: null, itemIds: [], checkInDue: false },
      'nothing new to say',
    );

    const tomorrow = await addActionItem(deps, 'client', c.id, g, { title: 'Tomorrow', dueDate: '2026-11-28' });
    const plan = await planDigest(db.db, c.id, clock.now());
    assert.deepEqual(plan.itemIds, [tomorrow]);
    assert.equal(
      plan.sendAt,
      Date.UTC(2026, 10, 28, 7, 0),
      "today's digest is spent and the night is quiet: 08:00 tomorrow",
    );

    await setCheckInCadence(deps, c.id, 7);
    assert.equal(
      (await planDigest(db.db, c.id, clock.now())).checkInDue,
      true,
      'a due check-in goes in the digest too',
    );

    await setReminderPreferences(deps, c.id, { remindersOn: false, quietStartMin: 1260, quietEndMin: 480 });
    assert.equal((await planDigest(db.db, c.id, clock.now())).sendAt, null);
  });
});
