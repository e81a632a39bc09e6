import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listClients } from '../clients/index.ts';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { contactRequestsForClient, submitContactRequest } from './contact.service.ts';

forEachEngine('a contact request and its client', (engine) => {
  let deps: Deps;
  let db: TestDb;
  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('makes the client on a first request, finds them on the next (any case), and lists both for them', async () => {
    await submitContactRequest(deps, {
      name: 'Rosa Client',
      email: 'rosa@example.test',
      phone: '',
      message: 'Evening times?',
    });
    await submitContactRequest(deps, { name: 'Rosa', email: 'ROSA@Example.test', phone: '', message: 'And weekends?' });
    const clients = await listClients(deps.dbh.db, { search: 'rosa@example.test' });
    assert.equal(clients.length, 1);
    assert.equal(clients[0]!.source, 'contact');
    const requests = await contactRequestsForClient(deps, clients[0]!.id);
    assert.deepEqual(requests.map((r) => r.message).sort(), ['And weekends?', 'Evening times?']);
  });
});
