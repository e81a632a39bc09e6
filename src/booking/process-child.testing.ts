// A second app process for the booking tests (not part of the app): `race` books one slot many
// times at once from its own SQLite handle; `serve` runs the app on a port until it is killed.
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { type Clock, createLogger, type Deps, systemClock } from '../deps.ts';
import { createSealer, testSecrets } from '../security/index.ts';
import { BookingError } from './booking.errors.ts';
import { bookSession } from './booking.service.ts';

const [mode, file, ...rest] = process.argv.slice(2);
const secrets = testSecrets();
const clockAt = (t: number): Clock => ({ now: () => t });

function depsFor(clock: Clock, port = 0): Deps {
  return {
    config: testConfig({ publicUrl: `http://127.0.0.1:${port}`, port }),
    dbh: openDb({ sqliteFile: file! }),
    clock,
    secrets,
    sealer: createSealer(secrets.encryptionKey),
    log: createLogger('silent'),
    mail: null,
    instanceId: `child-${process.pid}`,
  };
}

if (mode === 'race') {
  // Every process starts at the same wall-clock moment, then walks the same slots in step.
  const [serviceId, startBase, slots, perSlot, now, tag, goAt] = rest.map(String);
  const deps = depsFor(clockAt(Number(now)));
  await new Promise((r) => setTimeout(r, Math.max(0, Number(goAt) - Date.now())));
  let booked = 0;
  let taken = 0;
  const other: string[] = [];
  for (let s = 0; s < Number(slots); s++) {
    const results = await Promise.allSettled(
      Array.from({ length: Number(perSlot) }, (_, i) =>
        bookSession(deps, {
          serviceId: serviceId!,
          start: Number(startBase) + s * 3_600_000,
          timeZone: 'UTC',
          name: 'Racer',
          email: `r${tag}-${s}-${i}@example.test`,
          phone: '+44 20 7946 0000',
          note: null,
          modality: null,
          requestId: `race-${tag}-${s}-${i}`,
          createdBy: 'client',
        }),
      ),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') booked++;
      else if (r.reason instanceof BookingError && r.reason.code === 'slot_taken') taken++;
      else other.push(String(r.reason).slice(0, 200));
    }
  }
  process.stdout.write(JSON.stringify({ booked, taken, other }) + '\n');
  await deps.dbh.close();
} else if (mode === 'serve') {
  const port = Number(rest[0]);
  const deps = depsFor(rest[1] ? clockAt(Number(rest[1])) : systemClock, port);
  const app = await buildApp(deps);
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('ready\n');
}
