import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import { axeViolations, describeViolations, launchBrowser, type RunningSite, startSite } from './support.ts';

// Issue 12's time zone picker in Chromium: guessed from the browser's language with JavaScript off,
// the browser's own zone with it on (without a reload when the guess was right), and a search box
// that filters the grouped select.
describe('the time zone picker in a real browser', () => {
  let browser: Browser;
  let site: RunningSite;

  before(async () => {
    site = await startSite();
    const db = site.deps.dbh.db;
    const now = site.deps.clock.now();
    await seedCoach(db, now, 'Europe/Berlin');
    await seedService(db, now, { slug: 'zones', modality: 'phone' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function noViolations(page: Page, what: string) {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
  }
  const summary = (page: Page) => page.locator('.zone-change > summary');
  const zoneSelect = (page: Page) => page.getByLabel('Times are shown in this time zone');

  it('without JavaScript, an Indian browser sees India Standard Time on its 12-hour clock', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.url}/book/zones`);
    assert.equal(await summary(page).innerText(), 'Times are in India Standard Time (Asia/Kolkata). Change');
    assert.match((await page.locator('a.slot').first().textContent()) ?? '', /^\d{1,2}:\d{2} [ap]m$/);
    // The select is grouped by region and works alone.
    await summary(page).click();
    assert.ok((await page.locator('#f-tz optgroup').count()) >= 10);
    await zoneSelect(page).selectOption('Europe/Kyiv');
    await page.getByRole('button', { name: 'Show times in this zone' }).click();
    assert.match(page.url(), /tz=Europe%2FKyiv/);
    assert.match(await summary(page).innerText(), /^Times are in Eastern European \w+ Time \(Europe\/Kyiv\)\. Change$/);
    await context.close();
  });

  it('with JavaScript, a right guess stays without a reload, and the search box filters the select', async () => {
    const context = await browser.newContext({ locale: 'en-IN', timezoneId: 'Asia/Kolkata', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.url}/book/zones`);
    await page.waitForLoadState('networkidle');
    assert.doesNotMatch(
      page.url(),
      /tz=/,
      'the guess (Asia/Kolkata) is the browser zone (maybe Asia/Calcutta): no reload',
    );
    assert.equal(await zoneSelect(page).inputValue(), 'Asia/Kolkata');

    await summary(page).click();
    const search = page.getByLabel('Find a time zone');
    await noViolations(page, 'the open picker');
    await search.fill('germany');
    assert.deepEqual(
      await page.locator('#f-tz option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      ['Europe/Berlin', 'Europe/Busingen'],
    );
    assert.equal(await page.getByRole('status').innerText(), '2 time zones match.');
    await search.fill('nowhere at all');
    assert.equal(await page.locator('#f-tz option').count(), 0);
    assert.equal(await page.getByRole('status').innerText(), 'No time zone matches.');
    await search.fill('');
    assert.ok((await page.locator('#f-tz option').count()) > 400, 'an empty search shows every zone again');
    assert.equal(await zoneSelect(page).inputValue(), 'Asia/Kolkata', 'and keeps the choice');
    // Enter in the search box shows the times in the one zone that matches.
    await search.fill('são paulo');
    await search.press('Enter');
    await page.waitForURL(/tz=America%2FSao_Paulo/);
    assert.match(
      await summary(page).innerText(),
      /^Times are in Brasilia Standard Time \(America\/Sao Paulo\)\. Change$/,
    );
    await noViolations(page, 'times in São Paulo');
    await context.close();
  });

  it('with JavaScript, a wrong guess gives way to the browser zone', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'America/Toronto', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.url}/book/zones`);
    await page.waitForURL(/tz=America%2FToronto/);
    assert.equal(await zoneSelect(page).inputValue(), 'America/Toronto');
    // A German browser keeps a 24-hour clock, in the practice's English.
    assert.match((await page.locator('a.slot').first().textContent()) ?? '', /^\d{2}:\d{2}$/);
    await context.close();
  });
});
