import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { forEachEngine } from '../db/testing.ts';
import { defaultSiteSettings, readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { canonicalOf, countMatches, titleOf } from '../site/html-testing.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import type { ViewContext } from '../web/index.ts';
import { coveredCountries, crisisResources, resourcesForCountry, smsHref, telHref } from './crisis-resources.ts';
import { HelpPage } from './pages/help.tsx';

describe('crisis resources data', () => {
  it('every entry is complete and reachable somehow', () => {
    const kinds = new Set(['crisis', 'emergency', 'youth', 'domestic_abuse', 'substance', 'info']);
    for (const r of crisisResources) {
      assert.ok(Object.hasOwn(coveredCountries, r.country), r.name);
      assert.ok(kinds.has(r.kind), r.name);
      assert.ok(r.phone || r.sms || r.chatUrl, `${r.name} has no way to reach it`);
      assert.match(r.verifiedOn, /^\d{4}-\d{2}-\d{2}$/, r.name);
      assert.match(r.sourceUrl, /^https:\/\//, r.name);
      assert.ok(r.whatToExpect.length > 20, r.name);
      if (r.phone) assert.match(telHref(r.phone), /^tel:\+?\d{3,}$/, r.name);
      if (r.sms) assert.match(smsHref(r.sms.number), /^sms:\d{3,}$/, r.name);
    }
  });

  it('each covered country has exactly one emergency number and at least one crisis line', () => {
    for (const cc of Object.keys(coveredCountries)) {
      const lines = resourcesForCountry(cc);
      assert.equal(lines.filter((l) => l.kind === 'emergency').length, 1, cc);
      assert.ok(
        lines.some((l) => l.kind === 'crisis'),
        cc,
      );
      assert.equal(lines[0]!.kind, 'emergency', `${cc} lists the emergency number first`);
    }
  });

  it('never words methods or stigmatising phrases', () => {
    const text = JSON.stringify(crisisResources).toLowerCase();
    for (const phrase of ['commit suicide', 'committed suicide', 'successful attempt', 'failed attempt']) {
      assert.ok(!text.includes(phrase), phrase);
    }
  });
});

describe('HelpPage', () => {
  it('passes extra attributes to <main> (the guide adds data-outcome)', () => {
    const ctx: ViewContext = {
      settings: defaultSiteSettings,
      publicUrl: 'https://coach.example',
      path: '/help',
      viewer: null,
      nav: [],
      stylesheet: '/assets/site.css',
      theme: '/assets/theme.css',
      csrf: () => 'token',
    };
    const html = renderToString(
      <HelpPage
        ctx={ctx}
        country="US"
        lines={resourcesForCountry('US')}
        path="/help"
        mainProps={{ 'data-outcome': 'urgent' }}
      />,
    );
    assert.match(html, /<main [^>]*data-outcome="urgent"/);
  });
});

forEachEngine('Need help now?', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
  });
  after(() => t.close());

  async function setCountry(country: string) {
    const s = await readSiteSettings(t.deps.dbh.db);
    await writeSiteSettings(t.deps.dbh.db, { ...s, country }, t.deps.clock.now());
  }

  it('shows the practice country’s lines first: emergency, then crisis lines', async () => {
    await setCountry('US');
    const { status, body } = await getPage(t.app, '/help', new CookieJar());
    assert.equal(status, 200);
    assert.equal(countMatches(body, /<h1\b/), 1);
    assert.equal(canonicalOf(body), `${t.deps.config.publicUrl}/help`);
    const danger = body.indexOf('If you are in immediate danger');
    const call911 = body.indexOf('href="tel:911"');
    const lifeline = body.indexOf('988 Suicide &amp; Crisis Lifeline');
    assert.ok(danger > 0 && danger < call911 && call911 < lifeline, 'emergency first, then the crisis line');
    assert.match(body, /href="sms:741741">Text HOME to 741741</);
    assert.match(body, /Not in the United States\?/);
    assert.match(body, /<a href="\/help\/gb">United Kingdom<\/a>/);
    assert.doesNotMatch(body, /<a href="\/help\/us">/);
    assert.match(body, /href="https:\/\/findahelpline.com"/);
  });

  it('follows the practice country when the coach changes it', async () => {
    await setCountry('GB');
    try {
      const { body } = await getPage(t.app, '/help', new CookieJar());
      assert.ok(body.indexOf('Samaritans') < body.indexOf('href="/help/us"'), 'UK lines before the link to US lines');
      assert.doesNotMatch(body, /tel:988/);
      assert.match(body, /href="tel:999"/);
      assert.match(body, /Not in the United Kingdom\?/);
    } finally {
      await setCountry('US');
    }
  });

  it('/help/gb is a full page with Samaritans on 116 123', async () => {
    const { status, body } = await getPage(t.app, '/help/gb', new CookieJar());
    assert.equal(status, 200);
    assert.equal(titleOf(body)?.startsWith('Need help now? Crisis lines in the United Kingdom'), true);
    assert.equal(canonicalOf(body), `${t.deps.config.publicUrl}/help/gb`);
    assert.match(body, /<h3>Samaritans<\/h3>/);
    assert.match(body, /<a href="tel:116123">Call 116 123<\/a>/);
    assert.match(body, /<a href="sms:85258">Text SHOUT to 85258<\/a>/);
    assert.match(body, /Childline/);
    assert.match(body, /National Domestic Abuse Helpline/);
    assert.match(body, /<a href="\/help\/us">United States<\/a>/);
  });

  it('needs no form and no script', async () => {
    for (const path of ['/help', '/help/au']) {
      const { body } = await getPage(t.app, path, new CookieJar());
      // Structured data (JSON-LD) is not code; any other script is.
      assert.doesNotMatch(body, /<script(?![^>]*application\/ld\+json)|<form/i, path);
    }
  });

  it('one lowercase address per country; unknown countries are 404', async () => {
    const upper = await t.app.inject({ method: 'GET', url: '/help/GB' });
    assert.equal(upper.statusCode, 301);
    assert.equal(upper.headers.location, '/help/gb');
    assert.equal((await getPage(t.app, '/help/zz', new CookieJar())).status, 404);
    assert.equal((await getPage(t.app, '/help/toString', new CookieJar())).status, 404);
  });

  it('a practice in a country without shipped lines points to the helpline finder and local emergency number', async () => {
    await setCountry('DE');
    try {
      const { status, body } = await getPage(t.app, '/help', new CookieJar());
      assert.equal(status, 200);
      assert.match(body, /call your local emergency number/);
      assert.match(body, /<a class="button" href="https:\/\/findahelpline.com"/);
      assert.match(body, /Choose your country/);
    } finally {
      await setCountry('US');
    }
  });
});
