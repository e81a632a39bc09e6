import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { listClients } from '../src/clients/index.ts';
import { registeredRoutes } from '../src/review/routes.ts';
import { signedInCoach } from '../src/testing.ts';
import { launchBrowser, type RunningSite, startSite } from './support.ts';

/** Where the screenshots go (ignored by git; the README names it). */
const SHOTS = path.resolve('test-output/screenshots/back-office-375');
fs.mkdirSync(SHOTS, { recursive: true });
const shotFile = (p: string) => path.join(SHOTS, `${p.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'admin'}.png`);

/**
 * The back office on a phone (issue 12): every page the coach can open, at 375 px wide, must not
 * scroll sideways; tables become stacked cards. The pages are read from the routes the app
 * registers, so a new back-office page is measured without anyone adding it here.
 */
describe('the back office at 375 px', () => {
  let site: RunningSite;
  let browser: Browser;
  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await site.close();
  });

  it('scrolls sideways on no page', async () => {
    const db = site.deps.dbh.db;
    const client = (await listClients(db, { status: 'active' }))[0]!;
    const booking = await db
      .selectFrom('bookings')
      .select('id')
      .where('client_id', '=', client.id)
      .executeTakeFirstOrThrow();
    const post = await db.selectFrom('posts').select('id').executeTakeFirstOrThrow();
    const page0 = await db.selectFrom('pages').select('id').executeTakeFirstOrThrow();
    const service = await db.selectFrom('services').select('id').executeTakeFirstOrThrow();
    // Real ids for the rooms that name a record, so the page itself is measured, not a 404.
    const ids: Record<string, string> = { id: client.id, clientId: client.id };
    const idFor = (path: string) =>
      path.startsWith('/admin/bookings')
        ? booking.id
        : path.startsWith('/admin/posts')
          ? post.id
          : path.startsWith('/admin/pages')
            ? page0.id
            : path.startsWith('/admin/services')
              ? service.id
              : client.id;
    const app = await import('../src/app.ts').then((m) => m.buildApp(site.deps));
    const paths = registeredRoutes(app)
      .filter(
        (r) => r.methods.includes('GET') && /^\/admin(\/|$)/.test(r.path) && !/\.(csv|zip|ics|json)$/.test(r.path),
      )
      .map((r) => r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => ids[name] ?? idFor(r.path)));
    await app.close();
    assert.ok(paths.length >= 20, `found ${paths.length} back-office pages`);

    const { jar } = await signedInCoach({ deps: site.deps });
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: jar.get(SESSION_COOKIE)!, url: site.url }]);
    const page = await context.newPage();
    const wide: string[] = [];
    let shots = 0;
    for (const where of paths) {
      const res = await page.goto(site.url + where);
      if (!res || res.status() === 404) continue; // a route whose id kind this sweep does not make
      assert.ok(res.status() < 500, `${where} answers ${res.status()}`);
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        // The outermost elements that stick out, leaving aside those inside a box that scrolls itself.
        widest: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((e) => {
            for (let p = e.parentElement; p; p = p.parentElement)
              if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowX)) return false;
            return true;
          })
          .slice(0, 3)
          .map(
            (e) =>
              `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`,
          ),
      }));
      if (m.scroll > m.client) wide.push(`${where}: ${m.scroll} px wide (${m.widest.join(', ')})`);
      await page.screenshot({ path: shotFile(where), fullPage: true });
      shots++;
    }
    // Tables are cards here, each cell under its column's name.
    await page.goto(`${site.url}/admin/clients`);
    const row = page.locator('table.data tbody tr').first();
    assert.equal(await row.evaluate((e) => getComputedStyle(e).display), 'block', 'a row is a card');
    const label = await row
      .locator('td[data-label]')
      .first()
      .evaluate((e) => getComputedStyle(e, '::before').content);
    assert.equal(label, '"Name"', 'each cell says which column it is');
    await context.close();
    assert.deepEqual(wide, [], 'back-office pages wider than a 375 px phone');
    assert.ok(shots >= 20, `screenshots of ${shots} pages in ${SHOTS}`);
  });
});
