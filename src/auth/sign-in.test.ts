import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { deliverDueMail } from '../mail/index.ts';
import { addressOf, startCaptureServer } from '../mail/testing.ts';
import { hashToken } from '../security/index.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { addUser, askForLink, followLink, linksInOutbox } from './testing.ts';

const COACH = 'coach@example.test';

forEachEngine('sign-in by emailed link', (engine) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestApp(engine);
    await addUser(t.deps, COACH, 'owner', 'Robin Coach');
  });
  afterEach(() => t.close());

  const tokens = () => t.deps.dbh.db.selectFrom('auth_tokens').selectAll().execute();

  it('emails a link whose token is stored only as a hash', async () => {
    const res = await askForLink(t.app, 'Coach@Example.test ');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in/sent');
    const [link] = await linksInOutbox(t.deps, COACH);
    assert.ok(link, 'a sign-in email is in the outbox');
    assert.equal(link.origin + link.pathname, `${t.deps.config.publicUrl}/sign-in/verify`);
    const token = link.searchParams.get('token')!;
    const rows = await tokens();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, hashToken(token));
    assert.equal(rows[0]!.purpose, 'sign_in');
    assert.ok(!JSON.stringify(rows).includes(token), 'the raw token is nowhere in auth_tokens');
    const sent = await getPage(t.app, '/sign-in/sent', new CookieJar());
    assert.match(sent.body, /Check your email/);
  });

  it('signs in once; the same link then no longer works', async () => {
    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    const first = await followLink(t.app, link!);
    assert.equal(first.res.statusCode, 303);
    assert.equal(first.res.headers.location, '/admin');
    const setCookie = String(first.res.headers['set-cookie']);
    assert.match(setCookie, /tandem_session=[^;]+;.*HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.doesNotMatch(setCookie, /Secure/, 'no Secure flag on plain http');
    const admin = await getPage(t.app, '/admin', first.jar);
    assert.equal(admin.status, 200);
    assert.match(admin.body, /Robin/);

    const second = await followLink(t.app, link!);
    assert.equal(second.res.statusCode, 400);
    assert.match(second.res.body, /This link no longer works/);
    // Pressing the button of an already-open page again fails too (a second POST).
    const jar = new CookieJar();
    const page = await getPage(t.app, '/sign-in', jar);
    const replay = await postForm(
      t.app,
      '/sign-in/verify',
      { _csrf: page.csrf!, token: link!.searchParams.get('token')! },
      jar,
    );
    assert.equal(replay.statusCode, 400);
    assert.equal(jar.get('tandem_session'), undefined);
  });

  it('opening the link does not use it up (mail scanners prefetch links)', async () => {
    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    const peek = await getPage(t.app, link!.pathname + link!.search, new CookieJar());
    assert.equal(peek.status, 200);
    assert.match(peek.body, /<form method="post" action="\/sign-in\/verify"/);
    assert.equal(peek.headers['cache-control'], 'no-store');
    const { res } = await followLink(t.app, link!);
    assert.equal(res.statusCode, 303);
  });

  it('expires after 15 minutes', async () => {
    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    t.clock.advance(15 * 60_000);
    const { res } = await followLink(t.app, link!);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This link no longer works/);
    assert.match(res.body, /href="\/sign-in"/);
  });

  it('still works just before 15 minutes', async () => {
    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    t.clock.advance(15 * 60_000 - 1);
    const { res } = await followLink(t.app, link!);
    assert.equal(res.statusCode, 303);
  });

  it('answers an unknown address, or a client, exactly the same, without mail', async () => {
    await addUser(t.deps, 'client@example.test', 'client');
    const known = await askForLink(t.app, COACH);
    for (const email of ['nobody@example.test', 'client@example.test']) {
      const res = await askForLink(t.app, email);
      assert.equal(res.statusCode, known.statusCode);
      assert.equal(res.headers.location, known.headers.location);
      assert.equal(res.body, known.body);
      assert.deepEqual(await linksInOutbox(t.deps, email), []);
    }
    assert.equal((await tokens()).length, 1);
  });

  it('returns to a same-site next path, and ignores an absolute one', async () => {
    await askForLink(t.app, COACH, { next: '/admin/audit?before=1' });
    const [link] = await linksInOutbox(t.deps, COACH);
    const { res } = await followLink(t.app, link!);
    assert.equal(res.headers.location, '/admin/audit?before=1');

    for (const next of ['https://evil.example/admin', '//evil.example/admin', '/\\evil.example']) {
      await askForLink(t.app, COACH, { next });
      const links = await linksInOutbox(t.deps, COACH);
      const latest = links.at(-1)!;
      assert.equal(latest.searchParams.get('next'), null);
      // Even a next slipped into the link by hand is ignored.
      latest.searchParams.set('next', next);
      const out = await followLink(t.app, latest);
      assert.equal(out.res.headers.location, '/admin');
    }
  });

  it('refuses a form without its CSRF token, keeping what was typed', async () => {
    const res = await postForm(t.app, '/sign-in', { email: COACH }, new CookieJar());
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /value="coach@example.test"/);
    assert.deepEqual(await linksInOutbox(t.deps, COACH), []);

    await askForLink(t.app, COACH);
    const [link] = await linksInOutbox(t.deps, COACH);
    const verify = await postForm(
      t.app,
      '/sign-in/verify',
      { token: link!.searchParams.get('token')! },
      new CookieJar(),
    );
    assert.equal(verify.statusCode, 403);
    // The link was not used up by the refused attempt.
    const { res: ok } = await followLink(t.app, link!);
    assert.equal(ok.statusCode, 303);
  });

  it('shows the form again for an address that is not one', async () => {
    const res = await askForLink(t.app, 'not an address');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter an email address like/);
    assert.match(res.body, /value="not an address"/);
  });

  it('keeps at most five unused links per address in 15 minutes', async () => {
    const jar = new CookieJar();
    const page = await getPage(t.app, '/sign-in', jar);
    for (let i = 1; i <= 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: `192.0.2.${i}`, // different people's addresses: only the per-address limit applies
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: page.csrf!, email: COACH }).toString(),
      });
      assert.equal(res.statusCode, 303);
    }
    assert.equal((await linksInOutbox(t.deps, COACH)).length, 5);
    t.clock.advance(15 * 60_000 + 1);
    await askForLink(t.app, COACH);
    assert.equal((await linksInOutbox(t.deps, COACH)).length, 6);
  });

  it('limits how often one client address may ask', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askForLink(t.app, `someone${i}@example.test`)).statusCode);
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
  });

  it('removes links a day after they expired', async () => {
    await askForLink(t.app, COACH);
    t.clock.advance(2 * 24 * 3600_000);
    await askForLink(t.app, 'nobody@example.test');
    assert.equal((await tokens()).length, 0);
  });

  it('sends anyone signed out from a back-office page to sign in, and back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/audit?before=x' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent('/admin/audit?before=x')}`);
    const page = await getPage(t.app, res.headers.location!, new CookieJar());
    assert.match(page.body, /name="next" value="\/admin\/audit\?before=x"/);
  });

  it('delivers the link by real SMTP, and the delivered link signs in', async () => {
    const smtp = await startCaptureServer();
    const ctx = await createTestApp(engine, { mailUrl: smtp.url });
    try {
      await addUser(ctx.deps, COACH, 'owner');
      await askForLink(ctx.app, COACH);
      assert.deepEqual(await deliverDueMail(ctx.deps), { sent: 1, failed: 0 });
      const [mail] = await smtp.waitFor(1);
      assert.equal(addressOf(mail!.to), COACH);
      const m = /https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(mail!.text ?? '');
      assert.ok(m, 'the email carries the link');
      const { res } = await followLink(ctx.app, new URL(m[0]));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin');
    } finally {
      await ctx.close();
      await smtp.stop();
    }
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const ctx = await createTestApp(engine, { publicUrl: 'https://coach.example', secureCookies: true });
    try {
      await addUser(ctx.deps, COACH, 'owner');
      await askForLink(ctx.app, COACH);
      const [link] = await linksInOutbox(ctx.deps, COACH);
      assert.equal(link!.origin, 'https://coach.example');
      const { res } = await followLink(ctx.app, link!);
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers['set-cookie']), /tandem_session=[^;]+;[^,]*Secure/);
    } finally {
      await ctx.close();
    }
  });
});
