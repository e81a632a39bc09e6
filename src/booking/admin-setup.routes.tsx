import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { readSiteSettings } from '../site/index.ts';
import { AppError, type FormState, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { bookingsBetween, defaultRules, serviceWithRules } from './booking.queries.ts';
import { STALE_MS, setExternalCalendar } from './external-calendar.ts';
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
import { overrideSchema, serviceSchema, timeOffSchema, weeklySchema } from './setup.ts';
import type { WallRange } from './slots.ts';

const DAY = 86_400_000;
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
    const services = await db.selectFrom('services').selectAll().orderBy('sort_order').orderBy('name').execute();
    const notice = (request.query as Record<string, unknown>)?.saved ? 'Service saved.' : undefined;
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
  async function serviceValues(id: string): Promise<Record<string, string>> {
    const bs = await serviceWithRules(db, { id }, deps.clock.now());
    if (!bs) throw new AppError('not_found');
    const { service: s, rules: r } = bs;
    const h = (m: number) => String(Math.round((m / 60) * 100) / 100);
    return {
      name: s.name,
      slug: s.slug,
      summary: s.summary,
      description_md: s.description_md,
      duration_minutes: String(s.duration_minutes),
      price: (s.price_cents / 100).toFixed(2),
      currency: s.currency,
      modality: s.modality,
      active: String(s.active),
      sort_order: String(s.sort_order),
      buffer_before_min: String(r.buffer_before_min),
      buffer_after_min: String(r.buffer_after_min),
      notice_min: h(r.notice_min),
      horizon_days: String(r.horizon_days),
      step_min: String(r.step_min),
      daily_limit: r.daily_limit === null ? '' : String(r.daily_limit),
      intake_required: String(r.intake_required),
      approval_required: String(r.approval_required),
      cancel_notice_min: h(r.cancel_notice_min),
      reminders: (JSON.parse(r.reminder_offsets_json) as number[]).map(h).join(', '),
    };
  }

  app.get('/admin/services/new', async (request, reply) => {
    requireCoach(request);
    const d = defaultRules('', 0);
    const values = {
      currency: 'EUR',
      modality: 'video',
      active: '1',
      sort_order: '0',
      duration_minutes: '60',
      price: '0',
      buffer_before_min: '0',
      buffer_after_min: '0',
      notice_min: String(d.notice_min / 60),
      horizon_days: String(d.horizon_days),
      step_min: '0',
      intake_required: '0',
      approval_required: '0',
      cancel_notice_min: String(d.cancel_notice_min / 60),
      reminders: '24, 1',
    };
    return serviceForm(request, reply, null, { values, errors: {} });
  });

  app.get('/admin/services/:id', async (request, reply) => {
    requireCoach(request);
    const id = String((request.params as { id: string }).id).slice(0, 100);
    return serviceForm(request, reply, id, { values: await serviceValues(id), errors: {} });
  });

  app.post('/admin/services/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const raw = String((request.params as { id: string }).id).slice(0, 100);
    const id = raw === 'new' ? null : raw;
    const values = typedValues(request.body);
    if (!request.csrfOk) return serviceForm(request, reply, id, { values, errors: { _form: expired } }, 403);
    const parsed = parseForm(serviceSchema, request.body);
    if (!parsed.ok) return serviceForm(request, reply, id, parsed.state, 400);
    const r = await saveService(deps, id, parsed.data, viewer.userId);
    if (!r.ok && r.reason === 'not_found') throw new AppError('not_found');
    if (!r.ok)
      return serviceForm(
        request,
        reply,
        id,
        { values, errors: { slug: 'Another service already uses this address.' } },
        400,
      );
    return reply.redirect('/admin/services?saved=1', 303);
  });

  async function availability(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { weekly?: FormState; override?: FormState; timeOff?: FormState; external?: FormState } = {},
    status = 200,
    notice?: string,
  ) {
    const ctx = await ctxOf(request, reply);
    const weeklyRows = await db.selectFrom('availability_weekly').selectAll().orderBy('start_min').execute();
    const weekly: Record<number, WallRange[]> = {};
    for (const w of weeklyRows) {
      weekly[w.weekday] ??= [];
      weekly[w.weekday]!.push({ start: w.start_min, end: w.end_min });
    }
    const overrides = (await db.selectFrom('availability_overrides').selectAll().orderBy('date').execute()).map(
      (o) => ({ date: o.date, ranges: JSON.parse(o.ranges_json) as WallRange[], note: o.note }),
    );
    const timeOff = await db.selectFrom('time_off').selectAll().orderBy('from_date').execute();
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
    return availability(
      request,
      reply,
      {},
      200,
      (request.query as Record<string, unknown>)?.saved ? 'Saved.' : undefined,
    );
  });

  app.post('/admin/availability/weekly', async (request, reply) => {
    const viewer = requireCoach(request);
    const values = typedValues(request.body);
    if (!request.csrfOk) return availability(request, reply, { weekly: { values, errors: { _form: expired } } }, 403);
    const parsed = parseForm(weeklySchema, request.body);
    if (!parsed.ok) return availability(request, reply, { weekly: parsed.state }, 400);
    const byWeekday = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, parsed.data[`d${d}` as 'd1']]));
    await saveWeekly(deps, byWeekday, viewer.userId);
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  app.post('/admin/availability/override', async (request, reply) => {
    const viewer = requireCoach(request);
    const values = typedValues(request.body);
    if (!request.csrfOk) return availability(request, reply, { override: { values, errors: { _form: expired } } }, 403);
    const parsed = parseForm(overrideSchema, request.body);
    if (!parsed.ok) return availability(request, reply, { override: parsed.state }, 400);
    await saveOverride(deps, parsed.data.date, parsed.data.hours, parsed.data.note, viewer.userId);
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  app.post('/admin/availability/time-off', async (request, reply) => {
    const viewer = requireCoach(request);
    const values = typedValues(request.body);
    if (!request.csrfOk) return availability(request, reply, { timeOff: { values, errors: { _form: expired } } }, 403);
    const parsed = parseForm(timeOffSchema, request.body);
    if (!parsed.ok) return availability(request, reply, { timeOff: parsed.state }, 400);
    await addTimeOff(deps, parsed.data.from, parsed.data.to, parsed.data.note, viewer.userId);
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  app.post('/admin/availability/remove', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return availability(
        request,
        reply,
        {},
        403,
        'For your security this page had expired, so nothing was removed. Please press Remove again.',
      );
    const v = typedValues(request.body);
    if ((v.kind !== 'override' && v.kind !== 'time_off') || !v.key || v.key.length > 100)
      throw new AppError('bad_input');
    await removeAvailabilityEntry(deps, v.kind, v.key, viewer.userId);
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  app.post('/admin/availability/external', async (request, reply) => {
    const viewer = requireCoach(request);
    const values = typedValues(request.body);
    if (!request.csrfOk) return availability(request, reply, { external: { values, errors: { _form: expired } } }, 403);
    const raw = (values.url ?? '').trim().replace(/^webcal:\/\//i, 'https://');
    let url: string | null = null;
    if (raw) {
      const ok = URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol) && raw.length <= 2000;
      if (!ok)
        return availability(
          request,
          reply,
          {
            external: {
              values,
              errors: { url: 'Enter the calendar address starting with https://, or leave it empty.' },
            },
          },
          400,
        );
      url = raw;
    }
    await setExternalCalendar(deps, url);
    await recordAudit(
      db,
      { actorUserId: viewer.userId, action: 'booking.external_calendar', detail: { set: url !== null } },
      deps.clock.now(),
    );
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  app.post('/admin/availability/feed', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return availability(
        request,
        reply,
        {},
        403,
        'For your security this page had expired, so the address did not change. Please press the button again.',
      );
    await rotateFeedToken(deps, viewer.userId);
    return reply.redirect('/admin/availability?saved=1', 303);
  });

  // The private feed: the secret travels in the query string, which logs never keep.
  app.get('/book/feed.ics', async (request, reply) => {
    const key = (request.query as Record<string, unknown>)?.key;
    const cal = await db
      .selectFrom('booking_calendar')
      .select('feed_token')
      .where('id', '=', 'practice')
      .executeTakeFirst();
    // Compared as hashes in constant time: the key is the only thing guarding the feed.
    if (!cal || typeof key !== 'string' || !crypto.timingSafeEqual(sha256(key), sha256(cal.feed_token)))
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
        cancelled: b.status === 'cancelled',
      }));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(feedIcs(`${settings.practiceName} bookings`, events, now));
  });
}
