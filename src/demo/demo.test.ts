import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildApp } from '../app.ts';
import { sessionsForClient } from '../booking/index.ts';
import { listClients } from '../clients/index.ts';
import type { TestDb } from '../db/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { defaultSiteSettings, readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { createTestDeps } from '../testing.ts';
import { demoRoom, seedDemoContent } from './index.ts';

async function counts(deps: Deps) {
  const db = deps.dbh.db;
  const n = async (table: 'pages' | 'services' | 'settings') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { pages: await n('pages'), services: await n('services'), settings: await n('settings') };
}

forEachEngine('demo content', (engine) => {
  let deps: Deps;
  let db: TestDb;
  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('fills an empty database once, and never twice', async () => {
    assert.deepEqual(await counts(deps), { pages: 0, services: 0, settings: 0 });
    assert.equal(await seedDemoContent(deps), true);
    const first = await counts(deps);
    assert.deepEqual(first, { pages: 5, services: 3, settings: 1 });
    const settings = await readSiteSettings(deps.dbh.db);
    assert.equal(settings.practiceName, 'Rootwork Coaching');
    assert.equal(settings.timeZone, 'America/Chicago');
    assert.equal(settings.contactEmail, '', 'notices go to the owner until the coach sets an address');

    // The demo practice has its clients too, one of them archived.
    const active = await listClients(deps.dbh.db, { status: 'active' });
    const archived = await listClients(deps.dbh.db, { status: 'archived' });
    assert.equal(active.length + archived.length, 3);
    assert.ok(active.length >= 2, 'at least two demo clients are active');
    // Each has past sessions, and each active one a session ahead.
    for (const c of [...active, ...archived]) {
      const sessions = await sessionsForClient(deps.dbh.db, c.id);
      assert.ok(
        sessions.some((s) => s.status === 'completed'),
        `${c.name} has past sessions`,
      );
      const ahead = sessions.filter((s) => s.startAt > deps.clock.now());
      assert.equal(ahead.length, c.status === 'active' ? 1 : 0, `${c.name}: sessions ahead`);
    }

    assert.equal(await seedDemoContent(deps), false);
    assert.deepEqual(await counts(deps), first);
    assert.equal((await listClients(deps.dbh.db)).length, active.length + archived.length);
  });

  it('has a video session near now whose room two windows can open, made once', async () => {
    const room = await demoRoom(deps);
    assert.ok(room, 'a demo room');
    const now = deps.clock.now();
    assert.ok(room.startAt > now && room.startAt <= now + 10 * 60_000, 'it starts within ten minutes');
    assert.match(room.clientLink, /\/room\/[^?]+\?t=c\./);
    assert.equal(room.coachLink, room.clientLink.split('?')[0]);
    const again = await demoRoom(deps);
    assert.equal(again?.clientLink, room.clientLink, 'a second start finds the same session');
    const app = await buildApp(deps);
    try {
      const page = await app.inject({ method: 'GET', url: room.clientLink.slice(deps.config.publicUrl.length) });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /id="room-stage"/, 'the room is open');
    } finally {
      await app.close();
    }
  });

  it('leaves a practice alone once the coach has saved settings', async () => {
    const other = await createTestDeps(engine);
    try {
      await writeSiteSettings(
        other.deps.dbh.db,
        { ...defaultSiteSettings, practiceName: 'Ours' },
        other.deps.clock.now(),
      );
      assert.equal(await seedDemoContent(other.deps), false);
      assert.deepEqual(await counts(other.deps), { pages: 0, services: 0, settings: 1 });
      assert.equal((await readSiteSettings(other.deps.dbh.db)).practiceName, 'Ours');
    } finally {
      await other.db.destroy();
    }
  });

  // Several app instances share one database only on PostgreSQL (SQLite serves one process), so the
  // race between two starting instances exists, and is tested, there.
  if (engine === 'postgres')
    it('two instances starting at once fill it exactly once', async () => {
      const other = await createTestDeps(engine);
      const second = other.db.openAnother();
      try {
        const results = await Promise.all([
          seedDemoContent(other.deps),
          seedDemoContent({ ...other.deps, dbh: second }),
        ]);
        assert.deepEqual(results.filter(Boolean).length, 1);
        assert.deepEqual(await counts(other.deps), { pages: 5, services: 3, settings: 1 });
      } finally {
        await second.close();
        await other.db.destroy();
      }
    });
});
