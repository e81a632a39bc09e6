import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { runDueJobs } from '../jobs/index.ts';
import { createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { busyFromIcs } from './external-calendar.ts';
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
    Object.assign(ctx.deps, { outbound: { allowLoopbackPorts: [(server.address() as AddressInfo).port] } });
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

  it('a loopback address is refused without a request, and a page that is not a calendar is never quoted', async (t) => {
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
    const page = await getPage(ctx.app, '/admin/availability', jar);
    await postForm(
      ctx.app,
      '/admin/availability/external',
      { _csrf: page.csrf!, url: `http://127.0.0.1:${port}/` },
      jar,
    );
    await runDueJobs(ctx.deps, bookingJobHandlers);
    assert.equal(hits, 0, 'nothing was sent to an address inside the network');
    assert.match((await getPage(ctx.app, '/admin/availability', jar)).body, /inside this server/);

    Object.assign(ctx.deps, { outbound: { allowLoopbackPorts: [port] } });
    ctx.clock.advance(16 * 60_000);
    await runDueJobs(ctx.deps, bookingJobHandlers);
    assert.equal(hits, 1);
    const shown = (await getPage(ctx.app, '/admin/availability', jar)).body;
    assert.match(shown, /did not return a calendar file/);
    assert.doesNotMatch(shown, /PRIVATE-ROUTER-PAGE/);
  });
});
