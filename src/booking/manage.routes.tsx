import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { practiceNoticeAddress } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { allTimeZones, parseInstant } from '../time/index.ts';
import {
  AppError,
  handleForm,
  parseQuery,
  queryValue,
  sendPage,
  typedValues,
  viewContext,
  visitorFormat,
} from '../web/index.ts';
import { BookingError } from './booking.errors.ts';
import { instantField } from './booking.form.ts';
import { bookingByRequestId, serviceWithRules } from './booking.queries.ts';
import {
  bookingForToken,
  cancelByClient,
  clientMayChange,
  endedBookingForToken,
  rescheduleBooking,
} from './booking.service.ts';
import type { Booking } from './booking.tables.ts';
import { clientRoomUrl } from './booking-effects.ts';
import { bookingIcsFile } from './booking-mails.ts';
import { bookingRateLimit, requestIdOf, weekOfSlots, zoneFrom } from './flow.ts';
import { BookSlotsPage } from './pages/book.tsx';
import {
  CancelConfirmPage,
  CancelledPage,
  EndedBookingPage,
  ManagePage,
  RescheduleConfirmPage,
} from './pages/manage.tsx';

const manageQuery = z.object({
  t: queryValue,
  just: z.enum(['booked', 'moved', 'cancelled']).optional().catch(undefined),
  tz: queryValue,
  from: queryValue,
  start: queryValue,
});
const rescheduleForm = z.object({ start: instantField });

/**
 * What the manage link opens. The token travels in the query string or the form body, never in
 * the path, because logs keep paths; pages are no-store.
 */
export async function manageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => {
    // The address holds the token: never cached, never sent on to another site (the calendar links).
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return viewContext(db, deps.config.publicUrl, request, reply);
  };
  const tokenOf = (raw: string | undefined): string => raw ?? '';
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
  /**
   * The page an old link of a cancelled or declined booking opens ("this booking was cancelled",
   * with the coach's reason and a way to book again), or undefined when the token opens nothing.
   */
  async function showEnded(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    justCancelled = false,
  ): Promise<FastifyReply | undefined> {
    const ended = await endedBookingForToken(deps, token);
    if (!ended) return undefined;
    const ctx = await ctxOf(request, reply);
    const bs = await serviceWithRules(db, { id: ended.service_id }, deps.clock.now());
    let reason: string | null = null;
    if (ended.cancel_message_sealed) {
      try {
        reason = deps.sealer.open(ended.cancel_message_sealed);
      } catch {
        reason = null;
      }
    }
    return sendPage(
      reply,
      <EndedBookingPage
        ctx={ctx}
        booking={ended}
        serviceName={bs?.service.name ?? 'Session'}
        bookAgain={bs?.service.active === 1 ? `/book/${bs.service.slug}` : '/book'}
        reason={reason}
        justCancelled={justCancelled}
      />,
    );
  }
  /** The booking a live link opens; a spent one of a cancelled booking shows that page instead. */
  async function openedOrEnded(request: FastifyRequest, reply: FastifyReply, token: string, justCancelled = false) {
    try {
      return { ...(await opened(token)), ended: undefined };
    } catch (err) {
      const ended = err instanceof AppError ? await showEnded(request, reply, token, justCancelled) : undefined;
      if (!ended) throw err;
      return { booking: undefined, bs: undefined, ended };
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
    const query = parseQuery(manageQuery, request);
    const token = tokenOf(query.t);
    const { booking, ended } = await openedOrEnded(request, reply, token, query.just === 'cancelled');
    if (ended) return ended;
    return showManage(request, reply, token, booking, query.just === 'cancelled' ? undefined : query.just);
  });

  // "Cancel this session?": the details and one button; only the POST below cancels.
  app.get('/book/manage/cancel', async (request, reply) => {
    const token = tokenOf(parseQuery(manageQuery, request).t);
    const { booking, bs, ended } = await openedOrEnded(request, reply, token);
    if (ended) return ended;
    const active = booking.status === 'pending' || booking.status === 'confirmed';
    if (!active || !(await clientMayChange(deps, booking))) return showManage(request, reply, token, booking);
    const ctx = await ctxOf(request, reply);
    return sendPage(
      reply,
      <CancelConfirmPage ctx={ctx} booking={booking} serviceName={bs.service.name} token={token} />,
    );
  });

  // The client's calendar file of an active booking: the same event (UID, SEQUENCE) as the one in
  // their booking email, opened by the same token as the manage page.
  app.get('/book/manage/calendar.ics', async (request, reply) => {
    const query = parseQuery(manageQuery, request);
    const token = tokenOf(query.t);
    const { booking, bs } = await opened(token);
    if (booking.status !== 'pending' && booking.status !== 'confirmed') throw new AppError('not_found');
    const settings = await readSiteSettings(db);
    const file = bookingIcsFile(
      'booked',
      booking,
      {
        settings,
        publicUrl: deps.config.publicUrl,
        // The organizer as the booking emails name her (the practice's address, else the owner's).
        coachEmail: await practiceNoticeAddress(db, settings.contactEmail),
        serviceName: bs.service.name,
        token,
        clientRoomUrl: clientRoomUrl(deps, booking),
        now: deps.clock.now(),
      },
      'client',
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.get('/book/manage/reschedule', async (request, reply) => {
    const query = parseQuery(manageQuery, request);
    const token = tokenOf(query.t);
    const { booking, bs, ended } = await openedOrEnded(request, reply, token);
    if (ended) return ended;
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
    const query = parseQuery(manageQuery, request);
    const token = tokenOf(query.t);
    const { booking, bs } = await opened(token);
    const start = query.start === undefined ? undefined : parseInstant(query.start);
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
    const requestId = requestIdOf(v);
    const { booking, bs } = await opened(token).catch(async (err: unknown) => {
      // A second press after the move worked: the old link is dead but the request is known.
      if (await bookingByRequestId(db, requestId)) return { booking: undefined, bs: undefined };
      throw err;
    });
    if (!booking || !bs) return reply.redirect('/book/sent', 303);
    const ctx = await ctxOf(request, reply);
    const again = (values: Record<string, string>, error: string | undefined, status: number) =>
      sendPage(
        reply,
        <RescheduleConfirmPage
          ctx={ctx}
          booking={booking}
          serviceName={bs.service.name}
          token={token}
          start={parseInstant(values.start ?? '') ?? booking.start_at}
          requestId={requestId}
          error={error}
        />,
        status,
      );
    return handleForm(request, reply, {
      schema: rescheduleForm,
      expired: 'For your security this page had expired, so nothing changed. Please press "Move my session" again.',
      render: (state, status) => again(state.values, state.errors._form ?? state.errors.start, status),
      run: async ({ start }, values) => {
        try {
          const moved = await rescheduleBooking(deps, token, start, requestId);
          kickOutbox(deps);
          if (!moved.token) return '/book/sent';
          return `/book/manage?${new URLSearchParams({ t: moved.token, just: 'moved' }).toString()}`;
        } catch (err) {
          if (!(err instanceof BookingError)) throw err;
          const f = visitorFormat(ctx);
          const nearby = err.nearest.length
            ? ` Available times nearby: ${err.nearest.map((s) => f.fullWhen(s.start, booking.client_time_zone)).join('; ')}.`
            : '';
          return again(values, err.message + nearby, err.status);
        }
      },
    });
  });

  app.post('/book/manage/cancel', { config: bookingRateLimit }, async (request, reply) => {
    const token = tokenOf(typedValues(request.body).t);
    const { booking } = await opened(token).catch(async (err: unknown) => {
      // A second press after the cancellation worked: the link is spent, the page says so.
      if (await endedBookingForToken(deps, token)) return { booking: undefined };
      throw err;
    });
    if (!booking) return reply.redirect(`/book/manage?${new URLSearchParams({ t: token }).toString()}`, 303);
    return handleForm(request, reply, {
      render: (state, status) =>
        state.errors._form
          ? (async () => {
              const ctx = await ctxOf(request, reply);
              const bs = await serviceWithRules(db, { id: booking.service_id }, deps.clock.now());
              return sendPage(
                reply,
                <CancelConfirmPage
                  ctx={ctx}
                  booking={booking}
                  serviceName={bs?.service.name ?? 'Session'}
                  token={token}
                  error={state.errors._form}
                />,
                status,
              );
            })()
          : showManage(request, reply, token, booking, undefined, status),
      run: async () => {
        try {
          await cancelByClient(deps, token);
        } catch (err) {
          // Too late to cancel online, or already cancelled: the page says what is possible now.
          if (err instanceof BookingError && (err.code === 'inside_notice' || err.code === 'not_active'))
            return showManage(request, reply, token, booking);
          if (err instanceof BookingError) throw new AppError('link_invalid', err.message);
          throw err;
        }
        kickOutbox(deps);
        // The same link now says the booking is cancelled, with a way to book another time.
        return `/book/manage?${new URLSearchParams({ t: token, just: 'cancelled' }).toString()}`;
      },
    });
  });

  app.get('/book/cancelled', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <CancelledPage ctx={ctx} />);
  });
}
