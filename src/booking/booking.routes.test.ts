import assert from 'node:assert/strict';
import { it } from 'node:test';
import ICAL from 'ical.js';
import { forEachEngine } from '../db/testing.ts';
import { deliverDueMail } from '../mail/index.ts';
import { addressOf, startCaptureServer } from '../mail/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { seedCoach, seedService } from './testing.ts';

const MON_0900_BERLIN = '2026-11-30T08:00:00Z';

/** Reads the one VEVENT of an .ics with ical.js (an independent parser). */
function readIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const ev = cal.getFirstSubcomponent('vevent')!;
  const start = ev.getFirstPropertyValue('dtstart') as ICAL.Time;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence') ?? 0),
    start: start.toJSDate().toISOString(),
    status: String(ev.getFirstPropertyValue('status')),
  };
}

async function bookThroughForms(ctx: TestContext, slug: string, jar: CookieJar, start = MON_0900_BERLIN) {
  const slots = await getPage(ctx.app, `/book/${slug}?tz=America%2FNew_York`, jar);
  assert.equal(slots.status, 200);
  // Nine in Berlin is three in the morning in New York, shown as such.
  assert.match(slots.body, /aria-label="Monday, 30 November 2026, 03:00"/);
  const details = await getPage(
    ctx.app,
    `/book/${slug}/details?start=${encodeURIComponent(start)}&tz=America%2FNew_York`,
    jar,
  );
  const requestId = /name="requestId" value="([^"]+)"/.exec(details.body)![1]!;
  const fields = {
    _csrf: details.csrf!,
    start,
    tz: 'America/New_York',
    requestId,
    name: 'Ana Client',
    email: 'ana@example.test',
    phone: '+1 212 555 0100',
    note: 'Mornings suit me.',
  };
  const review = await postForm(ctx.app, `/book/${slug}/details`, fields, jar);
  assert.equal(review.statusCode, 200, review.body.slice(0, 300));
  assert.match(review.body, /Check and confirm/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(review.body)![1]!;
  return {
    fields: { ...fields, _csrf: csrf },
    confirm: () => postForm(ctx.app, `/book/${slug}/confirm`, { ...fields, _csrf: csrf }, jar),
  };
}

forEachEngine('booking pages', (engine) => {
  it('a client books a phone session, both get an email in their own zone with an .ics, then reschedules and cancels from the link', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const ctx = await createTestApp(engine, { mailUrl: smtp.url, publicUrl: 'https://coach.example' });
    t.after(() => ctx.close());
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    await seedService(ctx.deps.dbh.db, ctx.clock.now(), { slug: 'call' });
    const jar = new CookieJar();

    const { confirm } = await bookThroughForms(ctx, 'call', jar);
    const done = await confirm();
    assert.equal(done.statusCode, 303);
    const manage = String(done.headers.location);
    assert.match(manage, /^\/book\/manage\?t=.+&just=booked$/);
    const again = await confirm();
    assert.equal(again.statusCode, 303, 'a second press is harmless');
    assert.equal(again.headers.location, '/book/sent');
    assert.equal(
      Number(
        (
          await ctx.deps.dbh.db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      1,
    );

    const page = await getPage(ctx.app, manage, jar);
    assert.match(page.body, /You are booked/);
    assert.equal(page.headers['cache-control'], 'no-store');

    await deliverDueMail(ctx.deps);
    const mails = await smtp.waitFor(2);
    const toClient = mails.find((m) => addressOf(m.to) === 'ana@example.test')!;
    const toCoach = mails.find((m) => addressOf(m.to) === 'coach@example.test')!;
    assert.match(toClient.text ?? '', /Monday, 30 November 2026 at 03:00 .*America\/New_York/);
    assert.match(toClient.text ?? '', /Your coach will call you at \+1 212 555 0100/);
    assert.match(toCoach.text ?? '', /Monday, 30 November 2026 at 09:00 .*Europe\/Berlin/);
    const link = /https:\/\/coach\.example(\/book\/manage\?t=[^\s]+)/.exec(toClient.text ?? '')![1]!;
    const ics = toClient.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
    const first = readIcs(ics.content.toString('utf8'));
    assert.deepEqual(
      [first.method, first.start, first.sequence, first.status],
      ['REQUEST', '2026-11-30T08:00:00.000Z', 0, 'CONFIRMED'],
    );

    // Reschedule from the emailed link to 11:00 Berlin.
    const newStart = '2026-11-30T10:00:00Z';
    const pick = await getPage(
      ctx.app,
      `/book/manage/reschedule/confirm?t=${encodeURIComponent(new URLSearchParams(link.split('?')[1]).get('t')!)}&start=${encodeURIComponent(newStart)}`,
      jar,
    );
    assert.equal(pick.status, 200);
    const token = new URLSearchParams(link.split('?')[1]).get('t')!;
    const requestId = /name="requestId" value="([^"]+)"/.exec(pick.body)![1]!;
    const moved = await postForm(
      ctx.app,
      '/book/manage/reschedule',
      { _csrf: pick.csrf!, t: token, start: newStart, requestId },
      jar,
    );
    assert.equal(moved.statusCode, 303, moved.body.slice(0, 400));
    assert.equal(
      (await getPage(ctx.app, link.replace('https://coach.example', ''), jar)).status,
      400,
      'the old link is dead',
    );

    await deliverDueMail(ctx.deps);
    await smtp.waitFor(4);
    const movedMail = smtp.messages.slice(2).find((m) => addressOf(m.to) === 'ana@example.test')!;
    const second = readIcs(movedMail.attachments[0]!.content.toString('utf8'));
    assert.deepEqual(
      [second.method, second.uid, second.sequence, second.start],
      ['REQUEST', first.uid, 1, '2026-11-30T10:00:00.000Z'],
    );

    const newLink = String(moved.headers.location);
    // Cancelling asks first (issue 12): the confirmation step holds the form.
    const managed = await getPage(ctx.app, newLink.replace('/book/manage?', '/book/manage/cancel?'), jar);
    assert.match(managed.body, /Cancel this session\?/);
    const cancel = await postForm(
      ctx.app,
      '/book/manage/cancel',
      { _csrf: managed.csrf!, t: new URLSearchParams(newLink.split('?')[1]).get('t')! },
      jar,
    );
    assert.equal(cancel.statusCode, 303);
    await deliverDueMail(ctx.deps);
    await smtp.waitFor(6);
    const cancelMail = smtp.messages.slice(4).find((m) => addressOf(m.to) === 'ana@example.test')!;
    const third = readIcs(cancelMail.attachments[0]!.content.toString('utf8'));
    assert.deepEqual([third.method, third.uid, third.sequence, third.status], ['CANCEL', first.uid, 2, 'CANCELLED']);
  });

  it('bad input gets a 4xx with a clear message and writes nothing', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    await seedService(ctx.deps.dbh.db, ctx.clock.now(), { slug: 'call' });
    const jar = new CookieJar();
    const { fields } = await bookThroughForms(ctx, 'call', jar);
    const post = (over: Record<string, string>) => postForm(ctx.app, '/book/call/confirm', { ...fields, ...over }, jar);

    const badEmail = await post({ email: 'not-an-email' });
    assert.equal(badEmail.statusCode, 400);
    assert.match(badEmail.body, /Enter an email address like name@example.com/);
    assert.match(badEmail.body, /value="Ana Client"/, 'typed values are kept');
    assert.equal((await post({ phone: 'call me maybe' })).statusCode, 400);
    assert.equal((await post({ tz: 'Mars/Olympus' })).statusCode, 400);
    const offGrid = await post({ start: '2026-11-30T08:10:00Z' });
    assert.equal(offGrid.statusCode, 422);
    assert.match(offGrid.body, /not one of the offered start times/);
    assert.equal((await post({ start: '2020-01-01T08:00:00Z' })).statusCode, 422);
    assert.equal((await post({ _csrf: 'forged' })).statusCode, 403);
    assert.equal((await getPage(ctx.app, '/book/no-such-service', jar)).status, 404);
    assert.equal((await getPage(ctx.app, '/book/manage?t=forged-token-forged-token-forged', jar)).status, 400);
    const count = await ctx.deps.dbh.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    assert.equal((await ctx.deps.dbh.db.selectFrom('outbox').selectAll().execute()).length, 0);
  });

  it('a slot taken meanwhile shows the nearest free times, ready to pick', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    await seedService(ctx.deps.dbh.db, ctx.clock.now(), { slug: 'call' });
    const a = await bookThroughForms(ctx, 'call', new CookieJar());
    const b = await bookThroughForms(ctx, 'call', new CookieJar());
    assert.equal((await a.confirm()).statusCode, 303);
    const lost = await b.confirm();
    assert.equal(lost.statusCode, 409);
    assert.match(lost.body, /just taken by someone else/);
    assert.match(lost.body, /name="start" value="2026-11-30T07:00:00Z"/);
    assert.match(lost.body, /name="start" value="2026-11-30T09:00:00Z"/);
    assert.doesNotMatch(lost.body, /name="start" value="2026-11-30T07:30:00Z"/, 'overlaps the booking');
  });

  it('a refusal for a past, too-soon or off-grid time keeps every typed detail and offers times (issue 9, finding 8)', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    await seedService(ctx.deps.dbh.db, ctx.clock.now(), { slug: 'call' });
    const jar = new CookieJar();
    const { fields } = await bookThroughForms(ctx, 'call', jar);
    const now = ctx.clock.now();
    for (const [code, start] of [
      ['in_past', new Date(now - 3_600_000).toISOString()],
      ['too_soon', new Date(Math.ceil((now + 10 * 60_000) / 1_800_000) * 1_800_000).toISOString()],
      ['not_offered', '2026-11-30T08:10:00Z'],
    ] as const) {
      const res = await postForm(ctx.app, '/book/call/confirm', { ...fields, start }, jar);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${code}: ${res.statusCode}`);
      for (const typed of ['Ana Client', 'ana@example.test', '+1 212 555 0100', 'Mornings suit me.'])
        assert.ok(res.body.includes(`value="${typed}"`), `${code}: "${typed}" is carried on`);
      assert.match(res.body, /Nearest available times/, `${code}: nearest times offered`);
    }
  });

  it('a weekly series shows each time before confirming and books the free ones together', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    await seedService(ctx.deps.dbh.db, ctx.clock.now(), { slug: 'call' });
    // Someone already has the second Monday.
    const other = await bookThroughForms(ctx, 'call', new CookieJar(), '2026-12-07T08:00:00Z');
    assert.equal((await other.confirm()).statusCode, 303);
    const jar = new CookieJar();
    const { fields } = await bookThroughForms(ctx, 'call', jar);
    const plan = await postForm(ctx.app, '/book/call/details', { ...fields, repeat: 'weekly', count: '3' }, jar);
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /Monday, 30 November 2026 at 03:00 [^:]*: available/);
    assert.match(plan.body, /Monday, 7 December 2026 at 03:00 [^:]*: not available/);
    assert.match(plan.body, /Book 2 sessions/);
    const bad = await postForm(ctx.app, '/book/call/details', { ...fields, repeat: 'weekly', count: '40' }, jar);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose between 2 and 12 sessions/);
    const expect = /name="expect" value="([^"]*)"/.exec(plan.body)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(plan.body)![1]!;
    const done = await postForm(
      ctx.app,
      '/book/call/confirm',
      { ...fields, _csrf: csrf, repeat: 'weekly', count: '3', expect },
      jar,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const rows = await ctx.deps.dbh.db
      .selectFrom('bookings')
      .selectAll()
      .where('series_id', 'is not', null)
      .orderBy('start_at')
      .execute();
    assert.deepEqual(
      rows.map((r) => new Date(r.start_at).toISOString()),
      ['2026-11-30T08:00:00.000Z', '2026-12-14T08:00:00.000Z'],
    );
    assert.ok(rows[0]!.series_id && rows[0]!.series_id === rows[1]!.series_id);
    const again = await postForm(
      ctx.app,
      '/book/call/confirm',
      { ...fields, _csrf: csrf, repeat: 'weekly', count: '3', expect },
      jar,
    );
    assert.equal(again.statusCode, 409, 'the times changed (they are booked now): shown again, nothing doubled');
    assert.equal((await ctx.deps.dbh.db.selectFrom('bookings').selectAll().execute()).length, 3);
  });
});
