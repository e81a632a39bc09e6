import crypto from 'node:crypto';
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { practiceNoticeAddress } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail, kickOutbox, renderEmail } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { serviceNames } from '../site/index.ts';
import { formatterFor } from '../time/index.ts';
import {
  AppError,
  bundleIsland,
  emptyForm,
  type FormState,
  handleForm,
  parseParams,
  parseQuery,
  queryValue,
  sendPage,
  serveIsland,
  viewContext,
} from '../web/index.ts';
import { iceConfigFor } from './ice.ts';
import { PhoneRoomPage, RoomClosedPage, RoomPage, type RoomView } from './pages/room.tsx';
import { roomRow } from './room.queries.ts';
import { type RoomAccess, readRoomSettings, requestCall, requestedCall, roomAccess } from './room.service.ts';
import { roomState, roomWindow } from './room-window.ts';
import { inProcessBus, postgresBus, type SignalBus } from './signal-bus.ts';
import { parseBrowserFrame, type RoomSocket, SignalHub } from './signalling.ts';

const island = bundleIsland(new URL('./islands/room.ts', import.meta.url), 'room');

/** The room's pages may use the camera, the microphone and screen sharing; no other page may. */
const ROOM_PERMISSIONS =
  'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=(), interest-cohort=()';

const roomParams = z.object({ bookingId: z.string().min(1).max(100) });
const roomQuery = z.object({ t: queryValue, called: z.string().max(2).optional().catch(undefined) });
const callMeForm = z.object({
  phone: z
    .string()
    .trim()
    .min(1, 'Enter the number to call you on.')
    .max(40, 'Keep the number under 40 characters.')
    .regex(/^\+?[\d\s().-]{6,}$/, 'Enter a phone number with digits only, such as +44 20 7946 0000.'),
});

/** How often an open socket says it is still there (the back office's "waiting" reads it). */
const BEAT_MS = 20_000;
/** Largest frame a browser may send: an offer's SDP is a few KB. */
const MAX_FRAME = 64 * 1024;

/**
 * The session room: its page, ICE servers, the signalling socket and the phone fallback. Every
 * route asks `roomAccess` first and answers 404 to anyone it refuses.
 */
export async function roomRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const bus: SignalBus = deps.dbh.pg
    ? postgresBus({ connectionString: deps.dbh.pg.connectionString, schema: deps.dbh.pg.schema, log: deps.log })
    : inProcessBus();
  const hub = new SignalHub(bus, { db, now: () => deps.clock.now() });
  app.addHook('onClose', async () => {
    await bus.close();
  });
  await app.register(websocket, { options: { maxPayload: MAX_FRAME } });
  serveIsland(app, island);

  async function accessOf(request: FastifyRequest, token: string | undefined): Promise<RoomAccess> {
    const { bookingId } = parseParams(roomParams, request);
    const access = await roomAccess(deps, request, bookingId, token);
    if (!access) throw new AppError('not_found');
    return access;
  }

  async function viewOf(request: FastifyRequest, reply: FastifyReply, a: RoomAccess): Promise<RoomView> {
    reply.header('cache-control', 'no-store').header('permissions-policy', ROOM_PERMISSIONS);
    reply.header('referrer-policy', 'no-referrer');
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const names = await serviceNames(db, [a.booking.service_id]);
    return {
      ctx,
      role: a.role,
      booking: a.booking,
      serviceName: names.get(a.booking.service_id) ?? 'Session',
      peerName: a.role === 'coach' ? a.booking.client_name : ctx.settings.coachName,
      zone: a.role === 'coach' ? ctx.settings.timeZone : a.booking.client_time_zone,
      f: formatterFor(ctx.settings),
      token: a.token,
      query: a.token ? `?t=${encodeURIComponent(a.token)}` : '',
    };
  }

  async function showRoom(
    request: FastifyRequest,
    reply: FastifyReply,
    a: RoomAccess,
    callMe: { state: FormState; sent: boolean },
    status = 200,
  ) {
    const v = await viewOf(request, reply, a);
    if (a.booking.modality === 'phone') return sendPage(reply, <PhoneRoomPage v={v} />, status);
    const w = roomWindow(a.booking, await readRoomSettings(db));
    const state = roomState(a.booking.status, w, deps.clock.now());
    if (state !== 'open') return sendPage(reply, <RoomClosedPage v={v} state={state} opensAt={w.opensAt} />, status);
    const requested = (await requestedCall(deps, a.booking.id))?.phone;
    return sendPage(reply, <RoomPage v={v} islandHref={island.href} callMe={{ ...callMe, requested }} />, status);
  }

  app.get('/room/:bookingId', async (request, reply) => {
    const { t, called } = parseQuery(roomQuery, request);
    const a = await accessOf(request, t);
    return showRoom(request, reply, a, { state: emptyForm, sent: called === '1' });
  });

  app.get('/room/:bookingId/ice', async (request, reply) => {
    const { t } = parseQuery(roomQuery, request);
    const a = await accessOf(request, t);
    const w = roomWindow(a.booking, await readRoomSettings(db));
    if (a.booking.modality !== 'video' || roomState(a.booking.status, w, deps.clock.now()) !== 'open')
      throw new AppError('not_found');
    reply.header('cache-control', 'no-store');
    return iceConfigFor(deps.config.ice, `${a.booking.id}-${a.role}`, deps.clock.now(), w.closesAt);
  });

  app.post(
    '/room/:bookingId/call-me',
    { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const a = await accessOf(request, typeof body.t === 'string' ? body.t.slice(0, 200) : undefined);
      if (a.role !== 'client' || a.booking.modality !== 'video') throw new AppError('not_found');
      return handleForm(request, reply, {
        schema: callMeForm,
        render: (state, status) => showRoom(request, reply, a, { state, sent: false }, status),
        run: async ({ phone }) => {
          const w = roomWindow(a.booking, await readRoomSettings(db));
          if (roomState(a.booking.status, w, deps.clock.now()) !== 'open') throw new AppError('not_found');
          await requestCall(deps, a.booking.id, phone);
          await notifyCoachOfCall(deps, a, phone);
          await hub.publish(a.booking.id, { k: 'phone', phone });
          return `/room/${a.booking.id}?${a.token ? `t=${encodeURIComponent(a.token)}&` : ''}called=1#call-me`;
        },
      });
    },
  );

  app.get(
    '/room/:bookingId/signal',
    {
      websocket: true,
      // Before the upgrade: a refused socket gets the ordinary 404, like every other room URL.
      preValidation: async (request) => {
        const { t } = parseQuery(roomQuery, request);
        const origin = request.headers.origin;
        // Cross-site WebSocket hijacking: the browser sends the cookie to any page that asks.
        if (origin !== new URL(deps.config.publicUrl).origin) throw new AppError('not_found');
        const a = await accessOf(request, t);
        const settings = await readRoomSettings(db);
        const w = roomWindow(a.booking, settings);
        if (a.booking.modality !== 'video' || roomState(a.booking.status, w, deps.clock.now()) !== 'open')
          throw new AppError('not_found');
        const [row, site, call] = await Promise.all([
          roomRow(db, a.booking.id),
          readSiteSettings(db),
          a.role === 'coach' ? requestedCall(deps, a.booking.id) : undefined,
        ]);
        (request as RoomRequest).room = {
          access: a,
          closesAt: w.closesAt,
          autoAdmit: settings.autoAdmit,
          admittedBefore: row?.admitted_at != null,
          peerName: a.role === 'coach' ? a.booking.client_name : site.coachName,
          callMe: call?.phone,
        };
      },
    },
    (socket, request) => openSocket(socket, (request as RoomRequest).room!),
  );

  /**
   * One socket's life. Everything it needs was read before the upgrade, so the handlers are in
   * place before the first frame can arrive; frames and the close wait for the hub to know it.
   */
  function openSocket(ws: WebSocket, j: RoomJoin): void {
    const { access: a, closesAt } = j;
    let ended = false;
    const s: RoomSocket = {
      sid: crypto.randomBytes(9).toString('base64url'),
      room: a.booking.id,
      role: a.role,
      joinedAt: Date.now(),
      admitted: a.role === 'coach' || j.autoAdmit || j.admittedBefore,
      peerSid: undefined,
      send(frame) {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      },
      end(reason) {
        if (ended) return;
        ended = true;
        s.send({ t: 'closed', reason });
        ws.close(4000, reason);
      },
    };
    s.send({
      t: 'welcome',
      role: s.role,
      sid: s.sid,
      admitted: s.admitted,
      ice: iceConfigFor(deps.config.ice, `${a.booking.id}-${a.role}`, deps.clock.now(), closesAt),
      startsAt: a.booking.start_at,
      endsAt: a.booking.end_at,
      closesAt,
      peerName: j.peerName,
    });
    if (s.admitted && s.role === 'client') s.send({ t: 'admitted' });
    if (s.role === 'coach' && j.callMe) s.send({ t: 'phone', phone: j.callMe });
    const attached = hub.attach(s).catch((err) => deps.log.warn({ err: String(err) }, 'room join failed'));
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const beat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
      hub.seen(s).catch(() => {});
    }, BEAT_MS);
    const closing = setTimeout(() => s.end('window'), Math.max(0, closesAt - deps.clock.now()));
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const frame = parseBrowserFrame(raw.toString());
      if (!frame) return;
      if (frame.t === 'leave') return ws.close(1000, 'left');
      void attached
        .then(() => hub.fromBrowser(s, frame))
        .catch((err) => deps.log.warn({ err: String(err) }, 'room signalling failed'));
    });
    ws.on('close', () => {
      clearInterval(beat);
      clearTimeout(closing);
      void attached.then(() => hub.detach(s)).catch(() => {});
    });
  }
}

/** What a socket needs, read before the upgrade. */
interface RoomJoin {
  access: RoomAccess;
  closesAt: number;
  autoAdmit: boolean;
  admittedBefore: boolean;
  peerName: string;
  callMe: string | undefined;
}

interface RoomRequest extends FastifyRequest {
  room?: RoomJoin;
}

/** The coach's notice that a client asked to be called: the number and the session, nothing else. */
async function notifyCoachOfCall(deps: Deps, a: RoomAccess, phone: string): Promise<void> {
  const db = deps.dbh.db;
  const settings = await readSiteSettings(db);
  const to = await practiceNoticeAddress(db, settings.contactEmail);
  if (!to) return;
  const f = formatterFor(settings);
  const when = f.fullWhen(a.booking.start_at, settings.timeZone);
  const mail = renderEmail({
    practiceName: settings.practiceName,
    heading: `${a.booking.client_name} asks you to call`,
    paragraphs: [
      `${a.booking.client_name} could not join the video room for the session at ${when} and asks you to call instead.`,
    ],
    facts: [
      { label: 'Call', value: phone },
      { label: 'Client', value: a.booking.client_name },
    ],
    button: { label: 'Open the room', url: `${deps.config.publicUrl}/room/${a.booking.id}` },
  });
  await enqueueMail(db, deps, {
    kind: 'room.call_me',
    to,
    subject: `Please call ${a.booking.client_name} now: ${phone}`,
    ...mail,
  });
  kickOutbox(deps);
}
