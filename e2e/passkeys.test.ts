import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addUser } from '../src/auth/testing.ts';
import type { Deps } from '../src/deps.ts';
import { type CaptureServer, startCaptureServer } from '../src/mail/testing.ts';
import { axeViolations, describeViolations, launchBrowser, startLocalhostSite, withAuthenticator } from './support.ts';

// Passkeys in Debian's Chromium with its virtual authenticator (CDP WebAuthn domain): a real
// WebAuthn ceremony end to end, checked by @simplewebauthn/server. WebAuthn needs a secure context
// and a domain as the RP ID (an IP address is refused), so the site's public address is
// http://localhost:<port>.
describe('passkeys in a real browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  let base: string;
  let deps: Deps;
  let smtp: CaptureServer;
  let closeSite: () => Promise<void>;
  const COACH = 'robin@example.test';

  before(async () => {
    smtp = await startCaptureServer();
    const site = await startLocalhostSite(smtp.url);
    deps = site.deps;
    base = deps.config.publicUrl;
    closeSite = site.close;
    await addUser(deps, COACH, 'owner', 'Robin Coach');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
    await smtp?.stop();
  });

  const path = (page: Page) => new URL(page.url()).pathname;

  it('the coach signs in by emailed link, adds a passkey, signs out, signs in with it, and removes it', async () => {
    const context = await browser.newContext();
    const { page, credentials } = await withAuthenticator(context);

    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(COACH);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    assert.match(await page.locator('h1').innerText(), /Check your email/);
    const [mail] = await smtp.waitFor(1, 10_000);
    const link = /https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(mail!.text ?? '')?.[0];
    assert.ok(link, 'the email carries the link');
    assert.match(mail!.text ?? '', /type this code: \d{6}/);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(path(page), '/admin');

    await page.goto(`${base}/account/passkeys`);
    assert.match(await page.locator('main').innerText(), /You have no passkeys yet/);
    await page.getByLabel('Name for this passkey (optional)').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL(/\/account\/passkeys\?done=added/, { timeout: 15_000 });
    const main = await page.locator('main').innerText();
    assert.match(main, /Passkey added/);
    assert.match(main, /Test laptop/);
    assert.match(main, /Not yet/);
    const made = await credentials();
    assert.equal(made.length, 1);
    assert.equal(made[0]!.isResidentCredential, true);

    await page
      .getByRole('button', { name: /Sign out/ })
      .first()
      .click();
    assert.equal(path(page), '/');
    await page.goto(`${base}/admin`);
    assert.equal(path(page), '/sign-in');

    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${base}/admin`, { timeout: 15_000 });
    assert.equal(path(page), '/admin');

    await page.goto(`${base}/account/passkeys`);
    assert.doesNotMatch(await page.locator('tbody').innerText(), /Not yet/, 'last used is shown');
    await page.getByRole('button', { name: 'Remove the passkey Test laptop' }).click();
    assert.match(await page.locator('main').innerText(), /Passkey removed/);
    assert.match(await page.locator('main').innerText(), /You have no passkeys yet/);
    const audit = await deps.dbh.db.selectFrom('audit_log').select('action').execute();
    for (const a of ['auth.passkey_added', 'auth.passkey_sign_in', 'auth.passkey_removed'])
      assert.ok(
        audit.some((r) => r.action === a),
        a,
      );
    await context.close();
  });

  it('with JavaScript off, the passkey button is absent, a sentence says why, and email sign-in still works', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).count(), 0);
    assert.match(await page.locator('main').innerText(), /Signing in with a passkey needs JavaScript/);
    await page.getByRole('link', { name: 'Type the code' }).click();
    assert.equal(path(page), '/sign-in/code');
    await page.getByLabel('Email address').fill(COACH);
    await page.getByLabel('Code from the email').fill('12');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.locator('main').innerText(), /The code is 6 digits/);
    assert.equal(await page.getByLabel('Email address').inputValue(), COACH, 'what was typed is kept');
    await context.close();
  });

  it('axe-core finds no violation on /account/passkeys and /sign-in/code, light or dark', async () => {
    const check = async (ctx: BrowserContext, target: string, where: string, act?: (page: Page) => Promise<void>) => {
      const page = await ctx.newPage();
      await page.goto(base + target);
      if (act) await act(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `${where} (${colorScheme}):\n${describeViolations(v)}`);
      }
      await page.close();
    };
    const anon = await browser.newContext({ bypassCSP: true });
    await check(anon, '/sign-in', 'coach sign-in with the passkey button');
    await check(anon, '/sign-in/code', 'sign in with a code');
    await check(anon, '/sign-in/code', 'sign in with a code, with errors', (p) =>
      p.getByRole('button', { name: 'Sign in' }).click(),
    );

    const coachId = (await deps.dbh.db.selectFrom('users').select('id').where('email', '=', COACH).executeTakeFirst())!
      .id;
    const coach = await browser.newContext({ bypassCSP: true });
    await coach.addCookies([
      { name: SESSION_COOKIE, value: await startSession(deps.dbh.db, coachId, 'test', Date.now()), url: base },
    ]);
    await check(coach, '/account/passkeys', 'passkeys (coach, none yet)');
    await deps.dbh.db
      .insertInto('passkeys')
      .values({
        id: 'e2e-passkey',
        user_id: coachId,
        credential_id: 'e2e-credential',
        public_key: 'AA',
        counter: 0,
        transports: '[]',
        device_type: 'singleDevice',
        backed_up: 0,
        name: 'Phone',
        created_at: Date.now(),
        last_used_at: null,
      })
      .execute();
    await check(coach, '/account/passkeys', 'passkeys (coach, one listed, with the requirement setting)');
    const clientId = await addUser(deps, 'sam@example.test', 'client', 'Sam Client');
    const client = await browser.newContext({ bypassCSP: true });
    await client.addCookies([
      { name: SESSION_COOKIE, value: await startSession(deps.dbh.db, clientId, 'test', Date.now()), url: base },
    ]);
    await check(client, '/account/passkeys', 'passkeys (client)');
    await anon.close();
    await coach.close();
    await client.close();
  });
});
