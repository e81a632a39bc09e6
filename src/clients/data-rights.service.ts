import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import { toIsoUtc } from '../time/index.ts';
import { CodedError, webErrors } from '../web/index.ts';
import { checkInsFor, trackersFor } from './check-ins.service.ts';
import { ClientsError } from './clients.errors.ts';
import * as cq from './clients.queries.ts';
import {
  accessLogForClient,
  type ClientsDeps,
  type CoachActor,
  requireClient,
  requireText,
  sharedNotesForClient,
} from './clients.service.ts';
import type { Client, DeletionRequestRow, Party } from './clients.tables.ts';
import * as q from './data-rights.queries.ts';
import { filesForClient } from './files.service.ts';
import { goalsWithItems } from './goals.service.ts';
import { conversation, type Message } from './messages.service.ts';

// The client's data rights: everything Tandem holds about them as one plain object (the export;
// private notes excluded), deletion said before it is done, and deletion requests with the
// coach's optional legal-hold statement.

/** Within how many days the practice promises to carry out a deletion request. */
export const DELETION_DAYS = 30;
const DAY = 86_400_000;

/** What is kept, whatever is deleted, said to the coach before she confirms. */
export const DELETION_KEEPS = [
  'Files shared with every client stay; files shared with this client alone, or sent by them, go.',
  'Sessions in the calendar and contact requests stay as the practice’s records, no longer linked to this client.',
  'The audit log keeps that a client record was deleted, by whom and when, without the client’s name.',
  'A deletion request stays as the record that it was carried out, without the client’s name.',
] as const;

export type RemovedCounts = Awaited<ReturnType<typeof q.countsForClient>>;

export interface DeletionPlan {
  client: { id: string; name: string; email: string };
  /** How many of each kind deletion removes, with the client record itself. */
  removes: RemovedCounts;
  keeps: readonly string[];
}

/** Says what deleting a client would remove and what stays, before anything goes. */
export async function whatDeletionRemoves(db: Executor, clientId: string): Promise<DeletionPlan> {
  const client = await requireClient(db, clientId);
  return {
    client: { id: client.id, name: client.name, email: client.email },
    removes: await q.countsForClient(db, clientId),
    keeps: DELETION_KEEPS,
  };
}

const sameCounts = (a: RemovedCounts, b: RemovedCounts) =>
  (Object.keys(a) as (keyof RemovedCounts)[]).every((k) => a[k] === b[k]);

/**
 * Deletes a client and everything the plan named, in one transaction. With `expected` (the plan
 * the coach confirmed), refuses as `changed` when more has arrived since (a message sent while she
 * read the plan), so nothing goes that she was not told of. Closes a pending deletion request as
 * done, with the counts. Returns what was removed.
 */
export async function deleteClient(
  deps: ClientsDeps,
  coach: CoachActor,
  clientId: string,
  o: { expected?: RemovedCounts; also?: (tx: Executor, client: Client, removes: RemovedCounts) => Promise<void> } = {},
): Promise<RemovedCounts> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await requireClient(tx, clientId);
    const removes = await q.countsForClient(tx, clientId);
    if (o.expected && !sameCounts(o.expected, removes))
      throw new CodedError(webErrors, 'changed', {
        message:
          'Something was added to this client’s record since you looked. Please read what deletion removes again.',
      });
    const pending = await q.pendingRequestOf(tx, clientId);
    if (pending)
      await q.updatePendingRequest(tx, pending.id, {
        status: 'done',
        closed_at: now,
        removed_json: JSON.stringify(removes),
      });
    // What goes with the record but is not the clients module's (the sign-in account, an email
    // saying it is done) runs first, while the record can still be read, in the same transaction.
    await o.also?.(tx, client, removes);
    await cq.deleteClientRow(tx, clientId);
    await recordAudit(
      tx,
      { actorUserId: coach.userId, action: 'clients.delete', subject: clientId, detail: removes },
      now,
    );
    return removes;
  });
}

export interface DeletionRequest {
  id: string;
  clientId: string | null;
  requestedBy: Party;
  status: DeletionRequestRow['status'];
  requestedAt: number;
  dueAt: number;
  holdStatement: string | null;
  closedAt: number | null;
}

function toRequest(r: DeletionRequestRow): DeletionRequest {
  return {
    id: r.id,
    clientId: r.client_id,
    requestedBy: r.requested_by,
    status: r.status,
    requestedAt: r.requested_at,
    dueAt: r.due_at,
    holdStatement: r.hold_statement,
    closedAt: r.closed_at,
  };
}

/**
 * Asks for a client's data to be deleted (by the client in the portal, or by the coach on their
 * behalf), due within DELETION_DAYS. A second request while one is pending returns the first.
 * `also` runs in the same transaction with the request and whether this call made it (the portal
 * queues the two emails there).
 */
export async function requestDeletion(
  deps: ClientsDeps,
  clientId: string,
  by: Party,
  also?: (tx: Executor, request: DeletionRequest, o: { created: boolean; client: Client }) => Promise<void>,
): Promise<DeletionRequest> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await requireClient(tx, clientId);
    const before = await q.pendingRequestOf(tx, clientId);
    await q.insertDeletionRequestUnlessPending(tx, {
      id: newId(),
      client_id: clientId,
      requested_by: by,
      status: 'open',
      requested_at: now,
      due_at: now + DELETION_DAYS * DAY,
      hold_statement: null,
      held_at: null,
      closed_at: null,
      removed_json: null,
    });
    const pending = await q.pendingRequestOf(tx, clientId);
    if (!pending) throw new Error(`deletion request for ${clientId} neither written nor found`);
    const request = toRequest(pending);
    await also?.(tx, request, { created: before?.id !== pending.id, client });
    return request;
  });
}

/**
 * The coach states what must be kept and why (a legal hold, e.g. invoices kept by law); the
 * client reads it beside their request. The rest is still deleted when she carries it out.
 */
export async function stateLegalHold(
  deps: ClientsDeps,
  coach: CoachActor,
  requestId: string,
  statement: string,
): Promise<void> {
  const text = requireText(statement, 2_000);
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    const r = await q.deletionRequestById(tx, requestId);
    if (!r) throw new ClientsError('client_item_not_found');
    if (!(await q.updatePendingRequest(tx, requestId, { status: 'held', hold_statement: text, held_at: now })))
      throw new ClientsError('deletion_not_pending');
    await recordAudit(tx, { actorUserId: coach.userId, action: 'clients.deletion_hold', subject: r.client_id }, now);
  });
}

/** The client withdraws their own pending request. */
export async function withdrawDeletionRequest(deps: ClientsDeps, clientId: string, requestId: string): Promise<void> {
  const db = deps.dbh.db;
  const r = await q.deletionRequestById(db, requestId);
  if (!r || r.client_id !== clientId) throw new ClientsError('client_item_not_found');
  if (!(await q.updatePendingRequest(db, requestId, { status: 'withdrawn', closed_at: deps.clock.now() })))
    throw new ClientsError('deletion_not_pending');
}

/** The coach carries out a pending request: the client is deleted as the plan said (see deleteClient). */
export async function carryOutDeletion(
  deps: ClientsDeps,
  coach: CoachActor,
  requestId: string,
  o: { expected?: RemovedCounts; also?: (tx: Executor, client: Client, removes: RemovedCounts) => Promise<void> } = {},
): Promise<RemovedCounts> {
  const r = await q.deletionRequestById(deps.dbh.db, requestId);
  if (!r) throw new ClientsError('client_item_not_found');
  if (r.client_id === null || (r.status !== 'open' && r.status !== 'held'))
    throw new ClientsError('deletion_not_pending');
  return deleteClient(deps, coach, r.client_id, o);
}

/** A client's deletion requests, newest first. */
export async function deletionRequestsFor(db: Executor, clientId: string): Promise<DeletionRequest[]> {
  return (await q.deletionRequestsOf(db, clientId)).map(toRequest);
}

/** Every pending deletion request, soonest due first, for the coach's dashboard. */
export async function pendingDeletions(db: Executor): Promise<DeletionRequest[]> {
  return (await q.pendingDeletionRequests(db)).map(toRequest);
}

// The export ------------------------------------------------------------------------------------

/** The shape's name and version, so a later Tandem (or another tool) can read an old export. */
export const EXPORT_FORMAT = 'tandem.client-export/1';

const iso = (ms: number | null) => (ms === null ? null : toIsoUtc(ms));

/**
 * Everything Tandem holds about one client, as a plain object with readable times: the record,
 * goals and action items, trackers and check-ins, the whole conversation, shared notes, the
 * files' list (their bytes go beside it in the download), the access log and deletion requests.
 * The coach's private notes are never in it. Sessions are the booking module's and are added
 * beside this by the download.
 */
export async function exportClientData(deps: ClientsDeps, clientId: string) {
  const db = deps.dbh.db;
  const c = await requireClient(db, clientId);
  const [goals, trackers, checkIns, notes, files, accessLog, requests, messages] = await Promise.all([
    goalsWithItems(deps, clientId),
    trackersFor(deps, clientId, false),
    checkInsFor(deps, clientId, 100_000),
    sharedNotesForClient(deps, clientId),
    filesForClient(deps, clientId),
    accessLogForClient(db, clientId, 100_000),
    deletionRequestsFor(db, clientId),
    wholeConversation(deps, clientId),
  ]);
  const trackerLabel = new Map(trackers.map((t) => [t.id, t.label]));
  return {
    format: EXPORT_FORMAT,
    exportedAt: toIsoUtc(deps.clock.now()),
    client: {
      name: c.name,
      email: c.email,
      phone: c.phone,
      timeZone: c.time_zone,
      status: c.status,
      since: toIsoUtc(c.created_at),
      lastActivity: toIsoUtc(c.last_activity_at),
      checkInEveryDays: c.check_in_every_days,
      reminders: { on: c.reminders_on === 1, quietStartMin: c.quiet_start_min, quietEndMin: c.quiet_end_min },
    },
    goals: goals.map((g) => ({
      title: g.title,
      detail: g.detail,
      status: g.status,
      setBy: g.createdBy,
      created: toIsoUtc(g.createdAt),
      achieved: iso(g.achievedAt),
      actionItems: g.items.map((i) => ({ title: i.title, due: i.dueDate, done: iso(i.doneAt), addedBy: i.createdBy })),
    })),
    trackers: trackers.map((t) => ({ label: t.label, active: t.active })),
    checkIns: checkIns.map((ci) => ({
      date: ci.localDate,
      at: toIsoUtc(ci.at),
      note: ci.note,
      scores: Object.entries(ci.scores).map(([id, score]) => ({ tracker: trackerLabel.get(id) ?? id, score })),
    })),
    messages: messages.map((m) => ({
      from: m.from,
      at: toIsoUtc(m.at),
      read: iso(m.readAt),
      text: m.body,
      fileId: m.fileId,
    })),
    sharedNotes: notes.map((n) => ({ written: toIsoUtc(n.createdAt), updated: toIsoUtc(n.updatedAt), text: n.body })),
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.contentType,
      bytes: f.sizeBytes,
      sha256: f.sha256,
      from: f.owner,
      sharedWithEveryone: f.clientId === null,
      added: toIsoUtc(f.createdAt),
    })),
    accessLog: accessLog.map((a) => ({ at: toIsoUtc(a.at), who: a.who, opened: a.what })),
    deletionRequests: requests.map((r) => ({
      requested: toIsoUtc(r.requestedAt),
      by: r.requestedBy,
      status: r.status,
      due: toIsoUtc(r.dueAt),
      hold: r.holdStatement,
      closed: iso(r.closedAt),
    })),
  };
}

export type ClientExport = Awaited<ReturnType<typeof exportClientData>>;

async function wholeConversation(deps: ClientsDeps, clientId: string): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: { at: number; id: string } | undefined;
  for (;;) {
    const page = await conversation(deps, clientId, { limit: 200, ...(before ? { before } : {}) });
    if (page.length === 0) break;
    pages.unshift(page);
    const oldest = page[0]!;
    before = { at: oldest.at, id: oldest.id };
    if (page.length < 200) break;
  }
  return pages.flat();
}
