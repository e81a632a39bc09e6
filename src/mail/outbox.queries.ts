import type { Insertable } from 'kysely';
import { type Executor, leaseQueue } from '../db/index.ts';
import type { OutboxTable } from './mail.tables.ts';

/** Queued and due, or stuck in 'sending' by a worker whose lease ran out (it crashed or hung). */
const queue = leaseQueue({
  table: 'outbox',
  waiting: 'queued',
  held: 'sending',
  dueAt: 'next_attempt_at',
  heldOrder: 'created_at',
});

/** Adds one message to the outbox. */
export async function insertOutboxMessage(db: Executor, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/** Takes up to `limit` due messages for one worker and returns the ones it really holds. */
export async function claimDueMessages(
  db: Executor,
  o: { owner: string; now: number; leaseUntil: number; limit: number },
) {
  return queue.claim(db, o);
}

/** Extends a held lease just before sending; false when the message is no longer ours. */
export async function renewLease(db: Executor, id: string, owner: string, from: number, to: number): Promise<boolean> {
  return queue.renew(db, id, owner, from, to);
}

/** Records a delivery by the worker holding the message. */
export async function markSent(db: Executor, id: string, owner: string, now: number): Promise<boolean> {
  return queue.release(db, id, owner, { status: 'sent', sent_at: now, last_error: null });
}

/** Records a failed attempt: back to the queue for later, or given up. */
export async function markAttemptFailed(
  db: Executor,
  id: string,
  owner: string,
  o: { attempts: number; status: 'queued' | 'failed'; nextAttemptAt: number; lastError: string },
): Promise<boolean> {
  return queue.release(db, id, owner, {
    status: o.status,
    attempts: o.attempts,
    next_attempt_at: o.nextAttemptAt,
    last_error: o.lastError,
  });
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

/** Messages not yet sent, by state (the dashboard's counts). */
export async function outboxCounts(db: Executor): Promise<{ waiting: number; failed: number }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '!=', 'sent')
    .groupBy('status')
    .execute();
  const by = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { waiting: by('queued') + by('sending'), failed: by('failed') };
}
