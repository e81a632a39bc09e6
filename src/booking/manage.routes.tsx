import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { allTimeZones, parseInstant } from '../time/index.ts';
import { AppError, sendPage, typedValues, viewContext, visitorFormat } from '../web/index.ts';
import { BookingError } from './booking.errors.ts';
import { serviceWithRules } from './booking.queries.ts';
import { bookingForToken, cancelByClient, clientMayChange, rescheduleBooking } from './booking.service.ts';
import type { Booking } from './booking.tables.ts';
import { bookingRateLimit, weekOfSlots, zoneFrom } from './flow.ts';
import { BookSlotsPage } from './pages/book.tsx';
import { CancelledPage, ManagePage, RescheduleConfirmPage } from './pages/manage.tsx';

/**
 * What the manage link opens. The token travels in the query string or the form body, never in
 * the path, because logs keep paths; pages are no-store.
 */
export async function manageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    return viewContext(db, deps.config.publicUrl, request, reply);
  };
  const tokenOf = (raw: unknown): string => (typeof raw === 'string' ? raw : '');
  async function opened(token: string) {
    try {
      const booking = await bookingForToken(deps, token);
      const bs = await serviceWithRules(db, { id: booking.service_id }, deps.clock.now());
      if (!bs) throw new AppError('not_found');
      return { booking, bs };
    } catch (err) {
      if (err instanceof BookingError) throw new AppError('link_invalid', err.message);
      throw err;
    }
  }
  async function showManage(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    booking: Booking,
    just?: 'booked' | 'moved',
    status = 200,
  ) {
    const ctx = await ctxOf(request, reply);
    const bs = await serviceWithRules(db, { id: booking.service_id }, deps.clock.now());
    const mayChange = await clientMayChange(deps, booking);
    return sendPage(
      reply,
      <ManagePage
        ctx={ctx}
        booking={booking}
        serviceName={bs?.service.name ?? 'Session'}
        token={token}
        mayChange={mayChange}
        cancelNoticeMin={bs?.rules.cancel_notice_min ?? 0}
        just={just}
      />,
      status,
    );
  }

  app.get('/book/manage', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const token = tokenOf(query.t);
    const { booking } = await opened(token);
    const just = query.just === 'booked' || query.just === 'moved' ? query.just : undefined;
    return showManage(request, reply, token, booking, just);
  });

  app.get('/book/manage/reschedule', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const token = tokenOf(query.t);
    const { booking, bs } = await opened(token);
    if (!(await clientMayChange(deps, booking))) return showManage(request, reply, token, booking);
    const ctx = await ctxOf(request, reply);
    const tz = zoneFrom(query.tz, booking.client_time_zone);
    const week = await weekOfSlots(deps, bs, tz, query.from);
    const hrefFor = (s: { start: number }) =>
      `/book/manage/reschedule/confirm?${new URLSearchParams({ t: token, start: new Date(s.start).toISOString() }).toString()}`;
    return sendPage(
      reply,
      <BookSlotsPage
        ctx={ctx}
        bs={bs}
        tz={tz}
        zones={allTimeZones()}
        path="/book/manage/reschedule"
        extraQuery={{ t: token }}
        {...week}
        hrefFor={hrefFor}
        heading="Choose a new time"
        intro="Your current time stays booked until you confirm the new one."
      />,
    );
  });

  app.get('/book/manage/reschedule/confirm', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const token = tokenOf(query.t);
    const { booking, bs } = await opened(token);
    const start = typeof query.start === 'string' ? parseInstant(query.start) : undefined;
    if (start === undefined) return reply.redirect(`/book/manage/reschedule?t=${encodeURIComponent(token)}`, 303);
    const ctx = await ctxOf(request, reply);
    return sendPage(
      reply,
      <RescheduleConfirmPage
        ctx={ctx}
        booking={booking}
        serviceName={bs.service.name}
        token={token}
        start={start}
        requestId={newId()}
      />,
    );
  });

  app.post('/book/manage/reschedule', { config: bookingRateLimit }, async (request, reply) => {
    const v = typedValues(request.body);
    const token = tokenOf(v.t);
    const start = parseInstant(v.start ?? '');
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(v.requestId ?? '') ? v.requestId! : newId();
    const { booking, bs } = await opened(token).catch(async (err: unknown) => {
      // A second press after the move worked: the old link is dead but the request is known.
      const replay = await db
        .selectFrom('bookings')
        .select('id')
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      if (replay) return { booking: undefined, bs: undefined };
      throw err;
    });
    if (!booking || !bs) return reply.redirect('/book/sent', 303);
    const ctx = await ctxOf(request, reply);
    const again = (error: string, status: number) =>
      sendPage(
        reply,
        <RescheduleConfirmPage
          ctx={ctx}
          booking={booking}
          serviceName={bs.service.name}
          token={token}
          start={start ?? booking.start_at}
          requestId={requestId}
          error={error}
        />,
        status,
      );
    if (!request.csrfOk)
      return again(
        'For your security this page had expired, so nothing changed. Please press "Move my session" again.',
        403,
      );
    if (start === undefined) return again('Choose a time from the list.', 400);
    try {
      const moved = await rescheduleBooking(deps, token, start, requestId);
      kickOutbox(deps);
      if (!moved.token) return reply.redirect('/book/sent', 303);
      return reply.redirect(`/book/manage?${new URLSearchParams({ t: moved.token, just: 'moved' }).toString()}`, 303);
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      const extra = err.nearest.length
        ? ` Free times nearby: ${err.nearest.map((s) => visitorFormat(ctx).fullWhen(s.start, booking.client_time_zone)).join('; ')}.`
        : '';
      return again(err.message + extra, err.code === 'slot_taken' ? 409 : 422);
    }
  });

  app.post('/book/manage/cancel', { config: bookingRateLimit }, async (request, reply) => {
    const v = typedValues(request.body);
    const token = tokenOf(v.t);
    const { booking } = await opened(token);
    if (!request.csrfOk) return showManage(request, reply, token, booking, undefined, 403);
    try {
      await cancelByClient(deps, token);
    } catch (err) {
      if (err instanceof BookingError && (err.code === 'inside_notice' || err.code === 'not_active'))
        return showManage(request, reply, token, booking);
      if (err instanceof BookingError) throw new AppError('link_invalid', err.message);
      throw err;
    }
    kickOutbox(deps);
    return reply.redirect('/book/cancelled', 303);
  });

  app.get('/book/cancelled', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <CancelledPage ctx={ctx} />);
  });
}
