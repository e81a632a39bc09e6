import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDb } from '../db/index.ts';
import { unusedPort } from '../mail/testing.ts';
import { seedCoach, seedService } from './testing.ts';

const child = fileURLToPath(new URL('./process-child.testing.ts', import.meta.url));
const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const MON_0900_BERLIN = Date.parse('2026-11-30T08:00:00Z');

/** Starts `serve` and resolves once it listens; the caller kills it. */
function serve(file: string, port: number): Promise<ReturnType<typeof spawn>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, 'serve', file, String(port), String(NOW)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error('the app did not start in time')), 30_000);
    p.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.on('exit', (code) => reject(new Error(`app exited ${code}`)));
  });
}

/** Runs the child script with Node 24 and tsx; resolves with its stdout. Bounded by a timeout. */
function run(args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`child exited ${code}: ${err.slice(0, 500)}`));
    });
  });
}

async function freshFile(t: { after(fn: () => void): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-proc-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'db.sqlite');
  const h = openDb({ sqliteFile: file });
  await migrateToLatest(h.db);
  await seedCoach(h.db, NOW);
  const serviceId = await seedService(h.db, NOW);
  return { file, h, serviceId };
}

describe('booking across processes on one SQLite file', () => {
  it('four processes booking the same eight slots in step: one booking per slot, the rest "just taken", no lock errors', async (t) => {
    const { file, h, serviceId } = await freshFile(t);
    try {
      const goAt = String(Date.now() + 4_000);
      const outs = await Promise.all(
        [1, 2, 3, 4].map((tag) =>
          run(['race', file, serviceId, String(MON_0900_BERLIN), '8', '4', String(NOW), String(tag), goAt]),
        ),
      );
      const results = outs.map(
        (o) => JSON.parse(o.trim().split('\n').at(-1)!) as { booked: number; taken: number; other: string[] },
      );
      assert.deepEqual(
        results.flatMap((r) => r.other),
        [],
        'BEGIN IMMEDIATE waits for the lock instead of failing',
      );
      assert.equal(
        results.reduce((n, r) => n + r.booked, 0),
        8,
      );
      assert.equal(
        results.reduce((n, r) => n + r.taken, 0),
        4 * 8 * 4 - 8,
      );
      assert.equal((await h.db.selectFrom('bookings').selectAll().execute()).length, 8);
    } finally {
      await h.close();
    }
  });

  it('SIGKILL in the middle of a burst: every booking a client saw confirmed exists, each with exactly one confirmation', async (t) => {
    const { file, h, serviceId } = await freshFile(t);
    await h.close();
    const port = await unusedPort();
    let app = await serve(file, port);
    t.after(() => void app.kill('SIGKILL'));
    const body = (i: number) => ({
      serviceId,
      start: new Date(MON_0900_BERLIN + i * 3_600_000).toISOString(),
      timeZone: 'UTC',
      name: 'Burst',
      email: `burst${i}@example.test`,
      phone: '+44 20 7946 0000',
      requestId: `burst-request-${i}`,
    });
    const post = (i: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body(i)),
        signal: AbortSignal.timeout(10_000),
      });
    const seen: string[] = [];
    let answered = 0;
    const burst = Array.from({ length: 8 }, (_, i) =>
      post(i).then(
        async (r) => {
          if (r.status === 201) seen.push((await r.json()).booking.id);
          if (++answered === 3) app.kill('SIGKILL');
        },
        () => {},
      ),
    );
    await Promise.all(burst);
    await new Promise((r) => (app.exitCode !== null || app.signalCode !== null ? r(null) : app.once('exit', r)));
    assert.ok(seen.length >= 1, 'some bookings were confirmed before the kill');

    app = await serve(file, port);
    const db = openDb({ sqliteFile: file });
    try {
      const rows = await db.db.selectFrom('bookings').select(['id', 'client_email', 'request_id']).execute();
      for (const id of seen)
        assert.ok(
          rows.some((r) => r.id === id),
          `confirmed booking ${id} survived`,
        );
      // Sending every request again after the restart books what was lost and repeats nothing.
      for (let i = 0; i < 8; i++) assert.ok([200, 201].includes((await post(i)).status));
      const after = await db.db.selectFrom('bookings').select(['id', 'client_email']).execute();
      assert.equal(after.length, 8);
      const mails = await db.db.selectFrom('outbox').select(['kind', 'to_address']).execute();
      for (const b of after)
        assert.equal(
          mails.filter((m) => m.kind === 'booking.booked' && m.to_address === b.client_email).length,
          1,
          `one confirmation for ${b.client_email}`,
        );
    } finally {
      await db.close();
      app.kill('SIGKILL');
    }
  });
});
