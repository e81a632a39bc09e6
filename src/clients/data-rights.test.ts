import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import { addTracker, submitCheckIn } from './check-ins.service.ts';
import { addNote, type CoachActor, recordAccess, requireClient } from './clients.service.ts';
import {
  carryOutDeletion,
  DELETION_DAYS,
  deleteClient,
  deletionRequestsFor,
  exportClientData,
  pendingDeletions,
  requestDeletion,
  stateLegalHold,
  whatDeletionRemoves,
  withdrawDeletionRequest,
} from './data-rights.service.ts';
import { storeFile } from './files.service.ts';
import { addActionItem, addGoal } from './goals.service.ts';
import { sendMessage } from './messages.service.ts';
import { outcome, seedClient, seedCoachUser } from './testing.ts';

const PRIVATE = 'hushed-tangerine-6120';

forEachEngine('clients: export and deletion', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  let coach: CoachActor;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
    coach = await seedCoachUser(db.db, clock.now());
  });
  after(() => db.destroy());

  /** A client with some of everything; returns their id. */
  async function fullClient(): Promise<string> {
    const c = await seedClient(deps, { name: 'Full Record' });
    await addNote(deps, coach, c.id, { kind: 'shared', body: 'Shared: practise the pause.' });
    await addNote(deps, coach, c.id, { kind: 'private', body: `Private: ${PRIVATE}` });
    const g = await addGoal(deps, 'client', c.id, { title: 'Run a 5k' });
    await addActionItem(deps, 'client', c.id, g, { title: 'Buy shoes', dueDate: '2026-12-03' });
    await addActionItem(deps, 'coach', c.id, g, { title: 'Three runs a week' });
    const t = await addTracker(deps, c.id, 'Energy');
    await submitCheckIn(deps, c.id, { scores: { [t]: 7 }, note: 'Good week.' });
    await sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'Ran twice!' });
    clock.advance(1000);
    await sendMessage(deps, { clientId: c.id, from: 'coach', senderUserId: coach.userId, body: 'Well done.' });
    await storeFile(deps, {
      clientId: c.id,
      owner: 'client',
      uploadedByUserId: null,
      name: 'log.txt',
      bytes: new TextEncoder().encode('mon: 3km'),
    });
    await db.db.transaction().execute((tx) => recordAccess(tx, { clientId: c.id, coach, what: 'record' }, clock.now()));
    return c.id;
  }

  it('exports everything about a client as plain data, and never the private notes', async () => {
    const id = await fullClient();
    const everyone = await storeFile(deps, {
      clientId: null,
      owner: 'coach',
      uploadedByUserId: null,
      name: 'welcome.txt',
      bytes: new TextEncoder().encode('hello all'),
    });
    await requestDeletion(deps, id, 'client');
    const out = await exportClientData(deps, id);
    const json = JSON.stringify(out);
    assert.ok(!json.includes(PRIVATE), 'no private note in the export');
    assert.ok(!/private/i.test(json.replace(/Private:/g, '')), 'not even the word as a key or kind');
    assert.equal(out.client.name, 'Full Record');
    assert.deepEqual(
      out.sharedNotes.map((n) => n.text),
      ['Shared: practise the pause.'],
    );
    assert.deepEqual(
      out.goals[0]!.actionItems.map((i) => [i.title, i.due]),
      [
        ['Buy shoes', '2026-12-03'],
        ['Three runs a week', null],
      ],
    );
    assert.deepEqual(out.checkIns[0]!.scores, [{ tracker: 'Energy', score: 7 }]);
    assert.deepEqual(
      out.messages.map((m) => [m.from, m.text]),
      [
        ['client', 'Ran twice!'],
        ['coach', 'Well done.'],
      ],
    );
    assert.deepEqual(out.files.map((f) => f.name).sort(), ['log.txt', 'welcome.txt']);
    assert.equal(out.files.find((f) => f.id === everyone.id)!.sharedWithEveryone, true);
    assert.equal(out.accessLog[0]!.who, 'Maya Test');
    assert.equal(out.deletionRequests[0]!.status, 'open');
    assert.match(out.exportedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Plain data: it survives a JSON round trip unchanged.
    assert.deepEqual(JSON.parse(json), out);
  });

  it('says what deletion removes, then removes exactly that and keeps what it said it keeps', async () => {
    const id = await fullClient();
    const bystander = await fullClient();
    const everyone = await storeFile(deps, {
      clientId: null,
      owner: 'coach',
      uploadedByUserId: null,
      name: 'for-all.txt',
      bytes: new TextEncoder().encode('x'),
    });
    // A contact request linked to the client (the contact module sets this once wired).
    await db.db
      .insertInto('contact_requests')
      .values({
        id: `cr-${id}`,
        name: 'Full Record',
        email: 'x@example.test',
        phone: null,
        preferred_contact: null,
        message_sealed: 'v1:x',
        created_at: 0,
        read_at: null,
      })
      .execute();
    await sql`update contact_requests set client_id = ${id} where id = ${`cr-${id}`}`.execute(db.db);

    const plan = await whatDeletionRemoves(db.db, id);
    assert.deepEqual(plan.removes, {
      notes: 2,
      goals: 1,
      actionItems: 2,
      trackers: 1,
      checkIns: 1,
      messages: 2,
      files: 1,
      accessLogEntries: 1,
    });
    assert.ok(plan.keeps.length > 0);
    const before = await whatDeletionRemoves(db.db, bystander);

    const removed = await deleteClient(deps, coach, id, { expected: plan.removes });
    assert.deepEqual(removed, plan.removes);
    assert.equal(await outcome(requireClient(db.db, id)), 'client_not_found');
    for (const table of [
      'client_notes',
      'client_goals',
      'client_action_items',
      'client_trackers',
      'client_check_ins',
      'client_messages',
      'client_files',
      'client_access_log',
    ] as const) {
      const left = await db.db.selectFrom(table).select('client_id').where('client_id', '=', id).execute();
      assert.equal(left.length, 0, `${table} emptied`);
    }
    const scoresLeft = await db.db
      .selectFrom('client_check_in_scores')
      .leftJoin('client_check_ins', 'client_check_ins.id', 'client_check_in_scores.check_in_id')
      .select('client_check_ins.id')
      .where('client_check_ins.id', 'is', null)
      .execute();
    assert.equal(scoresLeft.length, 0, 'no orphaned scores');
    const blobsLeft = await db.db
      .selectFrom('client_file_blobs')
      .leftJoin('client_files', 'client_files.id', 'client_file_blobs.file_id')
      .select('client_file_blobs.file_id')
      .where('client_files.id', 'is', null)
      .execute();
    assert.equal(blobsLeft.length, 0, 'no orphaned file bytes');
    // What it said it keeps.
    assert.ok(
      await db.db.selectFrom('client_files').select('id').where('id', '=', everyone.id).executeTakeFirst(),
      'files for everyone stay',
    );
    const cr = await sql<{
      client_id: string | null;
    }>`select client_id from contact_requests where id = ${`cr-${id}`}`.execute(db.db);
    assert.deepEqual(cr.rows, [{ client_id: null }], 'the contact request stays, unlinked');
    assert.deepEqual(
      (await whatDeletionRemoves(db.db, bystander)).removes,
      before.removes,
      'another client is untouched',
    );
    const audit = await db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'clients.delete')
      .where('subject', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!audit.detail_json.includes('Full Record'), 'the audit entry does not keep the name');
  });

  it('refuses to delete more than the coach was told of', async () => {
    const id = await fullClient();
    const plan = await whatDeletionRemoves(db.db, id);
    await sendMessage(deps, { clientId: id, from: 'client', senderUserId: null, body: 'One more thing…' });
    assert.equal(await outcome(deleteClient(deps, coach, id, { expected: plan.removes })), 'changed');
    assert.equal((await requireClient(db.db, id)).id, id, 'nothing was deleted');
  });

  it('takes deletion requests once, with a due date, a legal hold and withdrawal; carrying one out closes it', async () => {
    const id = await fullClient();
    const other = await seedClient(deps);
    const r1 = await requestDeletion(deps, id, 'client');
    const r2 = await requestDeletion(deps, id, 'client');
    assert.equal(r2.id, r1.id, 'asking twice finds the first request');
    assert.equal(r1.dueAt, clock.now() + DELETION_DAYS * 86_400_000);
    assert.ok((await pendingDeletions(db.db)).some((r) => r.id === r1.id));

    await stateLegalHold(deps, coach, r1.id, 'Invoices are kept for six years, as tax law requires.');
    const [held] = await deletionRequestsFor(db.db, id);
    assert.deepEqual(
      [held!.status, held!.holdStatement],
      ['held', 'Invoices are kept for six years, as tax law requires.'],
    );
    assert.equal(await outcome(withdrawDeletionRequest(deps, other.id, r1.id)), 'client_item_not_found');

    const removed = await carryOutDeletion(deps, coach, r1.id);
    assert.equal(removed.messages, 2);
    const done = await db.db
      .selectFrom('client_deletion_requests')
      .selectAll()
      .where('id', '=', r1.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([done.status, done.client_id, JSON.parse(done.removed_json!)], ['done', null, removed]);
    assert.equal(await outcome(carryOutDeletion(deps, coach, r1.id)), 'deletion_not_pending');
    assert.equal(await outcome(stateLegalHold(deps, coach, r1.id, 'late')), 'deletion_not_pending');

    // A client may withdraw their own, and then ask again.
    const r3 = await requestDeletion(deps, other.id, 'client');
    await withdrawDeletionRequest(deps, other.id, r3.id);
    assert.equal(await outcome(withdrawDeletionRequest(deps, other.id, r3.id)), 'deletion_not_pending');
    const r4 = await requestDeletion(deps, other.id, 'client');
    assert.notEqual(r4.id, r3.id);
  });

  it('two deletion requests sent at once make one', async () => {
    const c = await seedClient(deps);
    const results = await Promise.all(Array.from({ length: 6 }, () => requestDeletion(deps, c.id, 'client')));
    assert.equal(new Set(results.map((r) => r.id)).size, 1);
  });
});
