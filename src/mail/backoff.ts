import { retryDelayMs } from '../db/index.ts';

// When to try a message again after a failed attempt. Pure; no I/O. The house's one retry
// schedule (db's retryDelayMs: 30 s … then every two hours), so twelve attempts cover roughly a
// day before a message is given up as failed.

/** Attempts after which a message is marked failed and waits for "Send again". */
export const MAX_ATTEMPTS = 12;

/** What a failure leads to: another try later, or giving up. */
export function afterFailure(
  failedAttempts: number,
  now: number,
): { status: 'queued'; nextAttemptAt: number } | { status: 'failed' } {
  if (failedAttempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: now + retryDelayMs(failedAttempts) };
}
