import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE, startSession } from '../src/auth/sessions.ts';
import { submitContactRequest } from '../src/contact/contact.service.ts';
import { enqueueMail } from '../src/mail/index.ts';
import { newId } from '../src/security/index.ts';
import { startTestSite, type TestClock } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

// The contact form and its back-office pages in Debian's Chromium with JavaScript off. The server
// runs on a TestClock, so "a person took a few seconds" is a clock move, not a wait.
describe('contact form and outbox in a real browser', () => {
  let browser: Browser;
  let url: string;
  let clock: TestClock;
  let sessionToken: string;
  let closeSite: () => Promise<void>;

  before(async () => {
    const made = await startTestSite();
    ({ url, clock } = made);
    const owner = newId();
    await made.deps.dbh.db
      .insertInto('users')
      .values({ id: owner, email: 'coach@example.test', name: 'Test Coach', role: 'owner', created_at: clock.now() })
      .execute();
    sessionToken = await startSession(made.deps.dbh.db, owner, 'browser test', clock.now());
    await enqueueMail(made.deps.dbh.db, made.deps, {
      kind: 'test.note',
      to: 'someone@example.test',
      subject: 'A note',
      text: 'Hello.',
      html: '<p>Hello.</p>',
    });
    await submitContactRequest(made.deps, {
      name: 'Bo Reader',
      email: 'bo@example.test',
      phone: '+44 20 7946 0000',
      preferred: 'phone',
      message: 'First line.\n\nSecond paragraph.',
    });
    closeSite = made.close;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
  });

  it('a visitor sends the form with JavaScript off; the trap field is out of the Tab order', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url + '/contact');
    await page.getByLabel('Your name').fill('Ada Visitor');
    await page.getByLabel('Your email address').fill('ada@example.test');
    await page.getByLabel('By email').check();
    await page.getByLabel('Your message').fill('Hello, is there a free first call?');

    const focused: string[] = [];
    await page.getByLabel('Your name').focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? ''));
    }
    assert.ok(focused.includes('message'), `Tab reaches the message (${focused.join(', ')})`);
    assert.ok(!focused.includes('website'), 'Tab never lands on the trap field');

    clock.advance(10_000);
    await Promise.all([page.waitForURL('**/contact/sent'), page.getByRole('button', { name: 'Send message' }).click()]);
    assert.match(await page.locator('h1').innerText(), /Thank you/);
    await context.close();
  });

  it('axe-core finds no violation on the form with errors, the thank-you page and the back office', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url }]);
    const page = await context.newPage();

    await page.goto(url + '/contact');
    await page.getByLabel('Your email address').fill('not an email');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(await page.locator('.error-summary').innerText(), /need fixing/);
    const checked = ['/contact (with errors)'];
    let v = await axeViolations(page);
    assert.deepEqual(
      v.map((x) => x.id),
      [],
      `/contact with errors:\n${describeViolations(v)}`,
    );

    await page.goto(url + '/admin/contact');
    const requestHref = await page.locator('main table a').first().getAttribute('href');
    await page.goto(url + '/admin/outbox');
    const mailHref = await page.locator('main table a').first().getAttribute('href');
    for (const path of ['/contact/sent', '/admin/contact', requestHref!, '/admin/outbox', mailHref!]) {
      await page.goto(url + path);
      assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
      v = await axeViolations(page);
      assert.deepEqual(
        v.map((x) => x.id),
        [],
        `${path}:\n${describeViolations(v)}`,
      );
      checked.push(path);
    }
    assert.equal(checked.length, 6);
    await context.close();
  });
});
