import type { Executor } from '../db/index.ts';
import type { FileRow } from './clients.tables.ts';

// File metadata and bytes: Kysely only. A client sees files of their own and files the coach
// shared with every client (client_id null).

/** Writes a file's metadata and its sealed bytes. */
export async function insertFile(db: Executor, row: FileRow, contentSealed: string): Promise<void> {
  await db.insertInto('client_files').values(row).execute();
  await db.insertInto('client_file_blobs').values({ file_id: row.id, content_sealed: contentSealed }).execute();
}

/** The files a client sees, newest first: their own and those shared with everyone. */
export async function filesVisibleTo(db: Executor, clientId: string): Promise<FileRow[]> {
  return db
    .selectFrom('client_files')
    .selectAll()
    .where((eb) => eb.or([eb('client_id', '=', clientId), eb('client_id', 'is', null)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Files shared with every client, newest first. */
export async function filesForEveryone(db: Executor): Promise<FileRow[]> {
  return db
    .selectFrom('client_files')
    .selectAll()
    .where('client_id', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** One file, if the client may see it. */
export async function fileVisibleTo(db: Executor, fileId: string, clientId: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('client_files')
    .selectAll()
    .where('id', '=', fileId)
    .where((eb) => eb.or([eb('client_id', '=', clientId), eb('client_id', 'is', null)]))
    .executeTakeFirst();
}

/** One file by id (the coach may open any). */
export async function fileById(db: Executor, fileId: string): Promise<FileRow | undefined> {
  return db.selectFrom('client_files').selectAll().where('id', '=', fileId).executeTakeFirst();
}

/** A file's sealed bytes. */
export async function blobOf(db: Executor, fileId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('client_file_blobs')
    .select('content_sealed')
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return r?.content_sealed;
}

/** Deletes a file (its bytes go with it). */
export async function deleteFile(db: Executor, fileId: string): Promise<boolean> {
  const r = await db.deleteFrom('client_files').where('id', '=', fileId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
