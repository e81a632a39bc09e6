import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import {
  ACCESS_FOLD_MS,
  accessLogForClient,
  addClient,
  addNote,
  archiveClient,
  type CoachActor,
  editNote,
  findOrCreateClient,
  listClients,
  normaliseEmail,
  notesForCoach,
  recordAccess,
  removeNote,
  restoreClient,
  sharedNotesForClient,
  updateClientDetails,
} from './clients.service.ts';
import { sendMessage } from './messages.service.ts';
import { outcome, seedClient, seedCoachUser } from './testing.ts';

forEachEngine('clients: the record, notes, access log', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  let coach: CoachActor;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
    coach = await seedCoachUser(db.db, clock.now());
  });
  after(() => db.destroy());

  it('normalises an address the way people type it', () => {
    assert.equal(normaliseEmail('  Ana.Lopez@Example.COM '), 'ana.lopez@example.com');
  });

  it('finds a client by email whatever the case, and fills in a phone it lacked', async () => {
    const now = clock.now();
    const a = await findOrCreateClient(
      db.db,
      { email: 'Ana@Example.test', name: 'Ana', timeZone: 'Europe/Lisbon', source: 'booking' },
      now,
    );
    const b = await findOrCreateClient(
      db.db,
      { email: ' ana@EXAMPLE.test', name: 'Ana L.', phone: '+351 21 000 0000', timeZone: 'UTC', source: 'contact' },
      now,
    );
    assert.deepEqual([a.created, b.created, b.client.id], [true, false, a.client.id]);
    assert.equal(b.client.email, 'ana@example.test');
    // The record keeps the name and zone it had; only the missing phone is added.
    assert.deepEqual([b.client.name, b.client.time_zone, b.client.phone], ['Ana', 'Europe/Lisbon', '+351 21 000 0000']);
  });

  it('makes one client when many requests create the same one at once (PostgreSQL: across two instances)', async () => {
    const other = db.openAnother();
    try {
      const email = 'Race@Example.test';
      const create = (ex: Executor, i: number) =>
        findOrCreateClient(
          ex,
          { email: i % 3 ? email : email.toUpperCase(), name: `Racer ${i}`, timeZone: 'UTC', source: 'booking' },
          clock.now(),
        );
      // PostgreSQL: transactions on two pools, as two app instances. SQLite serves one process
      // (one writer); a second handle in the same thread would block the thread the first needs to
      // commit, so there the transactions share the one handle, as they do in the app.
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const h = engine === 'postgres' && i % 2 ? other.db : db.db;
          return h.transaction().execute((tx) => create(tx, i));
        }),
      );
      assert.equal(new Set(results.map((r) => r.client.id)).size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      const rows = await db.db.selectFrom('clients').select('id').where('email', '=', 'race@example.test').execute();
      assert.equal(rows.length, 1);
    } finally {
      await other.close();
    }
  });

  it('finding an existing client inside a transaction leaves the transaction usable (no aborted PostgreSQL transaction)', async () => {
    const existing = await seedClient(deps);
    const count = await db.db.transaction().execute(async (tx) => {
      const r = await findOrCreateClient(
        tx,
        { email: existing.email, name: 'X', timeZone: 'UTC', source: 'booking' },
        clock.now(),
      );
      assert.equal(r.created, false);
      const n = await tx
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n.n);
    });
    assert.ok(count >= 1);
  });

  it('the database refuses an address that is not lower-case (the check backs the application up)', async () => {
    const r = await outcome(
      sql`insert into clients (id, email, name, time_zone, status, source, reminders_on, quiet_start_min, quiet_end_min, created_at, updated_at, last_activity_at)
          values ('x-upper', 'Upper@Example.test', 'U', 'UTC', 'active', 'coach', 1, 0, 0, 0, 0, 0)`.execute(db.db),
    );
    assert.notEqual(r, 'ok');
  });

  it('the coach adds a client by hand, but not one whose address another client has', async () => {
    const c = await addClient(deps, coach, {
      email: 'new.person@example.test',
      name: 'New Person',
      timeZone: 'America/Chicago',
    });
    assert.equal(c.source, 'coach');
    assert.equal(
      await outcome(addClient(deps, coach, { email: 'NEW.person@example.test', name: 'Again', timeZone: 'UTC' })),
      'client_email_taken',
    );
  });

  it('corrects details; an address another client has is refused and nothing changes', async () => {
    const a = await seedClient(deps, { name: 'Alpha' });
    const b = await seedClient(deps, { name: 'Beta' });
    const fixed = await updateClientDetails(deps, coach, a.id, {
      name: 'Alpha Prime',
      email: 'Alpha.Prime@Example.test',
      phone: ' +1 555 0101 ',
      timeZone: 'Europe/Berlin',
    });
    assert.deepEqual(
      [fixed.name, fixed.email, fixed.phone, fixed.time_zone],
      ['Alpha Prime', 'alpha.prime@example.test', '+1 555 0101', 'Europe/Berlin'],
    );
    assert.equal(
      await outcome(
        updateClientDetails(deps, coach, b.id, {
          name: 'Beta',
          email: 'ALPHA.prime@example.test',
          phone: null,
          timeZone: 'UTC',
        }),
      ),
      'client_email_taken',
    );
    const still = await db.db.selectFrom('clients').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
    assert.equal(still.email, b.email);
    assert.equal(
      await outcome(
        updateClientDetails(deps, coach, 'no-such-id', {
          name: 'X',
          email: 'x@example.test',
          phone: null,
          timeZone: 'UTC',
        }),
      ),
      'client_not_found',
    );
  });

  it('archives and restores with a compare-and-swap; the list filters by status and searches name or email', async () => {
    const c = await seedClient(deps, { name: 'Zora 50%_Off', email: 'zora@example.test' });
    assert.equal(await archiveClient(deps, coach, c.id), true);
    assert.equal(await archiveClient(deps, coach, c.id), false, 'archiving twice changes nothing');
    const archived = await listClients(db.db, { status: 'archived' });
    assert.ok(archived.some((r) => r.id === c.id));
    assert.ok(!(await listClients(db.db, { status: 'active' })).some((r) => r.id === c.id));
    assert.equal(await restoreClient(deps, coach, c.id), true);
    assert.deepEqual(
      (await listClients(db.db, { search: 'ZORA' })).map((r) => r.id),
      [c.id],
    );
    assert.deepEqual(
      (await listClients(db.db, { search: '50%_' })).map((r) => r.id),
      [c.id],
      'wildcards match themselves',
    );
    assert.deepEqual(await listClients(db.db, { search: '5_%' }), []);
    assert.deepEqual(
      (await listClients(db.db, { search: 'zora@ex' })).map((r) => r.id),
      [c.id],
    );
    assert.equal(await outcome(archiveClient(deps, coach, 'nobody')), 'client_not_found');
    const audit = await db.db.selectFrom('audit_log').select('action').where('subject', '=', c.id).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['clients.archive', 'clients.restore']);
  });

  it('the list shows unread messages from the client and orders by last activity', async () => {
    const quiet = await seedClient(deps);
    clock.advance(60_000);
    const busy = await seedClient(deps);
    clock.advance(60_000);
    await sendMessage(deps, { clientId: quiet.id, from: 'client', senderUserId: null, body: 'Hello there' });
    await sendMessage(deps, { clientId: quiet.id, from: 'client', senderUserId: null, body: 'And again' });
    await sendMessage(deps, { clientId: quiet.id, from: 'coach', senderUserId: coach.userId, body: 'Hi!' });
    const list = await listClients(db.db, { limit: 200 });
    const row = list.find((r) => r.id === quiet.id)!;
    assert.equal(row.unread_from_client, 2);
    assert.equal(list.find((r) => r.id === busy.id)!.unread_from_client, 0);
    assert.ok(
      list.findIndex((r) => r.id === quiet.id) < list.findIndex((r) => r.id === busy.id),
      'the one who wrote comes first',
    );
  });

  it('keeps private notes for the coach and shows shared ones to the client', async () => {
    const c = await seedClient(deps);
    const shared = await addNote(deps, coach, c.id, { kind: 'shared', body: 'Plan for next week: walk on Tuesday.' });
    clock.advance(1000);
    await addNote(deps, coach, c.id, { kind: 'private', body: 'Seems tired; ask about sleep.' });
    assert.deepEqual(
      (await notesForCoach(deps, c.id)).map((n) => n.kind),
      ['private', 'shared'],
    );
    const forClient = await sharedNotesForClient(deps, c.id);
    assert.deepEqual(
      forClient.map((n) => n.body),
      ['Plan for next week: walk on Tuesday.'],
    );
    await editNote(deps, c.id, shared, 'Plan: walk on Tuesday and Thursday.');
    assert.equal((await sharedNotesForClient(deps, c.id))[0]!.body, 'Plan: walk on Tuesday and Thursday.');
    assert.equal(await outcome(addNote(deps, coach, c.id, { kind: 'shared', body: '   ' })), 'client_text_invalid');
    // Another client's id with this note's id finds nothing.
    const other = await seedClient(deps);
    assert.equal(await outcome(editNote(deps, other.id, shared, 'taken over')), 'client_item_not_found');
    assert.equal(await outcome(removeNote(deps, other.id, shared)), 'client_item_not_found');
    await removeNote(deps, c.id, shared);
    assert.equal((await sharedNotesForClient(deps, c.id)).length, 0);
  });

  it('logs what the coach opened, folding reloads within ten minutes, for the client to read', async () => {
    const c = await seedClient(deps);
    const open = (what: 'record' | 'notes' | 'file', subjectId?: string) =>
      db.db
        .transaction()
        .execute((tx) => recordAccess(tx, { clientId: c.id, coach, what, subjectId: subjectId ?? null }, clock.now()));
    await open('record');
    clock.advance(60_000);
    await open('record');
    for (const [what, subject] of [['notes'], ['file', 'file-1'], ['file', 'file-2']] as const) {
      clock.advance(1000);
      await open(what, subject);
    }
    clock.advance(ACCESS_FOLD_MS);
    await open('record');
    const log = await accessLogForClient(db.db, c.id);
    assert.deepEqual(
      log.map((e) => [e.what, e.subjectId]),
      [
        ['record', null],
        ['file', 'file-2'],
        ['file', 'file-1'],
        ['notes', null],
        ['record', null],
      ],
    );
    assert.ok(log.every((e) => e.who === 'Maya Test'));
    assert.deepEqual(
      await accessLogForClient(db.db, (await seedClient(deps)).id),
      [],
      'another client sees none of it',
    );
  });
});
