import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import { type ClientsDeps, type CoachActor, findOrCreateClient } from './clients.service.ts';
import type { Client } from './clients.tables.ts';

/** Test fixtures for the clients module (and for other modules' tests that need a client). */

let n = 0;

/** A client with a fresh address (or the one given), made the way a first booking makes one. */
export async function seedClient(
  deps: ClientsDeps,
  o: { email?: string; name?: string; timeZone?: string } = {},
): Promise<Client> {
  n += 1;
  const { client } = await findOrCreateClient(
    deps.dbh.db,
    {
      email: o.email ?? `client${n}-${newId().slice(0, 6)}@example.test`,
      name: o.name ?? `Client ${n}`,
      timeZone: o.timeZone ?? 'America/New_York',
      source: 'booking',
    },
    deps.clock.now(),
  );
  return client;
}

/** The coach's account (a users row, so foreign keys hold) and her actor. */
export async function seedCoachUser(db: Executor, now: number, name = 'Maya Test'): Promise<CoachActor> {
  const id = newId();
  await db
    .insertInto('users')
    .values({ id, email: `coach-${id.slice(0, 6)}@example.test`, name, role: 'owner', created_at: now })
    .execute();
  return { userId: id, name };
}

/** A promise's outcome as a word: 'ok', the coded error's code, or what else it threw. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: unknown) =>
      typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : `threw ${String(e)}`,
  );
}
