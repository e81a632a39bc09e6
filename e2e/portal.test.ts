import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addNote, type Client, clientByEmail, trackersFor } from '../src/clients/index.ts';
import type { Deps } from '../src/deps.ts';
import { startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

// The client portal in Debian's Chromium. With JavaScript off, a demo client signs in through the
// portal's form and the emailed link, sets a goal, adds and ticks off an action item, checks in,
// writes to the coach (an empty message comes back with a message, the typed text kept), sends a
// file and changes reminders. A private note the coach wrote never shows. axe-core finds nothing
// on any portal page, light or dark, with errors shown too.
describe('the client portal in a real browser', { timeout: 180_000 }, () => {
  let browser: Browser;
  let url: string;
  let deps: Deps;
  let closeSite: () => Promise<void>;
  let client: Client;

  const PRIVATE = 'Private to the coach: ask about the sister first';

  before(async () => {
    const site = await startTestSite({}, { demo: true });
    ({ url, deps } = site);
    closeSite = site.close;
    client = (await clientByEmail(deps.dbh.db, 'leila.haddad@example.net'))!;
    assert.ok(client, 'the demo practice has Leila');
    await addNote(deps, { userId: null, name: 'Dr. Maya Ellison' }, client.id, { kind: 'private', body: PRIVATE });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
  });

  /** The sign-in link emailed to the client last, read from the sealed outbox. */
  async function emailedLink(): Promise<string> {
    const row = await deps.dbh.db
      .selectFrom('outbox')
      .select(['text_sealed'])
      .where('kind', '=', 'portal.sign_in')
      .where('to_address', '=', client.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(deps.sealer.open(row.text_sealed))?.[0];
    assert.ok(link, 'the email has a sign-in link');
    return link;
  }

  const assertNoPrivate = async (page: Page, where: string) =>
    assert.doesNotMatch(await page.content(), /ask about the sister/, where);

  it('signs in and works through the portal with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/portal/goals`);
    assert.equal(new URL(page.url()).pathname, '/portal/sign-in', 'a visitor is sent to sign in');
    await page.getByLabel('Email address').fill(client.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    assert.match(await page.locator('h1').innerText(), /Check your email/);
    await page.goto(await emailedLink());
    await page.getByRole('button', { name: /Sign in/ }).click();
    assert.equal(new URL(page.url()).pathname, '/portal/goals', 'back where the client was going');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Home' }).click();
    assert.match(await page.locator('h1').innerText(), /Hello, Leila/);
    await assertNoPrivate(page, 'home');

    // Goals: an empty goal comes back with its message; then a goal and an action item, ticked off.
    await page.goto(`${url}/portal/goals`);
    await page.getByLabel('What reaching it looks like').fill('Kept while the title is missing');
    await page.getByRole('button', { name: 'Add goal' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Please write the goal/);
    assert.equal(await page.getByLabel('What reaching it looks like').inputValue(), 'Kept while the title is missing');
    await page.getByLabel('New goal', { exact: true }).fill('Sleep before midnight');
    await page.getByRole('button', { name: 'Add goal' }).click();
    assert.match(await page.locator('[role="status"]').innerText(), /Goal added/);
    const goalOption = page.locator('#f-goal option', { hasText: 'Sleep before midnight' });
    if ((await page.locator('#f-goal').count()) > 0)
      await page.locator('#f-goal').selectOption((await goalOption.getAttribute('value'))!);
    await page.getByLabel('New action item').fill('Phone out of the bedroom');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByRole('button', { name: /^Tick off\W+Phone out of the bedroom$/ }).click();
    assert.match(await page.locator('[role="status"]').innerText(), /Ticked off/);
    await page.getByRole('button', { name: /^Undo\W+Phone out of the bedroom$/ }).waitFor();

    // A check-in on each of Leila's trackers.
    const trackers = await trackersFor(deps, client.id);
    await page.goto(`${url}/portal/check-ins`);
    for (const t of trackers) await page.getByRole('combobox', { name: t.label, exact: true }).selectOption('6');
    await page.getByLabel('A note').fill('Better sleep this week.');
    await page.getByRole('button', { name: 'Send check-in' }).click();
    assert.match(await page.locator('[role="status"]').innerText(), /Check-in sent/);
    assert.equal(await page.locator('svg[role="img"]').count(), 1, 'the chart is drawn without script');

    // Messages: empty comes back kept; then one with a file.
    await page.goto(`${url}/portal/messages`);
    assert.match(await page.locator('main').innerText(), /not watched around the clock/);
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await page.getByLabel('Your message').fill('Here is the page');
    await page.getByRole('button', { name: 'Send message' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /cannot be shared|PDF/);
    assert.equal(await page.getByLabel('Your message').inputValue(), 'Here is the page');
    await page.getByLabel('Your message').fill('Thank you for last week.');
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'sleep-log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Mon 23:40\nTue 23:15\n'),
    });
    await page.getByRole('button', { name: 'Send message' }).click();
    assert.match(await page.locator('[role="status"]').innerText(), /Message sent/);
    assert.match(await page.locator('.portal-messages').innerText(), /Thank you for last week[\s\S]*sleep-log\.txt/);

    // Reminders: a wrong time comes back with what was typed.
    await page.goto(`${url}/portal/reminders`);
    await page.getByLabel('No reminder emails').check();
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await page.locator('[role="status"]').innerText(), /Saved/);
    assert.ok(await page.getByLabel('No reminder emails').isChecked());

    for (const path of ['/portal', '/portal/sessions', '/portal/files', '/portal/data']) {
      await page.goto(url + path);
      await assertNoPrivate(page, path);
    }
    await context.close();
  });

  it('axe-core finds no violation on any portal page, light or dark', async () => {
    const token = await startSession(deps.dbh.db, client.user_id ?? (await linkedUser()), 'e2e', deps.clock.now());
    const context: BrowserContext = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
    const anonymous = await browser.newContext({ bypassCSP: true });
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
    await check(anonymous, '/portal/sign-in', 'sign-in');
    await check(anonymous, '/portal/sign-in', 'sign-in with an error', (p) =>
      p.getByRole('button', { name: 'Email me a sign-in link' }).click(),
    );
    await check(anonymous, '/portal/sign-in/sent', 'check your email');
    for (const path of [
      '/portal',
      '/portal/sessions',
      '/portal/goals',
      '/portal/check-ins',
      '/portal/messages',
      '/portal/files',
      '/portal/data',
      '/portal/data/deletion',
      '/portal/reminders',
    ])
      await check(context, path, path);
    await check(context, '/portal/goals', 'goals with an error', (p) =>
      p.getByRole('button', { name: 'Add goal' }).click(),
    );
    await check(context, '/portal/messages', 'messages with an error', (p) =>
      p.getByRole('button', { name: 'Send message' }).click(),
    );
    await check(context, '/portal/files', 'files with an error', (p) =>
      p.getByRole('button', { name: 'Send file' }).click(),
    );
    await check(context, '/portal/check-ins', 'check-ins with an error', (p) =>
      p.getByRole('button', { name: 'Send check-in' }).click(),
    );
    await check(context, '/portal/reminders', 'reminders with an error', async (p) => {
      await p.getByLabel('Quiet from').fill('');
      await p.getByRole('button', { name: 'Save' }).click();
    });
    await context.close();
    await anonymous.close();
  });

  async function linkedUser(): Promise<string> {
    const fresh = await clientByEmail(deps.dbh.db, client.email);
    assert.ok(fresh?.user_id, 'the first test linked an account');
    return fresh.user_id;
  }
});
