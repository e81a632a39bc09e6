import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import type { Answers, Evaluation } from './engine/evaluate.ts';
import { sharedResultsFor, shareResult } from './guide.service.ts';
import { SHARED_RESULT_RETENTION_MS } from './guide.settings.ts';

forEachEngine("a client's shared guide results", (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  const evaluation = { outcome: 'coaching', reasons: [] } as unknown as Evaluation;
  const share = (email: string) => shareResult(deps, { name: 'Rosa', email, answers: {} as Answers, evaluation });

  it('finds the results shared with an address (any case), and none of anyone else’s', async () => {
    const mine = await share('Rosa@Example.test');
    await share('someone.else@example.test');
    const found = await sharedResultsFor(deps, 'rosa@example.test');
    assert.deepEqual(
      found.map((r) => [r.id, r.outcome, r.href]),
      [[mine.id, 'Coaching fits', `/admin/guide/results/${mine.id}`]],
    );
  });

  it('leaves out results past their retention', async () => {
    clock.t += SHARED_RESULT_RETENTION_MS + 1;
    assert.deepEqual(await sharedResultsFor(deps, 'rosa@example.test'), []);
  });
});
