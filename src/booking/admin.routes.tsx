import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { intakeAnswersForBooking } from '../guide/index.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import {
  addDays,
  allTimeZones,
  instantToWall,
  isLocalDate,
  localDateAt,
  parseInstant,
  startOfDay,
  toIsoUtc,
  wallToInstant,
} from '../time/index.ts';
import {
  AppError,
  emptyForm,
  type FormOutcome,
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
import { freeSlots } from './availability.ts';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import {
  bookingById,
  bookingRescheduledFrom,
  bookingsBetween,
  bookingsByIds,
  bookingWithService,
  servicesWithRules,
  serviceWithRules,
} from './booking.queries.ts';
import {
  bookSessions,
  cancelBooking,
  moveByCoach,
  NeedsOverride,
  setBookingOutcome,
  startsOfBooking,
} from './booking.service.ts';
import { requestIdOf } from './flow.ts';
import {
  AdminBookingPage,
  AdminBookingsPage,
  AdminNewBookingPage,
  type BookingRow,
  type MoveWarning,
} from './pages/admin-bookings.tsx';
import { coachBookingSchema } from './setup.ts';

const calendarQuery = z.object({ view: z.enum(['day', 'week']).catch('week'), date: queryValue, done: queryValue });
const doneQuery = z.object({ done: queryValue });
const cancelForm = z.object({
  message: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => [...v].length <= 2000, 'Keep the reason under 2,000 characters.'),
});
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim());
/** The coach's new time: one of the offered slots, or a date and time in her zone. */
const moveForm = z
  .object({
    slot: optionalText,
    date: optionalText,
    time: optionalText,
    override: optionalText,
  })
  .superRefine((v, c) => {
    if (v.slot) {
      if (parseInstant(v.slot) === undefined)
        c.addIssue({ code: 'custom', path: ['slot'], message: 'Choose one of the offered times.' });
      return;
    }
    if (!isLocalDate(v.date))
      c.addIssue({ code: 'custom', path: ['date'], message: 'Enter the new date, like 2026-12-01.' });
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.time))
      c.addIssue({ code: 'custom', path: ['time'], message: 'Enter the new start time, like 14:30.' });
  });
const DAY = 86_400_000;
/** How many of the offered times the move form lists (the next two weeks, at most). */
const OFFERED_MAX = 60;

/** booking's audit actions in plain words (the audit page shows them). */
export const bookingAuditLabels: AuditLabels = {
  'booking.cancel': 'Cancelled a booking',
  'booking.completed': 'Marked a session completed',
  'booking.no_show': 'Marked a no-show',
  'booking.confirmed': 'Approved a booking',
  'booking.declined': 'Declined a booking',
  'booking.move': 'Moved a booking',
};

/** The back office's bookings: day and week calendar, one booking, booking for a client. */
export async function bookingAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  /** What the booking page shows again: the cancel form or the move form with what was typed. */
  interface Forms {
    cancel?: FormState;
    move?: FormState;
    /** The rule the new time breaks, when the coach must confirm the move. */
    warning?: MoveWarning;
  }

  async function one(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms: Forms,
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
    let reason: string | null = null;
    if (b.cancel_message_sealed) {
      try {
        reason = deps.sealer.open(b.cancel_message_sealed);
      } catch {
        reason = null;
      }
    }
    const intake = await intakeAnswersForBooking(deps, b);
    const now = deps.clock.now();
    const active = b.status === 'pending' || b.status === 'confirmed';
    const bs = active ? await serviceWithRules(db, { id: b.service_id }, now) : undefined;
    const offered = bs
      ? (await freeSlots(db, bs, ctx.settings.timeZone, now, now, now + 14 * DAY))
          .filter((s) => s.start !== b.start_at)
          .slice(0, OFFERED_MAX)
      : [];
    const movedTo = b.cancel_reason === 'rescheduled' ? await bookingRescheduledFrom(db, b.id) : undefined;
    const movedFrom = b.rescheduled_from ? await bookingById(db, b.rescheduled_from) : undefined;
    const wall = instantToWall(b.start_at, ctx.settings.timeZone);
    const hhmm = `${String(Math.floor(wall.minute / 60)).padStart(2, '0')}:${String(wall.minute % 60).padStart(2, '0')}`;
    const move = forms.move ?? { values: { date: wall.date, time: hhmm, requestId: newId() }, errors: {} };
    return sendPage(
      reply,
      <AdminBookingPage
        ctx={ctx}
        booking={b as BookingRow}
        note={note}
        reason={reason}
        intake={intake}
        state={forms.cancel ?? emptyForm}
        move={{ state: move, offered, warning: forms.warning }}
        movedTo={movedTo}
        movedFrom={movedFrom}
        notice={notice}
        now={now}
      />,
      status,
    );
  }
  /**
   * A reschedule shows as one moved booking: the row it left behind (cancelled as 'rescheduled')
   * is left out, and its successor says where it was before.
   */
  async function movedOnce(rows: BookingRow[]): Promise<BookingRow[]> {
    const kept = rows.filter((b) => !(b.status === 'cancelled' && b.cancel_reason === 'rescheduled'));
    const from = new Map(
      (
        await bookingsByIds(
          db,
          kept.flatMap((b) => (b.rescheduled_from ? [b.rescheduled_from] : [])),
        )
      ).map((p) => [p.id, p.start_at]),
    );
    return kept.map((b) => {
      const at = b.rescheduled_from ? from.get(b.rescheduled_from) : undefined;
      return at === undefined ? b : { ...b, moved_from_at: at };
    });
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
    const rows = await movedOnce(
      (await bookingsBetween(db, startOfDay(date, zone), startOfDay(addDays(date, n), zone))) as BookingRow[],
    );
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
          // A package books its whole series for the client, as their own booking would.
          await bookSessions(
            deps,
            {
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
            },
            await startsOfBooking(db, bs, start),
          );
        } catch (err) {
          if (!(err instanceof BookingError)) throw err;
          const _form =
            err.code === 'slot_taken'
              ? bs.rules.series_count > 1
                ? "One of the package's sessions overlaps another booking (or its buffer). Please choose another first time."
                : 'That time overlaps another booking (or its buffer). Please choose another time.'
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
      done === 'cancelled'
        ? 'Cancelled; the client has been told.'
        : done === 'moved'
          ? 'Moved; the client has one email with the new time, the updated calendar file and a new link.'
          : done === 'status'
            ? 'Saved.'
            : undefined;
    return one(request, reply, idOf(request), {}, notice);
  });

  app.post('/admin/bookings/:id/status', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing changed. Please press the button again.',
      render: (state, status) => one(request, reply, id, {}, state.errors._form, status),
      run: async ({ to }) => {
        if (to !== 'confirmed' && to !== 'declined' && to !== 'completed' && to !== 'no_show')
          throw new AppError('bad_input');
        const changed = await setBookingOutcome(deps, id, to, viewer.userId);
        kickOutbox(deps);
        if (!changed)
          return one(request, reply, id, {}, 'This booking changed in the meantime; here it is as it is now.', 409);
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
      render: (state, status) => one(request, reply, id, { cancel: state }, undefined, status),
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

  app.post('/admin/bookings/:id/move', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idOf(request);
    if (!(await bookingById(db, id))) throw new AppError('not_found');
    let warning: MoveWarning | undefined;
    return handleForm(request, reply, {
      schema: moveForm,
      expired:
        'For your security this page had expired, so nothing changed. The new time is still here: please press the button again.',
      render: (state, status) =>
        one(request, reply, id, { move: state, ...(warning ? { warning } : {}) }, undefined, status),
      run: async (v, values): Promise<FormOutcome> => {
        const zone = (await readSiteSettings(db)).timeZone;
        let start: number;
        if (v.slot) start = parseInstant(v.slot)!;
        else {
          const [hh, mm] = v.time.split(':').map(Number) as [number, number];
          start = wallToInstant(v.date, hh * 60 + mm, zone);
        }
        try {
          const moved = await moveByCoach(deps, id, start, {
            requestId: requestIdOf(values),
            override: v.override === '1',
            actorUserId: viewer.userId,
          });
          kickOutbox(deps);
          return `/admin/bookings/${moved.booking.id}?done=moved`;
        } catch (err) {
          if (err instanceof NeedsOverride) {
            const bs = await serviceWithRules(db, { id: (await bookingById(db, id))!.service_id }, deps.clock.now());
            warning = { rule: err.warning, start, rules: bs!.rules };
            // Not an error: the page asks her to confirm, with everything she chose kept.
            return { errors: {}, status: 409 };
          }
          if (!(err instanceof BookingError)) throw err;
          const _form =
            err.code === 'slot_taken'
              ? 'That time overlaps another booking (or its buffer), so the session was not moved. Please choose another time.'
              : err.code === 'in_past'
                ? 'That time has already passed. Please choose a time in the future.'
                : err.message;
          return { errors: { _form }, status: err.status };
        }
      },
    });
  });

  await bookingSetupRoutes(app, { deps });
}
