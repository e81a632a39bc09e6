/**
 * What a refused write means, read the same way on both engines. SQLite (better-sqlite3) says
 * `SQLITE_CONSTRAINT_UNIQUE` (or `…_PRIMARYKEY`) with "UNIQUE constraint failed: table.column";
 * PostgreSQL says 23505 and names the constraint (e.g. `bookings_request_id_key`).
 */

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/**
 * True for a unique (or primary-key) violation; with `name`, only when the constraint, column or
 * index it names contains it (e.g. 'request_id', 'slug').
 */
export function isUniqueViolation(err: unknown, name?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as DriverError;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (e.code === '23505')
    return name === undefined || [e.constraint, e.detail, e.message].some((v) => text(v).includes(name));
  const sqlite =
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /^UNIQUE constraint failed/.test(text(e.message));
  return sqlite && (name === undefined || text(e.message).includes(name));
}
