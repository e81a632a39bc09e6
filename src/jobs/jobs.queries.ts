import type { ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../db/index.ts';

/** Queued and due, or 'running' under a lease that ran out (its worker crashed or hung). */
function isDue(now: number, kinds: readonly string[]) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.and([
      eb('kind', 'in', kinds),
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    ]);
}

/** Claims up to `limit` due jobs of the given kinds for one worker (compare-and-swap on the due condition). */
export async function claimDueJobs(
  db: Executor,
  o: { owner: string; now: number; leaseUntil: number; limit: number; kinds: readonly string[] },
): Promise<void> {
  if (o.kinds.length === 0) return;
  const candidates = db.selectFrom('jobs').select('id').where(isDue(o.now, o.kinds)).orderBy('run_at').limit(o.limit);
  await db
    .updateTable('jobs')
    .set({ status: 'running', lease_owner: o.owner, lease_until: o.leaseUntil })
    .where('id', 'in', candidates)
    .where(isDue(o.now, o.kinds))
    .execute();
}

/** The jobs a worker really holds after claiming. */
export async function claimedJobs(db: Executor, owner: string, leaseUntil: number) {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .where('lease_until', '=', leaseUntil)
    .orderBy('run_at')
    .execute();
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
  const r = await db
    .updateTable('jobs')
    .set({
      status: o.status,
      attempts: o.attempts,
      last_error: o.lastError,
      lease_owner: null,
      lease_until: null,
      finished_at: o.status === 'queued' ? null : o.now,
      ...(o.runAt !== undefined ? { run_at: o.runAt } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
