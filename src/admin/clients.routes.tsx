import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { deleteClientUser } from '../auth/index.ts';
import { sessionsForClient } from '../booking/index.ts';
import {
  type AccessWhat,
  accessLogForClient,
  addActionItem,
  addClient,
  addGoal,
  addNote,
  addTracker,
  archiveClient,
  CADENCE_CHOICES,
  type Client,
  type CoachActor,
  carryOutDeletion,
  checkInOverview,
  conversation,
  deleteClient,
  deletionRequestsFor,
  editActionItem,
  editGoal,
  editNote,
  fileForDownload,
  filesForClient,
  goalsWithItems,
  LIMITS,
  listClients,
  MAX_FILE_BYTES,
  MAX_MESSAGE,
  markConversationRead,
  notesForCoach,
  overallProgress,
  pendingDeletions,
  type RemovedCounts,
  recordAccess,
  removeActionItem,
  removeFile,
  removeGoal,
  removeNote,
  requireClient,
  restoreClient,
  retireTracker,
  sendMessage,
  setActionItemDone,
  setCheckInCadence,
  setGoalStatus,
  stateLegalHold,
  storeFile,
  updateClientDetails,
  whatDeletionRemoves,
} from '../clients/index.ts';
import { contactRequestsForClient } from '../contact/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { sharedResultsFor } from '../guide/index.ts';
import { kickOutbox } from '../mail/index.ts';
import { enqueueDeletionDoneMail, notifyClientOfMessage } from '../portal/index.ts';
import { allTimeZones, canonicalTimeZone, isLocalDate } from '../time/index.ts';
import {
  AppError,
  emptyForm,
  type FormState,
  handleForm,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  type Viewer,
  viewContext,
} from '../web/index.ts';
import { noStore } from './admin.routes.tsx';
import { type ClientForm, ClientPage, type ClientPageData } from './pages/client.tsx';
import {
  ClientDeletePage,
  ClientDetailsPage,
  ClientGoalPage,
  ClientItemPage,
  ClientMessagesPage,
  ClientNotePage,
  removedWords,
} from './pages/client-forms.tsx';
import { ClientsPage, type StatusFilter } from './pages/clients.tsx';

// The back office's Clients room: the list, one client with everything in one place, and the
// small pages for editing one thing. Every route asks requireCoach first; every form goes through
// handleForm; every id in an address is checked against its client by the clients module (an id
// from another client's page is the same 404 as one that does not exist). The admin has no SQL of
// its own here: everything goes through clients' index.ts.

const LIST_SIZE = 100;
const MESSAGES_SHOWN = 30;

/** An id as newId makes them (a UUID); anything else cannot name a record, so it is a 404. */
const anId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const clientParams = z.object({ id: anId });
const fileParams = z.object({ id: anId, fileId: anId });
const trackerParams = z.object({ id: anId, trackerId: anId });
const requestParams = z.object({ id: anId, requestId: anId });
const noteParams = z.object({ id: anId, noteId: anId });
const goalParams = z.object({ id: anId, goalId: anId });
const itemParams = z.object({ id: anId, itemId: anId });

const listQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(['active', 'archived', 'all']).catch('active'),
  done: queryValue,
});
const doneQuery = z.object({ done: queryValue });
const messagesQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,16}\.[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
});

// Form fields -----------------------------------------------------------------------------------

const text = (what: string, max: number) =>
  z
    .string({ error: `Please write ${what}.` })
    .trim()
    .min(1, `Please write ${what}.`)
    .max(max, `Please keep this under ${max.toLocaleString('en-GB')} characters.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Please keep this under ${max.toLocaleString('en-GB')} characters.`)
    .optional()
    .transform((v) => v || null);
const email = z
  .string({ error: 'Please give an email address.' })
  .trim()
  .min(1, 'Please give an email address.')
  .max(LIMITS.email, 'That email address is too long.')
  .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Please give an email address like name@example.com.');
const phone = z
  .string()
  .trim()
  .max(LIMITS.phone, `Please keep the phone number under ${LIMITS.phone} characters.`)
  .refine((v) => v === '' || /^[+0-9 ()./-]+$/.test(v), 'Please give a phone number with digits, spaces and + only.')
  .optional()
  .transform((v) => v || null);
const timeZone = z
  .string({ error: 'Please choose a time zone from the list.' })
  .transform((v) => canonicalTimeZone(v))
  .refine((v): v is string => typeof v === 'string', 'Please choose a time zone from the list.');
const detailsSchema = z.object({ name: text('a name', LIMITS.name), email, phone, timeZone });
const dueDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isLocalDate(v), 'Please give the due date as a date, like 2026-12-31.')
  .transform((v) => v || null);
const itemSchema = z.object({ title: text('the action item', LIMITS.title), due: dueDate });
const goalSchema = z.object({
  goal_title: text('the goal', LIMITS.title),
  goal_detail: optionalText(LIMITS.detail),
});
const cadenceSchema = z.object({
  every: z
    .string({ error: 'Please choose how often.' })
    .refine((v) => v === 'none' || /^\d{1,2}$/.test(v), 'Please choose how often.')
    .transform((v) => (v === 'none' ? null : Number(v))),
});
const countsSchema = z.object(
  Object.fromEntries(
    Object.keys(removedWords).map((k) => [k, z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]),
  ) as Record<keyof RemovedCounts, z.ZodCoercedNumber>,
);
const deleteSchema = countsSchema.extend({ request: anId.optional() });

const expired = 'For your security this page had expired, so nothing was changed. Please press the button again.';

/** The coach as the access log and the audit log name her. */
const actorOf = (viewer: Viewer): CoachActor => ({ userId: viewer.userId, name: viewer.name });

/** An uploaded file as the multipart parser leaves it. */
interface Upload {
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}
const isUpload = (v: unknown): v is Upload =>
  typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as Upload).bytes);

const noticeWords: Record<string, string> = {
  added: 'Client added.',
  details: 'Details saved.',
  archived: 'Archived: the client is out of the active list. Everything is kept.',
  restored: 'Restored to the active list.',
  note: 'Note saved.',
  note_removed: 'Note removed.',
  goal: 'Goal saved.',
  goal_removed: 'Goal and its action items removed.',
  item: 'Action item saved.',
  item_removed: 'Action item removed.',
  tracker: 'Saved: the next check-in asks about it.',
  tracker_retired: 'Stopped asking; its past scores stay in the chart.',
  cadence: 'Saved how often to check in.',
  message: 'Message sent; the client gets an email saying there is a new message.',
  file: 'File shared.',
  file_removed: 'File removed.',
  hold: 'Legal hold stated; the client reads it beside their request.',
  deleted: 'Client deleted, with everything that was listed.',
};
const noticeOf = (done: string | undefined) => (done ? noticeWords[done] : undefined);

/** The back office's Clients room. */
export async function clientsAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);

  // Files come as multipart in this room only; the parser keeps each file's name with its bytes.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 10_000 },
    onFile: async (part) => {
      const bytes = await part.toBuffer();
      (part as unknown as { value: Upload }).value = {
        filename: part.filename,
        bytes,
        truncated: part.file.truncated,
      };
    },
  });

  /** Records that the coach opened something of this client's: once per page view. */
  const opened = (viewer: Viewer, clientId: string, what: AccessWhat, subjectId?: string) =>
    recordAccess(db, { clientId, coach: actorOf(viewer), what, subjectId: subjectId ?? null }, deps.clock.now());

  // The list -------------------------------------------------------------------------------------

  async function listPage(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const query = parseQuery(listQuery, request);
    const search = query.q?.trim() ?? '';
    const filter: StatusFilter = query.status;
    const [rows, pending] = await Promise.all([
      listClients(db, {
        ...(search ? { search } : {}),
        ...(filter === 'all' ? {} : { status: filter }),
        limit: LIST_SIZE + 1,
      }),
      pendingDeletions(db),
    ]);
    const asked = new Set(pending.map((r) => r.clientId));
    const shown = rows.slice(0, LIST_SIZE);
    const now = deps.clock.now();
    // The next session each: one small query per client shown (at most LIST_SIZE), through booking.
    const next = await Promise.all(
      shown.map(async (c) => {
        const upcoming = (await sessionsForClient(db, c.id)).filter(
          (s) => s.startAt > now && (s.status === 'pending' || s.status === 'confirmed'),
        );
        return upcoming.length === 0 ? null : Math.min(...upcoming.map((s) => s.startAt));
      }),
    );
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <ClientsPage
        ctx={ctx}
        rows={shown.map((c, i) => ({
          client: c,
          unread: c.unread_from_client,
          nextSession: next[i] ?? null,
          deletionRequested: asked.has(c.id),
        }))}
        more={rows.length > LIST_SIZE}
        search={search}
        status={filter}
        pendingDeletions={pending.length}
        showsSessions
        state={state}
        zones={allTimeZones()}
        notice={status === 200 ? noticeOf(query.done) : undefined}
      />,
      status,
    );
  }

  app.get('/admin/clients', async (request, reply) => {
    requireCoach(request);
    return listPage(request, reply, emptyForm);
  });

  app.post('/admin/clients', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      schema: detailsSchema,
      expired: 'For your security this page had expired, so no client was added. Please press "Add client" again.',
      render: (state, status) => listPage(request, reply, state, status),
      run: async (d) => {
        const client = await addClient(deps, actorOf(viewer), d);
        return `/admin/clients/${client.id}?done=added`;
      },
      refusals: {
        client_email_taken: {
          field: 'email',
          message: 'Another client already has that email address. Search for them in the list instead.',
        },
        client_text_invalid: { field: 'name' },
      },
    });
  });

  // One client -----------------------------------------------------------------------------------

  async function clientData(viewer: Viewer, clientId: string): Promise<ClientPageData> {
    const client = await requireClient(db, clientId);
    // One entry per page view: the record holds the notes, messages, check-ins and files shown with it.
    await opened(viewer, clientId, 'record');
    const [notes, goals, overview, latest, files, deletionRequests, accessLog, sessions, contact, guideResults] =
      await Promise.all([
        notesForCoach(deps, clientId),
        goalsWithItems(deps, clientId),
        checkInOverview(deps, clientId),
        conversation(deps, clientId, { limit: MESSAGES_SHOWN + 1 }),
        filesForClient(deps, clientId),
        deletionRequestsFor(db, clientId),
        accessLogForClient(db, clientId, 10),
        sessionsForClient(db, clientId),
        contactRequestsForClient(deps, clientId),
        sharedResultsFor(deps, client.email),
      ]);
    // The coach has the conversation open: what the client sent is read now.
    await markConversationRead(deps, clientId, 'coach');
    return {
      client,
      notes,
      goals,
      progress: overallProgress(goals),
      trackers: overview.trackers,
      checkIns: overview.checkIns,
      checkInDue: overview.due,
      checkInState: overview.state,
      messages: latest.length > MESSAGES_SHOWN ? latest.slice(1) : latest,
      olderMessages: latest.length > MESSAGES_SHOWN,
      files,
      deletionRequests,
      accessLog,
      sessions,
      contactRequests: contact.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        excerpt: r.message.length > 140 ? `${r.message.slice(0, 140)}…` : r.message,
        read: r.read_at !== null,
      })),
      guideResults,
      cadenceChoices: CADENCE_CHOICES,
      maxFileMb: Math.round(MAX_FILE_BYTES / 1024 / 1024),
      now: deps.clock.now(),
    };
  }

  async function clientPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    clientId: string,
    o: { form?: { name: ClientForm; state: FormState }; notice?: string | undefined; status?: number } = {},
  ) {
    const data = await clientData(viewer, clientId);
    const ctx = await ctxOf(request, reply);
    return sendPage(noStore(reply), <ClientPage ctx={ctx} data={data} form={o.form} notice={o.notice} />, o.status);
  }

  app.get('/admin/clients/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    return clientPage(request, reply, viewer, id, { notice: noticeOf(parseQuery(doneQuery, request).done) });
  });

  /**
   * A form on the client page: the page comes back with what was typed beside the form that was
   * sent; the use case's own refusals of the text show at the form's field.
   */
  function clientForm<S extends z.ZodType>(
    path: string,
    name: ClientForm,
    o: {
      schema?: S;
      field?: string;
      run(data: z.output<S>, clientId: string, viewer: Viewer, request: FastifyRequest): Promise<string>;
    },
  ) {
    app.post(path, async (request, reply) => {
      const viewer = requireCoach(request);
      const { id } = parseParams(clientParams, request);
      return handleForm<S>(request, reply, {
        ...(o.schema ? { schema: o.schema } : {}),
        expired,
        render: (state, status) => clientPage(request, reply, viewer, id, { form: { name, state }, status }),
        run: (data) => o.run(data, id, viewer, request),
        refusals: {
          client_text_invalid: { field: o.field ?? '_form' },
          check_in_invalid: { field: o.field ?? '_form' },
          file_too_large: { field: 'file' },
          file_type_refused: { field: 'file' },
          deletion_not_pending: { field: '_form' },
        },
      });
    });
  }

  clientForm('/admin/clients/:id/archive', 'status', {
    run: async (_d, id, viewer) => {
      await archiveClient(deps, actorOf(viewer), id);
      return `/admin/clients/${id}?done=archived`;
    },
  });
  clientForm('/admin/clients/:id/restore', 'status', {
    run: async (_d, id, viewer) => {
      await restoreClient(deps, actorOf(viewer), id);
      return `/admin/clients/${id}?done=restored`;
    },
  });

  for (const kind of ['shared', 'private'] as const) {
    const field = `${kind}_note`;
    clientForm(`/admin/clients/:id/notes/${kind}`, field as ClientForm, {
      schema: z.object({ [field]: text('the note', LIMITS.note) }),
      field,
      run: async (d, id, viewer) => {
        await addNote(deps, actorOf(viewer), id, { kind, body: (d as Record<string, string>)[field]! });
        return `/admin/clients/${id}?done=note#${kind}-notes-title`;
      },
    });
  }

  clientForm('/admin/clients/:id/goals', 'goal', {
    schema: goalSchema,
    field: 'goal_title',
    run: async (d, id) => {
      const goalId = await addGoal(deps, 'coach', id, { title: d.goal_title, detail: d.goal_detail });
      return `/admin/clients/${id}/goals/${goalId}?done=goal`;
    },
  });

  clientForm('/admin/clients/:id/trackers', 'tracker', {
    schema: z.object({ tracker: text('what to track', 80) }),
    field: 'tracker',
    run: async (d, id) => {
      await addTracker(deps, id, d.tracker);
      return `/admin/clients/${id}?done=tracker#checkins-title`;
    },
  });

  clientForm('/admin/clients/:id/cadence', 'cadence', {
    schema: cadenceSchema,
    field: 'every',
    run: async (d, id) => {
      await setCheckInCadence(deps, id, d.every);
      return `/admin/clients/${id}?done=cadence#checkins-title`;
    },
  });

  clientForm('/admin/clients/:id/messages', 'message', {
    schema: z.object({ message: text('a message', MAX_MESSAGE) }),
    field: 'message',
    run: async (d, id, viewer) => {
      await requireClient(db, id);
      // The client hears of it by an email without its words, written with the message.
      await sendMessage(deps, { clientId: id, from: 'coach', senderUserId: viewer.userId, body: d.message }, (tx, c) =>
        notifyClientOfMessage(tx, deps, c),
      );
      kickOutbox(deps);
      return `/admin/clients/${id}?done=message#messages-title`;
    },
  });

  app.post('/admin/clients/:id/files', { bodyLimit: MAX_FILE_BYTES + 256 * 1024 }, async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    return handleForm(request, reply, {
      schema: z.object({
        share: z.enum(['client', 'everyone'], { error: 'Please choose who sees the file.' }),
      }),
      expired: 'For your security this page had expired, so nothing was shared. Please choose the file again.',
      render: (state, status) => clientPage(request, reply, viewer, id, { form: { name: 'file', state }, status }),
      run: async (d) => {
        await requireClient(db, id);
        const file = (request.body as Record<string, unknown> | undefined)?.file;
        if (!isUpload(file) || file.bytes.length === 0) return { errors: { file: 'Please choose a file to share.' } };
        if (file.truncated)
          return {
            errors: { file: 'That file is larger than 10 MB. Please send a smaller file, or split it into parts.' },
            status: 413,
          };
        await storeFile(deps, {
          clientId: d.share === 'everyone' ? null : id,
          owner: 'coach',
          uploadedByUserId: viewer.userId,
          name: file.filename || 'file',
          bytes: file.bytes,
        });
        return `/admin/clients/${id}?done=file#files-title`;
      },
      refusals: { file_too_large: { field: 'file' }, file_type_refused: { field: 'file' } },
    });
  });

  /** A file of this client's, or one shared with every client; anything else is the same 404. */
  async function fileOfClient(clientId: string, fileId: string) {
    await requireClient(db, clientId);
    const file = (await filesForClient(deps, clientId)).find((x) => x.id === fileId);
    if (!file) throw new AppError('not_found');
    return file;
  }

  app.get('/admin/clients/:id/files/:fileId', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id, fileId } = parseParams(fileParams, request);
    const listed = await fileOfClient(id, fileId);
    const { file, bytes } = await fileForDownload(deps, listed.id, 'coach');
    // A file shared with every client is the practice's own; one of this client's is in their log.
    if (file.clientId === id) await opened(viewer, id, 'file', file.id);
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return noStore(reply)
      .type(file.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  app.post('/admin/clients/:id/files/:fileId/remove', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id, fileId } = parseParams(fileParams, request);
    return handleForm(request, reply, {
      expired,
      render: (state, status) => clientPage(request, reply, viewer, id, { form: { name: 'file', state }, status }),
      run: async () => {
        await fileOfClient(id, fileId);
        await removeFile(deps, fileId, 'coach');
        return `/admin/clients/${id}?done=file_removed#files-title`;
      },
    });
  });

  app.post('/admin/clients/:id/trackers/:trackerId/retire', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id, trackerId } = parseParams(trackerParams, request);
    return handleForm(request, reply, {
      expired,
      render: (state, status) => clientPage(request, reply, viewer, id, { form: { name: 'tracker', state }, status }),
      run: async () => {
        await requireClient(db, id);
        await retireTracker(deps, id, trackerId);
        return `/admin/clients/${id}?done=tracker_retired#checkins-title`;
      },
    });
  });

  app.post('/admin/clients/:id/deletion-requests/:requestId/hold', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id, requestId } = parseParams(requestParams, request);
    return handleForm(request, reply, {
      schema: z.object({ hold: text('what must be kept and why', 2_000) }),
      expired,
      render: (state, status) => clientPage(request, reply, viewer, id, { form: { name: 'hold', state }, status }),
      run: async (d) => {
        await requireClient(db, id);
        if (!(await deletionRequestsFor(db, id)).some((r) => r.id === requestId)) throw new AppError('not_found');
        await stateLegalHold(deps, actorOf(viewer), requestId, d.hold);
        return `/admin/clients/${id}?done=hold`;
      },
      refusals: { deletion_not_pending: { field: '_form' }, client_text_invalid: { field: 'hold' } },
    });
  });

  // Details ---------------------------------------------------------------------------------------

  async function detailsPage(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, status = 200) {
    const client = await requireClient(db, id);
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <ClientDetailsPage ctx={ctx} client={client} state={state} zones={allTimeZones()} />,
      status,
    );
  }

  app.get('/admin/clients/:id/details', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    await requireClient(db, id);
    await opened(viewer, id, 'record');
    return detailsPage(request, reply, id, emptyForm);
  });

  app.post('/admin/clients/:id/details', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    return handleForm(request, reply, {
      schema: detailsSchema,
      expired,
      render: (state, status) => detailsPage(request, reply, id, state, status),
      run: async (d) => {
        await updateClientDetails(deps, actorOf(viewer), id, d);
        return `/admin/clients/${id}?done=details`;
      },
      refusals: {
        client_email_taken: { field: 'email' },
        client_text_invalid: { field: 'timeZone' },
      },
    });
  });

  // Notes ------------------------------------------------------------------------------------------

  async function noteOf(id: string, noteId: string) {
    await requireClient(db, id);
    const note = (await notesForCoach(deps, id)).find((n) => n.id === noteId);
    if (!note) throw new AppError('not_found');
    return note;
  }

  async function notePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    noteId: string,
    state: FormState,
    status = 200,
  ) {
    const [client, note] = [await requireClient(db, id), await noteOf(id, noteId)];
    const ctx = await ctxOf(request, reply);
    return sendPage(noStore(reply), <ClientNotePage ctx={ctx} client={client} note={note} state={state} />, status);
  }

  app.get('/admin/clients/:id/notes/:noteId', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id, noteId } = parseParams(noteParams, request);
    await noteOf(id, noteId);
    await opened(viewer, id, 'notes', noteId);
    return notePage(request, reply, id, noteId, emptyForm);
  });

  app.post('/admin/clients/:id/notes/:noteId', async (request, reply) => {
    requireCoach(request);
    const { id, noteId } = parseParams(noteParams, request);
    return handleForm(request, reply, {
      schema: z.object({ body: text('the note', LIMITS.note) }),
      expired,
      render: (state, status) => notePage(request, reply, id, noteId, state, status),
      run: async (d) => {
        await requireClient(db, id);
        await editNote(deps, id, noteId, d.body);
        return `/admin/clients/${id}?done=note#notes-title`;
      },
      refusals: { client_text_invalid: { field: 'body' } },
    });
  });

  app.post('/admin/clients/:id/notes/:noteId/remove', async (request, reply) => {
    requireCoach(request);
    const { id, noteId } = parseParams(noteParams, request);
    return handleForm(request, reply, {
      expired,
      render: (state, status) => notePage(request, reply, id, noteId, state, status),
      run: async () => {
        await requireClient(db, id);
        await removeNote(deps, id, noteId);
        return `/admin/clients/${id}?done=note_removed#notes-title`;
      },
    });
  });

  // Goals and action items -------------------------------------------------------------------------

  async function goalOf(id: string, goalId: string) {
    await requireClient(db, id);
    const goal = (await goalsWithItems(deps, id)).find((g) => g.id === goalId);
    if (!goal) throw new AppError('not_found');
    return goal;
  }

  async function goalPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    goalId: string,
    o: { form?: { name: 'goal' | 'item'; state: FormState }; status?: number; notice?: string | undefined } = {},
  ) {
    const client = await requireClient(db, id);
    const goal = await goalOf(id, goalId);
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <ClientGoalPage ctx={ctx} client={client} goal={goal} form={o.form} notice={o.notice} />,
      o.status,
    );
  }

  app.get('/admin/clients/:id/goals/:goalId', async (request, reply) => {
    requireCoach(request);
    const { id, goalId } = parseParams(goalParams, request);
    return goalPage(request, reply, id, goalId, { notice: noticeOf(parseQuery(doneQuery, request).done) });
  });

  app.post('/admin/clients/:id/goals/:goalId', async (request, reply) => {
    requireCoach(request);
    const { id, goalId } = parseParams(goalParams, request);
    return handleForm(request, reply, {
      schema: goalSchema,
      expired,
      render: (state, status) => goalPage(request, reply, id, goalId, { form: { name: 'goal', state }, status }),
      run: async (d) => {
        await requireClient(db, id);
        await editGoal(deps, id, goalId, { title: d.goal_title, detail: d.goal_detail });
        return `/admin/clients/${id}/goals/${goalId}?done=goal`;
      },
      refusals: { client_text_invalid: { field: 'goal_title' } },
    });
  });

  app.post('/admin/clients/:id/goals/:goalId/status', async (request, reply) => {
    requireCoach(request);
    const { id, goalId } = parseParams(goalParams, request);
    return handleForm(request, reply, {
      schema: z.object({ to: z.enum(['active', 'achieved', 'dropped'], { error: 'Please choose a status.' }) }),
      expired,
      render: (state, status) => goalPage(request, reply, id, goalId, { form: { name: 'goal', state }, status }),
      run: async (d) => {
        await requireClient(db, id);
        await setGoalStatus(deps, id, goalId, d.to);
        return `/admin/clients/${id}/goals/${goalId}?done=goal`;
      },
    });
  });

  app.post('/admin/clients/:id/goals/:goalId/remove', async (request, reply) => {
    requireCoach(request);
    const { id, goalId } = parseParams(goalParams, request);
    return handleForm(request, reply, {
      expired,
      render: (state, status) => goalPage(request, reply, id, goalId, { form: { name: 'goal', state }, status }),
      run: async () => {
        await requireClient(db, id);
        await removeGoal(deps, id, goalId);
        return `/admin/clients/${id}?done=goal_removed#goals-title`;
      },
    });
  });

  app.post('/admin/clients/:id/goals/:goalId/items', async (request, reply) => {
    requireCoach(request);
    const { id, goalId } = parseParams(goalParams, request);
    return handleForm(request, reply, {
      schema: itemSchema,
      expired,
      render: (state, status) => goalPage(request, reply, id, goalId, { form: { name: 'item', state }, status }),
      run: async (d) => {
        await requireClient(db, id);
        await addActionItem(deps, 'coach', id, goalId, { title: d.title, dueDate: d.due });
        return `/admin/clients/${id}/goals/${goalId}?done=item`;
      },
      refusals: { client_text_invalid: { field: 'title' } },
    });
  });

  async function itemOf(id: string, itemId: string) {
    await requireClient(db, id);
    const item = (await goalsWithItems(deps, id)).flatMap((g) => g.items).find((i) => i.id === itemId);
    if (!item) throw new AppError('not_found');
    return item;
  }

  async function itemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    itemId: string,
    state: FormState,
    status = 200,
  ) {
    const client = await requireClient(db, id);
    const item = await itemOf(id, itemId);
    const ctx = await ctxOf(request, reply);
    return sendPage(noStore(reply), <ClientItemPage ctx={ctx} client={client} item={item} state={state} />, status);
  }

  app.get('/admin/clients/:id/items/:itemId', async (request, reply) => {
    requireCoach(request);
    const { id, itemId } = parseParams(itemParams, request);
    return itemPage(request, reply, id, itemId, emptyForm);
  });

  app.post('/admin/clients/:id/items/:itemId', async (request, reply) => {
    requireCoach(request);
    const { id, itemId } = parseParams(itemParams, request);
    return handleForm(request, reply, {
      schema: itemSchema,
      expired,
      render: (state, status) => itemPage(request, reply, id, itemId, state, status),
      run: async (d) => {
        const item = await itemOf(id, itemId);
        await editActionItem(deps, id, itemId, { title: d.title, dueDate: d.due });
        return `/admin/clients/${id}/goals/${item.goalId}?done=item`;
      },
      refusals: { client_text_invalid: { field: 'title' } },
    });
  });

  app.post('/admin/clients/:id/items/:itemId/done', async (request, reply) => {
    requireCoach(request);
    const { id, itemId } = parseParams(itemParams, request);
    return handleForm(request, reply, {
      schema: z.object({ done: z.enum(['1', '0'], { error: 'Please press the button again.' }) }),
      expired,
      render: (state, status) => itemPage(request, reply, id, itemId, state, status),
      run: async (d) => {
        const item = await itemOf(id, itemId);
        await setActionItemDone(deps, 'coach', id, itemId, d.done === '1');
        return `/admin/clients/${id}/goals/${item.goalId}?done=item`;
      },
    });
  });

  app.post('/admin/clients/:id/items/:itemId/remove', async (request, reply) => {
    requireCoach(request);
    const { id, itemId } = parseParams(itemParams, request);
    return handleForm(request, reply, {
      expired,
      render: (state, status) => itemPage(request, reply, id, itemId, state, status),
      run: async () => {
        const item = await itemOf(id, itemId);
        await removeActionItem(deps, id, itemId);
        return `/admin/clients/${id}/goals/${item.goalId}?done=item_removed`;
      },
    });
  });

  // Messages ---------------------------------------------------------------------------------------

  app.get('/admin/clients/:id/messages', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    const client = await requireClient(db, id);
    const raw = parseQuery(messagesQuery, request).before;
    const before = raw
      ? { at: Number(raw.slice(0, raw.indexOf('.'))), id: raw.slice(raw.indexOf('.') + 1) }
      : undefined;
    await opened(viewer, id, 'messages');
    const page = await conversation(deps, id, { limit: 101, ...(before ? { before } : {}) });
    const shown = page.length > 100 ? page.slice(1) : page;
    const oldest = shown[0];
    await markConversationRead(deps, id, 'coach');
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <ClientMessagesPage
        ctx={ctx}
        client={client}
        messages={shown}
        earlierHref={
          page.length > 100 && oldest ? `/admin/clients/${id}/messages?before=${oldest.at}.${oldest.id}` : null
        }
      />,
    );
  });

  // Deletion ---------------------------------------------------------------------------------------

  async function deletePage(request: FastifyRequest, reply: FastifyReply, id: string, error?: string, status = 200) {
    const plan = await whatDeletionRemoves(db, id);
    const pending = (await deletionRequestsFor(db, id)).find((r) => r.status === 'open' || r.status === 'held');
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <ClientDeletePage ctx={ctx} plan={plan} requestId={pending?.id ?? null} error={error} />,
      status,
    );
  }

  app.get('/admin/clients/:id/delete', async (request, reply) => {
    requireCoach(request);
    const { id } = parseParams(clientParams, request);
    return deletePage(request, reply, id);
  });

  app.post('/admin/clients/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(clientParams, request);
    return handleForm(request, reply, {
      schema: deleteSchema,
      expired:
        'For your security this page had expired, so nothing was deleted. Please read the list and press the button again.',
      render: (state, status) =>
        deletePage(
          request,
          reply,
          id,
          state.errors._form ?? 'Please read what deletion removes and press the button again.',
          status,
        ),
      run: async ({ request: requestId, ...expected }) => {
        await requireClient(db, id);
        // The client's sign-in account goes with the record; a client who asked is told it is done.
        const removeAccount = async (tx: Executor, client: Client) => {
          if (client.user_id) await deleteClientUser(tx, client.user_id);
        };
        if (requestId) {
          const asked = (await deletionRequestsFor(db, id)).find((r) => r.id === requestId);
          if (!asked) throw new AppError('not_found');
          await carryOutDeletion(deps, actorOf(viewer), requestId, {
            expected,
            also: async (tx, client) => {
              await removeAccount(tx, client);
              await enqueueDeletionDoneMail(tx, deps, { email: client.email, hold: asked.holdStatement });
            },
          });
          kickOutbox(deps);
        } else {
          await deleteClient(deps, actorOf(viewer), id, { expected, also: removeAccount });
        }
        return '/admin/clients?done=deleted';
      },
      refusals: { changed: { field: '_form' }, deletion_not_pending: { field: '_form' } },
    });
  });
}
