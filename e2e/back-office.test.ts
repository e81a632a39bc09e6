import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ownerSetupLinkIfNeeded, SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addUser, linksInOutbox } from '../src/auth/testing.ts';
import type { Deps } from '../src/deps.ts';
import { startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

// The coach's first start and sign-in in Debian's Chromium, with JavaScript off, then axe-core on
// every page of the way. A browser that hangs must fail the run, not stall it.
describe('setup, sign-in and the back office in a real browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  let url: string;
  let deps: Deps;
  let closeSite: () => Promise<void>;

  before(async () => {
    const site = await startTestSite();
    ({ url, deps } = site);
    closeSite = site.close;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
  });

  const path = (page: Page) => new URL(page.url()).pathname;

  it('the coach sets up the practice, signs out, and signs back in by emailed link, with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto((await ownerSetupLinkIfNeeded(deps))!);
    await page.getByLabel('Your name').fill('Robin Coach');
    await page.getByLabel('Your email address').fill('robin@example.test');
    await page.getByRole('button', { name: 'Create the account and sign in' }).click();
    assert.equal(path(page), '/admin');

    await page.getByRole('link', { name: 'Signed-in devices' }).click();
    assert.match(await page.locator('main').innerText(), /this device/);
    await page.getByRole('link', { name: 'Audit log' }).click();
    assert.match(await page.locator('main').innerText(), /Created the coach account/);

    await page
      .getByRole('button', { name: /Sign out/ })
      .first()
      .click();
    assert.equal(path(page), '/');
    await page.goto(url + '/admin/audit');
    assert.equal(path(page), '/sign-in');
    await page.getByLabel('Email address').fill('robin@example.test');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    assert.match(await page.locator('h1').innerText(), /Check your email/);

    const [link] = await linksInOutbox(deps, 'robin@example.test');
    await page.goto(link!.toString());
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(path(page), '/admin/audit', 'back where the coach was going');
    await context.close();
  });

  it('axe-core finds no violation on the sign-in, setup and back-office pages, light or dark', async () => {
    // axe needs script: this context runs it (bypassing our CSP); the pages themselves have none.
    const check = async (ctx: BrowserContext, target: string, where: string, act?: (page: Page) => Promise<void>) => {
      const page = await ctx.newPage();
      await page.goto(url + target);
      if (act) await act(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `${where} (${colorScheme}):\n${describeViolations(v)}`);
      }
      await page.close();
    };
    const anon = await browser.newContext({ bypassCSP: true });
    await check(anon, '/sign-in', 'sign-in');
    await check(anon, '/sign-in', 'sign-in with an error', (p) =>
      p.getByRole('button', { name: 'Email me a sign-in link' }).click(),
    );
    await check(anon, '/sign-in/sent', 'check your email');
    await check(anon, '/sign-in/verify?token=' + 'x'.repeat(43), 'link no longer works');
    await check(anon, '/setup?token=' + 'x'.repeat(43), 'setup link refused');

    const coachId = await addUser(deps, 'second@example.test', 'coach', 'Sam Second');
    const token = await startSession(
      deps.dbh.db,
      coachId,
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      deps.clock.now(),
    );
    const coach = await browser.newContext({ bypassCSP: true });
    await coach.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
    await check(coach, '/admin', 'dashboard');
    await check(coach, '/admin/sessions', 'signed-in devices');
    await check(coach, '/admin/audit', 'audit log');
    await check(coach, '/sign-out', 'sign-out page');
    await anon.close();
    await coach.close();
  });
});
