import type { Executor } from '../db/index.ts';
import { localDateAt } from '../time/index.ts';
import * as cq from './check-ins.queries.ts';
import * as q from './clients.queries.ts';
import { budgetOf, checkInDueness, requireClient } from './clients.service.ts';
import * as gq from './goals.queries.ts';
import { digestWorthSending, itemsForDigest, nextDigestAt } from './notification-budget.ts';

// The reminder digest's plan, for the job that sends it (the next session wires job and email):
// what a digest would name, and when the budget lets it go.

export interface DigestPlan {
  /** When it may go out (now or later); null when reminders are off or there is nothing to say. */
  sendAt: number | null;
  itemIds: string[];
  checkInDue: boolean;
}

/** What a client's next digest would say and when the notification budget lets it go. */
export async function planDigest(db: Executor, clientId: string, now: number): Promise<DigestPlan> {
  const client = await requireClient(db, clientId);
  const today = localDateAt(now, client.time_zone);
  const items = await gq.openDatedItemsOf(db, clientId);
  const itemIds = itemsForDigest(
    items.map((i) => ({ id: i.id, dueDate: i.due_date, doneAt: i.done_at, remindedAt: i.reminded_at })),
    today,
  );
  const { state } = checkInDueness(client, await cq.lastCheckInDate(db, clientId), now);
  const checkInDue = state === 'due' || state === 'overdue';
  const sendAt = digestWorthSending(itemIds, checkInDue) ? nextDigestAt(budgetOf(client), now) : null;
  return { sendAt, itemIds, checkInDue };
}

/**
 * Records a digest as sent, in the transaction that queues its email: the day's budget is spent
 * and its items are never named again.
 */
export async function markDigestSent(tx: Executor, clientId: string, itemIds: readonly string[], now: number) {
  await q.updateClient(tx, clientId, { last_digest_at: now });
  await gq.markItemsReminded(tx, clientId, itemIds, now);
}
