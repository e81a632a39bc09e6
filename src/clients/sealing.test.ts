import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { addTracker, checkInsFor, submitCheckIn, trackersFor } from './check-ins.service.ts';
import { addNote, notesForCoach } from './clients.service.ts';
import type { ClientsTables } from './clients.tables.ts';
import { fileForDownload, storeFile } from './files.service.ts';
import { addActionItem, addGoal, goalsWithItems } from './goals.service.ts';
import { conversation, sendMessage } from './messages.service.ts';
import { seedClient, seedCoachUser } from './testing.ts';

// Distinctive words, one per kind of text: short words could turn up in base64 by chance.
const WORDS = {
  privateNote: 'marmalade-lighthouse-4417',
  sharedNote: 'quartzite-windmill-8823',
  message: 'periwinkle-harbour-3391',
  checkInNote: 'saffron-viaduct-5066',
  goal: 'tamarind-observatory-2290',
  goalDetail: 'juniper-aqueduct-7148',
  item: 'cobalt-orchard-6632',
  tracker: 'vermilion-causeway-1957',
  fileName: 'obsidian-greenhouse-4480',
  fileBody: 'lavender-drawbridge-9012',
};

const TABLES: (keyof ClientsTables)[] = [
  'clients',
  'client_notes',
  'client_goals',
  'client_action_items',
  'client_trackers',
  'client_check_ins',
  'client_messages',
  'client_files',
  'client_file_blobs',
];

forEachEngine('clients: sensitive text sealed at rest', (engine) => {
  let deps: Deps;
  let db: TestDb;

  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('keeps no note, message, check-in note, goal, item, tracker or file in the clear, and reads each back', async () => {
    const coach = await seedCoachUser(db.db, deps.clock.now());
    const c = await seedClient(deps, { email: 'sealed.person@example.test' });
    await addNote(deps, coach, c.id, { kind: 'private', body: `Private: ${WORDS.privateNote}` });
    await addNote(deps, coach, c.id, { kind: 'shared', body: `Shared: ${WORDS.sharedNote}` });
    await sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: `Hello ${WORDS.message}` });
    const t = await addTracker(deps, c.id, `Track ${WORDS.tracker}`);
    await submitCheckIn(deps, c.id, { scores: { [t]: 6 }, note: `Note ${WORDS.checkInNote}` });
    const g = await addGoal(deps, 'client', c.id, { title: `Goal ${WORDS.goal}`, detail: `Why ${WORDS.goalDetail}` });
    await addActionItem(deps, 'client', c.id, g, { title: `Step ${WORDS.item}` });
    const f = await storeFile(deps, {
      clientId: c.id,
      owner: 'client',
      uploadedByUserId: null,
      name: `${WORDS.fileName}.txt`,
      bytes: new TextEncoder().encode(`Worksheet: ${WORDS.fileBody}\n`),
    });

    const rows: unknown[] = [];
    for (const table of TABLES) rows.push(await db.db.selectFrom(table).selectAll().execute());
    const dump = JSON.stringify(rows);
    assert.ok(dump.includes('sealed.person@example.test'), 'the rows are really there; the address stays findable');
    for (const [kind, word] of Object.entries(WORDS)) assert.ok(!dump.includes(word), `${kind} is sealed in the rows`);
    if (db.file) {
      const bytes = Buffer.concat(
        [db.file, `${db.file}-wal`].filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p)),
      );
      assert.ok(bytes.includes('sealed.person@example.test'), 'the file holds the rows');
      for (const [kind, word] of Object.entries(WORDS))
        assert.ok(!bytes.includes(word), `${kind} is not in the SQLite file`);
    }

    // And each reads back as written.
    const notes = (await notesForCoach(deps, c.id)).map((n) => n.body).join(' ');
    assert.ok(notes.includes(WORDS.privateNote) && notes.includes(WORDS.sharedNote));
    assert.ok((await conversation(deps, c.id))[0]!.body.includes(WORDS.message));
    assert.ok((await checkInsFor(deps, c.id))[0]!.note!.includes(WORDS.checkInNote));
    assert.ok((await trackersFor(deps, c.id))[0]!.label.includes(WORDS.tracker));
    const [goal] = await goalsWithItems(deps, c.id);
    assert.ok(goal!.title.includes(WORDS.goal) && goal!.detail!.includes(WORDS.goalDetail));
    assert.ok(goal!.items[0]!.title.includes(WORDS.item));
    const got = await fileForDownload(deps, f.id, { clientId: c.id });
    assert.ok(got.file.name.includes(WORDS.fileName));
    assert.ok(got.bytes.toString('utf8').includes(WORDS.fileBody));
  });

  it('text sealed with another key reads as a plain sentence, not a failed page', async () => {
    const c = await seedClient(deps);
    await db.db
      .insertInto('client_notes')
      .values({
        id: 'foreign-key-note',
        client_id: c.id,
        kind: 'shared',
        body_sealed: 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        author_user_id: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const [note] = await notesForCoach(deps, c.id);
    assert.match(note!.body, /cannot be opened/);
  });
});
