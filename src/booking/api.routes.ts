import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import {
  addDays,
  canonicalTimeZone,
  daysBetween,
  isLocalDate,
  isTimeZone,
  startOfDay,
  toIsoUtc,
} from '../time/index.ts';
import { AppError, CodedError, parseParams, parseQuery } from '../web/index.ts';
import { freeSlots } from './availability.ts';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import { servicesWithRules, serviceWithRules } from './booking.queries.ts';
import { bookSessions, startsOfBooking } from './booking.service.ts';
import type { Booking } from './booking.tables.ts';
import { manageUrl } from './booking-mails.ts';
import { openApiDocument } from './openapi.ts';

const MAX_RANGE_DAYS = 62;
const slotsQuery = z.object({
  from: z.string({ error: 'Give from=YYYY-MM-DD.' }).refine(isLocalDate, 'from must be a date written YYYY-MM-DD.'),
  to: z.string({ error: 'Give to=YYYY-MM-DD.' }).refine(isLocalDate, 'to must be a date written YYYY-MM-DD.'),
  timeZone: z
    .string({ error: 'Give timeZone, an IANA zone such as Europe/London.' })
    .refine(isTimeZone, 'timeZone must be an IANA zone such as Europe/London.')
    .transform((v) => canonicalTimeZone(v) ?? v),
});
const bookingBody = z.object({
  serviceId: z.string({ error: 'Give serviceId.' }).min(1).max(100),
  start: z.string({ error: 'Give start, an ISO-8601 instant.' }),
  timeZone: z.string({ error: 'Give timeZone, an IANA zone.' }),
  name: z.string({ error: 'Give name.' }),
  email: z.string({ error: 'Give email.' }),
  phone: z.string().optional(),
  note: z.string().optional(),
  modality: z.enum(['video', 'phone']).optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'requestId must be 8–64 letters, digits or dashes.')
    .optional(),
});

const idParams = z.object({ id: z.string() });
const noService = () => new BookingError('unknown_service', [], { message: 'No bookable service has that id.' });

function bookingJson(b: Booking, publicUrl: string, token: string | null) {
  return {
    id: b.id,
    serviceId: b.service_id,
    status: b.status,
    start: toIsoUtc(b.start_at),
    end: toIsoUtc(b.end_at),
    timeZone: b.client_time_zone,
    modality: b.modality,
    ...(token ? { manageUrl: manageUrl(publicUrl, token) } : {}),
  };
}

/** The public JSON API: the same engine and the same booking transaction as the web form. */
export async function bookingApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  await app.register(async (api) => {
    // Fastify's own refusals of a body it cannot read say how to send one; the app's one error
    // handler then answers them, like every error here, as problem details (RFC 9457).
    api.setErrorHandler((err: FastifyError) => {
      if (err instanceof CodedError) throw err;
      if (err.statusCode === 429)
        throw new AppError('rate_limited', 'Too many requests; wait a few minutes and try again.');
      if (err.statusCode === 400 || err.statusCode === 415)
        throw new AppError(
          err.statusCode === 415 ? 'unsupported_media_type' : 'bad_input',
          'The request could not be read; send JSON as documented at /api/v1/openapi.json.',
        );
      throw err;
    });
    const reads = { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

    api.get('/api/v1/openapi.json', async () =>
      openApiDocument(
        deps.config.publicUrl,
        api.errorRegistry.all().map((c) => c.code),
      ),
    );

    api.get('/api/v1/services', reads, async () => {
      const list = await servicesWithRules(db, deps.clock.now());
      return {
        services: list.map(({ service: s, rules: r }) => ({
          id: s.id,
          slug: s.slug,
          name: s.name,
          summary: s.summary,
          durationMinutes: s.duration_minutes,
          priceCents: s.price_cents,
          currency: s.currency,
          modality: s.modality,
          intakeRequired: r.intake_required === 1,
          approvalRequired: r.approval_required === 1,
          sessionsPerBooking: r.series_count,
          packageRepeat: r.series_repeat,
          oncePerClient: r.once_per_client === 1,
          bookingUrl: `${deps.config.publicUrl}/book/${s.slug}`,
        })),
      };
    });

    api.get('/api/v1/services/:id/slots', reads, async (request) => {
      const { id } = parseParams(idParams, request);
      const bs = id.length <= 100 ? await serviceWithRules(db, { id }, deps.clock.now()) : undefined;
      if (bs?.service.active !== 1) throw noService();
      const { from, to, timeZone } = parseQuery(slotsQuery, request, { issueMessages: true });
      const span = daysBetween(from, to);
      if (span < 0) throw new AppError('bad_input', 'to must not be before from.');
      if (span >= MAX_RANGE_DAYS) throw new AppError('bad_input', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
      const zone = (await readSiteSettings(db)).timeZone;
      const slots = await freeSlots(
        db,
        bs,
        zone,
        deps.clock.now(),
        startOfDay(from, timeZone),
        startOfDay(addDays(to, 1), timeZone),
      );
      return { slots: slots.map((s) => ({ start: toIsoUtc(s.start), end: toIsoUtc(s.end) })) };
    });

    api.post(
      '/api/v1/bookings',
      { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } },
      async (request, reply) => {
        // JSON only: a form on another site could post url-encoded fields here from a visitor's browser, with no preflight.
        if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? '')))
          throw new AppError(
            'unsupported_media_type',
            'Send the booking as JSON, with Content-Type: application/json.',
          );
        const body = bookingBody.safeParse(request.body ?? {});
        if (!body.success) throw new AppError('bad_input', body.error.issues[0]?.message ?? 'Check the request body.');
        const b = body.data;
        const bs = await serviceWithRules(db, { id: b.serviceId }, deps.clock.now());
        if (bs?.service.active !== 1) throw noService();
        const requestId =
          b.requestId ??
          (typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : newId());
        const form = detailsSchema(bs.service.modality).safeParse({
          name: b.name,
          email: b.email,
          phone: b.phone ?? '',
          modality: b.modality ?? '',
          note: b.note ?? '',
          start: b.start,
          tz: b.timeZone,
          requestId,
        });
        if (!form.success) {
          const fields = Object.fromEntries(
            form.error.issues.map((i) => [i.path.join('.') === 'tz' ? 'timeZone' : i.path.join('.'), i.message]),
          );
          throw new AppError('bad_input', form.error.issues[0]?.message ?? 'Check the request body.', { fields });
        }
        const d = form.data;
        try {
          // A package books all its sessions, or none (the API has no page to show a partial plan on).
          const all = await bookSessions(
            deps,
            {
              serviceId: bs.service.id,
              start: d.start,
              timeZone: d.tz,
              name: d.name,
              email: d.email,
              phone: d.phone,
              note: d.note || null,
              modality: d.modality ?? null,
              requestId: d.requestId,
              createdBy: 'api',
            },
            await startsOfBooking(db, bs, d.start),
          );
          kickOutbox(deps);
          const booked = all[0]!;
          const json = (x: (typeof all)[number]) => bookingJson(x.booking, deps.config.publicUrl, x.token);
          const status = booked.replayed ? 200 : booked.booking.status === 'pending' ? 202 : 201;
          return reply
            .code(status)
            .send({ booking: json(booked), ...(all.length > 1 ? { series: all.map(json) } : {}) });
        } catch (err) {
          // The web form asks the intake questions: say where it is.
          if (err instanceof BookingError && err.code === 'needs_intake')
            err.extra.bookingUrl = `${deps.config.publicUrl}/book/${bs.service.slug}`;
          throw err;
        }
      },
    );
  });
}
