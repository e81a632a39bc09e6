import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { startSession } from '../src/auth/sessions.ts';
import { addUser } from '../src/auth/testing.ts';
import { addTracker, listClients, requestDeletion, submitCheckIn, trackersFor } from '../src/clients/index.ts';
import type { Deps } from '../src/deps.ts';
import { startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

// The back office's Clients room in Debian's Chromium: the coach finds a demo client, adds a
// private and a shared note and a goal with JavaScript off, and axe-core finds nothing on the
// list, the client page (with its chart), a goal and the deletion page, light or dark.
describe('the Clients room in a real browser', { timeout: 120_000 }, () => {
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

  it('the coach searches, opens a client and writes notes and a goal, with JavaScript off', async () => {
    const [client] = await listClients(deps.dbh.db, { status: 'active' });
    assert.ok(client, 'the demo practice has clients');
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/admin`);
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Name or email').fill(client.email.slice(0, 6));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: client.name }).click();
    assert.equal(new URL(page.url()).pathname, `/admin/clients/${client.id}`);
    // The demo client's sessions are listed, each linking to its booking.
    const sessionLinks = page.locator(
      'section[aria-labelledby="sessions-title"] a[href^="/admin/bookings/"]:not([href$="/new"])',
    );
    assert.ok((await sessionLinks.count()) > 0, 'sessions past and upcoming link to their bookings');

    await page.getByLabel('New private note').fill('Seems tired of the topic; ask about work first.');
    await page.getByRole('button', { name: 'Add private note' }).click();
    await page.getByLabel('New shared note').fill('Try the ten-minute reset before Sunday’s talk.');
    await page.getByRole('button', { name: 'Add shared note' }).click();
    const privateNotes = page.locator('section.notes-private');
    const sharedNotes = page.locator('section.notes-shared');
    assert.match(await privateNotes.innerText(), /ask about work first/);
    assert.doesNotMatch(await sharedNotes.innerText(), /ask about work first/);
    assert.match(await sharedNotes.innerText(), /ten-minute reset/);

    // An empty goal comes back with a message; then one is set with an action item.
    await page.getByRole('button', { name: 'Add goal' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Please write the goal/);
    await page.getByLabel('New goal').fill('Talk about money without a fight');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByLabel('New action item').fill('Write down three worries');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByRole('button', { name: /Tick off/ }).click();
    assert.match(await page.locator('main').innerText(), /1 of 1 action items done/);
    await context.close();
  });

  it('axe-core finds no violation on the list, a client page with its chart, a goal and the deletion page', async () => {
    const [client] = await listClients(deps.dbh.db, { status: 'active' });
    if ((await trackersFor(deps, client!.id)).length === 0) await addTracker(deps, client!.id, 'Energy');
    const trackers = await trackersFor(deps, client!.id);
    await submitCheckIn(deps, client!.id, { scores: Object.fromEntries(trackers.map((t) => [t.id, 7])) });
    await requestDeletion(deps, client!.id, 'client');
    const context = await signedIn({ bypassCSP: true });
    const check = async (target: string, where: string, act?: (page: Page) => Promise<void>) => {
      const page = await context.newPage();
      await page.goto(url + target);
      if (act) await act(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `${where} (${colorScheme}):\n${describeViolations(v)}`);
      }
      await page.close();
    };
    await check('/admin/clients', 'clients list');
    await check('/admin/clients', 'clients list with errors', (p) =>
      p.getByRole('button', { name: 'Add client' }).click(),
    );
    await check(`/admin/clients/${client!.id}`, 'client page');
    const page = await context.newPage();
    await page.goto(`${url}/admin/clients/${client!.id}`);
    assert.equal(await page.locator('svg[role="img"]').count(), 1, 'the chart is drawn');
    const goalHref = await page.locator('.goal-list h3 a').first().getAttribute('href');
    await page.close();
    if (goalHref) await check(goalHref, 'a goal');
    await check(`/admin/clients/${client!.id}/details`, 'edit details');
    await check(`/admin/clients/${client!.id}/delete`, 'what deletion removes');
    await context.close();
  });
});
