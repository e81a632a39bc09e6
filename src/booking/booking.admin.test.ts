import assert from 'node:assert/strict';
import { it } from 'node:test';
import ICAL from 'ical.js';
import { forEachEngine } from '../db/testing.ts';
import { createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { seedCoach } from './testing.ts';

const serviceForm = {
  name: 'Deep-dive session',
  slug: 'deep-dive',
  summary: 'Ninety minutes on one question.',
  description_md: 'We look at **one** thing.',
  duration_minutes: '90',
  price: '150.00',
  currency: 'eur',
  modality: 'choice',
  active: '1',
  sort_order: '1',
  buffer_before_min: '15',
  buffer_after_min: '15',
  notice_min: '24',
  horizon_days: '30',
  step_min: '30',
  daily_limit: '2',
  intake_required: '0',
  approval_required: '0',
  cancel_notice_min: '48',
  reminders: '24, 2',
};

forEachEngine('booking back office', (engine) => {
  it('the coach sets up a service and her hours, books for a client, cancels with a message, and reads the private feed', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);

    // A service with every rule; bad input comes back with the values kept.
    const form = await getPage(ctx.app, '/admin/services/new', jar);
    const bad = await postForm(
      ctx.app,
      '/admin/services/new',
      { ...serviceForm, _csrf: form.csrf!, price: 'lots', reminders: 'soon' },
      jar,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the price like 90 or 90.00/);
    assert.match(bad.body, /value="Deep-dive session"/);
    const saved = await postForm(ctx.app, '/admin/services/new', { ...serviceForm, _csrf: form.csrf! }, jar);
    assert.equal(saved.statusCode, 303);
    const service = await db
      .selectFrom('services')
      .selectAll()
      .where('slug', '=', 'deep-dive')
      .executeTakeFirstOrThrow();
    const rules = await db
      .selectFrom('service_booking_rules')
      .selectAll()
      .where('service_id', '=', service.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [
        service.price_cents,
        service.currency,
        rules.notice_min,
        rules.cancel_notice_min,
        rules.daily_limit,
        rules.reminder_offsets_json,
      ],
      [15000, 'EUR', 1440, 2880, 2, '[1440,120]'],
    );
    const edit = await getPage(ctx.app, `/admin/services/${service.id}`, jar);
    assert.match(edit.body, /value="24, 2"/, 'the form shows what was saved');

    // Weekly hours with two ranges on Monday, a closed date and time off.
    const avail = await getPage(ctx.app, '/admin/availability', jar);
    assert.equal(
      (
        await postForm(
          ctx.app,
          '/admin/availability/weekly',
          { _csrf: avail.csrf!, 'd1.0.from': '09:00', 'd1.0.to': '08:00' },
          jar,
        )
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await postForm(
          ctx.app,
          '/admin/availability/weekly',
          {
            _csrf: avail.csrf!,
            'd1.0.from': '14:00',
            'd1.0.to': '16:00',
            'd1.1.from': '09:00',
            'd1.1.to': '12:00',
            'd2.0.from': '10:00',
            'd2.0.to': '12:00',
            'd3.0.from': '',
            'd3.0.to': '',
          },
          jar,
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await postForm(
          ctx.app,
          '/admin/availability/override',
          { _csrf: avail.csrf!, date: '2026-12-01', hours: '', note: 'Dentist' },
          jar,
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await postForm(
          ctx.app,
          '/admin/availability/time-off',
          { _csrf: avail.csrf!, from: '2026-12-08', to: '2026-12-07' },
          jar,
        )
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await postForm(
          ctx.app,
          '/admin/availability/time-off',
          { _csrf: avail.csrf!, from: '2026-12-07', to: '2026-12-08', note: 'Away' },
          jar,
        )
      ).statusCode,
      303,
    );
    const slots = await ctx.app.inject({
      url: `/api/v1/services/${service.id}/slots?from=2026-11-30&to=2026-12-08&timeZone=Europe/Berlin`,
    });
    const starts = (slots.json() as { slots: { start: string }[] }).slots.map((s) => s.start);
    assert.deepEqual(
      starts,
      [
        '2026-11-30T08:00:00Z',
        '2026-11-30T08:30:00Z',
        '2026-11-30T09:00:00Z',
        '2026-11-30T09:30:00Z',
        '2026-11-30T13:00:00Z',
        '2026-11-30T13:30:00Z',
      ],
      'Monday only: Tuesday 1st is closed, the 7th and 8th are time off, Tuesday hours are too short for 90 minutes',
    );

    // Book on a client's behalf outside the published hours.
    const nf = await getPage(ctx.app, '/admin/bookings/new', jar);
    const booked = await postForm(
      ctx.app,
      '/admin/bookings/new',
      {
        _csrf: nf.csrf!,
        serviceId: service.id,
        date: '2026-11-30',
        time: '18:00',
        name: 'Lee Client',
        email: 'lee@example.test',
        phone: '',
        modality: 'video',
        tz: 'Asia/Kolkata',
        note: '',
      },
      jar,
    );
    assert.equal(booked.statusCode, 303, booked.body.slice(0, 300));
    const b = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [b.start_at, b.created_by, b.client_time_zone],
      [Date.parse('2026-11-30T17:00:00Z'), 'coach', 'Asia/Kolkata'],
    );
    const clash = await postForm(
      ctx.app,
      '/admin/bookings/new',
      {
        _csrf: nf.csrf!,
        serviceId: service.id,
        date: '2026-11-30',
        time: '19:00',
        name: 'Other',
        email: 'o@example.test',
        modality: 'video',
        tz: 'UTC',
      },
      jar,
    );
    assert.equal(clash.statusCode, 409);

    const week = await getPage(ctx.app, '/admin/bookings?view=week&date=2026-11-30', jar);
    assert.match(week.body, /Lee Client/);

    const feedKey = (await db.selectFrom('booking_calendar').select('feed_token').executeTakeFirstOrThrow()).feed_token;
    assert.equal((await ctx.app.inject({ url: '/book/feed.ics?key=wrong' })).statusCode, 404);
    const feed = await ctx.app.inject({ url: `/book/feed.ics?key=${encodeURIComponent(feedKey)}` });
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent');
    assert.equal(events.length, 1);
    assert.equal(
      (events[0]!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      '2026-11-30T17:00:00.000Z',
    );

    const page = await getPage(ctx.app, `/admin/bookings/${b.id}`, jar);
    assert.equal(
      (await postForm(ctx.app, `/admin/bookings/${b.id}/cancel`, { _csrf: 'forged', message: 'Sorry' }, jar))
        .statusCode,
      403,
    );
    assert.equal(
      (
        await postForm(
          ctx.app,
          `/admin/bookings/${b.id}/cancel`,
          { _csrf: page.csrf!, message: 'I am ill, sorry.' },
          jar,
        )
      ).statusCode,
      303,
    );
    const mails = await db.selectFrom('outbox').selectAll().where('kind', '=', 'booking.cancelled').execute();
    assert.equal(mails.length, 1);
    assert.match(ctx.deps.sealer.open(mails[0]!.text_sealed), /I am ill, sorry\./);
    assert.equal((await db.selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status, 'cancelled');
  });
});
