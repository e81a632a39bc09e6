import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { practiceNoticeAddress, safeNextPath } from '../auth/index.ts';
import { type ClientSession, clientManageHref, roomPath, sessionsForClient } from '../booking/index.ts';
import {
  accessLogForClient,
  addActionItem,
  addGoal,
  type Client,
  checkInOverview,
  conversation,
  DELETION_DAYS,
  deletionRequestsFor,
  fileForDownload,
  filesForClient,
  goalsWithItems,
  LIMITS,
  MAX_FILE_BYTES,
  MAX_MESSAGE,
  markConversationRead,
  overallProgress,
  requestDeletion,
  sendMessage,
  setActionItemDone,
  setReminderPreferences,
  sharedNotesForClient,
  storeFile,
  submitCheckIn,
  trackersFor,
  unreadCount,
  whatDeletionRemoves,
  withdrawDeletionRequest,
} from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { isLocalDate, localDateAt } from '../time/index.ts';
import { type RoomSettings, readRoomSettings, roomWindow } from '../video/index.ts';
import {
  AppError,
  emptyForm,
  type FieldErrors,
  type FormState,
  handleForm,
  parseParams,
  parseQuery,
  queryValue,
  sendPage,
  splitFormMessage,
  typedValues,
  viewContext,
  visitorFormat,
} from '../web/index.ts';
import { sessionIcs } from './calendar.ts';
import { buildDataZip } from './export.tsx';
import { MAX_CHECK_IN_NOTE, PortalCheckInsPage, scoreField } from './pages/check-ins.tsx';
import { PortalDataPage, PortalDeletionPage } from './pages/data.tsx';
import { PortalFilesPage } from './pages/files.tsx';
import { type GoalsData, PortalGoalsPage } from './pages/goals.tsx';
import { type HomeData, PortalHomePage } from './pages/home.tsx';
import { PortalMessagesPage } from './pages/messages.tsx';
import { isUpcoming, type SessionRoom } from './pages/parts.tsx';
import { CoachHerePage, type PortalFrame } from './pages/portal-layout.tsx';
import { PortalRemindersPage } from './pages/reminders.tsx';
import { PortalSessionsPage } from './pages/sessions.tsx';
import { PortalCheckEmailPage, PortalSignInPage } from './pages/sign-in.tsx';
import { portalClient, signInPathFor } from './portal.guard.ts';
import { requestPortalSignIn } from './portal.service.ts';
import { enqueueDeletionMails, notifyCoachOfMessage } from './portal-mails.ts';

// The client portal. Sign-in is public; every other /portal route is behind one preHandler that
// asks `portalClient` first (anonymous → sign in, the coach → a page saying whose portal this is,
// no client record → 404) and leaves the client's record for the route. Every id in an address is
// looked up with the client's id by the clients module, so another client's id is the same 404 as
// none at all. The portal has no SQL of its own. The coach's access log is not written here: the
// client opening their own things is not an access to record.

/** An id as newId makes them (a UUID); anything else cannot name a record, so it is a 404. */
const anId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const itemParams = z.object({ itemId: anId });
const fileParams = z.object({ fileId: anId });
const sessionParams = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
const requestParams = z.object({ requestId: anId });
const doneQuery = z.object({ done: queryValue });
const nextQuery = z.object({ next: queryValue });
const messagesQuery = z.object({
  done: queryValue,
  before: z
    .string()
    .regex(/^\d{1,16}\.[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
});

const MESSAGES_SHOWN = 50;

const EXPIRED = 'For your security this page had expired, so nothing was changed. Please press the button again.';
const EXPIRED_KEPT =
  'For your security this page had expired, so nothing was sent. Everything you typed is still here: please press the button again.';

const NOTICES: Record<string, string> = {
  goal: 'Goal added.',
  item: 'Action item added.',
  ticked: 'Ticked off. Well done.',
  unticked: 'Marked as not done yet.',
  check_in: 'Check-in sent. Thank you.',
  message: 'Message sent. Your coach gets an email saying there is a new message, without what you wrote.',
  file: 'File sent to your coach.',
  deletion: 'Your request is in: your coach has been told, and you have an email confirming it.',
  withdrawn: 'Your deletion request is withdrawn. Nothing will be deleted.',
  reminders: 'Saved.',
};
const noticeOf = (done: string | undefined) => (done ? NOTICES[done] : undefined);

// Form fields -----------------------------------------------------------------------------------

const normalise = (v: string) => v.replace(/\r\n?/g, '\n').trim();
const text = (what: string, max: number) =>
  z
    .string({ error: `Please write ${what}.` })
    .transform(normalise)
    .pipe(
      z
        .string()
        .min(1, `Please write ${what}.`)
        .refine(
          (v) => [...v].length <= max,
          `Please keep this under ${max.toLocaleString('en-GB')} characters; it is longer now.`,
        ),
    );
const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? normalise(v) : ''))
    .refine(
      (v) => [...v].length <= max,
      `Please keep this under ${max.toLocaleString('en-GB')} characters; it is longer now.`,
    )
    .transform((v) => v || null);
const goalSchema = z.object({
  goal_title: text('the goal', LIMITS.title),
  goal_detail: optionalText(LIMITS.detail),
});
const itemSchema = z.object({
  goal: z
    .string({ error: 'Please choose a goal.' })
    .pipe(anId.catch(''))
    .pipe(z.string().min(1, 'Please choose a goal.')),
  item_title: text('the action item', LIMITS.title),
  item_due: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isLocalDate(v), 'Please give the due date as a date, like 2026-12-31.')
    .transform((v) => v || null),
});
const tickSchema = z.object({ done: z.enum(['0', '1'], { error: 'Please press one of the buttons.' }) });
const messageSchema = z.object({ message: text('your message', MAX_MESSAGE) });
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const timeOfDay = (what: string) =>
  z
    .string({ error: `Please give the time ${what}, like 21:00.` })
    .trim()
    .regex(TIME, `Please give the time ${what} as hours and minutes, like 21:00.`)
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));
const remindersSchema = z.object({
  reminders: z.enum(['on', 'off'], { error: 'Please choose whether you want reminder emails.' }),
  quiet_start: timeOfDay('your quiet hours begin'),
  quiet_end: timeOfDay('your quiet hours end'),
});
const signInSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
});

/** An uploaded file as the multipart parser leaves it. */
interface Upload {
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}
const isUpload = (v: unknown): v is Upload =>
  typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as Upload).bytes);
const uploadOf = (request: FastifyRequest): Upload | undefined => {
  const file = (request.body as Record<string, unknown> | undefined)?.file;
  return isUpload(file) && file.bytes.length > 0 ? file : undefined;
};
const TOO_LARGE = 'That file is larger than 10 MB. Please send a smaller file, or split it into parts.';

/**
 * Every post a client makes in the portal is limited per address: generous for a person at work
 * on their goals, tight enough that a script cannot fill the coach's inbox with notifications.
 */
const clientPostLimit = { config: { rateLimit: { max: 60, timeWindow: '10 minutes' } } };

/** Pages behind a sign-in: never cached, never sent on in a Referer. */
function privatePage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/** The portal: its sign-in (public), then every signed-in room. */
export async function portalRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(portalSignInRoutes, { deps });
  await app.register(portalRooms, { deps });
}

async function portalSignInRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);

  app.get('/portal/sign-in', async (request, reply) => {
    const next = safeNextPath(parseQuery(nextQuery, request).next);
    const who = await portalClient(request, deps);
    if (who.kind === 'client') return reply.redirect(next?.startsWith('/portal') ? next : '/portal', 303);
    return sendPage(
      privatePage(reply),
      <PortalSignInPage ctx={await ctxOf(request, reply)} state={emptyForm} next={next} />,
    );
  });

  // Per client address here; per email address in issueSignIn (in the database, across instances).
  app.post(
    '/portal/sign-in',
    { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const next = safeNextPath(typedValues(request.body).next);
      return handleForm(request, reply, {
        schema: signInSchema,
        expired: 'This form had expired, so nothing was sent yet. Please press the button again.',
        render: async (typed, status) => {
          const { state, message } = splitFormMessage(typed);
          return sendPage(
            privatePage(reply),
            <PortalSignInPage ctx={await ctxOf(request, reply)} state={state} next={next} message={message} />,
            status,
          );
        },
        run: async ({ email }) => {
          const outcome = await requestPortalSignIn(deps, email, next);
          if (outcome === 'sent') kickOutbox(deps);
          // The same page whatever happened, so nobody learns who is a client; the log names no address.
          else request.log.info({ outcome }, 'portal sign-in: nothing sent');
          return '/portal/sign-in/sent';
        },
      });
    },
  );

  app.get('/portal/sign-in/sent', async (request, reply) => {
    return sendPage(privatePage(reply), <PortalCheckEmailPage ctx={await ctxOf(request, reply)} />);
  });
}

async function portalRooms(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const clients = new WeakMap<FastifyRequest, Client>();

  // Files come as multipart (a message's attachment, a file sent back); the parser keeps each
  // file's name with its bytes and marks one cut at the size limit.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 100_000 },
    onFile: async (part) => {
      const bytes = await part.toBuffer();
      (part as unknown as { value: Upload }).value = { filename: part.filename, bytes, truncated: part.file.truncated };
    },
  });

  // Every route of this scope: who is asking, before anything is read.
  app.addHook('preHandler', async (request, reply) => {
    privatePage(reply);
    const who = await portalClient(request, deps);
    switch (who.kind) {
      case 'anonymous':
        if (request.method === 'GET' || request.method === 'HEAD') {
          reply.redirect(signInPathFor(request), 303);
          return reply;
        }
        throw new AppError('not_signed_in');
      case 'coach':
        sendPage(reply, <CoachHerePage ctx={await viewContext(db, deps.config.publicUrl, request, reply)} />, 403);
        return reply;
      case 'no_client':
        throw new AppError('not_found');
      case 'client':
        clients.set(request, who.client);
        return undefined;
    }
  });

  const me = (request: FastifyRequest): Client => {
    const c = clients.get(request);
    if (!c) throw new Error(`portal route ${request.url} ran without its client`);
    return c;
  };
  const frameOf = async (request: FastifyRequest, reply: FastifyReply): Promise<PortalFrame> => {
    const [ctx, unread] = await Promise.all([
      viewContext(db, deps.config.publicUrl, request, reply),
      unreadCount(db, me(request).id, 'client'),
    ]);
    return { ctx, unread };
  };
  const manageHrefOf = (s: ClientSession) => (s.manageable ? clientManageHref(deps.secrets, s.id) : null);
  /** A video session's room (the client is signed in, so its plain address is theirs). */
  const roomOf = (s: ClientSession, settings: RoomSettings): SessionRoom | null =>
    s.modality === 'video' && s.status === 'confirmed'
      ? { href: roomPath(s.id), ...roomWindow({ start_at: s.startAt, end_at: s.endAt }, settings) }
      : null;
  const upcomingOf = (sessions: ClientSession[], now: number) =>
    sessions.filter((s) => isUpcoming(s, now)).sort((a, b) => a.startAt - b.startAt);

  // Home ------------------------------------------------------------------------------------------

  app.get('/portal', async (request, reply) => {
    const client = me(request);
    const now = deps.clock.now();
    const [sessions, goals, overview, notes, frame, roomSettings] = await Promise.all([
      sessionsForClient(db, client.id),
      goalsWithItems(deps, client.id),
      checkInOverview(deps, client.id),
      sharedNotesForClient(deps, client.id),
      frameOf(request, reply),
      readRoomSettings(db),
    ]);
    const next = upcomingOf(sessions, now)[0];
    const open = goals
      .filter((g) => g.status === 'active')
      .flatMap((g) => g.items.filter((i) => i.doneAt === null).map((i) => ({ ...i, goal: g.title })))
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    const d: HomeData = {
      name: client.name,
      zone: client.time_zone,
      today: localDateAt(now, client.time_zone),
      now,
      next: next ? { session: next, manageHref: manageHrefOf(next), room: roomOf(next, roomSettings) } : null,
      openItems: open.map((i) => ({ id: i.id, title: i.title, dueDate: i.dueDate, goal: i.goal })),
      openCount: open.length,
      progress: overallProgress(goals),
      checkIn: {
        state: overview.state,
        due: overview.due,
        trackers: overview.trackers.filter((t) => t.active).length,
      },
      sharedNotes: notes,
    };
    return sendPage(reply, <PortalHomePage frame={frame} d={d} />);
  });

  // Sessions --------------------------------------------------------------------------------------

  app.get('/portal/sessions', async (request, reply) => {
    const client = me(request);
    const now = deps.clock.now();
    const [sessions, frame, roomSettings] = await Promise.all([
      sessionsForClient(db, client.id),
      frameOf(request, reply),
      readRoomSettings(db),
    ]);
    const upcoming = upcomingOf(sessions, now);
    const past = sessions.filter((s) => !upcoming.includes(s));
    return sendPage(
      reply,
      <PortalSessionsPage
        frame={frame}
        d={{
          zone: client.time_zone,
          now,
          upcoming: upcoming.map((s) => ({
            session: s,
            manageHref: manageHrefOf(s),
            room: roomOf(s, roomSettings),
          })),
          past,
        }}
      />,
    );
  });

  app.get('/portal/sessions/:sessionId/calendar.ics', async (request, reply) => {
    const client = me(request);
    const { sessionId } = parseParams(sessionParams, request);
    // Only one of this client's own sessions: any other id is the same 404 as none.
    const session = (await sessionsForClient(db, client.id)).find((s) => s.id === sessionId);
    if (!session) throw new AppError('not_found');
    const { practiceName, coachName, contactEmail } = await readSiteSettings(db);
    const organizerEmail = await practiceNoticeAddress(db, contactEmail);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="session.ics"')
      .header('x-content-type-options', 'nosniff')
      .send(
        sessionIcs(session, {
          practiceName,
          publicUrl: deps.config.publicUrl,
          now: deps.clock.now(),
          // The coach organises it, so the client's calendar replies reach her.
          ...(organizerEmail ? { organizer: { name: coachName, email: organizerEmail } } : {}),
        }),
      );
  });

  // Goals and action items ------------------------------------------------------------------------

  async function goalsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { form?: GoalsData['form']; status?: number; notice?: string | undefined } = {},
  ) {
    const client = me(request);
    const [goals, frame] = await Promise.all([goalsWithItems(deps, client.id), frameOf(request, reply)]);
    const d: GoalsData = {
      today: localDateAt(deps.clock.now(), client.time_zone),
      zone: client.time_zone,
      goals,
      ...(o.form ? { form: o.form } : {}),
    };
    return sendPage(reply, <PortalGoalsPage frame={frame} d={d} notice={o.notice} />, o.status ?? 200);
  }

  app.get('/portal/goals', async (request, reply) =>
    goalsPage(request, reply, { notice: noticeOf(parseQuery(doneQuery, request).done) }),
  );

  app.post('/portal/goals', clientPostLimit, async (request, reply) => {
    const client = me(request);
    return handleForm(request, reply, {
      schema: goalSchema,
      expired: EXPIRED_KEPT,
      render: (state, status) => goalsPage(request, reply, { form: { name: 'goal', state }, status }),
      run: async (d) => {
        await addGoal(deps, 'client', client.id, { title: d.goal_title, detail: d.goal_detail });
        return '/portal/goals?done=goal';
      },
      refusals: { client_text_invalid: { field: 'goal_title' } },
    });
  });

  app.post('/portal/items', clientPostLimit, async (request, reply) => {
    const client = me(request);
    return handleForm(request, reply, {
      schema: itemSchema,
      expired: EXPIRED_KEPT,
      render: (state, status) => goalsPage(request, reply, { form: { name: 'item', state }, status }),
      run: async (d) => {
        await addActionItem(deps, 'client', client.id, d.goal, { title: d.item_title, dueDate: d.item_due });
        return '/portal/goals?done=item';
      },
      refusals: { client_text_invalid: { field: 'item_title' } },
    });
  });

  app.post('/portal/items/:itemId/done', clientPostLimit, async (request, reply) => {
    const client = me(request);
    const { itemId } = parseParams(itemParams, request);
    return handleForm(request, reply, {
      schema: tickSchema,
      expired: EXPIRED,
      render: (state, status) =>
        goalsPage(request, reply, {
          form: { name: 'tick', state: { values: {}, errors: { _form: Object.values(state.errors)[0] ?? EXPIRED } } },
          status,
        }),
      run: async (d) => {
        await setActionItemDone(deps, 'client', client.id, itemId, d.done === '1');
        return `/portal/goals?done=${d.done === '1' ? 'ticked' : 'unticked'}`;
      },
    });
  });

  // Check-ins -------------------------------------------------------------------------------------

  async function checkInsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { form?: FormState; status?: number; notice?: string | undefined } = {},
  ) {
    const client = me(request);
    const [overview, frame] = await Promise.all([checkInOverview(deps, client.id), frameOf(request, reply)]);
    return sendPage(
      reply,
      <PortalCheckInsPage
        frame={frame}
        notice={o.notice}
        d={{
          zone: client.time_zone,
          today: localDateAt(deps.clock.now(), client.time_zone),
          trackers: overview.trackers,
          checkIns: overview.checkIns,
          state: overview.state,
          due: overview.due,
          form: o.form ?? emptyForm,
        }}
      />,
      o.status ?? 200,
    );
  }

  app.get('/portal/check-ins', async (request, reply) =>
    checkInsPage(request, reply, { notice: noticeOf(parseQuery(doneQuery, request).done) }),
  );

  app.post('/portal/check-ins', clientPostLimit, async (request, reply) => {
    const client = me(request);
    const active = await trackersFor(deps, client.id, true);
    const scores: Record<string, z.ZodType<number>> = {};
    for (const t of active)
      scores[scoreField(t.id)] = z
        .string({ error: `Please choose a score for “${t.label}”.` })
        .refine((v) => v !== '', `Please choose a score for “${t.label}”.`)
        .refine((v) => /^(10|[1-9])$/.test(v), `Please choose a score from 1 to 10 for “${t.label}”.`)
        .transform(Number);
    const schema = z.object({ ...scores, note: optionalText(MAX_CHECK_IN_NOTE) });
    return handleForm(request, reply, {
      schema,
      expired: EXPIRED_KEPT,
      render: (state, status) => checkInsPage(request, reply, { form: state, status }),
      check: (): FieldErrors =>
        active.length === 0
          ? { _form: 'Your coach has not chosen anything to track yet, so there is nothing to check in on.' }
          : {},
      run: async (d) => {
        const data = d as Record<string, unknown>;
        const byTracker: Record<string, number> = {};
        for (const t of active) byTracker[t.id] = data[scoreField(t.id)] as number;
        await submitCheckIn(deps, client.id, { scores: byTracker, note: data.note as string | null });
        return '/portal/check-ins?done=check_in';
      },
      refusals: { check_in_invalid: {}, client_text_invalid: { field: 'note' } },
    });
  });

  // Messages --------------------------------------------------------------------------------------

  async function messagesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { form?: FormState; status?: number; notice?: string | undefined } = {},
  ) {
    const client = me(request);
    const { before } = parseQuery(messagesQuery, request);
    const [at, id] = before ? [Number(before.split('.')[0]), before.slice(before.indexOf('.') + 1)] : [];
    const messages = await conversation(deps, client.id, {
      limit: MESSAGES_SHOWN,
      ...(at !== undefined && id ? { before: { at, id } } : {}),
    });
    // Opening the conversation reads what the coach sent; the navigation then counts none.
    await markConversationRead(deps, client.id, 'client');
    const [files, settings, frame] = await Promise.all([
      filesForClient(deps, client.id),
      readSiteSettings(db),
      frameOf(request, reply),
    ]);
    const first = messages[0];
    return sendPage(
      reply,
      <PortalMessagesPage
        frame={frame}
        notice={o.notice}
        d={{
          zone: client.time_zone,
          coachName: settings.coachName,
          messages,
          earlier:
            messages.length === MESSAGES_SHOWN && first ? `/portal/messages?before=${first.at}.${first.id}` : null,
          files: new Map(files.map((f) => [f.id, f.name])),
          maxMessage: MAX_MESSAGE,
          form: o.form ?? emptyForm,
        }}
      />,
      o.status ?? 200,
    );
  }

  app.get('/portal/messages', async (request, reply) =>
    messagesPage(request, reply, { notice: noticeOf(parseQuery(messagesQuery, request).done) }),
  );

  app.post(
    '/portal/messages',
    { ...clientPostLimit, bodyLimit: MAX_FILE_BYTES + 256 * 1024 },
    async (request, reply) => {
      const client = me(request);
      const viewer = request.viewer!;
      return handleForm(request, reply, {
        schema: messageSchema,
        expired: EXPIRED_KEPT,
        render: (state, status) => messagesPage(request, reply, { form: state, status }),
        run: async (d) => {
          const file = uploadOf(request);
          if (file?.truncated) return { errors: { file: TOO_LARGE }, status: 413 };
          const attached = file
            ? await storeFile(deps, {
                clientId: client.id,
                owner: 'client',
                uploadedByUserId: viewer.userId,
                name: file.filename || 'file',
                bytes: file.bytes,
              })
            : null;
          await sendMessage(
            deps,
            {
              clientId: client.id,
              from: 'client',
              senderUserId: viewer.userId,
              body: d.message,
              fileId: attached?.id ?? null,
            },
            (tx, c) => notifyCoachOfMessage(tx, deps, c),
          );
          kickOutbox(deps);
          return '/portal/messages?done=message';
        },
        refusals: {
          file_too_large: { field: 'file' },
          file_type_refused: { field: 'file' },
          client_text_invalid: { field: 'message' },
        },
      });
    },
  );

  // Files -----------------------------------------------------------------------------------------

  async function filesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { form?: FormState; status?: number; notice?: string | undefined } = {},
  ) {
    const client = me(request);
    const [files, frame] = await Promise.all([filesForClient(deps, client.id), frameOf(request, reply)]);
    return sendPage(
      reply,
      <PortalFilesPage
        frame={frame}
        notice={o.notice}
        d={{ zone: client.time_zone, files, form: o.form ?? emptyForm }}
      />,
      o.status ?? 200,
    );
  }

  app.get('/portal/files', async (request, reply) =>
    filesPage(request, reply, { notice: noticeOf(parseQuery(doneQuery, request).done) }),
  );

  app.post('/portal/files', { ...clientPostLimit, bodyLimit: MAX_FILE_BYTES + 256 * 1024 }, async (request, reply) => {
    const client = me(request);
    const viewer = request.viewer!;
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing was sent. Please choose the file again.',
      render: (state, status) => filesPage(request, reply, { form: state, status }),
      run: async () => {
        const file = uploadOf(request);
        if (!file) return { errors: { file: 'Please choose a file to send.' } };
        if (file.truncated) return { errors: { file: TOO_LARGE }, status: 413 };
        await storeFile(deps, {
          clientId: client.id,
          owner: 'client',
          uploadedByUserId: viewer.userId,
          name: file.filename || 'file',
          bytes: file.bytes,
        });
        return '/portal/files?done=file';
      },
      refusals: { file_too_large: { field: 'file' }, file_type_refused: { field: 'file' } },
    });
  });

  app.get('/portal/files/:fileId', async (request, reply) => {
    const client = me(request);
    const { fileId } = parseParams(fileParams, request);
    // Only a file this client may see (their own, or one for every client); else the same 404.
    const { file, bytes } = await fileForDownload(deps, fileId, { clientId: client.id });
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .type(file.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });

  // Your data -------------------------------------------------------------------------------------

  async function dataPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { status?: number; notice?: string | undefined; message?: string | undefined } = {},
  ) {
    const client = me(request);
    const [requests, log, frame] = await Promise.all([
      deletionRequestsFor(db, client.id),
      accessLogForClient(db, client.id),
      frameOf(request, reply),
    ]);
    const pending = requests.find((r) => r.status === 'open' || r.status === 'held') ?? null;
    return sendPage(
      reply,
      <PortalDataPage
        frame={frame}
        notice={o.notice}
        d={{ zone: client.time_zone, pending, days: DELETION_DAYS, log, message: o.message }}
      />,
      o.status ?? 200,
    );
  }

  app.get('/portal/data', async (request, reply) =>
    dataPage(request, reply, { notice: noticeOf(parseQuery(doneQuery, request).done) }),
  );

  app.get('/portal/data/export.zip', async (request, reply) => {
    const client = me(request);
    const zip = await buildDataZip(deps, client.id, await sessionsForClient(db, client.id));
    const day = localDateAt(deps.clock.now(), client.time_zone);
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="your-data-${day}.zip"`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  async function deletionPage(request: FastifyRequest, reply: FastifyReply, status = 200, message?: string) {
    const client = me(request);
    const [plan, frame] = await Promise.all([whatDeletionRemoves(db, client.id), frameOf(request, reply)]);
    return sendPage(
      reply,
      <PortalDeletionPage frame={frame} removes={plan.removes} days={DELETION_DAYS} message={message} />,
      status,
    );
  }

  app.get('/portal/data/deletion', async (request, reply) => {
    const client = me(request);
    const pending = (await deletionRequestsFor(db, client.id)).some((r) => r.status === 'open' || r.status === 'held');
    if (pending) return reply.redirect('/portal/data', 303);
    return deletionPage(request, reply);
  });

  app.post('/portal/data/deletion', clientPostLimit, async (request, reply) => {
    const client = me(request);
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (state, status) => deletionPage(request, reply, status, state.errors._form),
      run: async () => {
        await requestDeletion(deps, client.id, 'client', async (tx, r, o) => {
          if (!o.created) return;
          const fmt = visitorFormat({ settings: await readSiteSettings(tx) });
          await enqueueDeletionMails(tx, deps, {
            client: o.client,
            dueWords: fmt.date(r.dueAt, o.client.time_zone),
            days: DELETION_DAYS,
          });
        });
        kickOutbox(deps);
        return '/portal/data?done=deletion';
      },
    });
  });

  app.post('/portal/data/deletion/:requestId/withdraw', clientPostLimit, async (request, reply) => {
    const client = me(request);
    const { requestId } = parseParams(requestParams, request);
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (state, status) => dataPage(request, reply, { status, message: state.errors._form }),
      run: async () => {
        await withdrawDeletionRequest(deps, client.id, requestId);
        return '/portal/data?done=withdrawn';
      },
      refusals: { deletion_not_pending: {} },
    });
  });

  // Reminders -------------------------------------------------------------------------------------

  async function remindersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { form?: FormState; status?: number; notice?: string | undefined } = {},
  ) {
    const client = me(request);
    const frame = await frameOf(request, reply);
    return sendPage(
      reply,
      <PortalRemindersPage
        frame={frame}
        zone={client.time_zone}
        current={{ on: client.reminders_on === 1, startMin: client.quiet_start_min, endMin: client.quiet_end_min }}
        form={o.form ?? emptyForm}
        notice={o.notice}
      />,
      o.status ?? 200,
    );
  }

  app.get('/portal/reminders', async (request, reply) =>
    remindersPage(request, reply, { notice: noticeOf(parseQuery(doneQuery, request).done) }),
  );

  app.post('/portal/reminders', clientPostLimit, async (request, reply) => {
    const client = me(request);
    return handleForm(request, reply, {
      schema: remindersSchema,
      expired: EXPIRED_KEPT,
      render: (state, status) => remindersPage(request, reply, { form: state, status }),
      run: async (d) => {
        await setReminderPreferences(deps, client.id, {
          remindersOn: d.reminders === 'on',
          quietStartMin: d.quiet_start,
          quietEndMin: d.quiet_end,
        });
        return '/portal/reminders?done=reminders';
      },
      refusals: { client_text_invalid: { field: 'quiet_start' } },
    });
  });
}
