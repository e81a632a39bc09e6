import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forEachEngine } from '../db/testing.ts';
import { readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { viewContext } from '../web/index.ts';
import { seedCoach, seedService } from './testing.ts';

// Issue 9, finding 5: Temporal reads a zone out of a date-time string ("2026-01-01T00:00Z" is UTC
// to it) and takes offsets, so such a `tz` passed the zone check and Intl then threw: a 500.
const NOT_ZONES = [
  '2026-01-01T00:00Z',
  '2026-01-01T00:00:00+01:00[Europe/Berlin]',
  '+01:00',
  '-05:00',
  'Mars/Olympus_Mons',
  'x'.repeat(100_000),
];

forEachEngine('time zones typed by visitors', (engine) => {
  let t: TestContext;
  let slug: string;
  let serviceId: string;
  before(async () => {
    t = await createTestApp(engine);
    await seedCoach(t.deps.dbh.db, t.clock.now());
    slug = 'zone-check';
    serviceId = await seedService(t.deps.dbh.db, t.clock.now(), { slug, modality: 'phone' });
  });
  after(() => t.close());

  it("a booking page with a date-time or offset as its zone shows the coach's zone, never a 500", async () => {
    for (const tz of NOT_ZONES) {
      const page = await getPage(t.app, `/book/${slug}?tz=${encodeURIComponent(tz)}`, new CookieJar());
      assert.equal(page.status, 200, `${tz.slice(0, 40)}: ${page.body.slice(0, 200)}`);
      assert.match(page.body, /<option value="Europe\/Berlin" selected>/);
    }
  });

  it('an alias or a differently cased IANA name is read as its canonical zone', async () => {
    const page = await getPage(t.app, `/book/${slug}?tz=${encodeURIComponent('america/new_york')}`, new CookieJar());
    assert.equal(page.status, 200);
    assert.match(page.body, /<option value="America\/New_York" selected>/);
    // Issue 12: an alias in ?tz= becomes the zone's canonical name, on the page and in its links.
    for (const [alias, canonical] of [
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['US/Eastern', 'America/New_York'],
    ] as const) {
      const p = await getPage(t.app, `/book/${slug}?tz=${encodeURIComponent(alias)}`, new CookieJar());
      assert.match(p.body, new RegExp(`<option value="${canonical.replace('/', '\\/')}" selected>`), alias);
      assert.doesNotMatch(p.body, new RegExp(`value="${alias.replace('/', '\\/')}"`), alias);
      assert.match(p.body, new RegExp(`tz=${encodeURIComponent(canonical)}`), `${alias}: the slot links`);
    }
  });

  /** The times page as a browser with this Accept-Language (and no JavaScript) gets it. */
  async function timesPage(acceptLanguage: string | undefined, query = '') {
    const res = await t.app.inject({
      url: `/book/${slug}${query}`,
      headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
    });
    assert.equal(res.statusCode, 200);
    return res;
  }
  const selected = (body: string) => /<option value="([^"]+)" selected>/.exec(body)?.[1];

  it('offers canonical names only, labelled by place, name and offset, grouped by region without JavaScript', async () => {
    const { body } = await timesPage(undefined, '?tz=Asia%2FKolkata');
    assert.doesNotMatch(body, /value="Asia\/Calcutta"|value="Europe\/Kiev"/);
    assert.match(
      body,
      /<option value="Europe\/Kyiv">Kyiv, Ukraine · Eastern European Standard Time — GMT\+2<\/option>/,
    );
    assert.match(
      body,
      /<optgroup label="Asia">(?:(?!<\/optgroup>).)*<option value="Asia\/Kolkata" selected>Kolkata, India · India Standard Time — GMT\+5:30<\/option>/s,
    );
    for (const region of ['Africa', 'Americas', 'Asia', 'Australia', 'Europe', 'Pacific Ocean'])
      assert.match(body, new RegExp(`<optgroup label="${region}">`), region);
    // The select and its form work alone; the island only adds to them.
    assert.match(body, /<form method="get" action="\/book\/zone-check" class="zone-form">/);
    assert.match(body, /<script type="module" src="\/book\/zone.js"><\/script>/);
  });

  it('says plainly which zone the times are in, with the change control right there', async () => {
    const { body } = await timesPage(undefined, '?tz=Asia%2FKolkata');
    assert.match(
      body,
      /<summary>Times are in <strong>India Standard Time \(Asia\/Kolkata\)<\/strong>\. <span class="zone-change-link">Change<\/span><\/summary><form method="get"/,
    );
  });

  it("guesses the zone from Accept-Language without JavaScript; a chosen zone wins; else the practice's", async () => {
    const cases: [string | undefined, string][] = [
      ['en-IN,en;q=0.9', 'Asia/Kolkata'],
      ['ja-JP', 'Asia/Tokyo'],
      ['de-DE,de;q=0.9', 'Europe/Berlin'],
      ['en-GB', 'Europe/London'],
      // Several clocks, none of them the practice's: no guess, the practice's zone.
      ['en-US,en;q=0.9', 'Europe/Berlin'],
      ['pt-BR', 'Europe/Berlin'],
      ['*', 'Europe/Berlin'],
      [undefined, 'Europe/Berlin'],
    ];
    for (const [header, zone] of cases) {
      const { body } = await timesPage(header);
      assert.equal(selected(body), zone, String(header));
      assert.match(
        body,
        new RegExp(`Times are in <strong>[^<]+ \\(${zone.replace('/', '\\/')}\\)</strong>`),
        String(header),
      );
      assert.match(
        body,
        new RegExp(`details\\?start=[^"]+&amp;tz=${encodeURIComponent(zone)}"`),
        `${header}: the slots carry it`,
      );
    }
    const kolkata = await timesPage('en-IN');
    assert.match(kolkata.body, /Times are in <strong>India Standard Time \(Asia\/Kolkata\)<\/strong>/);
    assert.equal(selected((await timesPage('en-IN', '?tz=America%2FChicago')).body), 'America/Chicago');
  });

  it('guesses the practice zone for a visitor from its country of several clocks', async () => {
    const db = t.deps.dbh.db;
    const settings = await readSiteSettings(db);
    await writeSiteSettings(db, { ...settings, timeZone: 'America/Chicago' }, t.clock.now());
    try {
      assert.equal(selected((await timesPage('en-US')).body), 'America/Chicago');
      assert.equal(selected((await timesPage('en-AU')).body), 'America/Chicago', 'no guess: the practice zone');
      assert.equal(selected((await timesPage('en-IN')).body), 'Asia/Kolkata');
    } finally {
      await writeSiteSettings(db, settings, t.clock.now());
    }
  });

  it("writes times on the visitor's clock: en-US 2:30 PM, en-GB and de-DE 14:30", async () => {
    const slotTimes = (body: string) => [...body.matchAll(/<a class="slot"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
    const q = '?tz=Europe%2FBerlin&from=2026-11-30';
    const us = await timesPage('en-US,en;q=0.9', q);
    assert.ok(slotTimes(us.body).includes('2:30 PM'), slotTimes(us.body).join(' '));
    assert.match(us.body, /aria-label="Monday, November 30, 2026, 2:30 PM"/);
    for (const header of ['en-GB', 'de-DE,de;q=0.9']) {
      const page = await timesPage(header, q);
      assert.ok(slotTimes(page.body).includes('14:30'), `${header}: ${slotTimes(page.body).join(' ')}`);
      // The pages are in English: a German visitor gets the 24-hour clock, not German words.
      assert.match(page.body, /aria-label="Monday, 30 November 2026, 14:30"/, header);
    }
    // The details step too.
    const details = await t.app.inject({
      url: `/book/${slug}/details?start=${encodeURIComponent('2026-11-30T13:30:00Z')}&tz=Europe%2FBerlin`,
      headers: { 'accept-language': 'en-US' },
    });
    assert.match(details.body, /Monday, November 30, 2026 at 2:30 PM/);
  });

  it('keeps pages that depend on Accept-Language out of any cache keyed by path alone', async () => {
    for (const url of ['/book', `/book/${slug}`]) {
      const res = await t.app.inject({ url, headers: { 'accept-language': 'en-IN' } });
      assert.match(String(res.headers.vary ?? ''), /accept-language/i, url);
      assert.equal(res.headers.etag, undefined, `${url} is not a page-cache entry`);
    }
    // A cacheable page (the page cache keys it by path) never reads the visitor's locale.
    const ctxFor = (route: string) =>
      viewContext(
        t.deps.dbh.db,
        'http://localhost',
        {
          server: t.app,
          routeOptions: { url: route },
          url: route,
          headers: { 'accept-language': 'en-US' },
          viewer: null,
        } as unknown as FastifyRequest,
        {} as FastifyReply,
      );
    assert.ok(t.app.contributions.cacheable.has('/blog/:slug'));
    assert.equal((await ctxFor('/blog/:slug')).visitorLocale, undefined);
    assert.equal((await ctxFor('/book/:slug')).visitorLocale, 'en-US');
  });

  it('the details step refuses such a zone with a 4xx before anything else', async () => {
    const jar = new CookieJar();
    const start = '2026-11-30T08:00:00Z';
    const details = await getPage(t.app, `/book/${slug}/details?start=${encodeURIComponent(start)}`, jar);
    assert.equal(details.status, 200);
    for (const tz of NOT_ZONES) {
      const res = await postForm(
        t.app,
        `/book/${slug}/details`,
        { _csrf: details.csrf!, start, tz, name: 'Ana', email: 'ana@example.test', phone: '+1 212 555 0100' },
        jar,
      );
      assert.ok(res.statusCode >= 200 && res.statusCode < 500, `${tz.slice(0, 40)}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /Check and confirm/);
    }
  });

  it('the API answers 400 with a problem naming timeZone, never a 5xx', async () => {
    for (const tz of NOT_ZONES) {
      const slots = await t.app.inject({
        url: `/api/v1/services/${serviceId}/slots?from=2026-11-30&to=2026-11-30&timeZone=${encodeURIComponent(tz)}`,
      });
      assert.equal(slots.statusCode, 400, `${tz.slice(0, 40)}: ${slots.body.slice(0, 200)}`);
      assert.match(slots.body, /timeZone/);
      const booked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: {
          serviceId,
          start: '2026-11-30T08:00:00Z',
          timeZone: tz,
          name: 'Ana',
          email: 'ana@example.test',
          phone: '+1 212 555 0100',
        },
      });
      assert.equal(booked.statusCode, 400, `${tz.slice(0, 40)}: ${booked.body.slice(0, 200)}`);
      assert.match(booked.body, /timeZone/);
    }
    const none = await t.deps.dbh.db.selectFrom('bookings').select('id').execute();
    assert.equal(none.length, 0);
  });
});
