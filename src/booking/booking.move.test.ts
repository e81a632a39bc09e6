import assert from 'node:assert/strict';
import { it } from 'node:test';
import ICAL from 'ical.js';
import { forEachEngine } from '../db/testing.ts';
import { newId } from '../security/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { bookSession, rescheduleBooking } from './booking.service.ts';
import { seedCoach, seedService } from './testing.ts';

// The test clock stands at Friday 27 November 2026, 10:00 in Berlin; the coach works 08:00–17:00.
const MON_0900_BERLIN = Date.parse('2026-11-30T08:00:00Z');
const MON_1100_BERLIN = Date.parse('2026-11-30T10:00:00Z');

async function setUp(t: { after(fn: () => unknown): void }, engine: Parameters<typeof createTestApp>[0]) {
  const ctx = await createTestApp(engine, { publicUrl: 'https://coach.example' });
  t.after(() => ctx.close());
  const db = ctx.deps.dbh.db;
  await seedCoach(db, ctx.clock.now());
  const serviceId = await seedService(db, ctx.clock.now(), { slug: 'call' });
  return { ctx, db, serviceId };
}

async function book(ctx: TestContext, serviceId: string, start: number, who = 'Ana Client') {
  return bookSession(ctx.deps, {
    serviceId,
    start,
    timeZone: 'America/New_York',
    name: who,
    email: `${who.split(' ')[0]!.toLowerCase()}@example.test`,
    phone: '+1 212 555 0100',
    note: null,
    modality: null,
    requestId: newId(),
    createdBy: 'client',
  });
}

/** The mails of one kind in the outbox, opened. */
async function mailsOf(ctx: TestContext, kind: string) {
  const rows = await ctx.deps.dbh.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();
  return rows.map((m) => ({
    to: m.to_address,
    text: ctx.deps.sealer.open(m.text_sealed),
    attachments: m.attachments_sealed
      ? (JSON.parse(ctx.deps.sealer.open(m.attachments_sealed)) as { content: string }[])
      : [],
  }));
}

function readIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const ev = cal.getFirstSubcomponent('vevent')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence') ?? 0),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

const managePath = (text: string) => /https:\/\/coach\.example(\/book\/manage\?t=[^\s)]+)/.exec(text)?.[1];

forEachEngine('the coach moves a booking', (engine) => {
  it('outside her hours after a warning she confirms; one "moved" email with the same UID, SEQUENCE + 1 and a fresh link; never over another booking', async (t) => {
    const { ctx, db, serviceId } = await setUp(t, engine);
    const first = await book(ctx, serviceId, MON_0900_BERLIN);
    await book(ctx, serviceId, MON_1100_BERLIN, 'Ben Other');
    const bookedMail = (await mailsOf(ctx, 'booking.booked')).find((m) => m.to === 'ana@example.test')!;
    const uid = readIcs(bookedMail.attachments[0]!.content).uid;
    const { jar } = await signedInCoach(ctx);
    const id = first.booking.id;

    const page = await getPage(ctx.app, `/admin/bookings/${id}`, jar);
    assert.equal(page.status, 200);
    assert.match(page.body, /Move this session/);
    assert.match(page.body, /name="date"[^>]*value="2026-11-30"|value="2026-11-30"[^>]*name="date"/);
    assert.match(page.body, /<option value="2026-11-30T12:00:00Z"/, 'the offered times are listed');
    const requestId = /name="requestId" value="([^"]+)"/.exec(page.body)![1]!;
    const move = (fields: Record<string, string>) =>
      postForm(ctx.app, `/admin/bookings/${id}/move`, { _csrf: page.csrf!, requestId, ...fields }, jar);

    // Bad input: plain words, what was typed kept; a forged form changes nothing.
    const noDate = await move({ date: '', time: '18:00' });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the new date/);
    assert.match(noDate.body, /value="18:00"/);
    assert.equal((await move({ _csrf: 'forged', date: '2026-11-30', time: '18:00' })).statusCode, 403);

    // Over another booking: refused even when she says "anyway".
    const clash = await move({ date: '2026-11-30', time: '10:30', override: '1' });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /overlaps another booking/);

    // Outside her hours: a warning with everything kept, and nothing changes yet.
    const warned = await move({ date: '2026-11-30', time: '18:00' });
    assert.equal(warned.statusCode, 409);
    assert.match(warned.body, /outside this service&#x27;s booking rules|outside this service's booking rules/);
    assert.match(warned.body, /outside your working hours/);
    assert.match(warned.body, /Move anyway/);
    assert.match(warned.body, /name="override" value="1"/);
    assert.match(warned.body, /type="hidden" name="time" value="18:00"/);
    assert.equal((await mailsOf(ctx, 'booking.moved')).length, 0);
    assert.equal(
      (await db.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'confirmed',
    );

    const done = await move({ date: '2026-11-30', time: '18:00', override: '1' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 400));
    const newId_ = /^\/admin\/bookings\/([^?]+)\?done=moved$/.exec(String(done.headers.location))![1]!;
    assert.notEqual(newId_, id);
    const again = await move({ date: '2026-11-30', time: '18:00', override: '1' });
    assert.equal(again.statusCode, 303, 'a second press is harmless');
    assert.equal(again.headers.location, `/admin/bookings/${newId_}?done=moved`);

    const rows = await db.selectFrom('bookings').selectAll().where('client_email', '=', 'ana@example.test').execute();
    assert.equal(rows.length, 2);
    const moved = rows.find((r) => r.id === newId_)!;
    assert.deepEqual(
      [moved.status, moved.start_at, moved.rescheduled_from],
      ['confirmed', Date.parse('2026-11-30T17:00:00Z'), id],
    );

    // One email to the client: the updated calendar file and a fresh link that opens the new time.
    const movedMails = (await mailsOf(ctx, 'booking.moved')).filter((m) => m.to === 'ana@example.test');
    assert.equal(movedMails.length, 1);
    assert.equal((await mailsOf(ctx, 'booking.cancelled')).length, 0, 'no cancellation email');
    const ics = readIcs(movedMails[0]!.attachments[0]!.content);
    assert.deepEqual([ics.method, ics.uid, ics.sequence, ics.start], ['REQUEST', uid, 1, '2026-11-30T17:00:00.000Z']);
    const fresh = managePath(movedMails[0]!.text)!;
    const clientJar = new CookieJar();
    const opened = await getPage(ctx.app, fresh, clientJar);
    assert.equal(opened.status, 200);
    assert.match(opened.body, /Monday, 30 November 2026 at 12:00/, 'noon in New York');
    assert.equal((await getPage(ctx.app, managePath(bookedMail.text)!, clientJar)).status, 400, 'the old link is dead');

    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'booking.move').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.subject, id);

    // The list shows one moved booking; the old page points to the new time.
    const week = await getPage(ctx.app, '/admin/bookings?view=week&date=2026-11-30', jar);
    assert.equal(week.body.match(/>Ana Client<\/a>/g)?.length, 1);
    assert.match(week.body, /Moved from Monday, 30 November 2026 at 09:00/);
    const old = await getPage(ctx.app, `/admin/bookings/${id}`, jar);
    assert.match(old.body, new RegExp(`Moved to <a href="/admin/bookings/${newId_}">`));
  });

  it('to an offered time at once, and inside the notice after confirming', async (t) => {
    const { ctx, serviceId } = await setUp(t, engine);
    const b = await book(ctx, serviceId, MON_0900_BERLIN);
    const { jar } = await signedInCoach(ctx);
    const page = await getPage(ctx.app, `/admin/bookings/${b.booking.id}`, jar);
    const slot = await postForm(
      ctx.app,
      `/admin/bookings/${b.booking.id}/move`,
      { _csrf: page.csrf!, requestId: newId(), slot: '2026-11-30T12:00:00Z', date: '', time: '' },
      jar,
    );
    assert.equal(slot.statusCode, 303, slot.body.slice(0, 400));
    const movedId = /^\/admin\/bookings\/([^?]+)/.exec(String(slot.headers.location))![1]!;
    const p2 = await getPage(ctx.app, String(slot.headers.location), jar);
    assert.match(p2.body, /Moved; the client has one email/);

    // Today at 10:30 Berlin, half an hour away: inside the service's hour of notice.
    const soon = { _csrf: p2.csrf!, requestId: newId(), date: '2026-11-27', time: '10:30' };
    const warned = await postForm(ctx.app, `/admin/bookings/${movedId}/move`, soon, jar);
    assert.equal(warned.statusCode, 409);
    assert.match(warned.body, /minimum notice/);
    const ok = await postForm(ctx.app, `/admin/bookings/${movedId}/move`, { ...soon, override: '1' }, jar);
    assert.equal(ok.statusCode, 303);
    const past = await postForm(
      ctx.app,
      `/admin/bookings/${movedId}/move`,
      { ...soon, requestId: newId(), date: '2026-11-26', override: '1' },
      jar,
    );
    assert.equal(past.statusCode, 409, 'the old row cannot move again');
    const live = /^\/admin\/bookings\/([^?]+)/.exec(String(ok.headers.location))![1]!;
    const intoPast = await postForm(
      ctx.app,
      `/admin/bookings/${live}/move`,
      { ...soon, requestId: newId(), date: '2026-11-26', override: '1' },
      jar,
    );
    assert.equal(intoPast.statusCode, 422, 'never into the past, even when she says "anyway"');
    assert.match(intoPast.body, /already passed/);
  });

  it("a client's own reschedule shows in the coach's list as one moved booking", async (t) => {
    const { ctx, serviceId } = await setUp(t, engine);
    const b = await book(ctx, serviceId, MON_0900_BERLIN);
    await rescheduleBooking(ctx.deps, b.token!, MON_1100_BERLIN, newId());
    const { jar } = await signedInCoach(ctx);
    const week = await getPage(ctx.app, '/admin/bookings?view=day&date=2026-11-30', jar);
    assert.equal(week.body.match(/>Ana Client<\/a>/g)?.length, 1);
    assert.match(week.body, /Moved from Monday, 30 November 2026 at 09:00/);
    assert.doesNotMatch(week.body, /data-label="Status">Cancelled/);
  });
});

forEachEngine('cancelling with a reason and a confirmation step', (engine) => {
  it('the client confirms before cancelling (no JavaScript), and the old link then says the booking was cancelled', async (t) => {
    const { ctx, db, serviceId } = await setUp(t, engine);
    const b = await book(ctx, serviceId, MON_0900_BERLIN);
    const jar = new CookieJar();
    const link = `/book/manage?t=${encodeURIComponent(b.token!)}`;
    const manage = await getPage(ctx.app, link, jar);
    assert.match(manage.body, new RegExp(`href="/book/manage/cancel\\?t=${encodeURIComponent(b.token!)}"`));
    assert.doesNotMatch(manage.body, /action="\/book\/manage\/cancel"/, 'no one-press cancel on the manage page');

    const ask = await getPage(ctx.app, `/book/manage/cancel?t=${encodeURIComponent(b.token!)}`, jar);
    assert.equal(ask.status, 200);
    assert.match(ask.body, /Cancel this session\?/);
    assert.match(ask.body, /Monday, 30 November 2026 at 03:00/);
    assert.match(ask.body, /action="\/book\/manage\/cancel"/);
    assert.equal(
      (await db.selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status,
      'confirmed',
      'opening the step cancels nothing',
    );

    const forged = await postForm(ctx.app, '/book/manage/cancel', { _csrf: 'forged', t: b.token! }, jar);
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /Cancel this session\?/);

    const done = await postForm(ctx.app, '/book/manage/cancel', { _csrf: ask.csrf!, t: b.token! }, jar);
    assert.equal(done.statusCode, 303);
    const after = await getPage(ctx.app, String(done.headers.location), jar);
    assert.equal(after.status, 200);
    assert.match(after.body, /Your session is cancelled/);
    assert.match(after.body, /href="\/book\/call">Book another time/);

    const old = await getPage(ctx.app, link, jar);
    assert.equal(old.status, 200);
    assert.match(old.body, /This booking was cancelled/);
    assert.match(old.body, /Book another time/);
    assert.doesNotMatch(old.body, /name="_csrf"/, 'nothing to change there');
    assert.match(
      (await getPage(ctx.app, `/book/manage/cancel?t=${encodeURIComponent(b.token!)}`, jar)).body,
      /This booking was cancelled/,
    );
    const twice = await postForm(ctx.app, '/book/manage/cancel', { _csrf: ask.csrf!, t: b.token! }, jar);
    assert.equal(twice.statusCode, 303, 'a second press shows the cancelled booking');
    assert.equal((await mailsOf(ctx, 'booking.cancelled')).length, 1);
    assert.equal((await getPage(ctx.app, '/book/manage?t=forged-token-forged-token-forged', jar)).status, 400);
  });

  it("the coach's reason reaches the client's email and the old link's page", async (t) => {
    const { ctx, serviceId } = await setUp(t, engine);
    const b = await book(ctx, serviceId, MON_0900_BERLIN);
    const { jar } = await signedInCoach(ctx);
    const page = await getPage(ctx.app, `/admin/bookings/${b.booking.id}`, jar);
    assert.match(page.body, /Reason \(optional\)/);
    const long = await postForm(
      ctx.app,
      `/admin/bookings/${b.booking.id}/cancel`,
      { _csrf: page.csrf!, message: `Too long ${'x'.repeat(2000)}` },
      jar,
    );
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Keep the reason under 2,000 characters/);
    assert.match(long.body, /Too long x/);
    const done = await postForm(
      ctx.app,
      `/admin/bookings/${b.booking.id}/cancel`,
      { _csrf: page.csrf!, message: 'I am unwell this week.' },
      jar,
    );
    assert.equal(done.statusCode, 303);
    const mail = (await mailsOf(ctx, 'booking.cancelled')).find((m) => m.to === 'ana@example.test')!;
    assert.match(mail.text, /Maya Test's reason: I am unwell this week\./);
    assert.match(mail.text, /Book again/);
    const old = await getPage(ctx.app, `/book/manage?t=${encodeURIComponent(b.token!)}`, new CookieJar());
    assert.equal(old.status, 200);
    assert.match(old.body, /This booking was cancelled/);
    assert.match(old.body, /I am unwell this week\./);
    assert.match(old.body, /Book another time/);
    assert.match((await getPage(ctx.app, `/admin/bookings/${b.booking.id}`, jar)).body, /Reason given/);
    const audit = await ctx.deps.dbh.db.selectFrom('audit_log').select('action').execute();
    assert.ok(audit.some((a) => a.action === 'booking.cancel'));
  });
});
