import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { DeletionRequestRow, DeletionStatus } from './clients.tables.ts';

// What a deletion would remove, and deletion requests: Kysely only.

export const PENDING: readonly DeletionStatus[] = ['open', 'held'];

async function countWhere(
  db: Executor,
  table:
    | 'client_notes'
    | 'client_goals'
    | 'client_action_items'
    | 'client_trackers'
    | 'client_check_ins'
    | 'client_messages'
    | 'client_files'
    | 'client_access_log',
  clientId: string,
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many rows of each kind belong to a client (files: only those shared with this client alone). */
export async function countsForClient(db: Executor, clientId: string) {
  const [notes, goals, actionItems, trackers, checkIns, messages, files, accessLogEntries] = await Promise.all([
    countWhere(db, 'client_notes', clientId),
    countWhere(db, 'client_goals', clientId),
    countWhere(db, 'client_action_items', clientId),
    countWhere(db, 'client_trackers', clientId),
    countWhere(db, 'client_check_ins', clientId),
    countWhere(db, 'client_messages', clientId),
    countWhere(db, 'client_files', clientId),
    countWhere(db, 'client_access_log', clientId),
  ]);
  return { notes, goals, actionItems, trackers, checkIns, messages, files, accessLogEntries };
}

/** Writes a deletion request unless the client has one pending; true when it was written. */
export async function insertDeletionRequestUnlessPending(db: Executor, row: DeletionRequestRow): Promise<boolean> {
  // The partial unique index (client_id where pending) is the backstop for two sent at once.
  const r = await db
    .insertInto('client_deletion_requests')
    .values(row)
    // The conflict target names the index's own predicate, as literal SQL: both engines match a
    // partial index only by a WHERE they can prove implies it, and a bound parameter proves nothing.
    .onConflict((oc) =>
      oc
        .column('client_id')
        .where(() => sql<boolean>`status in ('open', 'held')`)
        .doNothing(),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A client's pending deletion request, if any. */
export async function pendingRequestOf(db: Executor, clientId: string): Promise<DeletionRequestRow | undefined> {
  return db
    .selectFrom('client_deletion_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('status', 'in', PENDING)
    .executeTakeFirst();
}

/** A deletion request by id. */
export async function deletionRequestById(db: Executor, id: string): Promise<DeletionRequestRow | undefined> {
  return db.selectFrom('client_deletion_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every deletion request of a client, newest first. */
export async function deletionRequestsOf(db: Executor, clientId: string): Promise<DeletionRequestRow[]> {
  return db
    .selectFrom('client_deletion_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('requested_at', 'desc')
    .execute();
}

/** Pending deletion requests, soonest due first, for the coach. */
export async function pendingDeletionRequests(db: Executor): Promise<DeletionRequestRow[]> {
  return db
    .selectFrom('client_deletion_requests')
    .selectAll()
    .where('status', 'in', PENDING)
    .orderBy('due_at')
    .execute();
}

/** Changes a pending request (compare-and-swap on its status); false when it was no longer pending. */
export async function updatePendingRequest(
  db: Executor,
  id: string,
  changes: Partial<Pick<DeletionRequestRow, 'status' | 'hold_statement' | 'held_at' | 'closed_at' | 'removed_json'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('client_deletion_requests')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', PENDING)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
