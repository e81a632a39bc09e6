import { sql, type Updateable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type {
  AccessLogRow,
  Client,
  ClientStatus,
  ClientsTable,
  NewClient,
  NoteKind,
  NoteRow,
} from './clients.tables.ts';

// The client record, notes and the access log: Kysely only, rows in and rows out, no rules.

/**
 * Inserts a client unless one has that email already. ON CONFLICT DO NOTHING leans on the
 * unique constraint without raising: inside a PostgreSQL transaction a raised violation would
 * abort the caller's whole transaction (a booking), which catching cannot undo.
 */
export async function insertClientUnlessTaken(db: Executor, row: NewClient): Promise<boolean> {
  const r = await db
    .insertInto('clients')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The client with this (already normalised) email. */
export async function clientByEmail(db: Executor, email: string): Promise<Client | undefined> {
  return db.selectFrom('clients').selectAll().where('email', '=', email).executeTakeFirst();
}

/** One client by id. */
export async function clientById(db: Executor, id: string): Promise<Client | undefined> {
  return db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The client a sign-in account belongs to. */
export async function clientByUserId(db: Executor, userId: string): Promise<Client | undefined> {
  return db.selectFrom('clients').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export interface ListingRow extends Client {
  unread_from_client: number;
}

/**
 * Clients for the back office's list, most recently active first, with how many of their
 * messages the coach has not read. `search` matches name or email, case-insensitively.
 */
export async function clientsListing(
  db: Executor,
  o: { search?: string; status?: ClientStatus; limit: number; offset?: number },
): Promise<ListingRow[]> {
  let q = db
    .selectFrom('clients')
    .selectAll('clients')
    .select((eb) =>
      eb
        .selectFrom('client_messages as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.client_id', '=', 'clients.id')
        .where('m.sender', '=', 'client')
        .where('m.read_at', 'is', null)
        .as('unread_from_client'),
    )
    .orderBy('last_activity_at', 'desc')
    .orderBy('id')
    .limit(o.limit)
    .offset(o.offset ?? 0);
  if (o.status) q = q.where('status', '=', o.status);
  if (o.search) {
    // LIKE with its wildcards escaped, so "50%" or "a_b" search for themselves.
    const pattern = `%${o.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<boolean>`(lower(clients.name) like ${pattern} escape '\\' or clients.email like ${pattern} escape '\\')`,
    );
  }
  const rows = await q.execute();
  // PostgreSQL's count(*) is int8, which the pg driver is told to read as a number; SQLite's is one already.
  return rows.map((r) => ({ ...r, unread_from_client: Number(r.unread_from_client ?? 0) }));
}

/** Changes a client's columns; false when there is no such client. */
export async function updateClient(db: Executor, id: string, changes: Updateable<ClientsTable>): Promise<boolean> {
  const r = await db.updateTable('clients').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a client from one status to another (compare-and-swap); false when it was not in `from`. */
export async function swapClientStatus(
  db: Executor,
  id: string,
  from: ClientStatus,
  to: ClientStatus,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('clients')
    .set({ status: to, archived_at: to === 'archived' ? now : null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves last_activity_at forward (never back: late writes from a slow request do not rewind it). */
export async function touchActivity(db: Executor, id: string, at: number): Promise<void> {
  await db
    .updateTable('clients')
    .set({ last_activity_at: at })
    .where('id', '=', id)
    .where('last_activity_at', '<', at)
    .execute();
}

/** Deletes the client row; its notes, goals, check-ins, messages, files and log go with it (cascade). */
export async function deleteClientRow(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('clients').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Writes a note. */
export async function insertNote(db: Executor, row: NoteRow): Promise<void> {
  await db.insertInto('client_notes').values(row).execute();
}

/** A client's notes of the given kinds, newest first. */
export async function notesOf(db: Executor, clientId: string, kinds: readonly NoteKind[]): Promise<NoteRow[]> {
  if (kinds.length === 0) return [];
  return db
    .selectFrom('client_notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('kind', 'in', kinds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Rewrites a note's body, only within its own client; false when it is not that client's note. */
export async function updateNoteBody(
  db: Executor,
  clientId: string,
  noteId: string,
  bodySealed: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('client_notes')
    .set({ body_sealed: bodySealed, updated_at: now })
    .where('id', '=', noteId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a note, only within its own client. */
export async function deleteNote(db: Executor, clientId: string, noteId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('client_notes')
    .where('id', '=', noteId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Writes one access-log entry. */
export async function insertAccess(db: Executor, row: AccessLogRow): Promise<void> {
  await db.insertInto('client_access_log').values(row).execute();
}

/** The newest entry for this actor, what and subject at or after `since` (to fold a burst of reloads into one). */
export async function recentAccess(
  db: Executor,
  row: Pick<AccessLogRow, 'client_id' | 'actor_user_id' | 'what' | 'subject_id'>,
  since: number,
): Promise<AccessLogRow | undefined> {
  let q = db
    .selectFrom('client_access_log')
    .selectAll()
    .where('client_id', '=', row.client_id)
    .where('what', '=', row.what)
    .where('at', '>=', since);
  q =
    row.actor_user_id === null
      ? q.where('actor_user_id', 'is', null)
      : q.where('actor_user_id', '=', row.actor_user_id);
  q = row.subject_id === null ? q.where('subject_id', 'is', null) : q.where('subject_id', '=', row.subject_id);
  return q.orderBy('at', 'desc').limit(1).executeTakeFirst();
}

/** A client's access log, newest first. */
export async function accessLogOf(db: Executor, clientId: string, limit: number): Promise<AccessLogRow[]> {
  return db
    .selectFrom('client_access_log')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** How many clients there are in each status (the dashboard's count). */
export async function countByStatus(db: Executor): Promise<Record<ClientStatus, number>> {
  const rows = await db
    .selectFrom('clients')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out: Record<ClientStatus, number> = { active: 0, archived: 0 };
  // PostgreSQL's count(*) is int8, read as a number or a string depending on the driver's setting.
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
