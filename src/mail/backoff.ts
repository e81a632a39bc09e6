/**
 * When to try a message again after a failed attempt. Pure; no I/O.
 * The schedule starts short (a server restarting) and settles at every two hours (a long outage),
 * so twelve attempts cover roughly a day before a message is given up as failed.
 */
const SCHEDULE_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000];
const THEN_EVERY_MS = 2 * 60 * 60_000;

/** Attempts after which a message is marked failed and waits for "Send again". */
export const MAX_ATTEMPTS = 12;

/** The wait before the next attempt, given how many attempts have failed so far (1 or more). */
export function retryDelayMs(failedAttempts: number): number {
  return SCHEDULE_MS[Math.max(0, failedAttempts - 1)] ?? THEN_EVERY_MS;
}

/** What a failure leads to: another try later, or giving up. */
export function afterFailure(
  failedAttempts: number,
  now: number,
): { status: 'queued'; nextAttemptAt: number } | { status: 'failed' } {
  if (failedAttempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: now + retryDelayMs(failedAttempts) };
}
