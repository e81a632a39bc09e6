import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import { ensureClientAccount, issueSignIn, MAX_CODE_ATTEMPTS, SIGN_IN_LINKS_PER_WINDOW } from './index.ts';
import { addUser, askForLink, codesInOutbox, followLink, linksInOutbox, postCode } from './testing.ts';

const COACH = 'coach@example.test';
const CLIENT = 'client@example.test';

forEachEngine('sign-in by code, and for clients', (engine) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestApp(engine);
    await addUser(t.deps, COACH, 'owner', 'Robin Coach');
  });
  afterEach(() => t.close());

  const tokens = () => t.deps.dbh.db.selectFrom('auth_tokens').selectAll().execute();
  const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

  it('emails a code beside the link, stored only as a salted hash; the code signs in once', async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    assert.match(code!, /^\d{6}$/);
    const rows = await tokens();
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.code_hash?.startsWith('s1:'));
    assert.ok(!JSON.stringify(rows).includes(code!), 'the code is nowhere in auth_tokens');

    const page = await getPage(t.app, '/sign-in/code', new CookieJar());
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /autocomplete="one-time-code"/);

    const { res, jar } = await postCode(t.app, ' Coach@Example.test', code!.replace(/(\d{3})/, '$1 '));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    assert.equal((await getPage(t.app, '/admin', jar)).status, 200);

    const again = await postCode(t.app, COACH, code!);
    assert.equal(again.res.statusCode, 400);
    assert.match(again.res.body, /That code does not work/);
    assert.equal(again.jar.get('tandem_session'), undefined);
    // The link from the same email was used up with it.
    const [link] = await linksInOutbox(t.deps, COACH);
    assert.equal((await followLink(t.app, link!)).res.statusCode, 400);
  });

  it('refuses a wrong code in plain words, keeping what was typed, and signs nobody in', async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    const { res, jar } = await postCode(t.app, COACH, wrong(code!));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /That code does not work/);
    assert.match(res.body, /value="coach@example.test"/);
    assert.match(res.body, new RegExp(`value="${wrong(code!)}"`));
    assert.equal(jar.get('tandem_session'), undefined);
    // A right code after one wrong one still works.
    assert.equal((await postCode(t.app, COACH, code!)).res.statusCode, 303);
  });

  it('answers an unknown address like a wrong code, and checks the shape of what was typed', async () => {
    const unknown = await postCode(t.app, 'nobody@example.test', '123456');
    assert.equal(unknown.res.statusCode, 400);
    assert.match(unknown.res.body, /That code does not work/);
    const letters = await postCode(t.app, COACH, '12ab56');
    assert.equal(letters.res.statusCode, 400);
    assert.match(letters.res.body, /The code is 6 digits/);
    const empty = await postCode(t.app, '', '');
    assert.equal(empty.res.statusCode, 400);
    assert.match(empty.res.body, /Enter your email address/);
    assert.match(empty.res.body, /Enter the code from the email/);
    const huge = await postCode(t.app, COACH, '1'.repeat(5000));
    assert.equal(huge.res.statusCode, 400);
  });

  it(`kills the link after ${MAX_CODE_ATTEMPTS} wrong codes: then the right code and the link fail too`, async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const { res } = await postCode(t.app, COACH, wrong(code!), { ip: `192.0.2.${i + 1}` });
      assert.equal(res.statusCode, 400);
    }
    assert.equal((await tokens())[0]!.attempts, MAX_CODE_ATTEMPTS);
    const late = await postCode(t.app, COACH, code!, { ip: '192.0.2.99' });
    assert.equal(late.res.statusCode, 400);
    assert.equal(late.jar.get('tandem_session'), undefined);
    const [link] = await linksInOutbox(t.deps, COACH);
    assert.equal((await followLink(t.app, link!)).res.statusCode, 400);
  });

  it('a right code on the last allowed try still works', async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++) await postCode(t.app, COACH, wrong(code!));
    assert.equal((await postCode(t.app, COACH, code!)).res.statusCode, 303);
  });

  it('expires after 15 minutes', async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    t.clock.advance(15 * 60_000);
    const { res } = await postCode(t.app, COACH, code!);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /That code does not work/);
  });

  it('limits how often one client address may type a code', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await postCode(t.app, `someone${i}@example.test`, '123456')).res.statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(400), 429]);
  });

  it('refuses a code form without its CSRF token, keeping what was typed', async () => {
    await askForLink(t.app, COACH);
    const [code] = await codesInOutbox(t.deps, COACH);
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in/code',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: COACH, code: code! }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /value="coach@example.test"/);
    assert.equal((await tokens())[0]!.attempts, 0, 'a refused form spends no attempt');
  });

  it('ensureClientAccount makes a client account once, and never turns a coach into a client', async () => {
    const db = t.deps.dbh.db;
    const made = await ensureClientAccount(db, { email: ' Client@Example.test ', name: ' Sam Client ' }, 1);
    assert.equal(made.email, CLIENT);
    assert.equal(made.name, 'Sam Client');
    assert.equal(made.role, 'client');
    const again = await ensureClientAccount(db, { email: CLIENT, name: 'Other' }, 2);
    assert.equal(again.id, made.id);
    const coach = await ensureClientAccount(db, { email: COACH, name: 'Someone' }, 3);
    assert.equal(coach.role, 'owner');
    const [a, b] = await Promise.all([
      ensureClientAccount(db, { email: 'race@example.test', name: 'A' }, 4),
      ensureClientAccount(db, { email: 'race@example.test', name: 'B' }, 4),
    ]);
    assert.equal(a.id, b.id);
  });

  it('a client signs in by link or by code and lands in the portal; next is kept unless it is the back office', async () => {
    const client = await ensureClientAccount(t.deps.dbh.db, { email: CLIENT, name: 'Sam' }, t.clock.now());
    const first = await issueSignIn(t.deps.dbh.db, t.deps, client, null);
    assert.notEqual(first, 'too_many');
    if (first === 'too_many') return;
    assert.equal(first.expiresInMinutes, 15);
    const byLink = await followLink(t.app, new URL(first.url));
    assert.equal(byLink.res.statusCode, 303);
    assert.equal(byLink.res.headers.location, '/portal');

    const second = await issueSignIn(t.deps.dbh.db, t.deps, client, null);
    if (second === 'too_many') throw new Error('limit');
    const byCode = await postCode(t.app, CLIENT, second.code);
    assert.equal(byCode.res.headers.location, '/portal');

    const third = await issueSignIn(t.deps.dbh.db, t.deps, client, '/admin/clients');
    if (third === 'too_many') throw new Error('limit');
    assert.equal((await followLink(t.app, new URL(third.url))).res.headers.location, '/portal');
    const fourth = await issueSignIn(t.deps.dbh.db, t.deps, client, '/portal/goals');
    if (fourth === 'too_many') throw new Error('limit');
    assert.equal((await followLink(t.app, new URL(fourth.url))).res.headers.location, '/portal/goals');
    assert.equal((await postCode(t.app, CLIENT, fourth.code, { next: '/portal/goals' })).res.statusCode, 400);
  });

  it('issueSignIn keeps the per-address limit', async () => {
    const client = await ensureClientAccount(t.deps.dbh.db, { email: CLIENT, name: 'Sam' }, t.clock.now());
    for (let i = 0; i < SIGN_IN_LINKS_PER_WINDOW; i++)
      assert.notEqual(await issueSignIn(t.deps.dbh.db, t.deps, client, null), 'too_many');
    assert.equal(await issueSignIn(t.deps.dbh.db, t.deps, client, null), 'too_many');
    t.clock.advance(15 * 60_000 + 1);
    assert.notEqual(await issueSignIn(t.deps.dbh.db, t.deps, client, null), 'too_many');
  });

  it('the coach sign-in page still emails nothing to a client', async () => {
    await ensureClientAccount(t.deps.dbh.db, { email: CLIENT, name: 'Sam' }, t.clock.now());
    await askForLink(t.app, CLIENT);
    assert.deepEqual(await codesInOutbox(t.deps, CLIENT), []);
  });
});
