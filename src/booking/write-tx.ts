import { sql } from 'kysely';
import type { DbHandle, Executor } from '../db/index.ts';

/** The one practice coach for now: bookings carry it so the constraint is ready for several. */
export const COACH_ID = 'practice';

/**
 * Runs a booking write so that the check and the insert cannot interleave with another writer.
 * SQLite: `BEGIN IMMEDIATE` takes the write lock before the first read (Kysely's own transactions
 * start with a deferred BEGIN, which lets two handles read the same free slot and then fail).
 * PostgreSQL: a per-coach advisory lock for the transaction, so competing writers queue instead of
 * colliding (without it, conflicting inserts deadlock on the exclusion constraint and each costs
 * PostgreSQL's one-second deadlock timeout); the exclusion constraint stays as the backstop.
 */
export async function bookingWrite<T>(dbh: DbHandle, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if (dbh.engine === 'postgres') {
    for (let attempt = 1; ; attempt++) {
      try {
        return await dbh.db.transaction().execute(async (tx) => {
          await sql`select pg_advisory_xact_lock(hashtext(${COACH_ID}))`.execute(tx);
          return fn(tx);
        });
      } catch (err) {
        // A deadlock (e.g. with a writer outside bookingWrite) rolled everything back: run it again.
        if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
  // One connection for the whole transaction: the SQLite driver lends it to nobody else meanwhile.
  return dbh.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

/** True for PostgreSQL's "conflicting key value violates exclusion constraint" (or a deadlock between two such inserts). */
export function isOverlapViolation(err: unknown): boolean {
  // A deadlock that outlived its retries comes from conflicting inserts: the slot is contested.
  const code = (err as { code?: string } | null)?.code;
  return code === '23P01' || code === '40P01';
}
