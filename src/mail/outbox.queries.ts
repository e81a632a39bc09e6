import type { ExpressionBuilder, Insertable } from 'kysely';
import type { Database, Executor } from '../db/index.ts';
import type { OutboxTable } from './mail.tables.ts';

/** Queued and due, or stuck in 'sending' by a worker whose lease ran out (it crashed or hung). */
function isDue(now: number) {
  return (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ]);
}

/** Adds one message to the outbox. */
export async function insertOutboxMessage(db: Executor, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/**
 * Takes up to `limit` due messages for one worker: a compare-and-swap, because the outer WHERE
 * repeats the due condition. When two instances race for a row, the database serialises the two
 * updates and the loser's re-check no longer matches, so each row has exactly one owner.
 */
export async function claimDueMessages(
  db: Executor,
  o: { owner: string; now: number; leaseUntil: number; limit: number },
): Promise<void> {
  const candidates = db.selectFrom('outbox').select('id').where(isDue(o.now)).orderBy('next_attempt_at').limit(o.limit);
  await db
    .updateTable('outbox')
    .set({ status: 'sending', lease_owner: o.owner, lease_until: o.leaseUntil })
    .where('id', 'in', candidates)
    .where(isDue(o.now))
    .execute();
}

/** The messages a worker really holds after claiming (same owner and the lease it set). */
export async function claimedMessages(db: Executor, owner: string, leaseUntil: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .where('lease_until', '=', leaseUntil)
    .orderBy('created_at')
    .execute();
}

/** Extends a held lease just before sending; false when the message is no longer ours. */
export async function renewLease(db: Executor, id: string, owner: string, from: number, to: number): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ lease_until: to })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .where('lease_until', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a delivery by the worker holding the message. */
export async function markSent(db: Executor, id: string, owner: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, lease_owner: null, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a failed attempt: back to the queue for later, or given up. */
export async function markAttemptFailed(
  db: Executor,
  id: string,
  owner: string,
  o: { attempts: number; status: 'queued' | 'failed'; nextAttemptAt: number; lastError: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: o.status,
      attempts: o.attempts,
      next_attempt_at: o.nextAttemptAt,
      last_error: o.lastError,
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .execute();
}

/** Outbox messages for the back office, newest first, without their bodies. */
export async function outboxListing(db: Executor, limit: number, before?: number) {
  let q = db
    .selectFrom('outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (before !== undefined) q = q.where('created_at', '<', before);
  return q.execute();
}

/** One outbox message with its sealed bodies, or undefined. */
export async function outboxMessageById(db: Executor, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Puts a waiting or given-up message back at the front of the queue; false when it changed meanwhile. */
export async function requeueMessage(
  db: Executor,
  id: string,
  fromStatus: 'queued' | 'failed',
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'queued', next_attempt_at: now, attempts: 0, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
