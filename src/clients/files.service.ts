import crypto from 'node:crypto';
import { newId } from '../security/index.ts';
import { ClientsError } from './clients.errors.ts';
import { type ClientsDeps, requireClient, touchClientActivity } from './clients.service.ts';
import type { FileRow, Party } from './clients.tables.ts';
import { checkFile } from './file-policy.ts';
import * as q from './files.queries.ts';
import { openSealed } from './sealed.ts';

// Files: the coach shares worksheets and resources with one client or with all; a client sends
// a file back. The bytes are kept in the database, sealed (decision 016 says why), so every app
// instance serves the same files and a backup holds them.

export interface SharedFile {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  owner: Party;
  /** null: shared with every client. */
  clientId: string | null;
  createdAt: number;
}

function toSharedFile(deps: ClientsDeps, r: FileRow): SharedFile {
  return {
    id: r.id,
    name: openSealed(deps.sealer, r.name_sealed),
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    owner: r.owner,
    clientId: r.client_id,
    createdAt: r.created_at,
  };
}

/**
 * Stores a file after checking its bytes (kind and size, file-policy.ts): for one client
 * (`clientId`) or, from the coach only, for every client (`clientId: null`). Refusals are coded
 * (file_too_large, file_type_refused). Returns what was stored.
 */
export async function storeFile(
  deps: ClientsDeps,
  input: { clientId: string | null; owner: Party; uploadedByUserId: string | null; name: string; bytes: Uint8Array },
): Promise<SharedFile> {
  if (input.clientId === null && input.owner !== 'coach') throw new ClientsError('client_item_not_found');
  const check = checkFile(input.name, input.bytes);
  if (!check.ok) throw new ClientsError(check.reason);
  const now = deps.clock.now();
  const id = newId();
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const row: FileRow = {
    id,
    client_id: input.clientId,
    owner: input.owner,
    uploaded_by_user_id: input.uploadedByUserId,
    name_sealed: deps.sealer.seal(check.name),
    content_type: check.contentType,
    size_bytes: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    storage_key: `db:${id}`,
    created_at: now,
  };
  // Sealer seals text: the bytes travel as base64 inside it.
  const sealed = deps.sealer.seal(bytes.toString('base64'));
  await deps.dbh.db.transaction().execute(async (tx) => {
    if (input.clientId !== null) await requireClient(tx, input.clientId);
    await q.insertFile(tx, row, sealed);
    if (input.clientId !== null && input.owner === 'client') await touchClientActivity(tx, input.clientId, now);
  });
  return toSharedFile(deps, row);
}

/** The files a client sees (their own and those shared with every client), names opened. */
export async function filesForClient(deps: ClientsDeps, clientId: string): Promise<SharedFile[]> {
  return (await q.filesVisibleTo(deps.dbh.db, clientId)).map((r) => toSharedFile(deps, r));
}

/** The files the coach shared with every client. */
export async function filesForEveryone(deps: ClientsDeps): Promise<SharedFile[]> {
  return (await q.filesForEveryone(deps.dbh.db)).map((r) => toSharedFile(deps, r));
}

/**
 * A file's bytes for download, only for someone allowed: `viewer` is the signed-in client's id,
 * or 'coach'. Anything else is client_item_not_found (never "this exists but is not yours"). The
 * bytes are checked against the stored SHA-256.
 */
export async function fileForDownload(
  deps: ClientsDeps,
  fileId: string,
  viewer: { clientId: string } | 'coach',
): Promise<{ file: SharedFile; bytes: Buffer }> {
  const db = deps.dbh.db;
  const row = viewer === 'coach' ? await q.fileById(db, fileId) : await q.fileVisibleTo(db, fileId, viewer.clientId);
  const sealed = row ? await q.blobOf(db, row.id) : undefined;
  if (!row || sealed === undefined) throw new ClientsError('client_item_not_found');
  const bytes = Buffer.from(deps.sealer.open(sealed), 'base64');
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256)
    throw new Error(`file ${row.id}: bytes do not match their SHA-256`);
  return { file: toSharedFile(deps, row), bytes };
}

/** Removes a file: the coach any, a client only one they sent. */
export async function removeFile(deps: ClientsDeps, fileId: string, by: { clientId: string } | 'coach'): Promise<void> {
  const db = deps.dbh.db;
  const row = by === 'coach' ? await q.fileById(db, fileId) : await q.fileVisibleTo(db, fileId, by.clientId);
  if (!row || (by !== 'coach' && row.owner !== 'client')) throw new ClientsError('client_item_not_found');
  await q.deleteFile(db, fileId);
}
