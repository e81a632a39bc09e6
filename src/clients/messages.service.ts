import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import { ClientsError } from './clients.errors.ts';
import { type ClientsDeps, requireClient, requireText, touchClientActivity } from './clients.service.ts';
import type { Client, Party } from './clients.tables.ts';
import * as files from './files.queries.ts';
import * as q from './messages.queries.ts';
import { openSealed } from './sealed.ts';

// Messages: one secure conversation per client, between the client and the coach, sealed at rest.
// The email that tells someone of a new message carries no content (the next session's mail).

/** The longest message; more than the 1,000 characters SimplePractice allows, short of an essay. */
export const MAX_MESSAGE = 10_000;

export interface Message {
  id: string;
  from: Party;
  body: string;
  fileId: string | null;
  at: number;
  readAt: number | null;
}

const other = (p: Party): Party => (p === 'coach' ? 'client' : 'coach');

/**
 * Sends a message in a client's conversation, from the client or the coach, sealed; an
 * attachment must be a file this client may see. Returns its id. `also` runs in the same
 * transaction (the portal queues the content-free notification email there, so the message and
 * its email exist together or not at all).
 */
export async function sendMessage(
  deps: ClientsDeps,
  input: { clientId: string; from: Party; senderUserId: string | null; body: string; fileId?: string | null },
  also?: (tx: Executor, client: Client) => Promise<void>,
): Promise<string> {
  const body = requireText(input.body, MAX_MESSAGE);
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    const client = await requireClient(tx, input.clientId);
    if (input.fileId && !(await files.fileVisibleTo(tx, input.fileId, input.clientId)))
      throw new ClientsError('client_item_not_found');
    await q.insertMessage(tx, {
      id,
      client_id: input.clientId,
      sender: input.from,
      sender_user_id: input.senderUserId,
      body_sealed: deps.sealer.seal(body),
      file_id: input.fileId ?? null,
      created_at: now,
      read_at: null,
    });
    if (input.from === 'client') await touchClientActivity(tx, input.clientId, now);
    await also?.(tx, client);
  });
  return id;
}

/** A page of a client's conversation, opened, oldest first (as it reads); `before` pages back. */
export async function conversation(
  deps: ClientsDeps,
  clientId: string,
  o: { limit?: number; before?: { at: number; id: string } } = {},
): Promise<Message[]> {
  const rows = await q.messagesOf(deps.dbh.db, clientId, Math.min(o.limit ?? 50, 200), o.before);
  return rows.reverse().map((r) => ({
    id: r.id,
    from: r.sender,
    body: openSealed(deps.sealer, r.body_sealed),
    fileId: r.file_id,
    at: r.created_at,
    readAt: r.read_at,
  }));
}

/** Marks what the other side sent as read, when `reader` opens the conversation; returns how many. */
export async function markConversationRead(deps: ClientsDeps, clientId: string, reader: Party): Promise<number> {
  return q.markReadFrom(deps.dbh.db, clientId, other(reader), deps.clock.now());
}

/** How many messages in a client's conversation `reader` has not read yet. */
export async function unreadCount(db: Executor, clientId: string, reader: Party): Promise<number> {
  return q.unreadFrom(db, clientId, other(reader));
}

/** Unread messages from clients, by client id, for the coach. */
export async function unreadForCoach(db: Executor): Promise<Map<string, number>> {
  return new Map((await q.unreadFromClients(db)).map((r) => [r.client_id, r.n]));
}
