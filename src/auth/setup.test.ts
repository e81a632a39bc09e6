import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { hashToken } from '../security/index.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { ownerSetupLinkIfNeeded } from './auth.service.ts';
import { addUser } from './testing.ts';

forEachEngine('owner setup link', (engine) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestApp(engine);
  });
  afterEach(() => t.close());

  const pathOf = (link: string) => {
    const u = new URL(link);
    return u.pathname + u.search;
  };
  const submit = async (link: string, fields: Record<string, string>, jar = new CookieJar()) => {
    const page = await getPage(t.app, pathOf(link), jar);
    const token = new URL(link).searchParams.get('token')!;
    // A refused link shows no form; a token from another page keeps the POST about the link alone.
    const csrf = page.csrf ?? (await getPage(t.app, '/sign-in', jar)).csrf!;
    const res = await postForm(t.app, '/setup', { _csrf: csrf, token, ...fields }, jar);
    return { page, res, jar };
  };
  const owners = () => t.deps.dbh.db.selectFrom('users').selectAll().where('role', '=', 'owner').execute();

  it('creates the owner once, signs them in, and stores only a hash', async () => {
    const link = (await ownerSetupLinkIfNeeded(t.deps))!;
    assert.match(link, new RegExp(`^${t.deps.config.publicUrl}/setup\\?token=[A-Za-z0-9_-]{43}$`));
    const token = new URL(link).searchParams.get('token')!;
    const stored = await t.deps.dbh.db.selectFrom('auth_tokens').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.token_hash, hashToken(token));
    assert.equal(stored[0]!.expires_at, t.clock.now() + 24 * 3600_000);
    assert.ok(!JSON.stringify(stored).includes(token));

    const { page, res, jar } = await submit(link, { name: 'Sam Rivers', email: 'Sam@Example.test' });
    assert.equal(page.status, 200);
    assert.match(page.body, /Create the coach account/);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const [owner] = await owners();
    assert.equal(owner?.email, 'sam@example.test');
    assert.equal(owner?.name, 'Sam Rivers');
    const admin = await getPage(t.app, '/admin', jar);
    assert.equal(admin.status, 200);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select('action').orderBy('action').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['auth.owner_created', 'auth.sign_in'],
    );

    // Used: neither the link nor a new one works any more.
    const again = await submit(link, { name: 'Someone Else', email: 'else@example.test' });
    assert.equal(again.page.status, 400);
    assert.equal(again.res.statusCode, 400);
    assert.match(again.res.body, /This link no longer works/);
    assert.equal((await owners()).length, 1);
    assert.equal(await ownerSetupLinkIfNeeded(t.deps), null);
  });

  it('is refused once an owner exists, even with an unused link', async () => {
    const link = (await ownerSetupLinkIfNeeded(t.deps))!;
    await addUser(t.deps, 'first@example.test', 'owner');
    const { page, res } = await submit(link, { name: 'Late Comer', email: 'late@example.test' });
    assert.equal(page.status, 400);
    assert.match(page.body, /already has its coach account/);
    assert.equal(res.statusCode, 400);
    assert.equal((await owners()).length, 1);
  });

  it('stops every other setup link when one is used', async () => {
    const a = (await ownerSetupLinkIfNeeded(t.deps))!;
    const b = (await ownerSetupLinkIfNeeded(t.deps))!;
    assert.equal((await submit(a, { name: 'Sam Rivers', email: 'sam@example.test' })).res.statusCode, 303);
    const second = await submit(b, { name: 'Other Owner', email: 'other@example.test' });
    assert.equal(second.res.statusCode, 400);
    assert.equal((await owners()).length, 1);
  });

  it('expires after 24 hours', async () => {
    const link = (await ownerSetupLinkIfNeeded(t.deps))!;
    t.clock.advance(24 * 3600_000);
    const { page, res } = await submit(link, { name: 'Sam Rivers', email: 'sam@example.test' });
    assert.equal(page.status, 400);
    assert.match(page.body, /create-owner/);
    assert.equal(res.statusCode, 400);
    assert.equal((await owners()).length, 0);
  });

  it('shows the form again with what was typed when something is missing, without using the link', async () => {
    const link = (await ownerSetupLinkIfNeeded(t.deps))!;
    const { res, jar } = await submit(link, { name: '', email: 'sam@example.test' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter your name/);
    assert.match(res.body, /value="sam@example.test"/);
    const page = await getPage(t.app, pathOf(link), jar);
    assert.equal(page.status, 200, 'the link still works');
  });

  it('refuses a post without its CSRF token and keeps the values', async () => {
    const link = (await ownerSetupLinkIfNeeded(t.deps))!;
    const token = new URL(link).searchParams.get('token')!;
    const res = await postForm(
      t.app,
      '/setup',
      { token, name: 'Sam Rivers', email: 'sam@example.test' },
      new CookieJar(),
    );
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /value="Sam Rivers"/);
    assert.equal((await owners()).length, 0);
  });

  it('refuses an unknown token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/setup?token=' + 'x'.repeat(43) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This link no longer works/);
  });
});
