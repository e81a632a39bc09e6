import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import { addressOf, type CaptureServer, startCaptureServer } from '../src/mail/testing.ts';
import { axeViolations, describeViolations, launchBrowser, type RunningSite, startSite } from './support.ts';

// A new client books a phone session in Chromium with JavaScript off, the browser set to Los
// Angeles while the coach works in Berlin; then reschedules and cancels from the emailed link.
describe('online booking in a real browser', () => {
  let browser: Browser;
  let site: RunningSite;
  let smtp: CaptureServer;

  before(async () => {
    smtp = await startCaptureServer();
    site = await startSite({ mailUrl: smtp.url });
    const db = site.deps.dbh.db;
    const now = site.deps.clock.now();
    await seedCoach(db, now, 'Europe/Berlin');
    await db.deleteFrom('availability_weekly').execute();
    for (let weekday = 1; weekday <= 7; weekday++)
      await db
        .insertInto('availability_weekly')
        .values({ id: `w${weekday}`, weekday, start_min: 480, end_min: 1200 })
        .execute();
    await seedService(db, now, {
      slug: 'phone-call',
      modality: 'phone',
      rules: { notice_min: 60, cancel_notice_min: 60 },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await smtp?.stop();
  });

  async function noViolations(page: Page, what: string) {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
  }

  it('books, gets the email in its own zone, reschedules and cancels, all without JavaScript', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      timezoneId: 'America/Los_Angeles',
      bypassCSP: true,
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.url}/book`);
    await page.getByRole('link', { name: 'Choose a time for Session phone-call' }).click();
    // Without JavaScript the page starts in the coach's zone (en-US names no single zone) and says
    // so; the client opens "Change" and picks their own.
    assert.match(
      await page.locator('.zone-change > summary').innerText(),
      /^Times are in Central European Standard Time \(Europe\/Berlin\)\. Change$/,
    );
    assert.equal(await page.getByLabel('Times are shown in this time zone').inputValue(), 'Europe/Berlin');
    await page.locator('.zone-change > summary').click();
    await page.getByLabel('Times are shown in this time zone').selectOption('America/Los_Angeles');
    await page.getByRole('button', { name: 'Show times in this zone' }).click();
    assert.match(page.url(), /tz=America%2FLos_Angeles/);
    const slots = page.locator('a.slot');
    const firstLabel = (await slots.first().getAttribute('aria-label'))!;
    const firstTime = (await slots.first().textContent())!.trim();
    await slots.first().click();

    await page.getByLabel('Your name').fill('Rae Client');
    await page.getByLabel('Your email address').fill('rae@example.test');
    await page.getByLabel('Phone number').fill('+1 415 555 0134');
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match((await page.locator('h1').textContent()) ?? '', /Check and confirm/);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    assert.equal(await page.locator('h1').textContent(), 'You are booked');
    assert.match((await page.locator('main').textContent()) ?? '', /America\/Los Angeles/);

    // The demo practice sends mail of its own (its clients' digests): wait for Rae's.
    const toRae = (subject: RegExp) => (m: ParsedMail) =>
      addressOf(m.to) === 'rae@example.test' && subject.test(m.subject ?? '');
    const mail = await smtp.waitForMatch(toRae(/is booked/i), 10_000);
    // The page keeps the browser's clock (en-US: 8:00 AM); the email, the practice's (en-GB: 08:00).
    const [, h = '', m = '', half] = /^(\d{1,2}):(\d{2})(?: ([AP])M)?$/.exec(firstTime) ?? [];
    const hour = half ? (Number(h) % 12) + (half === 'P' ? 12 : 0) : Number(h);
    const wall = `${String(hour).padStart(2, '0')}:${m}`;
    assert.ok(mail.text?.includes(`at ${wall}`), `the email shows ${wall} (Los Angeles): ${firstLabel}`);
    assert.match(mail.text ?? '', /America\/Los_Angeles/);
    assert.match(mail.text ?? '', /Your coach will call you at \+1 415 555 0134/);
    assert.ok(mail.attachments.some((a) => a.contentType.startsWith('text/calendar')));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/book\/manage\?t=\S+)/.exec(mail.text ?? '')![1]!;

    await page.goto(link);
    await page.getByRole('link', { name: 'Choose another time' }).click();
    await page.locator('a.slot').nth(1).click();
    await page.getByRole('button', { name: 'Move my session' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Your session has moved');
    await smtp.waitForMatch(toRae(/has moved/i), 10_000);

    await page.goto(link);
    assert.match((await page.locator('h1').textContent()) ?? '', /no longer works/, 'the old link died with the move');
    await page.goBack();
    await page.getByRole('link', { name: 'Cancel this session' }).click();
    await page.getByRole('button', { name: 'Yes, cancel this session' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Your session is cancelled');
    await smtp.waitForMatch(toRae(/is cancelled/i), 10_000);
    await context.close();
  });

  it('with JavaScript on, the times follow the browser zone; the pages pass axe', async () => {
    const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.url}/book`);
    await noViolations(page, 'services');
    await page.goto(`${site.url}/book/phone-call`);
    // Chromium may report the zone under its older name; the page names it canonically.
    await page.waitForURL(/tz=Asia%2F(Kolkata|Calcutta)/);
    assert.equal(await page.getByLabel('Times are shown in this time zone').inputValue(), 'Asia/Kolkata');
    await noViolations(page, 'times');
    await page.locator('a.slot').first().click();
    await noViolations(page, 'details');
    await page.getByRole('button', { name: 'Continue' }).click();
    await noViolations(page, 'form with errors');
    await context.close();
  });
});
