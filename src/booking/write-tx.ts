import { sql } from 'kysely';
import type { DbHandle, Executor } from '../db/database.ts';

/** The one practice coach for now: bookings carry it so the constraint is ready for several. */
export const COACH_ID = 'practice';

/**
 * Runs a booking write so that the check and the insert cannot interleave with another writer.
 * SQLite: `BEGIN IMMEDIATE` takes the write lock before the first read (Kysely's own transactions
 * start with a deferred BEGIN, which would let two handles read the same free slot and then fail
 * or both write). PostgreSQL: an ordinary transaction; the exclusion constraint refuses an overlap,
 * and `serialize` (the daily limit, which no constraint can express) adds a per-coach advisory lock.
 */
export async function bookingWrite<T>(dbh: DbHandle, fn: (tx: Executor) => Promise<T>, opts: { serialize?: boolean } = {}): Promise<T> {
  if (dbh.engine === 'postgres') {
    for (let attempt = 1; ; attempt++) {
      try {
        return await dbh.db.transaction().execute(async (tx) => {
          if (opts.serialize) await sql`select pg_advisory_xact_lock(hashtext(${COACH_ID}))`.execute(tx);
          return fn(tx);
        });
      } catch (err) {
        // Two inserts that conflict through the exclusion constraint can each wait for the other;
        // PostgreSQL then aborts one (deadlock). Running it again is safe: it rolled back entirely,
        // and the second run sees the winner and answers "just taken".
        if ((err as { code?: string }).code !== '40P01' || attempt >= 3) throw err;
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

/** True for PostgreSQL's "conflicting key value violates exclusion constraint". */
export function isOverlapViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23P01';
}

/** True for a unique violation on the given column or constraint name (both engines). */
export function isUniqueViolation(err: unknown, name: string): boolean {
  const e = err as { code?: string; message?: string; constraint?: string } | null;
  if (!e) return false;
  if (e.code === '23505') return (e.constraint ?? e.message ?? '').includes(name);
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && (e.message ?? '').includes(name);
}
