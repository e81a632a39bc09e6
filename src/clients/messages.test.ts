import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import { storeFile } from './files.service.ts';
import { conversation, markConversationRead, sendMessage, unreadCount, unreadForCoach } from './messages.service.ts';
import { outcome, seedClient } from './testing.ts';

forEachEngine('clients: messages', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('keeps one conversation per client, with unread counts for each side', async () => {
    const c = await seedClient(deps);
    const other = await seedClient(deps);
    const send = (from: 'client' | 'coach', body: string) => {
      clock.advance(1000);
      return sendMessage(deps, { clientId: c.id, from, senderUserId: null, body });
    };
    await send('client', 'Can we move Thursday?');
    await send('client', 'Any time after 3 works.');
    await send('coach', 'Yes, 4 pm it is.');
    await sendMessage(deps, {
      clientId: other.id,
      from: 'client',
      senderUserId: null,
      body: 'Hello from someone else',
    });

    assert.equal(await unreadCount(db.db, c.id, 'coach'), 2);
    assert.equal(await unreadCount(db.db, c.id, 'client'), 1);
    assert.deepEqual(
      [...(await unreadForCoach(db.db)).entries()].sort(),
      [
        [c.id, 2],
        [other.id, 1],
      ].sort(),
    );
    assert.deepEqual(
      (await conversation(deps, c.id)).map((m) => [m.from, m.body]),
      [
        ['client', 'Can we move Thursday?'],
        ['client', 'Any time after 3 works.'],
        ['coach', 'Yes, 4 pm it is.'],
      ],
    );

    assert.equal(await markConversationRead(deps, c.id, 'coach'), 2);
    assert.equal(await unreadCount(db.db, c.id, 'coach'), 0);
    assert.equal(await unreadCount(db.db, c.id, 'client'), 1, "the coach reading does not read the client's side");
    assert.equal(await markConversationRead(deps, c.id, 'coach'), 0);
    assert.ok(
      (await conversation(deps, c.id)).filter((m) => m.from === 'client').every((m) => m.readAt === clock.now()),
    );
  });

  it('pages back through messages sent in the same millisecond without skipping or repeating one', async () => {
    const c = await seedClient(deps);
    for (let i = 0; i < 7; i++)
      await sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: `m${i}` });
    const seen: string[] = [];
    let before: { at: number; id: string } | undefined;
    for (;;) {
      const page = await conversation(deps, c.id, { limit: 3, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      seen.push(...page.map((m) => m.id));
      before = { at: page[0]!.at, id: page[0]!.id };
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });

  it('refuses an empty or over-long message, and an attachment the client may not see', async () => {
    const c = await seedClient(deps);
    const other = await seedClient(deps);
    assert.equal(
      await outcome(sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: ' ' })),
      'client_text_invalid',
    );
    assert.equal(
      await outcome(
        sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'x'.repeat(10_001) }),
      ),
      'client_text_invalid',
    );
    const theirs = await storeFile(deps, {
      clientId: other.id,
      owner: 'client',
      uploadedByUserId: null,
      name: 'mine.txt',
      bytes: new TextEncoder().encode('private to the other client'),
    });
    assert.equal(
      await outcome(
        sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'see this', fileId: theirs.id }),
      ),
      'client_item_not_found',
    );
    const own = await storeFile(deps, {
      clientId: c.id,
      owner: 'client',
      uploadedByUserId: null,
      name: 'a.txt',
      bytes: new TextEncoder().encode('hi'),
    });
    await sendMessage(deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'attached', fileId: own.id });
    assert.equal((await conversation(deps, c.id)).at(-1)!.fileId, own.id);
    assert.equal(
      await outcome(sendMessage(deps, { clientId: 'nobody', from: 'coach', senderUserId: null, body: 'hi' })),
      'client_not_found',
    );
  });
});
