import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE, startSession } from '../src/auth/sessions.ts';
import { newId } from '../src/security/index.ts';
import { axeViolations, describeViolations, launchBrowser, type RunningSite, startSite } from './support.ts';

const ARTICLE = '/blog/therapy-or-coaching-seven-differences';
const VIDEO = '/blog/five-minute-reset-before-a-hard-conversation';

describe('blog in a real browser', () => {
  let site: RunningSite;
  let browser: Browser;
  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('a reader finds and reads an article with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/');
    await page.locator('header a[href="/blog"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.locator('main h1').textContent(), 'Blog');
    await page.getByLabel('Search articles').fill('seven differences therapy');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState('domcontentloaded');
    await page.locator(`main a[href="${ARTICLE}"]`).first().click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, ARTICLE);
    assert.equal(await page.locator('main h1').count(), 1);
    assert.match((await page.locator('main h1').textContent()) ?? '', /Therapy or coaching/);
    // The table of contents jumps to its section.
    await page.locator('nav.toc a').nth(2).click();
    assert.match(page.url(), /#3-training-and-who-checks-it$/);
    assert.equal(
      await page.locator('script:not([type="application/ld+json"])').count(),
      0,
      'no JavaScript on the article',
    );
    await context.close();
  });

  it('the video poster makes no third-party request until the reader presses play', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    // Offline machine: answer the player's address with an empty page instead of the network.
    await context.route(/youtube-nocookie\.com/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' }),
    );
    await page.goto(site.url + VIDEO, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    assert.deepEqual(foreign, [], 'nothing from another site before the click');
    await page.locator('a.video-poster').click();
    await page.waitForURL(/\/play$/, { timeout: 5000 });
    await page.waitForLoadState('load');
    assert.ok(
      (foreign as string[]).some((u) => u.startsWith('https://www.youtube-nocookie.com/embed/')),
      `the privacy-enhanced player loads after the click: ${foreign.join(', ')}`,
    );
    await context.close();
  });

  it('axe-core finds nothing on the coach’s blog pages and the subscribe form', async () => {
    const db = site.deps.dbh.db;
    const userId = newId();
    await db
      .insertInto('users')
      .values({ id: userId, email: 'writer@example.test', name: 'Wren Writer', role: 'owner', created_at: Date.now() })
      .execute();
    const token = await startSession(db, userId, 'test', Date.now());
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: site.url }]);
    const page = await context.newPage();
    const post = await db
      .selectFrom('posts')
      .select('id')
      .where('slug', '=', 'the-weekly-check-in-for-couples')
      .executeTakeFirstOrThrow();
    for (const path of [
      '/admin/posts',
      '/admin/posts/new',
      `/admin/posts/${post.id}`,
      '/admin/redirects',
      '/admin/media',
      '/admin/author',
      '/blog/subscribe',
    ]) {
      await page.goto(site.url + path);
      assert.equal(await page.locator('h1').count(), 1, path);
      const v = await axeViolations(page);
      assert.deepEqual(
        v.map((x) => x.id),
        [],
        `${path}:\n${describeViolations(v)}`,
      );
    }
    // The editor after "Preview" with a placeholder title: the lint's findings and the preview.
    await page.goto(`${site.url}/admin/posts/${post.id}`);
    await page.getByLabel('Title', { exact: true }).fill('Untitled');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(await page.locator('.lint').innerText(), /placeholder text/);
    const v = await axeViolations(page);
    assert.deepEqual(
      v.map((x) => x.id),
      [],
      `editor with findings:\n${describeViolations(v)}`,
    );
    await context.close();
  });

  it('axe-core finds nothing on the index, an article, a tag page, an author page and search', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ bypassCSP: true, colorScheme });
      const page = await context.newPage();
      for (const path of [
        '/blog',
        ARTICLE,
        VIDEO,
        '/blog/tag/relationships',
        '/blog/author/maya-ellison',
        '/blog/search?q=couples',
        '/blog/search?q=zzzz',
      ]) {
        await page.goto(site.url + path);
        const v = await axeViolations(page);
        assert.deepEqual(
          v.map((x) => x.id),
          [],
          `${path} (${colorScheme}):\n${describeViolations(v)}`,
        );
      }
      await context.close();
    }
  });
});
