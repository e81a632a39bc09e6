import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { BookingError } from './booking.errors.ts';
import { bookSessions } from './booking.service.ts';
import { seedCoach, seedService } from './testing.ts';

// Packages book the series they promise; a once-per-client service is booked once (issue 12).
// The test clock stands at Friday 27 November 2026, 09:00Z; the coach works in Berlin, 08:00–17:00.

const MON_0900_BERLIN = '2026-11-30T08:00:00Z';

/** Opens the details form for `start` and posts it; returns the answer and the fields sent. */
async function postDetails(
  ctx: TestContext,
  slug: string,
  jar: CookieJar,
  o: { start?: string; email?: string; extra?: Record<string, string> } = {},
) {
  const start = o.start ?? MON_0900_BERLIN;
  const details = await getPage(
    ctx.app,
    `/book/${slug}/details?start=${encodeURIComponent(start)}&tz=Europe%2FBerlin`,
    jar,
  );
  assert.equal(details.status, 200);
  const fields = {
    _csrf: details.csrf!,
    start,
    tz: 'Europe/Berlin',
    requestId: /name="requestId" value="([^"]+)"/.exec(details.body)![1]!,
    name: 'Pia Client',
    email: o.email ?? 'pia@example.test',
    phone: '+49 30 555 0100',
    note: '',
    ...o.extra,
  };
  const res = await postForm(ctx.app, `/book/${slug}/details`, fields, jar);
  return { details, res, fields };
}

/** Posts the confirmation the review page asks for. */
async function confirmReview(
  ctx: TestContext,
  slug: string,
  jar: CookieJar,
  review: string,
  fields: Record<string, string>,
) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(review)![1]!;
  const expect = /name="expect" value="([^"]*)"/.exec(review)?.[1];
  return postForm(
    ctx.app,
    `/book/${slug}/confirm`,
    { ...fields, _csrf: csrf, ...(expect !== undefined ? { expect } : {}) },
    jar,
  );
}

const startsOf = async (ctx: TestContext, serviceId: string) =>
  (
    await ctx.deps.dbh.db
      .selectFrom('bookings')
      .select(['start_at', 'series_id', 'status'])
      .where('service_id', '=', serviceId)
      .where('status', '!=', 'cancelled')
      .orderBy('start_at')
      .execute()
  ).map((r) => ({ start: new Date(r.start_at).toISOString(), series: r.series_id }));

forEachEngine('packages and once-per-client services', (engine) => {
  it('a package books all its sessions at its rhythm, past the horizon, whatever the form asks', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    // Four sessions every two weeks span six weeks; clients may book only 30 days ahead.
    const id = await seedService(db, ctx.clock.now(), {
      slug: 'pkg',
      rules: { series_count: 4, series_repeat: 'fortnightly', horizon_days: 30 },
    });
    const jar = new CookieJar();
    const { details, res, fields } = await postDetails(ctx, 'pkg', jar, {
      // A hand-made post asking for something else changes nothing.
      extra: { repeat: 'weekly', count: '2' },
    });
    assert.match(
      details.body,
      /This package books all 4 sessions at once: the first at the time you chose, then every two weeks/,
    );
    assert.doesNotMatch(details.body, /name="repeat"/, 'a package has no repeat choice');
    assert.equal(res.statusCode, 200, res.body.slice(0, 400));
    for (const day of ['30 November', '14 December', '28 December', '11 January 2027'])
      assert.match(res.body, new RegExp(`Monday, ${day}[^<]* at 09:00 [^:]*: available`), day);
    assert.match(res.body, /Book 4 sessions/);
    assert.match(res.body, /€90(\.00)? for all 4 sessions \(paid separately\)/);
    assert.doesNotMatch(res.body, /can be booked now/);

    const done = await confirmReview(ctx, 'pkg', jar, res.body, fields);
    assert.equal(done.statusCode, 303, done.body.slice(0, 400));
    const rows = await startsOf(ctx, id);
    assert.deepEqual(
      rows.map((r) => r.start),
      ['2026-11-30T08:00:00.000Z', '2026-12-14T08:00:00.000Z', '2026-12-28T08:00:00.000Z', '2027-01-11T08:00:00.000Z'],
    );
    assert.ok(rows[0]!.series && rows.every((r) => r.series === rows[0]!.series), 'one series');

    // The first session is still bound by the horizon.
    const far = await postDetails(ctx, 'pkg', new CookieJar(), {
      start: '2027-01-04T08:00:00Z',
      email: 'far@example.test',
    });
    assert.match(far.res.body, /Monday, 4 January 2027[^<]*: not available\. That time is too far ahead/);
  });

  it('a package that cannot be booked whole says how many can, books only those, and the API books all or none', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const single = await seedService(db, ctx.clock.now(), { slug: 'single' });
    const pkg = await seedService(db, ctx.clock.now(), {
      slug: 'pkg',
      rules: { series_count: 3, series_repeat: 'weekly' },
    });
    // Someone has the second Monday already.
    const otherJar = new CookieJar();
    const other = await postDetails(ctx, 'single', otherJar, {
      start: '2026-12-07T08:00:00Z',
      email: 'o@example.test',
    });
    assert.equal(other.res.statusCode, 200);

    // Before it is booked, the API books the whole package: three bookings, one series, 201.
    const api = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        serviceId: pkg,
        start: '2026-12-01T08:00:00Z',
        timeZone: 'Europe/Berlin',
        name: 'Api Client',
        email: 'api@example.test',
        phone: '+49 30 555 0199',
      },
    });
    assert.equal(api.statusCode, 201, api.body);
    const body = api.json() as { booking: { start: string }; series: { start: string; manageUrl: string }[] };
    assert.deepEqual(
      body.series.map((b) => b.start),
      ['2026-12-01T08:00:00Z', '2026-12-08T08:00:00Z', '2026-12-15T08:00:00Z'],
    );
    assert.equal(new Set(body.series.map((b) => b.manageUrl)).size, 3, 'each session has its own link');
    const listed = (await ctx.app.inject({ url: '/api/v1/services' })).json() as {
      services: { id: string; sessionsPerBooking: number; packageRepeat: string; oncePerClient: boolean }[];
    };
    assert.deepEqual(
      listed.services.find((s) => s.id === pkg),
      {
        ...listed.services.find((s) => s.id === pkg),
        sessionsPerBooking: 3,
        packageRepeat: 'weekly',
        oncePerClient: false,
      },
    );

    assert.equal((await confirmReview(ctx, 'single', otherJar, other.res.body, other.fields)).statusCode, 303);
    // Now the API refuses the package whose second session is taken, and books none of it.
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        serviceId: pkg,
        start: '2026-11-30T08:00:00Z',
        timeZone: 'Europe/Berlin',
        name: 'Api Client',
        email: 'api2@example.test',
        phone: '+49 30 555 0199',
      },
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal((await startsOf(ctx, pkg)).length, 3, 'nothing of the refused package was booked');

    // The web form shows which session cannot be booked and how many can.
    const jar = new CookieJar();
    const plan = await postDetails(ctx, 'pkg', jar);
    assert.equal(plan.res.statusCode, 200);
    assert.match(plan.res.body, /Monday, 7 December 2026[^<]*: not available/);
    assert.match(plan.res.body, /2 of the 3 sessions can be booked now, and only those are booked/);
    assert.match(plan.res.body, /To keep the package whole, choose another first time/);
    assert.match(plan.res.body, /Book 2 sessions/);
    assert.equal((await confirmReview(ctx, 'pkg', jar, plan.res.body, plan.fields)).statusCode, 303);
    assert.deepEqual(
      (await startsOf(ctx, pkg))
        .map((r) => r.start)
        .filter((s) => s.startsWith('2026-11') || s.startsWith('2026-12-14')),
      ['2026-11-30T08:00:00.000Z', '2026-12-14T08:00:00.000Z'],
    );
    assert.equal((await startsOf(ctx, single)).length, 1);
  });

  it('a once-per-client call is refused a second time with what was typed kept, allowed again after a cancel, and safe under a race', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const intro = await seedService(db, ctx.clock.now(), { slug: 'intro', rules: { once_per_client: 1 } });

    const jar1 = new CookieJar();
    const first = await postDetails(ctx, 'intro', jar1);
    const booked = await confirmReview(ctx, 'intro', jar1, first.res.body, first.fields);
    assert.equal(booked.statusCode, 303);
    const manage = String(booked.headers.location);

    // The same person (the address in other letters) at another time: told at the details step.
    const jar = new CookieJar();
    const second = await postDetails(ctx, 'intro', jar, { start: '2026-12-01T08:00:00Z', email: 'Pia@Example.TEST' });
    assert.equal(second.res.statusCode, 400);
    assert.match(second.res.body, /offered once per client, and there is already one under this email address/);
    assert.match(second.res.body, /value="Pia Client"/, 'the name typed is kept');
    assert.match(second.res.body, /value="\+49 30 555 0100"/, 'the phone typed is kept');

    // Posting the confirmation directly is refused too (checked under the write lock), 409, values kept.
    const direct = await postForm(ctx.app, '/book/intro/confirm', { ...second.fields, email: 'pia@example.test' }, jar);
    assert.equal(direct.statusCode, 409, direct.body.slice(0, 300));
    assert.match(direct.body, /offered once per client/);
    assert.match(direct.body, /value="Pia Client"/);
    assert.equal((await startsOf(ctx, intro)).length, 1);

    // The coach may still book another for her.
    const byCoach = await bookSessions(
      ctx.deps,
      {
        serviceId: intro,
        start: Date.parse('2026-12-02T08:00:00Z'),
        timeZone: 'Europe/Berlin',
        name: 'Pia Client',
        email: 'pia@example.test',
        phone: '+49 30 555 0100',
        note: null,
        modality: null,
        requestId: 'coach-books-again-0001',
        createdBy: 'coach',
      },
      [Date.parse('2026-12-02T08:00:00Z')],
    );
    assert.equal(byCoach.length, 1);

    // After cancelling both, she may book one again herself.
    const page = await getPage(ctx.app, manage.replace('&just=booked', ''), jar1);
    const token = new URLSearchParams(manage.split('?')[1]).get('t')!;
    const ask = await getPage(ctx.app, `/book/manage/cancel?t=${encodeURIComponent(token)}`, jar1);
    assert.equal(ask.status, 200, page.body.slice(0, 200));
    const cancelled = await postForm(ctx.app, '/book/manage/cancel', { _csrf: ask.csrf!, t: token }, jar1);
    assert.equal(cancelled.statusCode, 303, cancelled.body.slice(0, 300));
    await db
      .updateTable('bookings')
      .set({ status: 'cancelled' })
      .where('request_id', '=', 'coach-books-again-0001')
      .execute();
    const again = await postDetails(ctx, 'intro', new CookieJar(), { start: '2026-12-03T08:00:00Z' });
    assert.equal(again.res.statusCode, 200, again.res.body.slice(0, 300));

    // Five requests at once under one new address, at five different times: exactly one is booked.
    const times = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((d) =>
      Date.parse(`${d}T09:00:00Z`),
    );
    const results = await Promise.allSettled(
      times.map((start, k) =>
        bookSessions(
          ctx.deps,
          {
            serviceId: intro,
            start,
            timeZone: 'Europe/Berlin',
            name: 'Racer',
            email: 'race@example.test',
            phone: '+49 30 555 0111',
            note: null,
            modality: null,
            requestId: `race-request-000${k}`,
            createdBy: 'client',
          },
          [start],
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results)
      if (r.status === 'rejected')
        assert.ok(r.reason instanceof BookingError && r.reason.code === 'once_per_client', String(r.reason));
  });

  it('the coach sets a package and once per client in the service form, and the form shows them again', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    const form = await getPage(ctx.app, '/admin/services/new', jar);
    assert.match(form.body, /Buffer minutes before/);
    assert.doesNotMatch(form.body, /Free minutes/, '"free" means no charge only');
    const fields = {
      _csrf: form.csrf!,
      name: 'Six-session package',
      slug: 'six',
      summary: 'Six sessions.',
      description_md: 'Six.',
      duration_minutes: '50',
      price: '600',
      currency: 'EUR',
      modality: 'video',
      active: '1',
      sort_order: '1',
      buffer_before_min: '0',
      buffer_after_min: '10',
      notice_min: '24',
      horizon_days: '60',
      step_min: '0',
      daily_limit: '',
      intake_required: '0',
      approval_required: '0',
      cancel_notice_min: '24',
      reminders: '24',
      series_count: '6',
      series_repeat: 'monthly',
      once_per_client: '1',
    };
    const bad = await postForm(ctx.app, '/admin/services/new', { ...fields, series_count: '40' }, jar);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The number of sessions must be between 1 and 12/);
    assert.match(bad.body, /value="Six-session package"/);
    assert.equal((await postForm(ctx.app, '/admin/services/new', fields, jar)).statusCode, 303);
    const rules = await db
      .selectFrom('service_booking_rules')
      .innerJoin('services', 'services.id', 'service_booking_rules.service_id')
      .select(['series_count', 'series_repeat', 'once_per_client', 'services.id'])
      .where('slug', '=', 'six')
      .executeTakeFirstOrThrow();
    assert.deepEqual([rules.series_count, rules.series_repeat, rules.once_per_client], [6, 'monthly', 1]);
    const edit = await getPage(ctx.app, `/admin/services/${rules.id}`, jar);
    assert.match(edit.body, /name="series_count"[^>]*value="6"|value="6"[^>]*name="series_count"/);
    assert.match(edit.body, /<option value="monthly" selected/);
  });
});
