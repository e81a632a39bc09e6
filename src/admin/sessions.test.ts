import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { addUser, jarFor } from '../auth/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

forEachEngine('signed-in devices', (engine) => {
  let t: TestContext;
  let coachId: string;
  beforeEach(async () => {
    t = await createTestApp(engine);
    coachId = await addUser(t.deps, 'coach@example.test', 'owner', 'Robin Coach');
  });
  afterEach(() => t.close());

  const isAnonymous = async (jar: CookieJar) => {
    const res = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: jar.header() } });
    return res.statusCode === 303 && res.headers.location === '/sign-in?next=%2Fadmin';
  };

  it('lists the sessions and marks this device', async () => {
    const laptop = await jarFor(t.deps, coachId, FIREFOX);
    t.clock.advance(60_000);
    await jarFor(t.deps, coachId, PHONE);
    const page = await getPage(t.app, '/admin/sessions', laptop);
    assert.equal(page.status, 200);
    assert.match(page.body, /Firefox on Linux<strong> \(this device\)<\/strong>/);
    assert.match(page.body, /Safari on an iPhone<\/td>/);
    assert.equal((page.body.match(/action="\/admin\/sessions\/sign-out"/g) ?? []).length, 2);
  });

  it('signing out another device makes its cookie anonymous', async () => {
    const laptop = await jarFor(t.deps, coachId, FIREFOX);
    const phone = await jarFor(t.deps, coachId, PHONE);
    assert.equal(await isAnonymous(phone), false);
    const page = await getPage(t.app, '/admin/sessions', laptop);
    const phoneId = (
      await t.deps.dbh.db.selectFrom('sessions').select('id').where('user_agent', '=', PHONE).executeTakeFirstOrThrow()
    ).id;
    assert.ok(page.body.includes(`name="session" value="${phoneId}"`), 'the page offers to sign the phone out');
    const res = await postForm(t.app, '/admin/sessions/sign-out', { _csrf: page.csrf!, session: phoneId }, laptop);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/sessions?signed_out=1');
    assert.equal(await isAnonymous(phone), true);
    assert.equal(await isAnonymous(laptop), false);
    const after = await getPage(t.app, res.headers.location, laptop);
    assert.match(after.body, /That device is signed out/);
    assert.doesNotMatch(after.body, /iPhone/);
    const audit = await t.deps.dbh.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'detail_json'])
      .execute();
    assert.deepEqual(audit, [
      { action: 'auth.session_revoked', actor_user_id: coachId, detail_json: '{"device":"Safari on an iPhone"}' },
    ]);
  });

  it("cannot sign out someone else's session", async () => {
    const otherId = await addUser(t.deps, 'other@example.test', 'coach');
    const other = await jarFor(t.deps, otherId);
    const otherSession = (
      await t.deps.dbh.db.selectFrom('sessions').select('id').where('user_id', '=', otherId).executeTakeFirstOrThrow()
    ).id;
    const mine = await jarFor(t.deps, coachId);
    const page = await getPage(t.app, '/admin/sessions', mine);
    const res = await postForm(t.app, '/admin/sessions/sign-out', { _csrf: page.csrf!, session: otherSession }, mine);
    assert.equal(res.headers.location, '/admin/sessions?signed_out=0');
    assert.equal(await isAnonymous(other), false);
  });

  it('refuses to sign a device out without the CSRF token', async () => {
    const laptop = await jarFor(t.deps, coachId);
    const phone = await jarFor(t.deps, coachId);
    const phoneSession = (await t.deps.dbh.db.selectFrom('sessions').select('id').orderBy('created_at').execute())[1]!
      .id;
    const res = await postForm(t.app, '/admin/sessions/sign-out', { session: phoneSession }, laptop);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /no device was signed out/);
    assert.equal(await isAnonymous(phone), false);
  });

  it('signs out this device', async () => {
    const jar = await jarFor(t.deps, coachId);
    const oldCookie = jar.header();
    const page = await getPage(t.app, '/admin', jar);
    const res = await postForm(t.app, '/sign-out', { _csrf: page.csrf! }, jar);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    assert.equal(jar.get('tandem_session'), undefined, 'the cookie is cleared');
    // Even a copy of the old cookie no longer opens anything.
    const replay = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: oldCookie } });
    assert.equal(replay.statusCode, 303);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select('action').execute();
    assert.deepEqual(audit, [{ action: 'auth.sign_out' }]);
  });

  it('asks again when the sign-out form had expired', async () => {
    const jar = await jarFor(t.deps, coachId);
    const res = await postForm(t.app, '/sign-out', {}, jar);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /<h1>Sign out<\/h1>/);
    assert.equal(await isAnonymous(jar), false);
  });

  it('a session unused for 31 days is anonymous; one in use stays', async () => {
    const idle = await jarFor(t.deps, coachId);
    const busy = await jarFor(t.deps, coachId);
    for (let day = 0; day < 31; day++) {
      t.clock.advance(24 * 3600_000);
      assert.equal(await isAnonymous(busy), false);
    }
    assert.equal(await isAnonymous(idle), true);
  });
});
