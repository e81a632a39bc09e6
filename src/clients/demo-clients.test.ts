import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { checkInOverview } from './check-ins.service.ts';
import { listClients, notesForCoach } from './clients.service.ts';
import { exportClientData } from './data-rights.service.ts';
import { seedDemoClients } from './demo-clients.ts';
import { goalsWithItems } from './goals.service.ts';
import { conversation } from './messages.service.ts';

forEachEngine('clients: demo clients', (engine) => {
  let deps: Deps;
  let db: TestDb;

  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('adds three believable clients once, with history written through the use cases', async () => {
    assert.equal(await seedDemoClients(deps), 3);
    assert.equal(await seedDemoClients(deps), 0, 'a second run adds nothing');
    const all = await listClients(db.db, { limit: 10 });
    assert.deepEqual(all.map((c) => c.name).sort(), ['Daniel Okafor', 'Leila Haddad', 'Theo Marchetti']);
    assert.equal(all.find((c) => c.name === 'Theo Marchetti')!.status, 'archived');
    const daniel = all.find((c) => c.name === 'Daniel Okafor')!;
    assert.equal(daniel.unread_from_client, 1, 'his latest message waits for the coach');
    const goals = await goalsWithItems(deps, daniel.id);
    assert.ok(goals[0]!.items.length >= 3);
    const overview = await checkInOverview(deps, daniel.id);
    assert.equal(overview.checkIns.length, 6);
    assert.equal(overview.state, 'upcoming');
    assert.ok((await conversation(deps, daniel.id)).length >= 3);
    // His private note is the coach's alone.
    const privateNote = (await notesForCoach(deps, daniel.id)).find((n) => n.kind === 'private')!;
    assert.ok(!JSON.stringify(await exportClientData(deps, daniel.id)).includes(privateNote.body.slice(0, 40)));
  });
});
