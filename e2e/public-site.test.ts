import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, describeViolations, launchBrowser, type RunningSite, startSite } from './support.ts';

describe('public site in a real browser', () => {
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

  it('a visitor opens every public page from the header and the footer, with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/');
    assert.equal(await page.locator('h1').count(), 1);
    const headerLinks = await page
      .locator('header a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const footerLinks = await page
      .locator('footer a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const must of ['/', '/about', '/services', '/contact', '/help'])
      assert.ok(headerLinks.includes(must), `header links to ${must}`);
    for (const must of ['/privacy', '/terms']) assert.ok(footerLinks.includes(must), `footer links to ${must}`);
    for (const href of [...new Set([...headerLinks, ...footerLinks])]) {
      await page.goto(site.url + '/');
      await page.locator(`header a[href="${href}"], footer a[href="${href}"]`).first().click();
      await page.waitForLoadState('domcontentloaded');
      assert.equal(new URL(page.url()).pathname, href, `clicking ${href} lands there`);
      const title = await page.title();
      assert.ok(title.length > 5 && !/undefined|TODO|lorem/i.test(title), `${href} has a real title: ${title}`);
      assert.equal(await page.locator('main h1').count(), 1, `${href} has one h1`);
      assert.ok(await page.locator('header a[href="/help"]').isVisible(), `"Need help now?" is visible on ${href}`);
    }
    await context.close();
  });

  it('axe-core finds no violation on any public page, light or dark, wide or narrow', async () => {
    const paths = [
      '/',
      '/about',
      '/services',
      '/contact',
      '/contact/sent',
      '/privacy',
      '/terms',
      '/help',
      '/help/gb',
      '/help/au',
      '/sign-in',
      '/no-such-page',
    ];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 320, height: 640 },
      ]) {
        const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport });
        const page = await context.newPage();
        for (const path of paths) {
          await page.goto(site.url + path);
          const v = await axeViolations(page);
          assert.deepEqual(
            v.map((x) => x.id),
            [],
            `${path} (${colorScheme}, ${viewport.width}px):\n${describeViolations(v)}`,
          );
        }
        await context.close();
      }
    }
  });

  it('nothing on a public page scrolls sideways at 320 px', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/', '/about', '/services', '/contact', '/help']) {
      await page.goto(site.url + path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px at 320px`);
    }
    await context.close();
  });

  it('the header works by keyboard alone, with a visible focus', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url + '/about');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    assert.equal(first.href, '#main', 'the first Tab reaches the skip link');
    const visited: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        const s = a ? getComputedStyle(a) : null;
        return {
          href: a?.getAttribute('href') ?? null,
          inHeader: !!a?.closest('header'),
          outline: s ? `${s.outlineStyle} ${s.outlineWidth}` : '',
        };
      });
      if (!el.inHeader) break;
      assert.ok(
        !/^none|0px$/.test(el.outline) && !el.outline.startsWith('none'),
        `focus is visible on ${el.href}: ${el.outline}`,
      );
      visited.push(el.href!);
    }
    for (const must of ['/', '/services', '/contact', '/help'])
      assert.ok(visited.includes(must), `Tab reaches ${must} (got ${visited.join(', ')})`);
    // Tab back to "Need help now?" and follow it with Enter.
    await page.goto(site.url + '/about');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('href'))) === '/help') break;
    }
    await Promise.all([page.waitForURL('**/help'), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /help/i);
    // The skip link moves focus to the main content.
    await page.goto(site.url + '/services');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await context.close();
  });

  it('public pages load nothing from other origins and run no script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    for (const path of ['/', '/about', '/services', '/contact', '/help']) {
      await page.goto(site.url + path);
      assert.equal(
        await page.locator('script:not([type="application/ld+json"])').count(),
        0,
        `${path} ships no script (JSON-LD is data)`,
      );
    }
    assert.deepEqual(foreign, []);
    await context.close();
  });
});
