import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { jobsListing, runDueJobs } from '../jobs/index.ts';
import { createTestDeps, type TestClock } from '../testing.ts';
import { BookingError } from './booking.errors.ts';
import {
  type BookRequest,
  bookingForToken,
  bookSession,
  cancelByClient,
  rescheduleBooking,
} from './booking.service.ts';
import { bookingJobHandlers } from './reminders.ts';
import { seedCoach, seedService } from './testing.ts';

const MON_0900_BERLIN = Date.parse('2026-11-30T08:00:00Z');
const H = 3_600_000;

forEachEngine('booking service', (engine) => {
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  let serviceId: string;
  let n = 0;
  const req = (over: Partial<BookRequest> = {}): BookRequest => ({
    serviceId,
    start: MON_0900_BERLIN,
    timeZone: 'America/New_York',
    name: 'Ana Client',
    email: `ana${n}@example.test`,
    phone: '+1 212 555 0100',
    note: null,
    modality: null,
    requestId: `req-${n++}`,
    createdBy: 'client',
    ...over,
  });
  const count = async (table: 'bookings' | 'outbox' | 'jobs') =>
    Number(
      (
        await db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof BookingError ? e.code : `unexpected ${String(e)}`),
    );

  before(async () => {
    ({ deps, db, clock } = await createTestDeps(engine));
    await seedCoach(db.db, clock.now());
  });
  after(() => db.destroy());
  beforeEach(async () => {
    await db.db.deleteFrom('bookings').execute();
    await db.db.deleteFrom('outbox').execute();
    await db.db.deleteFrom('jobs').execute();
    await db.db.deleteFrom('service_booking_rules').execute();
    await db.db.deleteFrom('services').execute();
    serviceId = await seedService(db.db, clock.now());
  });

  it('books a free slot once, and the same request sent twice makes one booking', async () => {
    const input = req();
    const first = await bookSession(deps, input);
    assert.equal(first.booking.status, 'confirmed');
    assert.ok(first.token);
    const again = await bookSession(deps, input);
    assert.deepEqual([again.replayed, again.booking.id, again.token], [true, first.booking.id, null]);
    assert.equal(await count('bookings'), 1);
    assert.equal(await count('outbox'), 2, 'one email to the client, one to the coach');
    assert.deepEqual((await jobsListing(db.db)).map((j) => j.run_at).sort(), [
      MON_0900_BERLIN - 24 * H,
      MON_0900_BERLIN - H,
    ]);
  });

  it('refuses bad times with a clear reason and writes nothing', async () => {
    assert.equal(await codeOf(bookSession(deps, req({ start: clock.now() - H }))), 'in_past');
    assert.equal(await codeOf(bookSession(deps, req({ start: clock.now() + 10 * 60_000 }))), 'too_soon');
    assert.equal(await codeOf(bookSession(deps, req({ start: MON_0900_BERLIN + 10 * 60_000 }))), 'not_offered');
    assert.equal(
      await codeOf(bookSession(deps, req({ start: Date.parse('2026-11-29T10:00:00Z') }))),
      'not_offered',
      'a Sunday',
    );
    assert.equal(await codeOf(bookSession(deps, req({ start: MON_0900_BERLIN + 200 * 24 * H }))), 'too_far');
    assert.equal(await codeOf(bookSession(deps, req({ serviceId: 'nope' }))), 'unknown_service');
    assert.equal(await count('bookings'), 0);
    assert.equal(await count('outbox'), 0);
  });

  it('50 simultaneous attempts at one slot make exactly one booking; the rest hear the nearest free times', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => bookSession(deps, req())));
    const ok = results.filter((r) => r.status === 'fulfilled');
    assert.equal(ok.length, 1);
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      assert.ok(r.reason instanceof BookingError && r.reason.code === 'slot_taken', String(r.reason));
      assert.ok(r.reason.nearest.length > 0 && r.reason.nearest.every((s) => s.start !== MON_0900_BERLIN));
    }
    assert.equal(await count('bookings'), 1);
  });

  it('overlapping attempts of different lengths make exactly one booking', async () => {
    const long = await seedService(db.db, clock.now(), { durationMinutes: 90 });
    // Every one of these covers 09:30–10:00 Berlin.
    const tries = [
      { serviceId, start: MON_0900_BERLIN },
      { serviceId, start: MON_0900_BERLIN + H / 2 },
      { serviceId: long, start: MON_0900_BERLIN - H / 2 },
      { serviceId: long, start: MON_0900_BERLIN },
      { serviceId: long, start: MON_0900_BERLIN + H / 2 },
    ];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => bookSession(deps, req(tries[i % tries.length]))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok(results.every((r) => r.status === 'fulfilled' || (r.reason as BookingError).code === 'slot_taken'));
    assert.equal(await count('bookings'), 1);
  });

  if (engine === 'postgres') {
    it('two app instances on one PostgreSQL still make exactly one booking', async () => {
      const second = db.openAnother();
      try {
        const other: Deps = { ...deps, dbh: second };
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => bookSession(i % 2 ? other : deps, req())),
        );
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        assert.equal(await count('bookings'), 1);
      } finally {
        await second.close();
      }
    });

    it('the exclusion constraint itself refuses an overlapping active booking', async () => {
      const { booking } = await bookSession(deps, req());
      const copy = {
        ...booking,
        id: 'x1',
        request_id: 'x1',
        manage_token_hash: null,
        start_at: booking.start_at + 30 * 60_000,
        block_start_at: booking.block_start_at + 30 * 60_000,
      };
      await assert.rejects(
        db.db.insertInto('bookings').values(copy).execute(),
        (e: { code?: string }) => e.code === '23P01',
      );
      await db.db
        .insertInto('bookings')
        .values({ ...copy, status: 'cancelled' })
        .execute();
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_extension where extname = 'btree_gist'`.execute(db.db);
      assert.equal(rows[0]?.n, 1);
    });
  }

  it('reschedule cancels and books in one step: same calendar UID, higher sequence, the old link dies, reminders move', async () => {
    const first = await bookSession(deps, req());
    const later = MON_0900_BERLIN + 2 * H;
    const moved = await rescheduleBooking(deps, first.token!, later, 'move-1');
    assert.equal(moved.booking.ical_uid, first.booking.ical_uid);
    assert.equal(moved.booking.ical_sequence, 1);
    await assert.rejects(bookingForToken(deps, first.token!), (e: BookingError) => e.code === 'token_invalid');
    assert.equal((await bookingForToken(deps, moved.token!)).id, moved.booking.id);
    assert.equal(
      (await rescheduleBooking(deps, first.token!, later, 'move-1')).replayed,
      true,
      'a double submit is harmless',
    );
    const queued = (await jobsListing(db.db))
      .filter((j) => j.status === 'queued')
      .map((j) => j.run_at)
      .sort();
    assert.deepEqual(queued, [later - 24 * H, later - H]);
    // The old time is free again; the new one is not.
    assert.equal((await bookSession(deps, req())).booking.start_at, MON_0900_BERLIN);
    assert.equal(await codeOf(bookSession(deps, req({ start: later }))), 'slot_taken');
  });

  it('a failed reschedule leaves the booking as it was', async () => {
    const a = await bookSession(deps, req());
    await bookSession(deps, req({ start: MON_0900_BERLIN + 2 * H }));
    assert.equal(await codeOf(rescheduleBooking(deps, a.token!, MON_0900_BERLIN + 2 * H, 'move-x')), 'slot_taken');
    assert.equal((await bookingForToken(deps, a.token!)).status, 'confirmed');
  });

  it('cancel drops the reminders and the link; inside the notice window the client cannot change it', async () => {
    const a = await bookSession(deps, req());
    await cancelByClient(deps, a.token!);
    assert.equal(await codeOf(cancelByClient(deps, a.token!)), 'token_invalid');
    assert.ok((await jobsListing(db.db)).every((j) => j.status === 'cancelled'));
    const b = await bookSession(deps, req({ start: MON_0900_BERLIN + H }));
    clock.advance(MON_0900_BERLIN + H - clock.now() - 2 * H);
    try {
      assert.equal(await codeOf(cancelByClient(deps, b.token!)), 'inside_notice');
      assert.equal(
        await codeOf(rescheduleBooking(deps, b.token!, MON_0900_BERLIN + 4 * H, 'move-late')),
        'inside_notice',
      );
    } finally {
      clock.t = Date.UTC(2026, 10, 27, 9, 0, 0);
    }
  });

  it('a reminder goes out once at its time, and not at all for a cancelled booking', async () => {
    const a = await bookSession(deps, req());
    const c = await bookSession(deps, req({ start: MON_0900_BERLIN + 2 * H }));
    await cancelByClient(deps, c.token!);
    await db.db.deleteFrom('outbox').execute();
    clock.t = MON_0900_BERLIN - H;
    try {
      const r = await runDueJobs(deps, bookingJobHandlers);
      assert.equal(r.skipped, 1, 'the 24-hour reminder, found long after its time, is skipped');
      assert.equal(r.done, 1);
      const mails = await db.db.selectFrom('outbox').selectAll().execute();
      assert.deepEqual(
        mails.map((m) => [m.kind, m.to_address]),
        [['booking.reminder', a.booking.client_email]],
      );
      // Run the same job again, as after a crash before it was recorded: no second email.
      await db.db.updateTable('jobs').set({ status: 'queued' }).where('status', '=', 'done').execute();
      await runDueJobs(deps, bookingJobHandlers);
      assert.equal(await count('outbox'), 1);
    } finally {
      clock.t = Date.UTC(2026, 10, 27, 9, 0, 0);
    }
  });
});
