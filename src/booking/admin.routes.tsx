import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { addDays, allTimeZones, isLocalDate, localDateAt, startOfDay, toIsoUtc, wallToInstant } from '../time/index.ts';
import {
  AppError,
  emptyForm,
  type FormState,
  handleForm,
  idParams,
  parseForm,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  viewContext,
} from '../web/index.ts';
import { bookingSetupRoutes } from './admin-setup.routes.tsx';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import { bookingsBetween, bookingWithService, servicesWithRules } from './booking.queries.ts';
import { bookSession, cancelBooking, setBookingOutcome } from './booking.service.ts';
import { requestIdOf } from './flow.ts';
import { AdminBookingPage, AdminBookingsPage, AdminNewBookingPage, type BookingRow } from './pages/admin-bookings.tsx';
import { coachBookingSchema } from './setup.ts';

const calendarQuery = z.object({ view: z.enum(['day', 'week']).catch('week'), date: queryValue, done: queryValue });
const doneQuery = z.object({ done: queryValue });
const cancelForm = z.object({
  message: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => [...v].length <= 2000, 'Keep the message under 2,000 characters.'),
});

/** booking's audit actions in plain words (the audit page shows them). */
export const bookingAuditLabels: AuditLabels = {
  'booking.cancel': 'Cancelled a booking',
  'booking.completed': 'Marked a session completed',
  'booking.no_show': 'Marked a no-show',
  'booking.confirmed': 'Approved a booking',
  'booking.declined': 'Declined a booking',
};

/** The back office's bookings: day and week calendar, one booking, booking for a client. */
export async function bookingAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  async function one(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    notice?: string,
    status = 200,
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const b = await bookingWithService(db, id);
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
  const idOf = (request: FastifyRequest) => parseParams(idParams, request).id;

  app.get('/admin/bookings', async (request, reply) => {
    requireCoach(request);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const zone = ctx.settings.timeZone;
    const query = parseQuery(calendarQuery, request);
    const view = query.view;
    const date = query.date !== undefined && isLocalDate(query.date) ? query.date : localDateAt(deps.clock.now(), zone);
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
    return handleForm(request, reply, {
      schema: coachBookingSchema,
      expired: 'For your security this page had expired, so nothing was booked. Please press the button again.',
      render: (state, status) => newForm(request, reply, state, status),
      run: async (when, values) => {
        const settings = await readSiteSettings(db);
        const [hh, mm] = when.time.split(':').map(Number) as [number, number];
        const start = wallToInstant(when.date, hh * 60 + mm, settings.timeZone);
        const bs = (await servicesWithRules(db, deps.clock.now())).find((s) => s.service.id === when.serviceId);
        if (!bs) return { errors: { serviceId: 'Choose a service.' } };
        const requestId = requestIdOf(values);
        const details = parseForm(detailsSchema(bs.service.modality), { ...values, start: toIsoUtc(start), requestId });
        if (!details.ok) return { errors: details.state.errors };
        const d = details.data;
        try {
          await bookSession(deps, {
            serviceId: bs.service.id,
            start,
            timeZone: d.tz,
            name: d.name,
            email: d.email,
            phone: d.phone,
            note: d.note || null,
            modality: d.modality ?? null,
            requestId,
            createdBy: 'coach',
          });
        } catch (err) {
          if (!(err instanceof BookingError)) throw err;
          const _form =
            err.code === 'slot_taken'
              ? 'That time overlaps another booking (or its buffer). Please choose another time.'
              : err.message;
          return { errors: { _form }, status: 409 };
        }
        kickOutbox(deps);
        return '/admin/bookings?done=booked';
      },
    });
  });

  app.get('/admin/bookings/:id', async (request, reply) => {
    requireCoach(request);
    const { done } = parseQuery(doneQuery, request);
    const notice =
      done === 'cancelled' ? 'Cancelled; the client has been told.' : done === 'status' ? 'Saved.' : undefined;
    return one(request, reply, idOf(request), emptyForm, notice);
  });

  app.post('/admin/bookings/:id/status', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing changed. Please press the button again.',
      render: (state, status) => one(request, reply, id, emptyForm, state.errors._form, status),
      run: async ({ to }) => {
        if (to !== 'confirmed' && to !== 'declined' && to !== 'completed' && to !== 'no_show')
          throw new AppError('bad_input');
        const changed = await setBookingOutcome(deps, id, to, viewer.userId);
        kickOutbox(deps);
        if (!changed)
          return one(
            request,
            reply,
            id,
            emptyForm,
            'This booking changed in the meantime; here it is as it is now.',
            409,
          );
        return `/admin/bookings/${id}?done=status`;
      },
    });
  });

  app.post('/admin/bookings/:id/cancel', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      schema: cancelForm,
      expired:
        'For your security this page had expired, so nothing changed. Your message is still here: please press the button again.',
      render: (state, status) => one(request, reply, id, state, undefined, status),
      run: async ({ message }) => {
        try {
          await cancelBooking(deps, id, {
            reason: 'coach',
            actorUserId: viewer.userId,
            ...(message ? { message } : {}),
          });
        } catch (err) {
          if (err instanceof BookingError) return { errors: { _form: err.message }, status: 409 };
          throw err;
        }
        kickOutbox(deps);
        return `/admin/bookings/${id}?done=cancelled`;
      },
    });
  });

  await bookingSetupRoutes(app, { deps });
}
