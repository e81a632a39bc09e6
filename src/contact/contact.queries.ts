import type { Insertable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { ContactRequestsTable } from './contact.tables.ts';

/** Stores one contact request (its message already sealed). */
export async function insertContactRequest(db: Executor, row: Insertable<ContactRequestsTable>): Promise<void> {
  await db.insertInto('contact_requests').values(row).execute();
}

/** Contact requests for the back office list, newest first, without the message. */
export async function contactRequestListing(db: Executor, limit: number, before?: number) {
  let q = db
    .selectFrom('contact_requests')
    .select(['id', 'name', 'email', 'created_at', 'read_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (before !== undefined) q = q.where('created_at', '<', before);
  return q.execute();
}

/** One contact request with its sealed message, or undefined. */
export async function contactRequestById(db: Executor, id: string) {
  return db.selectFrom('contact_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a request read (first reading only) or unread; true when it changed. */
export async function setContactRequestRead(db: Executor, id: string, readAt: number | null): Promise<boolean> {
  const r = await db
    .updateTable('contact_requests')
    .set({ read_at: readAt })
    .where('id', '=', id)
    .where('read_at', readAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many contact requests the coach has not opened yet (the dashboard's count). */
export async function unreadContactCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('contact_requests')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One client's contact requests with their sealed messages, newest first. */
export async function contactRequestsOfClient(db: Executor, clientId: string) {
  return db
    .selectFrom('contact_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .execute();
}
