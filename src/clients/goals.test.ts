import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import {
  addActionItem,
  addGoal,
  editActionItem,
  goalsWithItems,
  overallProgress,
  removeActionItem,
  removeGoal,
  setActionItemDone,
  setGoalStatus,
} from './goals.service.ts';
import { outcome, seedClient } from './testing.ts';

forEachEngine('clients: goals and action items', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('the coach or the client sets goals; the client ticks items off; both see the progress', async () => {
    const c = await seedClient(deps);
    const g1 = await addGoal(deps, 'coach', c.id, { title: 'Sleep before midnight', detail: 'Most nights, not all.' });
    clock.advance(1000);
    const g2 = await addGoal(deps, 'client', c.id, { title: 'Call my sister every week' });
    const a = await addActionItem(deps, 'coach', c.id, g1, { title: 'Screens off at 23:00', dueDate: '2026-12-01' });
    const b = await addActionItem(deps, 'client', c.id, g1, { title: 'Read a paper book in bed' });
    const d = await addActionItem(deps, 'client', c.id, g2, { title: 'Put the call in the calendar' });
    const before = (
      await db.db.selectFrom('clients').select('last_activity_at').where('id', '=', c.id).executeTakeFirstOrThrow()
    ).last_activity_at;

    clock.advance(60_000);
    assert.equal(await setActionItemDone(deps, 'client', c.id, a, true), true);
    const firstTick = clock.now();
    clock.advance(60_000);
    assert.equal(await setActionItemDone(deps, 'client', c.id, a, true), false, 'ticking twice changes nothing');
    await setActionItemDone(deps, 'client', c.id, d, true);

    const goals = await goalsWithItems(deps, c.id);
    assert.deepEqual(
      goals.map((g) => [g.title, g.createdBy, g.progress]),
      [
        ['Sleep before midnight', 'coach', { done: 1, total: 2, percent: 50 }],
        ['Call my sister every week', 'client', { done: 1, total: 1, percent: 100 }],
      ],
    );
    assert.equal(goals[0]!.detail, 'Most nights, not all.');
    assert.deepEqual(
      goals[0]!.items.map((i) => [i.id, i.title, i.dueDate, i.doneAt]),
      [
        [a, 'Screens off at 23:00', '2026-12-01', firstTick],
        [b, 'Read a paper book in bed', null, null],
      ],
    );
    assert.deepEqual(overallProgress(goals), { done: 2, total: 3, percent: 66 });
    const afterTicks = (
      await db.db.selectFrom('clients').select('last_activity_at').where('id', '=', c.id).executeTakeFirstOrThrow()
    ).last_activity_at;
    assert.ok(afterTicks > before, "the client's ticks count as activity");

    assert.equal(await setActionItemDone(deps, 'client', c.id, a, false), true, 'and can be ticked back on');
    assert.equal((await goalsWithItems(deps, c.id))[0]!.progress.done, 0);
  });

  it('an achieved goal moves below the active ones; statuses change by compare-and-swap', async () => {
    const c = await seedClient(deps);
    const g1 = await addGoal(deps, 'coach', c.id, { title: 'First' });
    await addGoal(deps, 'coach', c.id, { title: 'Second' });
    assert.equal(await setGoalStatus(deps, c.id, g1, 'achieved'), true);
    assert.equal(await setGoalStatus(deps, c.id, g1, 'achieved'), false);
    const goals = await goalsWithItems(deps, c.id);
    assert.deepEqual(
      goals.map((g) => [g.title, g.status]),
      [
        ['Second', 'active'],
        ['First', 'achieved'],
      ],
    );
    assert.equal(goals[1]!.achievedAt, clock.now());
    await setGoalStatus(deps, c.id, g1, 'active');
    assert.equal((await goalsWithItems(deps, c.id)).find((g) => g.id === g1)!.achievedAt, null);
  });

  it("never touches another client's goal or item, and says so as not found", async () => {
    const mine = await seedClient(deps);
    const theirs = await seedClient(deps);
    const g = await addGoal(deps, 'client', theirs.id, { title: 'Theirs' });
    const i = await addActionItem(deps, 'client', theirs.id, g, { title: 'Their step' });
    assert.equal(
      await outcome(addActionItem(deps, 'client', mine.id, g, { title: 'Sneak in' })),
      'client_item_not_found',
    );
    assert.equal(await outcome(setActionItemDone(deps, 'client', mine.id, i, true)), 'client_item_not_found');
    assert.equal(await outcome(editActionItem(deps, mine.id, i, { title: 'Rewritten' })), 'client_item_not_found');
    assert.equal(await outcome(removeActionItem(deps, mine.id, i)), 'client_item_not_found');
    assert.equal(await outcome(setGoalStatus(deps, mine.id, g, 'dropped')), 'client_item_not_found');
    assert.equal(await outcome(removeGoal(deps, mine.id, g)), 'client_item_not_found');
    assert.equal(await outcome(addGoal(deps, 'client', 'nobody', { title: 'x' })), 'client_not_found');
    const still = await goalsWithItems(deps, theirs.id);
    assert.deepEqual(
      [still[0]!.status, still[0]!.items[0]!.title, still[0]!.items[0]!.doneAt],
      ['active', 'Their step', null],
    );
  });

  it('refuses empty titles, over-long ones and due dates that are not dates', async () => {
    const c = await seedClient(deps);
    assert.equal(await outcome(addGoal(deps, 'client', c.id, { title: '  ' })), 'client_text_invalid');
    assert.equal(await outcome(addGoal(deps, 'client', c.id, { title: 'x'.repeat(301) })), 'client_text_invalid');
    const g = await addGoal(deps, 'client', c.id, { title: 'Fine' });
    for (const dueDate of ['2026-02-30', 'tomorrow', '2026-1-5'])
      assert.equal(
        await outcome(addActionItem(deps, 'client', c.id, g, { title: 'x', dueDate })),
        'client_text_invalid',
        dueDate,
      );
    assert.equal(
      await outcome(addActionItem(deps, 'client', c.id, g, { title: 'x', dueDate: '' })),
      'ok',
      'empty is no date',
    );
  });

  it('a new due date earns a new reminder; removing a goal removes its items', async () => {
    const c = await seedClient(deps);
    const g = await addGoal(deps, 'coach', c.id, { title: 'Goal' });
    const i = await addActionItem(deps, 'coach', c.id, g, { title: 'Item', dueDate: '2026-12-01' });
    await db.db.updateTable('client_action_items').set({ reminded_at: clock.now() }).where('id', '=', i).execute();
    await editActionItem(deps, c.id, i, { title: 'Item, later', dueDate: '2026-12-08' });
    const row = await db.db.selectFrom('client_action_items').selectAll().where('id', '=', i).executeTakeFirstOrThrow();
    assert.deepEqual([row.due_date, row.reminded_at], ['2026-12-08', null]);
    await removeGoal(deps, c.id, g);
    assert.equal((await db.db.selectFrom('client_action_items').select('id').where('id', '=', i).execute()).length, 0);
  });
});
