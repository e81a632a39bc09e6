import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { createTestApp, signedInCoach, type TestContext } from '../testing.ts';

forEachEngine('the JSON API takes no authority from cookies', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
  });
  after(() => t.close());

  it("a booking posted with the coach's session cookie is an ordinary API booking, held to the public rules", async () => {
    const db = t.deps.dbh.db;
    const cookie = (await signedInCoach(t)).jar.header();
    const svc = await db
      .selectFrom('services')
      .select('id')
      .where('active', '=', 1)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    const body = (start: string) => ({
      serviceId: svc.id,
      start,
      timeZone: 'Europe/London',
      name: 'Api Person',
      email: 'api@example.test',
      phone: '+44 20 7946 0000',
    });
    // A time nobody may book: in the middle of the night, outside the working hours (the coach could place it from the back office).
    const night = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { cookie },
      payload: body('2026-12-06T03:00:00Z'),
    });
    const nightAnon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: body('2026-12-06T03:00:00Z'),
    });
    assert.ok(night.statusCode >= 400 && night.statusCode < 500, night.body);
    assert.equal(night.statusCode, nightAnon.statusCode);
    // A free time: booked exactly as without the cookie, marked as coming from the API.
    const slots = await t.app.inject({
      url: `/api/v1/services/${svc.id}/slots?from=2026-11-30&to=2026-12-20&timeZone=Europe/London`,
      headers: { cookie },
    });
    const start = (slots.json() as { slots: { start: string }[] }).slots[0]!.start;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { cookie },
      payload: body(start),
    });
    assert.ok([201, 202].includes(res.statusCode), res.body);
    // The demo practice has its clients' sessions too: look at the one this request made.
    const id = (res.json() as { booking: { id: string } }).booking.id;
    const row = await db
      .selectFrom('bookings')
      .select(['created_by', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.created_by, 'api');
  });

  it("takes bookings only as JSON: a plain form on another site cannot post one from a visitor's browser", async () => {
    const db = t.deps.dbh.db;
    const svc = await db
      .selectFrom('services')
      .select('id')
      .where('active', '=', 1)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    const slots = await t.app.inject({
      url: `/api/v1/services/${svc.id}/slots?from=2026-11-30&to=2026-12-20&timeZone=Europe/London`,
    });
    const start = (slots.json() as { slots: { start: string }[] }).slots.at(-1)!.start;
    const before = (await db.selectFrom('bookings').select('id').execute()).length;
    const form = new URLSearchParams({
      serviceId: svc.id,
      start,
      timeZone: 'Europe/London',
      name: 'Cross Site',
      email: 'cross@example.test',
      phone: '+44 20 7946 0000',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    assert.equal(res.statusCode, 415, res.body);
    assert.equal((await db.selectFrom('bookings').select('id').execute()).length, before);
  });
});
