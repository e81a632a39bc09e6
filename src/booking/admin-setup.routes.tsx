import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { readSiteSettings } from '../settings/index.ts';
import { allServices } from '../site/index.ts';
import {
  AppError,
  coachFormat,
  type FormState,
  handleForm,
  idParams,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  viewContext,
} from '../web/index.ts';
import {
  availabilitySetup,
  bookingsBetween,
  calendarFeedToken,
  defaultRules,
  serviceWithRules,
} from './booking.queries.ts';
import { coachRoomUrl } from './booking-mails.ts';
import { externalCalendarRefusal, STALE_MS, setExternalCalendar } from './external-calendar.ts';
import { feedIcs } from './ics.ts';
import { AdminAvailabilityPage, AdminServiceFormPage, AdminServicesPage } from './pages/admin-setup.tsx';
import {
  addTimeOff,
  calendarRow,
  removeAvailabilityEntry,
  rotateFeedToken,
  saveOverride,
  saveService,
  saveWeekly,
} from './setup.service.ts';
import {
  externalCalendarSchema,
  MAX_ROWS_PER_DAY,
  newServiceFormValues,
  overrideSchema,
  removeEntrySchema,
  serviceFormValues,
  serviceSchema,
  timeOffSchema,
  weeklyField,
  weeklyRows,
  weeklySchema,
} from './setup.ts';

const DAY = 86_400_000;
const savedQuery = z.object({ saved: queryValue });
const feedQuery = z.object({ key: queryValue });
const expired =
  'For your security this page had expired, so nothing was saved. What you entered is still here: please save again.';

/** The back office's booking set-up: services with their rules, availability, the calendar feed. */
const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest();

export async function bookingSetupRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);

  app.get('/admin/services', async (request, reply) => {
    requireCoach(request);
    const services = await allServices(db);
    const notice = parseQuery(savedQuery, request).saved ? 'Service saved.' : undefined;
    return sendPage(reply, <AdminServicesPage ctx={await ctxOf(request, reply)} services={services} notice={notice} />);
  });

  async function serviceForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    state: FormState,
    status = 200,
  ) {
    return sendPage(reply, <AdminServiceFormPage ctx={await ctxOf(request, reply)} id={id} state={state} />, status);
  }
  app.get('/admin/services/new', async (request, reply) => {
    requireCoach(request);
    return serviceForm(request, reply, null, { values: newServiceFormValues(defaultRules('', 0)), errors: {} });
  });

  app.get('/admin/services/:id', async (request, reply) => {
    requireCoach(request);
    const { id } = parseParams(idParams, request);
    const bs = await serviceWithRules(db, { id }, deps.clock.now());
    if (!bs) throw new AppError('not_found');
    return serviceForm(request, reply, id, { values: serviceFormValues(bs), errors: {} });
  });

  app.post('/admin/services/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const raw = parseParams(idParams, request).id;
    const id = raw === 'new' ? null : raw;
    return handleForm(request, reply, {
      schema: serviceSchema,
      expired,
      render: (state, status) => serviceForm(request, reply, id, state, status),
      run: (input) => saveService(deps, id, input, viewer.userId).then((r) => (r.ok ? '/admin/services?saved=1' : r)),
      refusals: { slug_taken: { field: 'slug', message: 'Another service already uses this address.', status: 400 } },
    });
  });

  async function availability(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { weekly?: FormState; override?: FormState; timeOff?: FormState; external?: FormState } = {},
    status = 200,
    notice?: string,
  ) {
    const ctx = await ctxOf(request, reply);
    const { weekly, overrides, timeOff } = await availabilitySetup(db);
    const calendar = await calendarRow(db, deps.clock.now());
    const stale =
      !!calendar.external_url &&
      calendar.external_fetched_at !== null &&
      deps.clock.now() - calendar.external_fetched_at > STALE_MS;
    return sendPage(
      reply,
      <AdminAvailabilityPage
        ctx={ctx}
        weekly={weekly}
        overrides={overrides}
        timeOff={timeOff}
        calendar={calendar}
        forms={forms}
        notice={notice}
        stale={stale}
      />,
      status,
    );
  }

  app.get('/admin/availability', async (request, reply) => {
    requireCoach(request);
    return availability(request, reply, {}, 200, parseQuery(savedQuery, request).saved ? 'Saved.' : undefined);
  });

  const saved = '/admin/availability?saved=1';
  app.post('/admin/availability/weekly', async (request, reply) => {
    const viewer = requireCoach(request);
    const render = (weekly: FormState, status: number) => availability(request, reply, { weekly }, status);
    const f = coachFormat({ settings: await readSiteSettings(db) });
    return handleForm(request, reply, {
      schema: weeklySchema((minutes) => f.time(minutes * 60_000, 'UTC')),
      expired,
      render,
      // "Add another row" (a submit button, so it works with JavaScript off): the same form again
      // with what was typed and one more empty row for that day; nothing is saved.
      before: (values) => {
        if (values.add === undefined) return undefined;
        const weekday = Number(values.add);
        if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new AppError('bad_input');
        const rows = weeklyRows(values)[weekday] ?? [];
        if (rows.length >= MAX_ROWS_PER_DAY) return render({ values, errors: {} }, 200);
        const next = rows.length ? rows[rows.length - 1]! + 1 : 0;
        const { add: _add, ...typed } = values;
        return render(
          {
            values: { ...typed, [weeklyField(weekday, next, 'from')]: '', [weeklyField(weekday, next, 'to')]: '' },
            errors: {},
          },
          200,
        );
      },
      run: async (byWeekday) => {
        await saveWeekly(deps, byWeekday, viewer.userId);
        return saved;
      },
    });
  });

  app.post('/admin/availability/override', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      schema: overrideSchema,
      expired,
      render: (override, status) => availability(request, reply, { override }, status),
      run: async (o) => {
        await saveOverride(deps, o.date, o.hours, o.note, viewer.userId);
        return saved;
      },
    });
  });

  app.post('/admin/availability/time-off', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      schema: timeOffSchema,
      expired,
      render: (timeOff, status) => availability(request, reply, { timeOff }, status),
      run: async (t) => {
        await addTimeOff(deps, t.from, t.to, t.note, viewer.userId);
        return saved;
      },
    });
  });

  app.post('/admin/availability/remove', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing was removed. Please press Remove again.',
      render: (state, status) => availability(request, reply, {}, status, state.errors._form),
      run: async (values) => {
        // The buttons carry these; anything else was not sent by the page.
        const entry = removeEntrySchema.safeParse(values);
        if (!entry.success) throw new AppError('bad_input');
        await removeAvailabilityEntry(deps, entry.data.kind, entry.data.key, viewer.userId);
        return saved;
      },
    });
  });

  app.post('/admin/availability/external', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      schema: externalCalendarSchema,
      expired,
      render: (external, status) => availability(request, reply, { external }, status),
      run: async ({ url }) => {
        // An address that could never be read is said at once, beside what was typed (issue 15).
        const refusal = url ? await externalCalendarRefusal(deps, url) : undefined;
        if (refusal) return { errors: { url: refusal } };
        await setExternalCalendar(deps, url, viewer.userId);
        return saved;
      },
    });
  });

  app.post('/admin/availability/feed', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so the address did not change. Please press the button again.',
      render: (state, status) => availability(request, reply, {}, status, state.errors._form),
      run: async () => {
        await rotateFeedToken(deps, viewer.userId);
        return saved;
      },
    });
  });

  // The private feed: the secret travels in the query string, which logs never keep.
  app.get('/book/feed.ics', async (request, reply) => {
    const { key } = parseQuery(feedQuery, request);
    const feedToken = await calendarFeedToken(db);
    // Compared as hashes in constant time: the key is the only thing guarding the feed.
    if (feedToken === undefined || key === undefined || !crypto.timingSafeEqual(sha256(key), sha256(feedToken)))
      throw new AppError('not_found');
    const now = deps.clock.now();
    const settings = await readSiteSettings(db);
    const rows = await bookingsBetween(db, now - 60 * DAY, now + 400 * DAY);
    const events = rows
      .filter((b) => b.status !== 'declined' && !(b.status === 'cancelled' && b.cancel_reason === 'rescheduled'))
      .map((b) => ({
        uid: b.ical_uid,
        sequence: b.ical_sequence,
        start: b.start_at,
        end: b.end_at,
        summary: `${b.service_name}: ${b.client_name}`,
        description: b.modality === 'phone' ? `Call ${b.client_phone ?? ''}` : 'Video in the portal',
        url: `${deps.config.publicUrl}/admin/bookings/${b.id}`,
        // The coach's own feed: where she goes (her room address, or whom to call), never a client's link.
        location:
          b.modality === 'phone'
            ? `Phone: call ${b.client_name} at ${b.client_phone ?? 'their number'}`
            : coachRoomUrl(deps.config.publicUrl, b.id),
        cancelled: b.status === 'cancelled',
        pending: b.status === 'pending',
      }));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(feedIcs(`${settings.practiceName} bookings`, events, now));
  });
}
