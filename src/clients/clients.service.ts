import { recordAudit } from '../audit/index.ts';
import { type Executor, isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { canonicalTimeZone, localDateAt } from '../time/index.ts';
import { type Cadence, checkInState, isCadenceDays, nextCheckInDue } from './check-in-cadence.ts';
import { ClientsError } from './clients.errors.ts';
import * as q from './clients.queries.ts';
import type { AccessLogRow, AccessWhat, Client, ClientSource, ClientStatus, NoteKind } from './clients.tables.ts';
import { type Budget, DEFAULT_QUIET, isMinuteOfDay } from './notification-budget.ts';
import { openSealed } from './sealed.ts';

export type ClientsDeps = Pick<Deps, 'dbh' | 'clock' | 'sealer'>;

/** The coach acting in the back office: her account and her name as the access log shows it. */
export interface CoachActor {
  /** null only for work done by Tandem itself on the coach's behalf (the demo practice). */
  userId: string | null;
  name: string;
}

/** Limits on free text; the forms say them, the use cases hold to them. */
export const LIMITS = { name: 200, email: 320, phone: 40, note: 20_000, title: 300, detail: 4_000 } as const;

/** How an email address is kept and compared: trimmed, NFC, lower-case. Visitors type "Ana@Example.com " too. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** Refuses empty or over-long text with a coded error; returns it trimmed. */
export function requireText(text: string, max: number): string {
  const t = text.trim();
  if (t.length === 0 || t.length > max) throw new ClientsError('client_text_invalid');
  return t;
}

export interface ClientInput {
  email: string;
  name: string;
  phone?: string | null;
  timeZone: string;
  source: ClientSource;
}

/**
 * The client with this email (case-insensitive), made if there is none: on a first booking, from
 * a contact request or by the coach. Runs in the caller's transaction. Race-safe: two requests at
 * once insert with ON CONFLICT DO NOTHING against the unique email and both read the one row.
 * An existing record keeps its name and zone (the coach may have corrected them); a phone it
 * lacked is filled in.
 */
export async function findOrCreateClient(
  tx: Executor,
  input: ClientInput,
  now: number,
): Promise<{ client: Client; created: boolean }> {
  const email = normaliseEmail(input.email);
  if (!email.includes('@') || email.length > LIMITS.email) throw new ClientsError('client_text_invalid');
  const zone = canonicalTimeZone(input.timeZone) ?? 'UTC';
  const id = newId();
  // The write comes first: on SQLite it takes the write lock before anything is read, so a
  // second connection waits instead of failing on a stale snapshot.
  const created = await q.insertClientUnlessTaken(tx, {
    id,
    email,
    name: requireText(input.name, LIMITS.name),
    phone: input.phone?.trim() || null,
    time_zone: zone,
    status: 'active',
    source: input.source,
    user_id: null,
    check_in_every_days: null,
    check_in_since: null,
    reminders_on: 1,
    quiet_start_min: DEFAULT_QUIET.startMin,
    quiet_end_min: DEFAULT_QUIET.endMin,
    last_digest_at: null,
    created_at: now,
    updated_at: now,
    archived_at: null,
    last_activity_at: now,
  });
  let client = await q.clientByEmail(tx, email);
  if (!client) throw new Error(`client ${email} neither inserted nor found`);
  if (!created && client.phone === null && input.phone?.trim()) {
    await q.updateClient(tx, client.id, { phone: input.phone.trim(), updated_at: now });
    client = { ...client, phone: input.phone.trim(), updated_at: now };
  }
  return { client, created };
}

/** Adds a client by hand in the back office; refuses an email another client has. */
export async function addClient(
  deps: ClientsDeps,
  coach: CoachActor,
  input: Omit<ClientInput, 'source'>,
): Promise<Client> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const { client, created } = await findOrCreateClient(tx, { ...input, source: 'coach' }, now);
    if (!created) throw new ClientsError('client_email_taken');
    await recordAudit(tx, { actorUserId: coach.userId, action: 'clients.add', subject: client.id }, now);
    return client;
  });
}

/** A client by id, or the coded 404 (the same answer for "not yours" and "not there"). */
export async function requireClient(db: Executor, clientId: string): Promise<Client> {
  const client = await q.clientById(db, clientId);
  if (!client) throw new ClientsError('client_not_found');
  return client;
}

/** The client with this address (compared the way it is kept), if any: the portal's sign-in asks. */
export async function clientByEmail(db: Executor, email: string): Promise<Client | undefined> {
  return q.clientByEmail(db, normaliseEmail(email));
}

/** The client a signed-in account belongs to, if any (the portal's first question). */
export async function clientForUser(db: Executor, userId: string): Promise<Client | undefined> {
  return q.clientByUserId(db, userId);
}

/**
 * Links a client to their sign-in account (the portal's first sign-in makes it). Idempotent; a
 * client already linked to another account keeps that one, and the answer says which it is.
 */
export async function linkClientUser(db: Executor, clientId: string, userId: string, now: number): Promise<string> {
  const client = await requireClient(db, clientId);
  if (client.user_id) return client.user_id;
  await q.updateClient(db, clientId, { user_id: userId, updated_at: now });
  return userId;
}

/** Clients for the back office's list (search by name or email, by status), with unread messages. */
export async function listClients(
  db: Executor,
  o: { search?: string; status?: ClientStatus; limit?: number; offset?: number } = {},
) {
  const search = o.search?.trim().slice(0, LIMITS.name);
  return q.clientsListing(db, {
    ...(search ? { search } : {}),
    ...(o.status ? { status: o.status } : {}),
    limit: Math.min(Math.max(o.limit ?? 50, 1), 200),
    offset: Math.max(o.offset ?? 0, 0),
  });
}

/** How many clients are active and archived, for the dashboard. */
export async function clientCounts(db: Executor): Promise<Record<ClientStatus, number>> {
  return q.countByStatus(db);
}

/** Corrects a client's details; an email another client has is refused as client_email_taken. */
export async function updateClientDetails(
  deps: ClientsDeps,
  coach: CoachActor,
  clientId: string,
  input: { name: string; email: string; phone: string | null; timeZone: string },
): Promise<Client> {
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  if (!email.includes('@') || email.length > LIMITS.email) throw new ClientsError('client_text_invalid');
  const zone = canonicalTimeZone(input.timeZone);
  if (!zone) throw new ClientsError('client_text_invalid', { message: 'Please choose a time zone from the list.' });
  try {
    return await deps.dbh.db.transaction().execute(async (tx) => {
      await requireClient(tx, clientId);
      await q.updateClient(tx, clientId, {
        name: requireText(input.name, LIMITS.name),
        email,
        phone: input.phone?.trim().slice(0, LIMITS.phone) || null,
        time_zone: zone,
        updated_at: now,
      });
      await recordAudit(tx, { actorUserId: coach.userId, action: 'clients.update', subject: clientId }, now);
      return requireClient(tx, clientId);
    });
  } catch (err) {
    // The unique email refuses the change; the transaction has rolled back as a whole.
    if (isUniqueViolation(err, 'email')) throw new ClientsError('client_email_taken', { cause: err });
    throw err;
  }
}

/** Archives a client (kept, out of the active list); false when already archived. */
export async function archiveClient(deps: ClientsDeps, coach: CoachActor, clientId: string): Promise<boolean> {
  return setStatus(deps, coach, clientId, 'active', 'archived');
}

/** Brings an archived client back to the active list; false when already active. */
export async function restoreClient(deps: ClientsDeps, coach: CoachActor, clientId: string): Promise<boolean> {
  return setStatus(deps, coach, clientId, 'archived', 'active');
}

async function setStatus(
  deps: ClientsDeps,
  coach: CoachActor,
  clientId: string,
  from: ClientStatus,
  to: ClientStatus,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    await requireClient(tx, clientId);
    const changed = await q.swapClientStatus(tx, clientId, from, to, now);
    if (changed)
      await recordAudit(
        tx,
        {
          actorUserId: coach.userId,
          action: `clients.${to === 'archived' ? 'archive' : 'restore'}`,
          subject: clientId,
        },
        now,
      );
    return changed;
  });
}

/** Notes that the client did something (a message, a check-in, a ticked item), for "last activity". */
export async function touchClientActivity(tx: Executor, clientId: string, now: number): Promise<void> {
  await q.touchActivity(tx, clientId, now);
}

/** Sets how often the coach asks for check-ins (null: none); the cadence starts today in the client's zone. */
export async function setCheckInCadence(
  deps: ClientsDeps,
  clientId: string,
  everyDays: number | null,
): Promise<Cadence | null> {
  if (everyDays !== null && !isCadenceDays(everyDays)) throw new ClientsError('check_in_invalid');
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await requireClient(tx, clientId);
    const since = everyDays === null ? null : localDateAt(now, client.time_zone);
    await q.updateClient(tx, clientId, { check_in_every_days: everyDays, check_in_since: since, updated_at: now });
    return everyDays === null || since === null ? null : { everyDays, since };
  });
}

/** The client's cadence as the rules read it. */
export function cadenceOf(client: Client): Cadence | null {
  return client.check_in_every_days !== null && client.check_in_since !== null
    ? { everyDays: client.check_in_every_days, since: client.check_in_since }
    : null;
}

/** When the next check-in is due and where the client stands today (in their zone). */
export function checkInDueness(client: Client, lastCheckIn: string | null, now: number) {
  const due = nextCheckInDue(cadenceOf(client), lastCheckIn);
  return { due, state: checkInState(due, localDateAt(now, client.time_zone)) };
}

/** The client's notification budget as the rules read it. */
export function budgetOf(client: Client): Budget {
  return {
    remindersOn: client.reminders_on === 1,
    quietStartMin: client.quiet_start_min,
    quietEndMin: client.quiet_end_min,
    zone: client.time_zone,
    lastDigestAt: client.last_digest_at,
  };
}

/** The client's own choice about reminder emails: on or off, and their quiet hours. */
export async function setReminderPreferences(
  deps: ClientsDeps,
  clientId: string,
  prefs: { remindersOn: boolean; quietStartMin: number; quietEndMin: number },
): Promise<void> {
  if (!isMinuteOfDay(prefs.quietStartMin) || !isMinuteOfDay(prefs.quietEndMin))
    throw new ClientsError('client_text_invalid', { message: 'Please give quiet hours as times of day.' });
  const changed = await q.updateClient(deps.dbh.db, clientId, {
    reminders_on: prefs.remindersOn ? 1 : 0,
    quiet_start_min: prefs.quietStartMin,
    quiet_end_min: prefs.quietEndMin,
    updated_at: deps.clock.now(),
  });
  if (!changed) throw new ClientsError('client_not_found');
}

// Notes -----------------------------------------------------------------------------------------

export interface Note {
  id: string;
  kind: NoteKind;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/** Adds a shared note (the client sees it in the portal) or a private one (the coach's alone), sealed. */
export async function addNote(
  deps: ClientsDeps,
  coach: CoachActor,
  clientId: string,
  input: { kind: NoteKind; body: string },
): Promise<string> {
  const body = requireText(input.body, LIMITS.note);
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await requireClient(tx, clientId);
    await q.insertNote(tx, {
      id,
      client_id: clientId,
      kind: input.kind,
      body_sealed: deps.sealer.seal(body),
      author_user_id: coach.userId,
      created_at: now,
      updated_at: now,
    });
  });
  return id;
}

/** Rewrites a note of this client; client_item_not_found for any other note. */
export async function editNote(deps: ClientsDeps, clientId: string, noteId: string, body: string): Promise<void> {
  const text = requireText(body, LIMITS.note);
  const ok = await q.updateNoteBody(deps.dbh.db, clientId, noteId, deps.sealer.seal(text), deps.clock.now());
  if (!ok) throw new ClientsError('client_item_not_found');
}

/** Removes a note of this client. */
export async function removeNote(deps: ClientsDeps, clientId: string, noteId: string): Promise<void> {
  if (!(await q.deleteNote(deps.dbh.db, clientId, noteId))) throw new ClientsError('client_item_not_found');
}

/** Every note about a client, private and shared, opened: for the coach only. */
export async function notesForCoach(deps: ClientsDeps, clientId: string): Promise<Note[]> {
  return openNotes(deps, await q.notesOf(deps.dbh.db, clientId, ['shared', 'private']));
}

/** The notes a client may read: shared ones only. The portal and the export use this and nothing else. */
export async function sharedNotesForClient(deps: ClientsDeps, clientId: string): Promise<Note[]> {
  return openNotes(deps, await q.notesOf(deps.dbh.db, clientId, ['shared']));
}

function openNotes(deps: ClientsDeps, rows: Awaited<ReturnType<typeof q.notesOf>>): Note[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    body: openSealed(deps.sealer, r.body_sealed),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

// The access log ---------------------------------------------------------------------------------

/** Reloading a page does not fill the log: the same opening within this span is one entry. */
export const ACCESS_FOLD_MS = 10 * 60_000;

/**
 * Records that the coach opened something of a client's (the record, notes, messages, files, a
 * file, an export), in the caller's transaction. The client reads these entries in the portal.
 */
export async function recordAccess(
  tx: Executor,
  input: { clientId: string; coach: CoachActor; what: AccessWhat; subjectId?: string | null },
  now: number,
): Promise<void> {
  const row: AccessLogRow = {
    id: newId(),
    client_id: input.clientId,
    at: now,
    actor_user_id: input.coach.userId,
    actor_name: input.coach.name.slice(0, LIMITS.name),
    what: input.what,
    subject_id: input.subjectId ?? null,
  };
  if (await q.recentAccess(tx, row, now - ACCESS_FOLD_MS)) return;
  await q.insertAccess(tx, row);
}

/** A client's access log, newest first: who opened what, and when. */
export async function accessLogForClient(db: Executor, clientId: string, limit = 200) {
  const rows = await q.accessLogOf(db, clientId, limit);
  return rows.map((r) => ({ at: r.at, who: r.actor_name, what: r.what, subjectId: r.subject_id }));
}
