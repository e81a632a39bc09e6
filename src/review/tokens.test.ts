import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { linkToken } from '../blog/index.ts';
import { forEachEngine } from '../db/testing.ts';
import { newId } from '../security/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { snapshot } from './routes.ts';

forEachEngine('links that carry a secret refuse a wrong one', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
  });
  after(() => t.close());

  it('the private calendar feed opens only with the current key', async () => {
    const coach = (await signedInCoach(t)).jar;
    await getPage(t.app, '/admin/availability', coach); // makes the practice's calendar row and its key
    const key = (await t.deps.dbh.db.selectFrom('booking_calendar').select('feed_token').executeTakeFirstOrThrow())
      .feed_token;
    assert.equal((await t.app.inject({ url: `/book/feed.ics?key=${encodeURIComponent(key)}` })).statusCode, 200);
    for (const q of [
      '',
      '?key=',
      '?key=wrong',
      `?key=${encodeURIComponent(key)}x`,
      `?key=${encodeURIComponent(key)}&key=${encodeURIComponent(key)}`,
      `?key=${encodeURIComponent(key.toUpperCase())}`,
    ]) {
      const res = await t.app.inject({ url: `/book/feed.ics${q}` });
      assert.equal(res.statusCode, 404, q);
      assert.doesNotMatch(res.body, /BEGIN:VCALENDAR/, q);
    }
    const page = await getPage(t.app, '/admin/availability', coach);
    assert.equal((await postForm(t.app, '/admin/availability/feed', { _csrf: page.csrf! }, coach)).statusCode, 303);
    assert.equal(
      (await t.app.inject({ url: `/book/feed.ics?key=${encodeURIComponent(key)}` })).statusCode,
      404,
      'the old key stops working once a new one is made',
    );
  });

  it('a session cookie that was signed out, has lapsed or was forged opens nothing in the back office', async () => {
    const { jar } = await signedInCoach(t, 'lapse@example.test');
    assert.equal((await t.app.inject({ url: '/admin', headers: { cookie: jar.header() } })).statusCode, 200);
    const stolen = jar.header();
    const page = await getPage(t.app, '/sign-out', jar);
    assert.equal((await postForm(t.app, '/sign-out', { _csrf: page.csrf! }, jar)).statusCode, 303);
    const forged = stolen.replace(
      /tandem_session=([^;]+)/,
      (_m, v: string) => `tandem_session=${v.slice(0, -2)}${v.endsWith('AA') ? 'BB' : 'AA'}`,
    );
    for (const cookie of [stolen, forged, 'tandem_session=']) {
      const res = await t.app.inject({ url: '/admin/bookings', headers: { cookie } });
      assert.equal(res.statusCode, 303, cookie);
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { cookie }, payload: {} })).statusCode,
        401,
        cookie,
      );
    }
    const idle = (await signedInCoach(t, 'lapse@example.test')).jar;
    t.clock.advance(31 * 24 * 3600_000);
    assert.equal(
      (await t.app.inject({ url: '/admin', headers: { cookie: idle.header() } })).statusCode,
      303,
      'a month without a visit ends the session',
    );
  });

  it('a manage link with a wrong or missing token shows nothing and changes nothing', async () => {
    const jar = new CookieJar();
    const csrf = (await getPage(t.app, '/contact', jar)).csrf!;
    const before = await snapshot(t.deps.dbh.db);
    for (const q of ['', '?t=', '?t=short', `?t=${'a'.repeat(43)}`, '?t=a&t=b']) {
      for (const path of ['/book/manage', '/book/manage/reschedule', '/book/manage/reschedule/confirm']) {
        const res = await t.app.inject({ url: `${path}${q}` });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${path}${q} → ${res.statusCode}`);
      }
    }
    for (const tok of ['', 'a'.repeat(43)]) {
      for (const path of ['/book/manage/cancel', '/book/manage/reschedule']) {
        const res = await postForm(
          t.app,
          path,
          { _csrf: csrf, t: tok, start: String(t.clock.now() + 86_400_000) },
          jar,
        );
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${path} → ${res.statusCode}`);
      }
    }
    assert.deepEqual(await snapshot(t.deps.dbh.db), before);
  });

  it('a subscriber link works only for its own subscriber and purpose', async () => {
    const db = t.deps.dbh.db;
    const [a, b] = [newId(), newId()];
    for (const [id, email] of [
      [a, 'a@example.test'],
      [b, 'b@example.test'],
    ] as const) {
      await db
        .insertInto('blog_subscribers')
        .values({
          id,
          email,
          status: 'active',
          created_at: t.clock.now(),
          confirmed_at: t.clock.now(),
          unsubscribed_at: null,
        })
        .execute();
    }
    const secret = t.deps.secrets.cookieSecret;
    const tries = [
      `s=${b}&t=${linkToken(secret, 'unsubscribe', a)}`, // a's token on b
      `s=${a}&t=${linkToken(secret, 'confirm', a)}`, // the confirm token used to unsubscribe
      `s=${a}`,
      `s=${a}&t=`,
      `s=${a}&s=${b}&t=${linkToken(secret, 'unsubscribe', a)}`,
    ];
    for (const q of tries) {
      assert.ok((await t.app.inject({ url: `/blog/unsubscribe?${q}` })).statusCode >= 400, q);
      const res = await t.app.inject({
        method: 'POST',
        url: `/blog/unsubscribe?${q}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${q} → ${res.statusCode}`);
    }
    const rows = await db.selectFrom('blog_subscribers').select('status').where('id', 'in', [a, b]).execute();
    assert.deepEqual(
      rows.map((r) => r.status),
      ['active', 'active'],
    );
  });
});
