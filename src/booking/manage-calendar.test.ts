import assert from 'node:assert/strict';
import { it } from 'node:test';
import ICAL from 'ical.js';
import { forEachEngine } from '../db/testing.ts';
import { createTestApp, type TestContext } from '../testing.ts';
import { bookSession, cancelByClient } from './booking.service.ts';
import { insertRecordedSessions, manageCapability } from './client-sessions.ts';
import { calendarRow } from './setup.service.ts';
import { seedCoach, seedService } from './testing.ts';

const MON_0900_BERLIN = Date.UTC(2026, 10, 30, 8, 0, 0);
const UID_WITH_DOMAIN = /^[0-9a-f-]{36}@coach\.example$/;

/** The one VEVENT of an .ics, read by ical.js (an independent parser). */
function vevent(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const ev = cal.getFirstSubcomponent('vevent')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(ev.getFirstPropertyValue('uid')),
    status: String(ev.getFirstPropertyValue('status')),
    url: String(ev.getFirstPropertyValue('url') ?? ''),
    location: String(ev.getFirstPropertyValue('location') ?? ''),
    partstat: ev.getFirstProperty('attendee')?.getParameter('partstat'),
    attendee: String(ev.getFirstPropertyValue('attendee')),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

async function book(ctx: TestContext, serviceId: string, o: { email?: string; start?: number } = {}) {
  return bookSession(ctx.deps, {
    serviceId,
    start: o.start ?? MON_0900_BERLIN,
    timeZone: 'America/New_York',
    name: 'Ana Client',
    email: o.email ?? 'ana@example.test',
    phone: '+1 212 555 0100',
    note: null,
    modality: null,
    requestId: crypto.randomUUID(),
    createdBy: 'client',
  });
}

const hrefs = (body: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

forEachEngine('add to calendar', (engine) => {
  it('the confirmation page offers Google, Outlook and an .ics of the booking, opened by the manage token only', async (t) => {
    const ctx = await createTestApp(engine, { publicUrl: 'https://coach.example' });
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const serviceId = await seedService(db, ctx.clock.now(), { slug: 'call' });
    const { booking, token } = await book(ctx, serviceId);
    assert.match(booking.ical_uid, UID_WITH_DOMAIN, 'a new booking’s UID carries the practice’s domain');

    const page = await ctx.app.inject({ url: `/book/manage?t=${encodeURIComponent(token!)}&just=booked` });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['referrer-policy'], 'no-referrer', 'the token never leaves as a referrer');
    assert.match(page.body, /<h2 id="add-to-calendar">Add to your calendar<\/h2>/);
    const google = new URL(hrefs(page.body).find((h) => h.startsWith('https://calendar.google.com/'))!);
    assert.equal(google.pathname, '/calendar/render');
    assert.equal(google.searchParams.get('action'), 'TEMPLATE');
    assert.equal(google.searchParams.get('dates'), '20261130T080000Z/20261130T090000Z');
    assert.match(google.searchParams.get('text')!, /^Session call with Maya Test$/);
    const outlook = new URL(hrefs(page.body).find((h) => h.startsWith('https://outlook.live.com/'))!);
    assert.equal(outlook.pathname, '/calendar/0/action/compose');
    assert.equal(outlook.searchParams.get('startdt'), '2026-11-30T08:00:00Z');
    assert.equal(outlook.searchParams.get('enddt'), '2026-11-30T09:00:00Z');
    for (const u of [google, outlook]) {
      assert.ok(!u.href.includes(encodeURIComponent(token!)) && !u.href.includes(token!), 'no token to another site');
      assert.ok(!decodeURIComponent(u.href).includes('555 0100'), 'no phone number to another site');
    }
    const outward = [
      ...page.body.matchAll(/<a [^>]*href="https:\/\/(?:calendar\.google|outlook\.live)[^>]*>.*?<\/a>/g),
    ];
    assert.equal(outward.length, 2);
    for (const [a] of outward) {
      assert.match(a, /rel="noopener noreferrer"/);
      assert.match(a, /<span class="visually-hidden"> \(opens [a-z.]+, another site\)<\/span>/);
    }
    const icsHref = hrefs(page.body).find((h) => h.startsWith('/book/manage/calendar.ics?'))!;
    assert.equal(icsHref, `/book/manage/calendar.ics?t=${encodeURIComponent(token!)}`, 'the token in the query string');

    const file = await ctx.app.inject({ url: icsHref });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /^text\/calendar; charset=utf-8/);
    assert.equal(file.headers['cache-control'], 'no-store');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="session\.ics"$/);
    const ev = vevent(file.body);
    assert.equal(ev.uid, booking.ical_uid, 'the same event as the emailed file');
    assert.equal(ev.start, '2026-11-30T08:00:00.000Z');
    assert.equal(ev.status, 'CONFIRMED');
    assert.equal(ev.partstat, 'ACCEPTED');
    assert.equal(ev.attendee, 'MAILTO:ana@example.test');
    assert.equal(ev.location, 'Phone: your coach calls you at +1 212 555 0100');
    assert.equal(ev.url, `https://coach.example/book/manage?t=${encodeURIComponent(token!)}`);

    // The portal's capability opens it too; a wrong or missing token opens nothing.
    const capability = manageCapability(ctx.deps.secrets, booking.id);
    const viaPortal = await ctx.app.inject({
      url: `/book/manage/calendar.ics?t=${encodeURIComponent(capability)}`,
    });
    assert.equal(viaPortal.statusCode, 200);
    assert.equal(vevent(viaPortal.body).uid, booking.ical_uid);
    for (const url of [
      '/book/manage/calendar.ics',
      '/book/manage/calendar.ics?t=nope',
      `/book/manage/calendar.ics?t=${'x'.repeat(43)}`,
    ]) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 400, url);
      assert.doesNotMatch(res.body, /BEGIN:VCALENDAR/, url);
    }

    // Cancelled: the link is dead, and so is its calendar file.
    await cancelByClient(ctx.deps, token!);
    assert.equal((await ctx.app.inject({ url: icsHref })).statusCode, 400);
    const after = await ctx.app.inject({ url: `/book/manage?t=${encodeURIComponent(capability)}` });
    assert.doesNotMatch(after.body, /Add to your calendar/);
  });

  it('a request waiting for approval is tentative, its client’s answer open; a video session is in its room', async (t) => {
    const ctx = await createTestApp(engine, { publicUrl: 'https://coach.example' });
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const serviceId = await seedService(db, ctx.clock.now(), { modality: 'video', rules: { approval_required: 1 } });
    const { booking, token } = await book(ctx, serviceId);
    assert.equal(booking.status, 'pending');
    const page = await ctx.app.inject({ url: `/book/manage?t=${encodeURIComponent(token!)}&just=booked` });
    assert.match(page.body, /Request sent/);
    assert.match(page.body, /Add to your calendar/);
    const google = new URL(hrefs(page.body).find((h) => h.startsWith('https://calendar.google.com/'))!);
    assert.equal(google.searchParams.get('location'), `https://coach.example/room/${booking.id}`, 'without a token');
    const ev = vevent(
      (await ctx.app.inject({ url: `/book/manage/calendar.ics?t=${encodeURIComponent(token!)}` })).body,
    );
    assert.equal(ev.status, 'TENTATIVE');
    assert.equal(ev.partstat, 'NEEDS-ACTION');
    // The client's own file opens the room with the booking's capability, as their emails do.
    assert.match(ev.location, new RegExp(`^https://coach\\.example/room/${booking.id}\\?t=c\\.`));
  });

  it('old bookings keep their stored UID everywhere; the private feed asks for a read every hour and says where', async (t) => {
    const ctx = await createTestApp(engine, { publicUrl: 'https://coach.example' });
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    const now = ctx.clock.now();
    await seedCoach(db, now);
    const serviceId = await seedService(db, now);
    const { booking, token } = await book(ctx, serviceId);
    const OLD = '11111111-2222-4333-8444-555555555555@tandem';
    await db.updateTable('bookings').set({ ical_uid: OLD }).where('id', '=', booking.id).execute();
    const file = await ctx.app.inject({ url: `/book/manage/calendar.ics?t=${encodeURIComponent(token!)}` });
    assert.equal(vevent(file.body).uid, OLD);

    await calendarRow(db, now);
    const { feed_token } = await db.selectFrom('booking_calendar').select('feed_token').executeTakeFirstOrThrow();
    const feed = await ctx.app.inject({ url: `/book/feed.ics?key=${encodeURIComponent(feed_token)}` });
    assert.equal(feed.statusCode, 200);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const refresh = cal.getFirstProperty('refresh-interval')!;
    assert.equal(refresh.type, 'duration');
    assert.equal(String(refresh.getFirstValue()), 'PT1H');
    assert.equal(String(cal.getFirstPropertyValue('x-published-ttl')), 'PT1H');
    assert.match(feed.body, /\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n/);
    const events = cal.getAllSubcomponents('vevent');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.getFirstPropertyValue('uid'), OLD);
    assert.equal(events[0]!.getFirstPropertyValue('location'), 'Phone: call Ana Client at +1 212 555 0100');
    assert.doesNotMatch(feed.body.replace(/\r\n[ \t]/g, ''), /\/book\/manage|t=/, 'no client link in the coach’s feed');

    // Sessions written as recorded get the domain when the caller names the practice's address.
    const { client_id } = booking;
    const recorded = (start: number) => ({
      serviceId,
      clientId: client_id!,
      clientName: 'Ana Client',
      clientEmail: 'ana@example.test',
      clientPhone: null,
      timeZone: 'UTC',
      start,
      durationMinutes: 60,
      modality: 'video' as const,
      status: 'completed' as const,
    });
    await insertRecordedSessions(db, [recorded(now - 7 * 86_400_000)], now, ctx.deps.config.publicUrl);
    await insertRecordedSessions(db, [recorded(now - 14 * 86_400_000)], now);
    const uids = (
      await db.selectFrom('bookings').select(['ical_uid', 'start_at']).where('created_by', '=', 'coach').execute()
    )
      .sort((a, b) => b.start_at - a.start_at)
      .map((r) => r.ical_uid);
    assert.match(uids[0]!, UID_WITH_DOMAIN);
    assert.match(uids[1]!, /@tandem$/, 'a caller without the address keeps the old form');
  });
});
