import { type Executor, retryDelayMs } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import * as q from './jobs.queries.ts';
import type { Job } from './jobs.tables.ts';
import { type Poller, startPolling } from './poller.ts';

/** What a module asks to be done, and when. */
export interface JobRequest {
  kind: string;
  payload: Record<string, unknown>;
  runAt: number;
  /**
   * A name for the job, unique across the table, e.g. `reminder:<bookingId>:24h`. Scheduling a key
   * again moves and re-arms the existing job (unless it is running right now); it never adds a second.
   */
  key?: string;
}

/** How a kind of job is done. Handlers must be safe to run again for the same job (crash after work, before the record). */
export interface JobHandler {
  run(deps: Deps, payload: Record<string, unknown>, job: Job): Promise<void>;
  /** Tries before the job is 'failed' (default 5). */
  maxAttempts?: number;
  /** When the job is found this long after its time (the app was down), it is skipped, not run late. */
  lateAfterMs?: number;
}

export type JobHandlers = Record<string, JobHandler>;

const LEASE_MS = 5 * 60_000;
const BATCH = 20;
const POLL_MS = 5_000;

/** Schedules a job in the caller's transaction; with a key, moves and re-arms the job of that key. */
export async function scheduleJob(db: Executor, job: JobRequest, now: number): Promise<void> {
  const payload_json = JSON.stringify(job.payload);
  const row = {
    id: newId(),
    kind: job.kind,
    payload_json,
    run_at: job.runAt,
    status: 'queued' as const,
    attempts: 0,
    dedupe_key: job.key ?? null,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    created_at: now,
    finished_at: null,
  };
  if (!job.key) {
    await db.insertInto('jobs').values(row).execute();
    return;
  }
  await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('dedupe_key')
        .doUpdateSet({
          kind: job.kind,
          payload_json,
          run_at: job.runAt,
          status: 'queued',
          attempts: 0,
          last_error: null,
          finished_at: null,
        })
        .where('jobs.status', '!=', 'running'),
    )
    .execute();
}

/** Cancels the queued job with this key (a cancelled booking's reminders); true when one was cancelled. */
export async function cancelJob(db: Executor, key: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now })
    .where('dedupe_key', '=', key)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** One pass: claims due jobs of the kinds this instance handles, runs each, records the outcome. */
export async function runDueJobs(
  deps: Deps,
  handlers: JobHandlers,
  opts: { limit?: number } = {},
): Promise<{ done: number; failed: number; skipped: number; more: boolean }> {
  const { db } = deps.dbh;
  // Each pass claims under a name of its own, so overlapping passes of one instance never share jobs.
  const owner = `${deps.instanceId}/${newId().slice(0, 8)}`;
  const now = deps.clock.now();
  const leaseUntil = now + LEASE_MS;
  const limit = opts.limit ?? BATCH;
  const jobs = await q.claimDueJobs(db, { owner, now, leaseUntil, limit, kinds: Object.keys(handlers) });
  const result = { done: 0, failed: 0, skipped: 0, more: jobs.length >= limit };
  for (const job of jobs) {
    const handler = handlers[job.kind]!;
    const at = deps.clock.now();
    if (handler.lateAfterMs !== undefined && at > job.run_at + handler.lateAfterMs) {
      await q.finishJob(db, job.id, owner, {
        status: 'skipped',
        attempts: job.attempts,
        lastError: 'too late: the app was not running at the time',
        now: at,
      });
      result.skipped++;
      continue;
    }
    const attempts = job.attempts + 1;
    try {
      await handler.run(deps, JSON.parse(job.payload_json) as Record<string, unknown>, job);
      await q.finishJob(db, job.id, owner, { status: 'done', attempts, lastError: null, now: deps.clock.now() });
      result.done++;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
      const giveUp = attempts >= (handler.maxAttempts ?? 5);
      deps.log.warn({ job: job.id, kind: job.kind, attempts, giveUp }, 'job failed');
      await q.finishJob(db, job.id, owner, {
        status: giveUp ? 'failed' : 'queued',
        attempts,
        // The house's one retry schedule (db's retryDelayMs), shared with the outbox.
        runAt: giveUp ? job.run_at : deps.clock.now() + retryDelayMs(attempts),
        lastError: message,
        now: deps.clock.now(),
      });
      result.failed++;
    }
  }
  return result;
}

/** The jobs loop of one app instance. */
export function startJobWorker(deps: Deps, handlers: JobHandlers, opts: { pollMs?: number } = {}): Poller {
  return startPolling('jobs', () => runDueJobs(deps, handlers), { pollMs: opts.pollMs ?? POLL_MS, log: deps.log });
}
