import type { Executor } from '../db/index.ts';
import type { MessageRow, Party } from './clients.tables.ts';

// The conversation between a client and the coach: Kysely only.

/** Writes a message. */
export async function insertMessage(db: Executor, row: MessageRow): Promise<void> {
  await db.insertInto('client_messages').values(row).execute();
}

/**
 * A page of a client's conversation, newest first: `before` (created_at, id) continues from the
 * oldest message already shown, so messages that share a millisecond are neither skipped nor repeated.
 */
export async function messagesOf(
  db: Executor,
  clientId: string,
  limit: number,
  before?: { at: number; id: string },
): Promise<MessageRow[]> {
  let q = db.selectFrom('client_messages').selectAll().where('client_id', '=', clientId);
  if (before)
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Marks as read every unread message the other side sent; returns how many. */
export async function markReadFrom(db: Executor, clientId: string, sender: Party, now: number): Promise<number> {
  const r = await db
    .updateTable('client_messages')
    .set({ read_at: now })
    .where('client_id', '=', clientId)
    .where('sender', '=', sender)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many of a client's messages from `sender` are unread. */
export async function unreadFrom(db: Executor, clientId: string, sender: Party): Promise<number> {
  const r = await db
    .selectFrom('client_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('sender', '=', sender)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Unread messages from clients, per client, for the coach's dashboard. */
export async function unreadFromClients(db: Executor): Promise<{ client_id: string; n: number }[]> {
  const rows = await db
    .selectFrom('client_messages')
    .select(['client_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sender', '=', 'client')
    .where('read_at', 'is', null)
    .groupBy('client_id')
    .execute();
  return rows.map((r) => ({ client_id: r.client_id, n: Number(r.n) }));
}
