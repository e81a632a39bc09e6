import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addUser } from '../src/auth/testing.ts';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import type { Deps } from '../src/deps.ts';
import { addressOf, type CaptureServer, startCaptureServer } from '../src/mail/testing.ts';
import { launchBrowser, startLocalhostSite, withAuthenticator } from './support.ts';

// Issue 10's story end to end, in Debian's Chromium with real SMTP: a client books with
// JavaScript off, follows the booking email to the portal, signs in by link and by code, adds a
// passkey and signs in with it; sets a goal, ticks off an action item, writes to the coach. The
// coach, in another browser, reads it, replies, adds a tracker and a private note; the client reads
// the reply, checks in and sees the chart, and the private note is on no portal page and not in the
// export. The site's address is http://localhost:<port>, since WebAuthn refuses an IP as RP ID.
describe("a client's journey from booking to the portal", { timeout: 180_000 }, () => {
  let browser: Browser;
  let base: string;
  let deps: Deps;
  let smtp: CaptureServer;
  let closeSite: () => Promise<void>;
  let coachUserId: string;
  const CLIENT = 'sam.journey@example.test';
  const PRIVATE = 'Private: Sam mentioned the move only once';

  before(async () => {
    smtp = await startCaptureServer();
    const site = await startLocalhostSite(smtp.url);
    deps = site.deps;
    base = deps.config.publicUrl;
    closeSite = site.close;
    await seedCoach(deps.dbh.db, deps.clock.now());
    await seedService(deps.dbh.db, deps.clock.now(), { slug: 'video-hour', modality: 'video' });
    coachUserId = await addUser(deps, 'coach.journey@example.test', 'owner', 'Robin Coach');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
    await smtp?.stop();
  });

  const path = (page: Page) => new URL(page.url()).pathname;
  const toSam = (subject: RegExp) => (m: ParsedMail) => addressOf(m.to) === CLIENT && subject.test(m.subject ?? '');
  let signInMails = 0;
  /** Asks for a portal sign-in email and returns it (the newest to Sam). */
  async function askToSignIn(page: Page): Promise<string> {
    await page.goto(`${base}/portal/sign-in`);
    await page.getByLabel('Email address').fill(CLIENT);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    assert.match(await page.locator('h1').innerText(), /Check your email/);
    signInMails += 1;
    for (let waited = 0; ; waited += 50) {
      const mails = smtp.messages.filter(toSam(/sign in/i));
      if (mails.length >= signInMails) return mails.at(-1)!.text ?? '';
      assert.ok(waited < 10_000, 'the sign-in email arrives');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('books without JavaScript, and the booking email leads to the portal by link, by code and by passkey', async () => {
    const booking = await browser.newContext({ javaScriptEnabled: false });
    booking.setDefaultTimeout(10_000);
    const page = await booking.newPage();
    await page.goto(`${base}/book`);
    await page.getByRole('link', { name: 'Choose a time for Session video-hour' }).click();
    await page.locator('a.slot').first().click();
    await page.getByLabel('Your name').fill('Sam Journey');
    await page.getByLabel('Your email address').fill(CLIENT);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    assert.equal(await page.locator('h1').textContent(), 'You are booked');
    const booked = await smtp.waitForMatch(toSam(/is booked/i), 10_000);
    const portalUrl = /Your client portal:?\s+(\S+\/portal\/sign-in)/.exec(booked.text ?? '')?.[1];
    assert.ok(portalUrl, 'the booking email names the client portal');
    assert.match(booked.text ?? '', /manage\?t=/, 'and keeps its manage link');

    // By the emailed link.
    await page.goto(portalUrl);
    const first = await askToSignIn(page);
    await page.goto(/https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(first)![0]);
    await page.getByRole('button', { name: /Sign in/ }).click();
    assert.equal(path(page), '/portal');
    assert.match(await page.locator('main').innerText(), /Session video-hour/, 'the booked session is there');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/portal`);
    assert.equal(path(page), '/portal/sign-in');
    await booking.close();

    // By the code, in a browser with a passkey authenticator, then a passkey.
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const { page: p } = await withAuthenticator(context);
    const second = await askToSignIn(p);
    const code = /type this code: (\d{6})/.exec(second)?.[1];
    assert.ok(code, 'the email carries a 6-digit code');
    await p.goto(`${base}/sign-in/code`);
    await p.getByLabel('Email address').fill(CLIENT);
    await p.getByLabel('Code from the email').fill(code);
    await p.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(path(p), '/portal');

    await p.getByRole('link', { name: 'Passkeys' }).click();
    await p.getByRole('button', { name: 'Add a passkey' }).click();
    await p.waitForURL(/\/account\/passkeys\?done=added/);
    await p.goto(`${base}/portal`);
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.goto(`${base}/portal/sign-in`);
    await p.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await p.waitForURL(`${base}/portal`);

    // Work between sessions: a goal, an action item ticked off, a message to the coach.
    await p.goto(`${base}/portal/goals`);
    await p.getByLabel('New goal', { exact: true }).fill('Speak up in the Monday meeting');
    await p.getByRole('button', { name: 'Add goal' }).click();
    await p.getByLabel('New action item').fill('Prepare one question on Sunday');
    await p.getByRole('button', { name: 'Add action item' }).click();
    await p.getByRole('button', { name: /^Tick off\W+Prepare one question on Sunday$/ }).click();
    assert.match(await p.locator('[role="status"]').innerText(), /Ticked off/);
    await p.goto(`${base}/portal/messages`);
    await p.getByLabel('Your message').fill('I asked my question today!');
    await p.getByRole('button', { name: 'Send message' }).click();
    assert.match(await p.locator('[role="status"]').innerText(), /Message sent/);

    // The coach, in another browser: reads it, replies, adds a tracker and a private note.
    const coach = await browser.newContext();
    coach.setDefaultTimeout(10_000);
    const token = await startSession(deps.dbh.db, coachUserId, 'journey coach', deps.clock.now());
    await coach.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
    const c = await coach.newPage();
    await c.goto(`${base}/admin/clients?q=${encodeURIComponent(CLIENT)}`);
    await c.getByRole('link', { name: 'Sam Journey' }).first().click();
    const record = await c.locator('main').innerText();
    assert.match(record, /I asked my question today!/);
    assert.match(record, /Prepare one question on Sunday/);
    await c.getByLabel('Reply').fill('Well done. What made it possible?');
    await c.getByRole('button', { name: 'Send', exact: true }).click();
    await c.getByLabel('Something to track').fill('Confidence');
    await c.getByRole('button', { name: 'Add', exact: true }).click();
    await c.getByLabel('New private note').fill(PRIVATE);
    await c.getByRole('button', { name: 'Add private note' }).click();
    assert.match(await c.locator('main').innerText(), new RegExp(PRIVATE));
    const told = await smtp.waitForMatch(toSam(/new message/i), 10_000);
    assert.doesNotMatch(
      `${told.subject} ${told.text} ${told.html}`,
      /What made it possible/,
      'no content in the email',
    );
    await coach.close();

    // The client reads the reply, checks in, and the chart shows it.
    await p.goto(`${base}/portal/messages`);
    assert.match(await p.locator('.portal-messages').innerText(), /What made it possible\?/);
    await p.goto(`${base}/portal/check-ins`);
    await p.getByRole('combobox', { name: 'Confidence', exact: true }).selectOption('7');
    await p.getByRole('button', { name: 'Send check-in' }).click();
    assert.match(await p.locator('[role="status"]').innerText(), /Check-in sent/);
    assert.equal(await p.locator('svg[role="img"]').count(), 1);
    assert.match(await p.locator('main').innerText(), /Confidence/);

    // The private note is on no portal page and not in the export.
    for (const where of [
      '/portal',
      '/portal/sessions',
      '/portal/goals',
      '/portal/check-ins',
      '/portal/messages',
      '/portal/files',
      '/portal/data',
      '/portal/reminders',
    ]) {
      await p.goto(base + where);
      assert.doesNotMatch(await p.content(), /mentioned the move/, where);
    }
    const zip = await p.request.get(`${base}/portal/data/export.zip`);
    assert.equal(zip.status(), 200);
    const files = unzipSync(new Uint8Array(await zip.body()));
    assert.ok(Object.keys(files).length >= 2, 'the export has its JSON and its readable page');
    const all = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    assert.match(all, /I asked my question today!/, 'the export holds the messages');
    assert.doesNotMatch(all, /mentioned the move/, 'and never the private note');
    await context.close();
  });
});
