// npm run bench:booking — the slot engine (60 days, 2,000 bookings: median and p99) and booking
// throughput on distinct slots and under contention, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { performance } from 'node:perf_hooks';
import { freeSlots } from '../src/booking/availability.ts';
import { BookingError } from '../src/booking/booking.errors.ts';
import { serviceWithRules } from '../src/booking/booking.queries.ts';
import { bookSession } from '../src/booking/booking.service.ts';
import { type Availability, computeSlots } from '../src/booking/slots.ts';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import type { Engine } from '../src/db/index.ts';
import { newId } from '../src/security/index.ts';
import { createTestDeps } from '../src/testing.ts';
import { startOfDay } from '../src/time/index.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function engineBench(): void {
  const zone = 'Europe/Berlin';
  const availability: Availability = {
    zone,
    weekly: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: 480, end: 720 },
      { weekday, start: 780, end: 1140 },
    ]),
    overrides: {},
    timeOff: [],
  };
  const from = startOfDay('2026-12-01', zone);
  // 2,000 bookings over the coach's year, a fifth of them inside the 60 days asked for.
  const busy = Array.from({ length: 2000 }, (_, i) => {
    const start = from - 60 * DAY + Math.floor((i * 300 * DAY) / 2000 / (30 * MIN)) * 30 * MIN;
    return { start: start - 10 * MIN, end: start + 70 * MIN };
  });
  const rules = {
    durationMin: 60,
    stepMin: 30,
    bufferBeforeMin: 10,
    bufferAfterMin: 10,
    noticeMin: 720,
    horizonDays: 90,
    dailyLimit: 8,
  };
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    n = computeSlots({
      availability,
      rules,
      busy,
      now: from - DAY,
      from,
      to: from + 60 * DAY,
      bookingsPerDay: {},
    }).length;
    times.push(performance.now() - t0);
  }
  const warm = times.slice(200);
  console.log(
    `slot engine, 60 days, 2,000 bookings (${n} slots): median ${ms(pct(warm, 50))}, p99 ${ms(pct(warm, 99))}`,
  );
}

async function dbBench(engine: Engine): Promise<void> {
  const { deps, db, clock } = await createTestDeps(engine);
  try {
    clock.t = Date.UTC(2026, 8, 1); // before every booking made below
    const now = clock.now();
    await seedCoach(db.db, now, 'UTC');
    // Open around the clock, so thousands of distinct slots exist.
    await db.db.deleteFrom('availability_weekly').execute();
    for (let weekday = 1; weekday <= 7; weekday++)
      await db.db
        .insertInto('availability_weekly')
        .values({ id: newId(), weekday, start_min: 0, end_min: 1440 })
        .execute();
    const serviceId = await seedService(db.db, now, {
      durationMinutes: 15,
      rules: { step_min: 15, notice_min: 0, horizon_days: 800, reminder_offsets_json: '[1440,60]' },
    });
    const base = startOfDay('2026-12-01', 'UTC');
    const input = (i: number, start: number) => ({
      serviceId,
      start,
      timeZone: 'UTC',
      name: 'Bench',
      email: `b${i}@example.test`,
      phone: '+44 20 7946 0000',
      note: null,
      modality: null,
      requestId: `bench-${newId()}`,
      createdBy: 'client' as const,
    });

    // 2,000 existing bookings, then the slots of 60 days read through the database.
    for (let i = 0; i < 2000; i++)
      await bookSession(deps, input(i, base - 60 * DAY + Math.floor((i * 300 * DAY) / 2000 / (15 * MIN)) * 15 * MIN));
    const bs = (await serviceWithRules(db.db, { id: serviceId }, now))!;
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await freeSlots(db.db, bs, 'UTC', now, base, base + 60 * DAY);
      times.push(performance.now() - t0);
    }
    console.log(
      `[${engine}] slots for 60 days with 2,000 bookings, database included: median ${ms(pct(times.slice(10), 50))}, p99 ${ms(pct(times.slice(10), 99))}`,
    );

    const N = 1000;
    let offset = base + 250 * DAY;
    for (const concurrency of [1, 10]) {
      let next = 0;
      const t0 = performance.now();
      const at = offset;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < N; i = next++) await bookSession(deps, input(i, at + i * 15 * MIN));
        }),
      );
      console.log(
        `[${engine}] distinct slots: ${Math.round(N / ((performance.now() - t0) / 1000))} bookings/s (${N} bookings, ${concurrency} at a time, emails and reminders included)`,
      );
      offset += 20 * DAY;
    }

    const SLOTS = 100;
    const PER_SLOT = 10;
    let won = 0;
    let lost = 0;
    const t0 = performance.now();
    const contested = base + 300 * DAY;
    for (let s = 0; s < SLOTS; s++) {
      const results = await Promise.allSettled(
        Array.from({ length: PER_SLOT }, (_, j) =>
          bookSession(deps, input(s * PER_SLOT + j, contested + s * 15 * MIN)),
        ),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') won++;
        else if (r.reason instanceof BookingError && r.reason.code === 'slot_taken') lost++;
        else throw r.reason;
      }
    }
    const secs = (performance.now() - t0) / 1000;
    if (won !== SLOTS) throw new Error(`expected ${SLOTS} bookings under contention, got ${won}`);
    console.log(
      `[${engine}] contention: ${Math.round((won + lost) / secs)} attempts/s, ${PER_SLOT} at once per slot; ${won} booked, ${lost} told "just taken"`,
    );
  } finally {
    await db.destroy();
  }
}

engineBench();
await dbBench('sqlite');
if (process.env.TEST_DATABASE_URL) await dbBench('postgres');
else console.log('(set TEST_DATABASE_URL to measure PostgreSQL too)');
