import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addUser } from '../src/auth/testing.ts';
import type { Deps } from '../src/deps.ts';
import { startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

// Issue 12: the coach edits weekly hours as rows of from–to times in Debian's Chromium with
// JavaScript off (adding a row, fixing an overlap, removing a row), and axe-core finds nothing on
// the page, fresh or with its messages, light or dark.
describe('weekly hours in a real browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  let url: string;
  let deps: Deps;
  let closeSite: () => Promise<void>;
  let token: string;

  before(async () => {
    const site = await startTestSite({}, { demo: true });
    ({ url, deps } = site);
    closeSite = site.close;
    const coachId = await addUser(deps, 'robin@example.test', 'owner', 'Robin Coach');
    token = await startSession(deps.dbh.db, coachId, 'e2e', deps.clock.now());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
  });

  const signedIn = async (o: { javaScriptEnabled?: boolean; bypassCSP?: boolean }): Promise<BrowserContext> => {
    const ctx = await browser.newContext(o);
    await ctx.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
    return ctx;
  };
  const weekly = () =>
    deps.dbh.db
      .selectFrom('availability_weekly')
      .select(['weekday', 'start_min', 'end_min'])
      .orderBy('weekday')
      .orderBy('start_min')
      .execute();
  const day = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

  it('adds, checks, saves and removes rows with JavaScript off', async () => {
    await deps.dbh.db.deleteFrom('availability_weekly').execute();
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/admin/availability`);

    await page.getByLabel('Monday, from').fill('09:00');
    await page.getByLabel('Monday, to').fill('12:00');
    await page.getByLabel('Wednesday, from').fill('10:00');
    await page.getByLabel('Wednesday, to').fill('16:00');
    await page.getByRole('button', { name: 'Add another row for Monday' }).click();
    // The same form again: what was typed is kept and Monday has a second, empty row.
    const monday = day(page, 'Monday');
    assert.equal(await monday.getByLabel('Monday, from').count(), 2);
    assert.equal(await monday.getByLabel('Monday, from').first().inputValue(), '09:00');
    assert.equal(await page.getByLabel('Wednesday, to').inputValue(), '16:00');
    assert.deepEqual(await weekly(), [], 'adding a row saves nothing');

    await monday.getByLabel('Monday, from').nth(1).fill('11:00');
    await monday.getByLabel('Monday, to').nth(1).fill('14:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    const message = 'These hours overlap 09:00–12:00 on Monday. Change one of the two, or tick Remove.';
    await page
      .getByRole('alert')
      .getByRole('link', { name: `Monday, from: ${message}` })
      .waitFor();
    const second = monday.getByLabel('Monday, from').nth(1);
    assert.equal(await second.getAttribute('aria-invalid'), 'true');
    const describedBy = await second.getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), `Error: ${message}`);

    // Enter in a time field saves (the hidden first button), not "Add another row".
    await second.fill('13:00');
    await second.press('Enter');
    await page.waitForURL(/\/admin\/availability\?saved=1$/);
    assert.deepEqual(await weekly(), [
      { weekday: 1, start_min: 540, end_min: 720 },
      { weekday: 1, start_min: 780, end_min: 840 },
      { weekday: 3, start_min: 600, end_min: 960 },
    ]);

    await page.getByLabel('Remove Wednesday 10:00 to 16:00').check();
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.waitForURL(/saved=1$/);
    assert.deepEqual(
      (await weekly()).map((w) => w.weekday),
      [1, 1],
      'Wednesday, without rows, is closed',
    );
    await context.close();
  });

  it('axe-core finds no violation on the page, fresh or with messages, light or dark', async () => {
    const context = await signedIn({ bypassCSP: true });
    const page = await context.newPage();
    const check = async (where: string) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `${where} (${colorScheme}):\n${describeViolations(v)}`);
      }
    };
    await page.goto(`${url}/admin/availability`);
    await check('availability');
    await page.getByLabel('Tuesday, from').fill('15:00');
    await page.getByLabel('Tuesday, to').fill('14:00');
    await page.getByLabel('Friday, from').fill('09:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /2 things need fixing/);
    await check('availability with messages');
    await context.close();
  });
});
