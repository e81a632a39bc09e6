import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
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
