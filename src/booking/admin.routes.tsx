import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addAuditLabels } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { addDays, allTimeZones, isLocalDate, localDateAt, startOfDay, toIsoUtc, wallToInstant } from '../time/index.ts';
import { AppError, type FormState, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { bookingSetupRoutes } from './admin-setup.routes.tsx';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import { bookingsBetween, servicesWithRules } from './booking.queries.ts';
import { bookSession, cancelBooking, setBookingOutcome } from './booking.service.ts';
import { AdminBookingPage, AdminBookingsPage, AdminNewBookingPage, type BookingRow } from './pages/admin-bookings.tsx';
import { coachBookingSchema } from './setup.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** The back office's bookings: day and week calendar, one booking, booking for a client. */
export async function bookingAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  addAuditLabels({
    'booking.cancel': 'Cancelled a booking',
    'booking.completed': 'Marked a session completed',
    'booking.no_show': 'Marked a no-show',
    'booking.confirmed': 'Approved a booking',
    'booking.declined': 'Declined a booking',
  });

  async function one(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    notice?: string,
    status = 200,
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const b = await db
      .selectFrom('bookings')
      .innerJoin('services', 'services.id', 'bookings.service_id')
      .selectAll('bookings')
      .select('services.name as service_name')
      .where('bookings.id', '=', id)
      .executeTakeFirst();
    if (!b) throw new AppError('not_found');
    let note: string | null = null;
    if (b.note_sealed) {
      try {
        note = deps.sealer.open(b.note_sealed);
      } catch {
        note = '(This note cannot be opened: it was sealed with a different key.)';
      }
    }
    return sendPage(
      reply,
      <AdminBookingPage
        ctx={ctx}
        booking={b as BookingRow}
        note={note}
        state={state}
        notice={notice}
        now={deps.clock.now()}
      />,
      status,
    );
  }
  const idOf = (params: unknown) => {
    const p = idParams.safeParse(params);
    if (!p.success) throw new AppError('not_found');
    return p.data.id;
  };

  app.get('/admin/bookings', async (request, reply) => {
    requireCoach(request);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const zone = ctx.settings.timeZone;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const view = query.view === 'day' ? 'day' : 'week';
    const date =
      typeof query.date === 'string' && isLocalDate(query.date) ? query.date : localDateAt(deps.clock.now(), zone);
    const n = view === 'day' ? 1 : 7;
    const rows = (await bookingsBetween(
      db,
      startOfDay(date, zone),
      startOfDay(addDays(date, n), zone),
    )) as BookingRow[];
    const days = Array.from({ length: n }, (_, i) => addDays(date, i)).map((d) => ({
      date: d,
      bookings: rows.filter((b) => localDateAt(b.start_at, zone) === d),
    }));
    const now = deps.clock.now();
    const pending = ((await bookingsBetween(db, now, now + 3650 * 86_400_000)) as BookingRow[]).filter(
      (b) => b.status === 'pending',
    );
    const notice = query.done === 'booked' ? 'Booked; the client has their confirmation.' : undefined;
    return sendPage(
      reply,
      <AdminBookingsPage
        ctx={ctx}
        view={view}
        days={days}
        pending={pending}
        prev={addDays(date, -n)}
        next={addDays(date, n)}
        notice={notice}
      />,
    );
  });

  async function newForm(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const services = (await servicesWithRules(db, deps.clock.now())).map(({ service: s }) => ({
      id: s.id,
      name: s.name,
      modality: s.modality,
    }));
    return sendPage(
      reply,
      <AdminNewBookingPage ctx={ctx} services={services} zones={allTimeZones()} state={state} />,
      status,
    );
  }

  app.get('/admin/bookings/new', async (request, reply) => {
    requireCoach(request);
    return newForm(request, reply, { values: {}, errors: {} });
  });

  app.post('/admin/bookings/new', async (request, reply) => {
    requireCoach(request);
    const values = typedValues(request.body);
    if (!request.csrfOk)
      return newForm(
        request,
        reply,
        {
          values,
          errors: {
            _form: 'For your security this page had expired, so nothing was booked. Please press the button again.',
          },
        },
        403,
      );
    const when = parseForm(coachBookingSchema, request.body);
    if (!when.ok) return newForm(request, reply, when.state, 400);
    const settings = (await viewContext(db, deps.config.publicUrl, request, reply)).settings;
    const [hh, mm] = when.data.time.split(':').map(Number) as [number, number];
    const start = wallToInstant(when.data.date, hh * 60 + mm, settings.timeZone);
    const bs = (await servicesWithRules(db, deps.clock.now())).find((s) => s.service.id === when.data.serviceId);
    if (!bs) return newForm(request, reply, { values, errors: { serviceId: 'Choose a service.' } }, 400);
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(values.requestId ?? '') ? values.requestId! : newId();
    const details = parseForm(detailsSchema(bs.service.modality), { ...values, start: toIsoUtc(start), requestId });
    if (!details.ok) return newForm(request, reply, { values, errors: details.state.errors }, 400);
    const d = details.data;
    try {
      const modality = bs.service.modality === 'choice' ? (d.modality ?? 'video') : bs.service.modality;
      await bookSession(deps, {
        serviceId: bs.service.id,
        start,
        timeZone: d.tz,
        name: d.name,
        email: d.email,
        phone: modality === 'phone' ? d.phone : null,
        note: d.note || null,
        modality,
        requestId,
        createdBy: 'coach',
      });
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      return newForm(
        request,
        reply,
        {
          values,
          errors: {
            _form:
              err.code === 'slot_taken'
                ? 'That time overlaps another booking (or its buffer). Please choose another time.'
                : err.message,
          },
        },
        409,
      );
    }
    kickOutbox(deps);
    return reply.redirect('/admin/bookings?done=booked', 303);
  });

  app.get('/admin/bookings/:id', async (request, reply) => {
    requireCoach(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.done === 'cancelled'
        ? 'Cancelled; the client has been told.'
        : query.done === 'status'
          ? 'Saved.'
          : undefined;
    return one(request, reply, idOf(request.params), { values: {}, errors: {} }, notice);
  });

  app.post('/admin/bookings/:id/status', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request.params);
    if (!request.csrfOk)
      return one(
        request,
        reply,
        id,
        { values: {}, errors: {} },
        'For your security this page had expired, so nothing changed. Please press the button again.',
        403,
      );
    const to = typedValues(request.body).to;
    if (to !== 'confirmed' && to !== 'declined' && to !== 'completed' && to !== 'no_show')
      throw new AppError('bad_input');
    const changed = await setBookingOutcome(deps, id, to, viewer.userId);
    kickOutbox(deps);
    if (!changed)
      return one(
        request,
        reply,
        id,
        { values: {}, errors: {} },
        'This booking changed in the meantime; here it is as it is now.',
        409,
      );
    return reply.redirect(`/admin/bookings/${id}?done=status`, 303);
  });

  app.post('/admin/bookings/:id/cancel', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request.params);
    const values = typedValues(request.body);
    if (!request.csrfOk)
      return one(
        request,
        reply,
        id,
        {
          values,
          errors: {
            _form:
              'For your security this page had expired, so nothing changed. Your message is still here: please press the button again.',
          },
        },
        undefined,
        403,
      );
    const message = (values.message ?? '').trim();
    if ([...message].length > 2000)
      return one(
        request,
        reply,
        id,
        { values, errors: { message: 'Keep the message under 2,000 characters.' } },
        undefined,
        400,
      );
    try {
      await cancelBooking(deps, id, { reason: 'coach', actorUserId: viewer.userId, ...(message ? { message } : {}) });
    } catch (err) {
      if (err instanceof BookingError)
        return one(request, reply, id, { values, errors: { _form: err.message } }, undefined, 409);
      throw err;
    }
    kickOutbox(deps);
    return reply.redirect(`/admin/bookings/${id}?done=cancelled`, 303);
  });

  await bookingSetupRoutes(app, { deps });
}
