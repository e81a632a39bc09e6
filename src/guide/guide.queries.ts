import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { GuideReferralsTable, GuideSharedResultsTable } from './guide.tables.ts';

/** The referral list in the coach's order. */
export async function referralList(db: Executor) {
  return db.selectFrom('guide_referrals').selectAll().orderBy('sort_order').orderBy('name').execute();
}

/** One referral, or undefined. */
export async function referralById(db: Executor, id: string) {
  return db.selectFrom('guide_referrals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds a referral. */
export async function insertReferral(db: Executor, row: Insertable<GuideReferralsTable>): Promise<void> {
  await db.insertInto('guide_referrals').values(row).execute();
}

/** Changes a referral; true when it existed. */
export async function updateReferral(db: Executor, id: string, set: Updateable<GuideReferralsTable>): Promise<boolean> {
  const r = await db.updateTable('guide_referrals').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes a referral; true when it existed. */
export async function deleteReferral(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('guide_referrals').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Stores a shared result (its content sealed). */
export async function insertSharedResult(db: Executor, row: Insertable<GuideSharedResultsTable>): Promise<void> {
  await db.insertInto('guide_shared_results').values(row).execute();
}

/** Shared results still within their retention, newest first. */
export async function sharedResultListing(db: Executor, now: number) {
  return db
    .selectFrom('guide_shared_results')
    .selectAll()
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** One shared result within its retention, or undefined. */
export async function sharedResultById(db: Executor, id: string, now: number) {
  return db
    .selectFrom('guide_shared_results')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks a shared result read or its referral message sent. */
export async function markSharedResult(
  db: Executor,
  id: string,
  set: { read_at?: number; message_sent_at?: number },
): Promise<void> {
  await db.updateTable('guide_shared_results').set(set).where('id', '=', id).execute();
}

/** Deletes one shared result; true when it existed. */
export async function deleteSharedResult(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('guide_shared_results').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Deletes every shared result past its retention; returns how many. */
export async function deleteExpiredSharedResults(db: Executor, now: number): Promise<number> {
  const r = await db.deleteFrom('guide_shared_results').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
