import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { clientByEmail, clientForUser, linkClientUser } from './clients.service.ts';
import { seedClient, seedCoachUser } from './testing.ts';

forEachEngine("a client's sign-in account", (engine) => {
  let deps: Deps;
  let db: TestDb;
  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('finds a client by address in any case, and links them to one account only', async () => {
    const client = await seedClient(deps, { email: 'mira@example.test' });
    assert.equal((await clientByEmail(deps.dbh.db, '  MIRA@Example.test '))?.id, client.id);
    assert.equal(await clientByEmail(deps.dbh.db, 'nobody@example.test'), undefined);
    const first = await seedCoachUser(deps.dbh.db, deps.clock.now(), 'First');
    const second = await seedCoachUser(deps.dbh.db, deps.clock.now(), 'Second');
    assert.equal(await linkClientUser(deps.dbh.db, client.id, first.userId!, deps.clock.now()), first.userId);
    assert.equal(await linkClientUser(deps.dbh.db, client.id, second.userId!, deps.clock.now()), first.userId);
    assert.equal((await clientForUser(deps.dbh.db, first.userId!))?.id, client.id);
    assert.equal(await clientForUser(deps.dbh.db, second.userId!), undefined);
  });
});
