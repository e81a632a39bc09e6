// npm run bench:portal — the client portal's pages for one client with five years of history
// (250 sessions, 500 action items, 1,000 messages, 250 check-ins): render time p50 and p99 per
// page, through the whole app (routing, sign-in, queries, unsealing, rendering), on SQLite and (with
// TEST_DATABASE_URL) PostgreSQL. Printed as a table; nothing here is asserted.
import { performance } from 'node:perf_hooks';
import { addUser, jarFor } from '../src/auth/testing.ts';
import { insertRecordedSessions, type RecordedSession } from '../src/booking/index.ts';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import {
  addActionItem,
  addGoal,
  addTracker,
  findOrCreateClient,
  linkClientUser,
  sendMessage,
  setActionItemDone,
  setCheckInCadence,
  submitCheckIn,
} from '../src/clients/index.ts';
import type { Engine } from '../src/db/index.ts';
import { createTestApp } from '../src/testing.ts';

const DAY = 86_400_000;
const YEARS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PAGES = ['/portal', '/portal/sessions', '/portal/goals', '/portal/check-ins', '/portal/messages', '/portal/data'];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

interface Row {
  engine: Engine;
  page: string;
  bytes: number;
  p50: number;
  p99: number;
}

async function benchEngine(engine: Engine): Promise<Row[]> {
  const t = await createTestApp(engine);
  try {
    const end = t.clock.now();
    const start = end - YEARS * 365 * DAY;
    const at = (ms: number) => {
      t.clock.t = ms;
    };
    at(start);
    await seedCoach(t.deps.dbh.db, start, 'America/Chicago');
    const serviceId = await seedService(t.deps.dbh.db, start, { durationMinutes: 50, modality: 'video' });
    const { client } = await findOrCreateClient(
      t.deps.dbh.db,
      { email: 'five.years@example.test', name: 'Five Years', timeZone: 'America/Chicago', source: 'booking' },
      start,
    );
    const userId = await addUser(t.deps, client.email, 'client', client.name);
    await linkClientUser(t.deps.dbh.db, client.id, userId, start);
    await setCheckInCadence(t.deps, client.id, 7);
    const trackers = [await addTracker(t.deps, client.id, 'Energy'), await addTracker(t.deps, client.id, 'Focus')];

    const span = end - start;
    // 250 sessions, spread over the five years, the last few ahead.
    const sessions: RecordedSession[] = Array.from({ length: 250 }, (_, i) => ({
      serviceId,
      clientId: client.id,
      clientName: client.name,
      clientEmail: client.email,
      clientPhone: null,
      timeZone: client.time_zone,
      start: start + Math.floor(((i + 1) * span) / 247),
      durationMinutes: 50,
      modality: 'video',
      status: i >= 247 ? 'confirmed' : 'completed',
    }));
    await insertRecordedSessions(t.deps.dbh.db, sessions, start);
    // 50 goals with 10 action items each, most of them done.
    for (let g = 0; g < 50; g++) {
      at(start + Math.floor((g * span) / 50));
      const goalId = await addGoal(t.deps, 'coach', client.id, { title: `Goal ${g + 1}: steadier mornings` });
      for (let k = 0; k < 10; k++) {
        const item = await addActionItem(t.deps, 'client', client.id, goalId, {
          title: `Step ${k + 1} of goal ${g + 1}`,
        });
        if (g < 47 || k < 5) await setActionItemDone(t.deps, 'client', client.id, item, true);
      }
    }
    // 1,000 messages, alternating, and 250 check-ins, in time order.
    for (let m = 0; m < 1000; m++) {
      at(start + Math.floor((m * span) / 1000));
      await sendMessage(t.deps, {
        clientId: client.id,
        from: m % 2 ? 'coach' : 'client',
        senderUserId: m % 2 ? null : userId,
        body: `Message ${m + 1}: a few lines about the week, what went well and what did not.`,
      });
    }
    for (let c = 0; c < 250; c++) {
      at(start + Math.floor((c * span) / 250));
      await submitCheckIn(t.deps, client.id, {
        scores: { [trackers[0]!]: 1 + (c % 10), [trackers[1]!]: 1 + ((c * 3) % 10) },
        note: c % 5 ? null : 'A calmer week.',
      });
    }
    at(end);

    const jar = await jarFor(t.deps, userId);
    const rows: Row[] = [];
    for (const page of PAGES) {
      const get = () => t.app.inject({ method: 'GET', url: page, headers: { cookie: jar.header() } });
      const first = await get();
      if (first.statusCode !== 200) throw new Error(`${page} answered ${first.statusCode}`);
      for (let i = 0; i < 20; i++) await get(); // warm up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await get();
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${page} answered ${res.statusCode}`);
      }
      rows.push({ engine, page, bytes: first.rawPayload.length, p50: pct(times, 50), p99: pct(times, 99) });
    }
    return rows;
  } finally {
    await t.close();
  }
}

const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const all: Row[] = [];
for (const engine of engines) all.push(...(await benchEngine(engine)));
console.log(
  `\nportal pages, one client with ${YEARS} years of history (250 sessions, 500 action items, 1,000 messages, 250 check-ins), ${RUNS} requests each\n`,
);
console.log('| engine | page | bytes | p50 | p99 |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of all)
  console.log(
    `| ${r.engine} | ${r.page} | ${r.bytes.toLocaleString('en')} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms |`,
  );
