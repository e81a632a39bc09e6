import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { recordAudit } from '../audit/index.ts';
import { addUser, jarFor } from '../auth/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { newId } from '../security/index.ts';
import { defaultSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { type CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import { setupChecklist } from './checklist.ts';

it('the setup checklist says what is left, in plain words, the contact address first', () => {
  const fresh = setupChecklist(
    { mailUrl: undefined, publicUrl: 'http://localhost:3000' },
    { contactEmail: '', photoUrl: '' },
  );
  assert.deepEqual(
    fresh.map((i) => [i.title, i.done]),
    [
      ['Your contact address', false],
      ['Email sending', false],
      ['Your site’s address', false],
      ['Your photo', false],
    ],
  );
  assert.match(fresh[0]!.text, /Until you do, they go to the address you sign in with/);
  const ready = setupChecklist(
    { mailUrl: 'smtp://mail.example:587', publicUrl: 'https://coach.example' },
    { contactEmail: 'me@coach.example', photoUrl: '/media/me.jpg' },
  );
  assert.ok(ready.every((i) => i.done));
  assert.match(ready[0]!.text, /me@coach\.example/);
});

it('the setup checklist never marks an unset item done, one item at a time', () => {
  const config = { mailUrl: 'smtp://mail.example:587', publicUrl: 'https://coach.example' };
  const settings = { contactEmail: 'me@coach.example', photoUrl: '/media/me.jpg' };
  const doneOf = (c: typeof config | { mailUrl: undefined; publicUrl: string }, s: typeof settings) =>
    Object.fromEntries(setupChecklist(c, s).map((i) => [i.title, i.done]));
  const undone = (c: Parameters<typeof doneOf>[0], s: typeof settings) =>
    Object.entries(doneOf(c, s))
      .filter(([, d]) => !d)
      .map(([t]) => t);
  assert.deepEqual(undone(config, settings), []);
  assert.deepEqual(undone(config, { ...settings, contactEmail: '' }), ['Your contact address']);
  assert.deepEqual(undone(config, { ...settings, contactEmail: '   ' }), ['Your contact address']);
  assert.deepEqual(undone({ ...config, mailUrl: undefined }, settings), ['Email sending']);
  for (const publicUrl of [
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://127.0.1.1',
    'http://0.0.0.0:3000',
    'http://[::1]:3000',
    'http://tandem.localhost',
  ])
    assert.deepEqual(undone({ ...config, publicUrl }, settings), ['Your site’s address'], publicUrl);
  assert.deepEqual(undone(config, { ...settings, photoUrl: '' }), ['Your photo']);
  // The demo's illustration (shipped under /static/) is not the coach's photo.
  assert.deepEqual(undone(config, { ...settings, photoUrl: '/static/coach.svg' }), ['Your photo']);
  const illustrated = setupChecklist(config, { ...settings, photoUrl: '/static/coach.svg' }).at(-1)!;
  assert.match(illustrated.text, /illustration in place of your photo/);
});

forEachEngine('back office: dashboard and audit log', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  let coachId: string;
  beforeEach(async () => {
    t = await createTestApp(engine);
    coachId = await addUser(t.deps, 'coach@example.test', 'owner', 'Robin Coach');
    jar = await jarFor(t.deps, coachId);
  });
  afterEach(() => t.close());

  it('greets the coach and counts what needs attention, linking to each room', async () => {
    const db = t.deps.dbh.db;
    const now = t.clock.now();
    const sealed = t.deps.sealer.seal('hello');
    for (const read_at of [null, null, now]) {
      await db
        .insertInto('contact_requests')
        .values({
          id: newId(),
          name: 'A',
          email: 'a@example.test',
          phone: null,
          preferred_contact: null,
          message_sealed: sealed,
          created_at: now,
          read_at,
        })
        .execute();
    }
    for (const status of ['queued', 'failed', 'sent'] as const) {
      await db
        .insertInto('outbox')
        .values({
          id: newId(),
          kind: 'test',
          to_address: 'a@example.test',
          reply_to: null,
          subject: 's',
          text_sealed: sealed,
          html_sealed: sealed,
          headers_json: '{}',
          status,
          attempts: 0,
          next_attempt_at: now,
          lease_until: null,
          lease_owner: null,
          last_error: null,
          created_at: now,
          sent_at: null,
        })
        .execute();
    }
    const page = await getPage(t.app, '/admin', jar);
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /Good morning, Robin/); // 09:00 UTC on the test clock, UTC by default
    assert.match(page.body, /<a href="\/admin\/contact">2 unread contact requests<\/a>/);
    assert.match(page.body, /<a href="\/admin\/outbox">1 email waiting to be sent<\/a>/);
    assert.match(page.body, /<a href="\/admin\/outbox">1 email that could not be sent<\/a>/);
    assert.match(page.body, /<a href="\/admin\/pages">\d+ pages? on your site<\/a>/);
    assert.match(page.body, /4 things left to do/);
    // Nothing set yet: the contact address is the first thing left, and says where notices go now.
    const left = page.body.slice(page.body.indexOf('4 things left to do'));
    assert.equal(left.indexOf('<li>'), left.indexOf('<li><strong>Your contact address.</strong> Add the address'));
    assert.match(left, /they go to the address you sign in with/);
  });

  it('ticks off what the settings already cover', async () => {
    await writeSiteSettings(
      t.deps.dbh.db,
      { ...defaultSiteSettings, contactEmail: 'robin@coach.example', photoUrl: '/media/robin.jpg' },
      t.clock.now(),
    );
    const page = await getPage(t.app, '/admin', jar);
    assert.match(page.body, /2 things left to do/);
    assert.match(page.body, /Contact requests and booking notices are sent to robin@coach.example/);
  });

  it('shows the audit log newest first, a page at a time, without skipping entries that share a moment', async () => {
    const db = t.deps.dbh.db;
    const base = t.clock.now();
    // 120 entries, many written in the same millisecond as each other.
    for (let i = 0; i < 120; i++)
      await recordAudit(
        db,
        { actorUserId: i % 2 ? coachId : null, action: 'test.thing', subject: `s${String(i).padStart(3, '0')}` },
        base + Math.floor(i / 7),
      );
    const seen: string[] = [];
    let url: string | null = '/admin/audit';
    let pages = 0;
    while (url) {
      const page = await getPage(t.app, url, jar);
      assert.equal(page.status, 200);
      pages++;
      seen.push(...[...page.body.matchAll(/<td[^>]*>(s\d{3})<\/td>/g)].map((m) => m[1]!));
      url = /<a href="([^"]+)" rel="next">Older entries<\/a>/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    // Newest first: the moments never go up from one row to the next.
    const moments = seen.map((s) => Math.floor(Number(s.slice(1)) / 7));
    assert.ok(moments.every((m, i) => i === 0 || m <= moments[i - 1]!));
  });

  it('records a sign-in in words the coach can read', async () => {
    const { askForLink, followLink, linksInOutbox } = await import('../auth/testing.ts');
    await askForLink(t.app, 'coach@example.test');
    const [link] = await linksInOutbox(t.deps, 'coach@example.test');
    const { jar: fresh } = await followLink(t.app, link!);
    const page = await getPage(t.app, '/admin/audit', fresh);
    assert.match(page.body, /<td[^>]*>Robin Coach<\/td><td[^>]*>Signed in/);
    assert.doesNotMatch(page.body, /coach@example.test/, 'no addresses in the log');
  });

  it('ignores a cursor it did not make', async () => {
    const page = await getPage(t.app, "/admin/audit?before=1'%20or%201=1", jar);
    assert.equal(page.status, 200);
  });
});
