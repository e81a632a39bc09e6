import { type Executor, leaseQueue } from '../db/index.ts';

/** Queued and due, or 'running' under a lease that ran out (its worker crashed or hung). */
const queue = leaseQueue({ table: 'jobs', waiting: 'queued', held: 'running', dueAt: 'run_at', heldOrder: 'run_at' });

/** Claims up to `limit` due jobs of the given kinds for one worker and returns the ones it really holds. */
export async function claimDueJobs(
  db: Executor,
  o: { owner: string; now: number; leaseUntil: number; limit: number; kinds: readonly string[] },
) {
  if (o.kinds.length === 0) return [];
  const { kinds, ...claim } = o;
  return queue.claim(db, { ...claim, where: (eb) => eb('kind', 'in', kinds) });
}

/** Records how a held job ended; false when the lease was lost meanwhile. */
export async function finishJob(
  db: Executor,
  id: string,
  owner: string,
  o: {
    status: 'done' | 'failed' | 'skipped' | 'queued';
    attempts: number;
    runAt?: number;
    lastError: string | null;
    now: number;
  },
): Promise<boolean> {
  return queue.release(db, id, owner, {
    status: o.status,
    attempts: o.attempts,
    last_error: o.lastError,
    finished_at: o.status === 'queued' ? null : o.now,
    ...(o.runAt !== undefined ? { run_at: o.runAt } : {}),
  });
}

/** Jobs for the back office and tests, newest run time first. */
export async function jobsListing(db: Executor, o: { kind?: string; limit?: number } = {}) {
  let q = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('run_at', 'desc')
    .limit(o.limit ?? 100);
  if (o.kind) q = q.where('kind', '=', o.kind);
  return q.execute();
}
