import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { createSignInLink, userByEmail } from './index.ts';
import { SoftPasskey } from './passkey-testing.ts';
import { addUser, askForLink, codesInOutbox, followLink, jarFor, linksInOutbox, postCode } from './testing.ts';

const COACH = 'coach@example.test';
const CLIENT = 'client@example.test';

/** The CSRF token a page hands its passkey script. */
async function pageCsrf(app: FastifyInstance, url: string, jar: CookieJar): Promise<string> {
  const page = await getPage(app, url, jar);
  const m = /data-csrf="([^"]+)"/.exec(page.body);
  assert.ok(m, `no passkey box on ${url}`);
  return m[1]!;
}

async function postJson(app: FastifyInstance, url: string, body: unknown, jar: CookieJar, csrf?: string) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: jar.header(),
      'content-type': 'application/json',
      accept: 'application/json',
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    payload: JSON.stringify(body),
  });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  return res;
}

/** Adds a software passkey to the account behind the jar, as the page's script would. */
async function addSoftPasskey(app: FastifyInstance, origin: string, jar: CookieJar, name = 'Test key') {
  const csrf = await pageCsrf(app, '/account/passkeys', jar);
  const options = await postJson(app, '/account/passkeys/options', {}, jar, csrf);
  assert.equal(options.statusCode, 200, options.body);
  const key = new SoftPasskey(origin);
  const res = await postJson(
    app,
    '/account/passkeys/verify',
    { response: key.register(options.json()), name },
    jar,
    csrf,
  );
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().redirect, '/account/passkeys?done=added');
  return key;
}

/** Signs in with a passkey from a fresh browser; returns the verify answer and the jar. */
async function passkeySignIn(app: FastifyInstance, key: SoftPasskey, next = '') {
  const jar = new CookieJar();
  const csrf = await pageCsrf(app, '/sign-in', jar);
  const options = await postJson(app, '/sign-in/passkey/options', {}, jar, csrf);
  assert.equal(options.statusCode, 200);
  const answer = key.authenticate(options.json());
  const res = await postJson(app, '/sign-in/passkey/verify', { response: answer, next }, jar, csrf);
  return { res, jar, answer, csrf };
}

forEachEngine('passkeys', (engine) => {
  let t: TestContext;
  let coach: CookieJar;
  let origin: string;
  beforeEach(async () => {
    t = await createTestApp(engine);
    origin = new URL(t.deps.config.publicUrl).origin;
    coach = await jarFor(t.deps, await addUser(t.deps, COACH, 'owner', 'Robin Coach'));
  });
  afterEach(() => t.close());

  const audit = async () =>
    (await t.deps.dbh.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);

  it('sends anonymous visitors to sign in, and refuses their posts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/account/passkeys' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent('/account/passkeys')}`);
    for (const url of [
      '/account/passkeys',
      '/account/passkeys/options',
      '/account/passkeys/verify',
      '/account/passkeys/require',
      '/account/passkeys/00000000-0000-4000-8000-000000000000/remove',
    ]) {
      const post = await t.app.inject({ method: 'POST', url, payload: {} });
      assert.equal(post.statusCode, 401, url);
    }
  });

  it('shows the coach the page in the back office, and a client in the public frame', async () => {
    const page = await getPage(t.app, '/account/passkeys', coach);
    assert.equal(page.status, 200);
    assert.match(page.body, /back office/);
    assert.match(page.body, /You have no passkeys yet/);
    assert.match(page.body, /Once you have a passkey, you can ask/);
    assert.match(page.body, /<noscript>/);
    assert.match(page.body, /<script src="\/auth\/passkeys.js" defer/);
    const client = await jarFor(t.deps, await addUser(t.deps, CLIENT, 'client'));
    const cpage = await getPage(t.app, '/account/passkeys', client);
    assert.equal(cpage.status, 200);
    assert.match(cpage.body, /Back to your portal/);
    assert.doesNotMatch(cpage.body, /Require a passkey/);
    const csrf = await pageCsrf(t.app, '/account/passkeys', client);
    const refused = await postForm(t.app, '/account/passkeys/require', { _csrf: csrf, require: 'on' }, client);
    assert.equal(refused.statusCode, 403);
  });

  it('serves the passkey scripts from this site', async () => {
    for (const url of ['/auth/passkeys.js', '/auth/webauthn-browser.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /text\/javascript/);
    }
    const lib = await t.app.inject({ method: 'GET', url: '/auth/webauthn-browser.js' });
    assert.match(lib.body, /SimpleWebAuthnBrowser/);
    const signIn = await getPage(t.app, '/sign-in', new CookieJar());
    assert.match(signIn.body, /data-passkey="sign-in"[^>]*hidden/);
    assert.match(signIn.body, /Signing in with a passkey needs JavaScript/);
  });

  it('adds a passkey, lists it, signs in with it once per challenge, and removes it', async () => {
    const key = await addSoftPasskey(t.app, origin, coach, 'Work laptop');
    const page = await getPage(t.app, '/account/passkeys?done=added', coach);
    assert.match(page.body, /Passkey added/);
    assert.match(page.body, /Work laptop/);
    assert.match(page.body, /Not yet/);
    const rows = await t.deps.dbh.db.selectFrom('passkeys').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.credential_id, key.credentialId);

    const { res, jar, answer, csrf } = await passkeySignIn(t.app, key, '/admin/audit');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().redirect, '/admin/audit');
    assert.match(String(res.headers['set-cookie']), /tandem_session=/);
    assert.equal((await getPage(t.app, '/admin', jar)).status, 200);
    const used = await t.deps.dbh.db.selectFrom('passkeys').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(used.counter), 1);
    assert.notEqual(used.last_used_at, null);
    // The same answer again: its challenge was used up.
    const replay = await postJson(t.app, '/sign-in/passkey/verify', { response: answer }, new CookieJar(), csrf);
    assert.ok([400, 403].includes(replay.statusCode), String(replay.statusCode));
    assert.equal((await postJson(t.app, '/sign-in/passkey/verify', { response: answer }, jar, csrf)).statusCode, 400);

    const removeCsrf = (await getPage(t.app, '/account/passkeys', coach)).csrf!;
    const gone = await postForm(t.app, `/account/passkeys/${used.id}/remove`, { _csrf: removeCsrf }, coach);
    assert.equal(gone.statusCode, 303);
    assert.equal(gone.headers.location, '/account/passkeys?done=removed');
    assert.equal((await t.deps.dbh.db.selectFrom('passkeys').selectAll().execute()).length, 0);
    const after = await passkeySignIn(t.app, key);
    assert.equal(after.res.statusCode, 400);
    assert.match(after.res.json().message, /does not know that passkey/);
    const actions = await audit();
    for (const a of ['auth.passkey_added', 'auth.passkey_sign_in', 'auth.passkey_removed'])
      assert.ok(actions.includes(a), a);
  });

  it('signs a client in with a passkey and sends them to the portal', async () => {
    const client = await jarFor(t.deps, await addUser(t.deps, CLIENT, 'client'));
    const key = await addSoftPasskey(t.app, origin, client);
    const { res } = await passkeySignIn(t.app, key, '/admin');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().redirect, '/portal');
  });

  it('refuses an answer made for another site, a missing CSRF token, and malformed bodies, in words', async () => {
    const csrf = await pageCsrf(t.app, '/account/passkeys', coach);
    const options = await postJson(t.app, '/account/passkeys/options', {}, coach, csrf);
    const phish = new SoftPasskey('https://evil.example');
    const res = await postJson(
      t.app,
      '/account/passkeys/verify',
      { response: phish.register(options.json()) },
      coach,
      csrf,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /could not be checked|too long/);
    const noCsrf = await postJson(t.app, '/sign-in/passkey/options', {}, new CookieJar());
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.json().message, /reload/);
    for (const body of [{}, { response: 'x' }, { response: { id: '<script>', type: 'public-key' } }, []]) {
      const bad = await postJson(t.app, '/sign-in/passkey/verify', body, coach, csrf);
      assert.equal(bad.statusCode, 400, JSON.stringify(body));
      assert.ok(bad.json().message);
    }
    const junk = await t.app.inject({
      method: 'POST',
      url: '/sign-in/passkey/verify',
      headers: { cookie: coach.header(), 'content-type': 'application/json', 'x-csrf-token': csrf },
      payload: '{not json',
    });
    assert.ok(junk.statusCode >= 400 && junk.statusCode < 500, String(junk.statusCode));
  });

  it('finds nothing when removing a passkey that is not yours', async () => {
    const client = await jarFor(t.deps, await addUser(t.deps, CLIENT, 'client'));
    await addSoftPasskey(t.app, origin, client);
    const theirs = await t.deps.dbh.db.selectFrom('passkeys').select('id').executeTakeFirstOrThrow();
    const csrf = (await getPage(t.app, '/account/passkeys', coach)).csrf!;
    const res = await postForm(t.app, `/account/passkeys/${theirs.id}/remove`, { _csrf: csrf }, coach);
    assert.equal(res.statusCode, 404);
    assert.equal((await t.deps.dbh.db.selectFrom('passkeys').selectAll().execute()).length, 1);
  });

  it('requires a passkey for the back office when the coach asks; the CLI link stays the way back in', async () => {
    const csrf = (await getPage(t.app, '/account/passkeys', coach)).csrf!;
    const early = await postForm(t.app, '/account/passkeys/require', { _csrf: csrf, require: 'on' }, coach);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Add a passkey first/);

    const key = await addSoftPasskey(t.app, origin, coach);
    const page = await getPage(t.app, '/account/passkeys', coach);
    assert.match(page.body, /npm run tandem -- sign-in-link --email coach@example.test/);
    const on = await postForm(t.app, '/account/passkeys/require', { _csrf: page.csrf!, require: 'on' }, coach);
    assert.equal(on.statusCode, 303);
    assert.equal((await userByEmail(t.deps.dbh.db, COACH))!.require_passkey, 1);

    // The sign-in page answers as always, but the email carries no link or code.
    await askForLink(t.app, COACH);
    assert.deepEqual(await linksInOutbox(t.deps, COACH), []);
    const note = await t.deps.dbh.db
      .selectFrom('outbox')
      .select('text_sealed')
      .where('kind', '=', 'auth.passkey_needed')
      .executeTakeFirstOrThrow();
    assert.match(t.deps.sealer.open(note.text_sealed), /only with a passkey/);

    // A link emailed before the requirement was set does not open the back office either.
    await postForm(t.app, '/account/passkeys/require', { _csrf: page.csrf!, require: 'off' }, coach);
    await askForLink(t.app, COACH);
    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    await postForm(t.app, '/account/passkeys/require', { _csrf: page.csrf!, require: 'on' }, coach);
    const byLink = await followLink(t.app, link!);
    assert.equal(byLink.res.statusCode, 403);
    assert.match(byLink.res.body, /This account signs in with a passkey/);
    assert.equal(byLink.jar.get('tandem_session'), undefined);
    const byCode = await postCode(t.app, COACH, (await codesInOutbox(t.deps, COACH))[1]!);
    assert.equal(byCode.res.statusCode, 403);

    // The passkey works, and so does the server's link.
    assert.equal((await passkeySignIn(t.app, key)).res.statusCode, 200);
    const owner = (await userByEmail(t.deps.dbh.db, COACH))!;
    const cli = await createSignInLink(t.deps.dbh.db, t.deps, owner, null);
    const recovered = await followLink(t.app, new URL(cli));
    assert.equal(recovered.res.statusCode, 303);
    assert.equal(recovered.res.headers.location, '/admin');

    // Removing the last passkey turns the requirement off, so nobody is locked out.
    const id = (await t.deps.dbh.db.selectFrom('passkeys').select('id').executeTakeFirstOrThrow()).id;
    const csrf2 = (await getPage(t.app, '/account/passkeys', coach)).csrf!;
    const removed = await postForm(t.app, `/account/passkeys/${id}/remove`, { _csrf: csrf2 }, coach);
    assert.equal(removed.headers.location, '/account/passkeys?done=removed_requirement_off');
    assert.equal((await userByEmail(t.deps.dbh.db, COACH))!.require_passkey, 0);
    const actions = await audit();
    assert.ok(actions.includes('auth.passkey_requirement_on'));
    assert.ok(actions.includes('auth.passkey_requirement_off'));
  });
});
