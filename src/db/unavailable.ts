/**
 * Errors that say "the database cannot serve us right now", not "this request is wrong": a
 * dropped or refused PostgreSQL connection, a timeout, a server shutting down, an SQLite file that
 * cannot be written. The error handler answers them with a 503 in plain words, and /readyz turns
 * 503, instead of a generic 500.
 */
const sqliteCodes = /^SQLITE_(READONLY|CANTOPEN|IOERR|FULL|BUSY|LOCKED|NOTADB|CORRUPT)/;
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// SQLSTATE: 08xxx connection exceptions; 57P01-03 shutdown / cannot connect now; 57014 statement
// timeout; 53300 too many connections; 25P03 idle-in-transaction timeout.
const pgStates = /^(08...|57P0[1-3]|57014|53300|25P03)$/;
const pgMessages =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (sqliteCodes.test(code) || socketCodes.has(code) || pgStates.test(code)))
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && pgMessages.test(message)) return true;
  }
  return false;
}
