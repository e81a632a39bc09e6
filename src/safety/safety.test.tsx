import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { forEachEngine } from '../db/testing.ts';
import { lintPage } from '../seo/index.ts';
import { defaultSiteSettings, readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { canonicalOf, countMatches, titleOf } from '../site/html-testing.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import type { ViewContext } from '../web/index.ts';
import { coveredCountries, crisisResources, resourcesForCountry, smsHref, telHref } from './crisis-resources.ts';
import { HelpPage } from './pages/help.tsx';
import { countryFromAcceptLanguage, regionName } from './visitor-country.ts';

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

  it('covers at least 25 countries, India among them, each line with its source and the day it was checked', () => {
    assert.ok(Object.keys(coveredCountries).length >= 25, `${Object.keys(coveredCountries).length} countries`);
    assert.ok(Object.hasOwn(coveredCountries, 'IN'));
    assert.match(JSON.stringify(resourcesForCountry('IN')), /14416/, 'India: Tele-MANAS');
    const countries = new Set(crisisResources.map((r) => r.country));
    assert.deepEqual([...countries].sort(), Object.keys(coveredCountries).sort(), 'every covered country has lines');
    for (const r of crisisResources) {
      assert.ok(!Number.isNaN(Date.parse(r.verifiedOn)), `${r.key}: ${r.verifiedOn} is a real date`);
      assert.ok(r.verifiedOn <= '2026-12-03', `${r.key} is not dated after it was checked`);
      assert.doesNotThrow(() => new URL(r.sourceUrl), r.key);
    }
    assert.equal(new Set(crisisResources.map((r) => r.key)).size, crisisResources.length, 'keys are unique');
  });

  it('never words methods or stigmatising phrases', () => {
    const text = JSON.stringify(crisisResources).toLowerCase();
    for (const phrase of ['commit suicide', 'committed suicide', 'successful attempt', 'failed attempt']) {
      assert.ok(!text.includes(phrase), phrase);
    }
  });
});

describe('countryFromAcceptLanguage', () => {
  it('takes the region of the preferred language', () => {
    assert.equal(countryFromAcceptLanguage('en-IN,en;q=0.9'), 'IN');
    assert.equal(countryFromAcceptLanguage('de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7'), 'DE');
    assert.equal(countryFromAcceptLanguage('pt-BR'), 'BR');
    assert.equal(countryFromAcceptLanguage('en-GB,en-US;q=0.9,en;q=0.8'), 'GB');
    assert.equal(countryFromAcceptLanguage('zh-Hant-HK'), 'HK', 'a script subtag before the region');
    assert.equal(countryFromAcceptLanguage('sr-latn-rs'), 'RS', 'any case');
    assert.equal(countryFromAcceptLanguage('en_uk'), 'GB', 'UK and underscores, as some clients send');
    assert.equal(countryFromAcceptLanguage('fr;q=0.5, en-ZA;q=0.9'), 'ZA', 'by q, not by order');
    assert.equal(countryFromAcceptLanguage('de, de-AT;q=0.9'), 'AT', 'a region given later for the same language');
  });

  it('a language without a region gives no country', () => {
    for (const h of ['de', 'en', 'de,en-US;q=0.7,en;q=0.3', 'es-419', '*', '', 'x-pirate', 'en-GB;q=0', ';;,,'])
      assert.equal(countryFromAcceptLanguage(h), null, h);
    assert.equal(countryFromAcceptLanguage(undefined), null);
    assert.equal(countryFromAcceptLanguage(`${'en,'.repeat(5000)}en-GB`), null, 'a huge header is read only so far');
  });

  it('names countries, and only countries', () => {
    assert.equal(regionName('KE'), 'Kenya');
    for (const cc of ['EU', 'UN', 'ZZ', 'XK1', 'gb']) assert.equal(regionName(cc), null, cc);
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
    await setCountry('KE');
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

  const help = (acceptLanguage?: string) =>
    t.app.inject({ method: 'GET', url: '/help', headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });

  it('/help picks the visitor’s country from Accept-Language: en-IN → India, de-DE → Germany, pt-BR → Brazil', async () => {
    for (const [header, tel, place] of [
      ['en-IN,en;q=0.9', 'tel:14416', 'India'],
      ['de-DE,de;q=0.9,en;q=0.8', 'tel:08001110111', 'Germany'],
      ['pt-BR,pt;q=0.9', 'tel:188', 'Brazil'],
    ] as const) {
      const res = await help(header);
      assert.equal(res.statusCode, 200, header);
      assert.match(res.body, new RegExp(`href="${tel}"`), header);
      assert.match(
        res.body,
        new RegExp(`These are the lines in ${place}, chosen from your browser’s language`),
        header,
      );
      assert.doesNotMatch(res.body, /href="tel:988"/, `${header}: not the US lines`);
      assert.match(
        res.body,
        /href="\/help\/us">crisis lines in the United States</,
        `${header}: the practice's lines a link away`,
      );
      assert.equal(canonicalOf(res.body), `${t.deps.config.publicUrl}/help`);
    }
  });

  it('a visitor with en-GB on a US practice sees the UK lines first and the US lines one link away', async () => {
    const { body } = await help('en-GB,en;q=0.9');
    const emergency = body.indexOf('href="tel:999"');
    const samaritans = body.indexOf('<h3>Samaritans</h3>');
    assert.ok(emergency > 0 && emergency < samaritans, 'UK emergency number, then the UK lines');
    assert.ok(body.indexOf('href="/help/us"') > 0, 'a link to the US lines');
    assert.doesNotMatch(body, /href="tel:911"/);
    assert.match(body, /Not in the United Kingdom\?/);
  });

  it('a language without a region, or no header, gives the practice’s country', async () => {
    for (const header of [undefined, 'de', 'de,en-US;q=0.7,en;q=0.3', 'es-419']) {
      const { body } = await help(header);
      assert.match(body, /href="tel:988"/, String(header));
      assert.match(body, /These are the lines in the United States, where /, String(header));
    }
  });

  it('a visitor from a country without shipped lines gets the finder and the practice’s lines a link away, never US numbers alone', async () => {
    const { body } = await help('sw-KE');
    assert.match(body, /you are in Kenya, where we don’t list lines yet/);
    assert.match(body, /<h2 id="finder-title">Find a line in Kenya<\/h2>/);
    assert.match(body, /call your local emergency number/);
    assert.doesNotMatch(body, /href="tel:/, 'no country’s numbers as if they were the visitor’s');
    assert.match(body, /href="\/help\/us">crisis lines in the United States</);
  });

  it('/help varies by Accept-Language, so it is never served from the path-keyed page cache; /help/<cc> is', async () => {
    const uk = await help('en-GB');
    assert.match(String(uk.headers.vary), /accept-language/i);
    const india = await help('en-IN');
    assert.match(india.body, /href="tel:14416"/, 'the UK page was not served again');
    assert.doesNotMatch(india.body, /href="tel:116123"/);
    assert.equal(india.headers.etag, undefined, '/help is not kept by the page cache');
    const first = await t.app.inject({ url: '/help/in' });
    const again = await t.app.inject({ url: '/help/in', headers: { 'accept-language': 'en-GB' } });
    assert.ok(first.headers.etag, '/help/<cc> is cached');
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.body, first.body, 'the same for every visitor');
  });

  it('/help and /help/<cc> are distinct pages for search engines: own canonical, title and description', async () => {
    const pages = [];
    for (const path of ['/help', ...Object.keys(coveredCountries).map((cc) => `/help/${cc.toLowerCase()}`)]) {
      const res = await t.app.inject({ url: path });
      assert.equal(res.statusCode, 200, path);
      assert.equal(canonicalOf(res.body), `${t.deps.config.publicUrl}${path}`, path);
      const meta = (k: string) =>
        (new RegExp(`<meta (?:name|property)="${k}" content="([^"]*)"`).exec(res.body)?.[1] ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&#39;|&#x27;/g, "'");
      pages.push({
        path,
        title: meta('og:title'),
        description: meta('description'),
        html: /<main\b[\s\S]*<\/main>/.exec(res.body)?.[0] ?? '',
      });
    }
    assert.equal(pages[0]!.title, 'Need help now? Crisis lines where you are');
    assert.equal(
      titleOf((await t.app.inject({ url: '/help/in' })).body)?.startsWith('Need help now? Crisis lines in India'),
      true,
    );
    for (const p of pages) {
      const findings = lintPage({
        ...p,
        siteName: 'Practice',
        siteOrigin: t.deps.config.publicUrl,
        others: pages,
      });
      assert.deepEqual(findings, [], `${p.path}: ${JSON.stringify(findings)}`);
    }
  });

  it('each line shows its source and the day it was checked', async () => {
    const { body } = await getPage(t.app, '/help/in', new CookieJar());
    assert.match(
      body,
      /Source: <a href="https:\/\/telemanas.mohfw.gov.in\/" rel="noopener">telemanas.mohfw.gov.in<\/a>, checked \d{1,2} December 2026/,
    );
  });
});
