import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { runDueJobs } from '../jobs/index.ts';
import type { OutboundPolicy } from '../security/index.ts';
import { createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { isTimeZone } from '../time/index.ts';
import { busyFromIcs, setExternalCalendar, zoneOfTzid } from './external-calendar.ts';
import { bookingJobHandlers } from './reminders.ts';
import { seedCoach, seedService } from './testing.ts';

const ICS = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261130T080000Z\r\nDTEND:20261130T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261130T120000Z\r\nDTEND:20261130T130000Z\r\nTRANSP:TRANSPARENT\r\nSUMMARY:Free time\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

it('reads opaque events and expands repeats', () => {
  const busy = busyFromIcs(ICS, Date.UTC(2026, 10, 1), Date.UTC(2027, 0, 1)).map((b) =>
    new Date(b.start).toISOString(),
  );
  assert.deepEqual(busy.sort(), [
    '2026-11-30T08:00:00.000Z',
    '2026-12-01T10:00:00.000Z',
    '2026-12-02T10:00:00.000Z',
    '2026-12-03T10:00:00.000Z',
  ]);
});

/** A calendar of the given VEVENT bodies (and any extra components, e.g. a VTIMEZONE). */
function calendar(events: string[], extra = ''): string {
  const body = events
    .map((e, i) => `BEGIN:VEVENT\r\nUID:e${i}@test\r\nDTSTAMP:20261101T000000Z\r\n${e}\r\nEND:VEVENT\r\n`)
    .join('');
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${extra}${body}END:VCALENDAR\r\n`;
}
const iso = (busy: { start: number; end: number }[]) =>
  busy.map((b) => [new Date(b.start).toISOString(), new Date(b.end).toISOString()]).sort();
const NOV = Date.UTC(2026, 10, 1);
/** A test's own calendar server is on loopback: the real guard, told to let exactly that server through. */
const allowOwn = (server: http.Server): { outbound: OutboundPolicy } => {
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { outbound: { allow: (hop) => hop.url.origin === origin } };
};
const REFUSED = 'That address points inside a private network, so Tandem will not fetch it.';
const JAN = Date.UTC(2027, 0, 1);

it('a TZID without a VTIMEZONE is read as the IANA zone it names, not on the server’s clock', () => {
  const busy = busyFromIcs(
    calendar(['DTSTART;TZID=Europe/Berlin:20261127T090000\r\nDTEND;TZID=Europe/Berlin:20261127T100000']),
    NOV,
    JAN,
  );
  assert.deepEqual(iso(busy), [['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z']]);
  // A DTEND in another zone than the DTSTART, and a DURATION, which keeps the start's zone.
  assert.deepEqual(
    iso(
      busyFromIcs(
        calendar([
          'DTSTART;TZID=America/New_York:20261127T090000\r\nDTEND;TZID=Europe/London:20261127T150000',
          'DTSTART;TZID=Asia/Tokyo:20261128T090000\r\nDURATION:PT30M',
        ]),
        NOV,
        JAN,
      ),
    ),
    [
      ['2026-11-27T14:00:00.000Z', '2026-11-27T15:00:00.000Z'],
      ['2026-11-28T00:00:00.000Z', '2026-11-28T00:30:00.000Z'],
    ],
  );
});

it('repeats in a named zone keep their wall-clock time across a daylight-saving change', () => {
  const busy = busyFromIcs(
    calendar([
      'DTSTART;TZID=Europe/Berlin:20261021T090000\r\nDTEND;TZID=Europe/Berlin:20261021T100000\r\nRRULE:FREQ=WEEKLY;COUNT=2',
    ]),
    Date.UTC(2026, 9, 1),
    JAN,
  );
  // 09:00 summer time (UTC+2), then 09:00 winter time (UTC+1) after 25 October.
  assert.deepEqual(iso(busy), [
    ['2026-10-21T07:00:00.000Z', '2026-10-21T08:00:00.000Z'],
    ['2026-10-28T08:00:00.000Z', '2026-10-28T09:00:00.000Z'],
  ]);
});

it('Windows zone names, prefixed IANA names and unknown TZIDs are read without crashing', () => {
  const busy = busyFromIcs(
    calendar([
      'DTSTART;TZID="W. Europe Standard Time":20261127T090000\r\nDTEND;TZID="W. Europe Standard Time":20261127T100000',
      'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20261128T090000\r\nDTEND;TZID=/mozilla.org/20050126_1/Europe/Paris:20261128T100000',
      // Nothing says where "Atlantis Time" is: UTC is the only honest reading.
      'DTSTART;TZID=Atlantis Time:20261129T090000\r\nDTEND;TZID=Atlantis Time:20261129T100000',
    ]),
    NOV,
    JAN,
  );
  assert.deepEqual(iso(busy), [
    ['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z'],
    ['2026-11-28T08:00:00.000Z', '2026-11-28T09:00:00.000Z'],
    ['2026-11-29T09:00:00.000Z', '2026-11-29T10:00:00.000Z'],
  ]);
  assert.equal(zoneOfTzid('Eastern Standard Time'), 'America/New_York');
  assert.equal(zoneOfTzid('constructor'), undefined, 'no inherited property passes for a zone');
  for (const name of ['Pacific Standard Time', 'India Standard Time', 'AUS Eastern Standard Time', 'UTC'])
    assert.ok(isTimeZone(zoneOfTzid(name)), name);
});

it('a VTIMEZONE in the file still decides; floating times and all-day events are on the coach’s clock', () => {
  // A zone the file defines itself (three hours ahead all year) wins over any guess from its name.
  const vtimezone =
    'BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nTZNAME:X\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n';
  assert.deepEqual(
    iso(
      busyFromIcs(
        calendar(['DTSTART;TZID=Europe/Berlin:20261127T090000\r\nDTEND;TZID=Europe/Berlin:20261127T100000'], vtimezone),
        NOV,
        JAN,
      ),
    ),
    [['2026-11-27T06:00:00.000Z', '2026-11-27T07:00:00.000Z']],
  );
  const busy = busyFromIcs(
    calendar([
      'DTSTART:20261127T090000\r\nDTEND:20261127T100000',
      'DTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201',
    ]),
    NOV,
    JAN,
    'Europe/Berlin',
  );
  assert.deepEqual(iso(busy), [
    ['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z'],
    ['2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z'],
  ]);
});

forEachEngine('external calendar', (engine) => {
  it('busy times are fetched by a job and cached; a failing feed keeps the last good times and shows in the back office', async (t) => {
    let fail = false;
    const server = http.createServer((_req, res) => {
      if (fail) res.writeHead(500).end('down');
      else res.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    // This test's own calendar server is on loopback, which the guarded client refuses otherwise.
    Object.assign(ctx.deps, allowOwn(server));
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const id = await seedService(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    const slotsOn = async () =>
      (
        (
          await ctx.app.inject({ url: `/api/v1/services/${id}/slots?from=2026-11-30&to=2026-11-30&timeZone=UTC` })
        ).json() as { slots: { start: string }[] }
      ).slots.map((s) => s.start);
    const before = await slotsOn();
    assert.ok(before.includes('2026-11-30T08:00:00Z'));

    const page = await getPage(ctx.app, '/admin/availability', jar);
    assert.equal(
      (await postForm(ctx.app, '/admin/availability/external', { _csrf: page.csrf!, url: 'ftp://nope' }, jar))
        .statusCode,
      400,
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cal.ics`;
    assert.equal(
      (await postForm(ctx.app, '/admin/availability/external', { _csrf: page.csrf!, url }, jar)).statusCode,
      303,
    );
    assert.deepEqual(await slotsOn(), before, 'nothing is fetched while a visitor waits');
    await runDueJobs(ctx.deps, bookingJobHandlers);
    const after = await slotsOn();
    assert.ok(
      !after.includes('2026-11-30T08:00:00Z') && !after.includes('2026-11-30T07:30:00Z'),
      'the dentist hour is busy',
    );
    assert.ok(after.includes('2026-11-30T12:00:00Z'), 'a transparent event does not block');
    assert.match((await getPage(ctx.app, '/admin/availability', jar)).body, /Last read/);

    fail = true;
    ctx.clock.advance(16 * 60_000);
    await runDueJobs(ctx.deps, bookingJobHandlers);
    assert.deepEqual(await slotsOn(), after, 'the last good busy times stay in use');
    assert.match(
      (await getPage(ctx.app, '/admin/availability', jar)).body,
      /The last read failed: the calendar server answered 500/,
    );
    const queued = await db
      .selectFrom('jobs')
      .select('run_at')
      .where('status', '=', 'queued')
      .where('kind', '=', 'booking.calendar_refresh')
      .execute();
    assert.equal(queued.length, 1, 'the next read is planned even after a failure');
  });

  it('an address inside the network is refused on the form, in plain words, keeping what was typed', async (t) => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    const port = (server.address() as AddressInfo).port;
    const page = await getPage(ctx.app, '/admin/availability', jar);
    for (const url of [
      `http://127.0.0.1:${port}/cal.ics`,
      `http://localhost:${port}/cal.ics`,
      `http://[::ffff:127.0.0.1]:${port}/cal.ics`,
      'http://10.0.0.5/cal.ics',
      'https://192.168.1.20/cal.ics',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/cal.ics',
    ]) {
      const res = await postForm(ctx.app, '/admin/availability/external', { _csrf: page.csrf!, url }, jar);
      assert.equal(res.statusCode, 400, url);
      assert.ok(res.body.includes(REFUSED), `${url}: the reason is shown`);
      assert.ok(res.body.includes(`value="${url}"`), `${url}: what was typed is still there`);
    }
    assert.equal(hits, 0, 'nothing was sent to an address inside the network');
    const row = await db.selectFrom('booking_calendar').select('external_url').executeTakeFirst();
    assert.equal(row?.external_url ?? null, null, 'nothing was saved');
    // A public address is saved (checked without any request: this machine may have no internet).
    const saved = await postForm(
      ctx.app,
      '/admin/availability/external',
      { _csrf: page.csrf!, url: 'https://93.184.216.34/cal.ics' },
      jar,
    );
    assert.equal(saved.statusCode, 303);
  });

  it('a saved address that points inside the network when read is refused without a request, and says so', async (t) => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/html' }).end('PRIVATE-ROUTER-PAGE admin password hint\n<html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    const port = (server.address() as AddressInfo).port;
    // As if the name pointed elsewhere when it was saved (or was saved before the form checked it).
    await setExternalCalendar(ctx.deps, `http://localhost:${port}/`);
    await runDueJobs(ctx.deps, bookingJobHandlers);
    assert.equal(hits, 0, 'nothing was sent to an address inside the network');
    const stored = await db.selectFrom('booking_calendar').select('external_error').executeTakeFirstOrThrow();
    assert.equal(stored.external_error, 'that address points inside a private network, so Tandem will not fetch it');
    assert.match(
      (await getPage(ctx.app, '/admin/availability', jar)).body,
      /The last read failed: that address points inside a private network, so Tandem will not fetch it\./,
    );

    // Let this test's server through: a page that is not a calendar is never quoted.
    await setExternalCalendar(ctx.deps, `http://127.0.0.1:${port}/`);
    Object.assign(ctx.deps, allowOwn(server));
    await runDueJobs(ctx.deps, bookingJobHandlers);
    assert.equal(hits, 1);
    const shown = (await getPage(ctx.app, '/admin/availability', jar)).body;
    assert.match(shown, /did not return a calendar file/);
    assert.doesNotMatch(shown, /PRIVATE-ROUTER-PAGE/);
  });

  it('OUTBOUND_ALLOW_PRIVATE reads a calendar on the local network; metadata addresses stay refused', async (t) => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const ctx = await createTestApp(engine, { outboundAllowPrivate: true });
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    const page = await getPage(ctx.app, '/admin/availability', jar);
    const metadata = await postForm(
      ctx.app,
      '/admin/availability/external',
      { _csrf: page.csrf!, url: 'http://169.254.169.254/latest/meta-data/' },
      jar,
    );
    assert.equal(metadata.statusCode, 400);
    assert.ok(metadata.body.includes(REFUSED));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cal.ics`;
    const res = await postForm(ctx.app, '/admin/availability/external', { _csrf: page.csrf!, url }, jar);
    assert.equal(res.statusCode, 303);
    await runDueJobs(ctx.deps, bookingJobHandlers);
    const row = await db
      .selectFrom('booking_calendar')
      .select(['external_error', 'external_busy_json'])
      .executeTakeFirstOrThrow();
    assert.equal(row.external_error, null);
    assert.ok((JSON.parse(row.external_busy_json) as unknown[]).length > 0, 'the busy times were read');
  });
});
