import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { addSitemapSource } from '../seo/index.ts';
import { activeServices } from '../site/index.ts';
import { allTimeZones, parseInstant } from '../time/index.ts';
import { AppError, addNavItem, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { bookingAdminRoutes } from './admin.routes.tsx';
import { bookingApiRoutes } from './api.routes.ts';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import { type BookableService, servicesWithRules, serviceWithRules } from './booking.queries.ts';
import { bookSessions } from './booking.service.ts';
import { bookingRateLimit, intakePassFor, planSeries, weekOfSlots, zoneFrom } from './flow.ts';
import { intakeRoutes } from './intake.routes.tsx';
import { manageRoutes } from './manage.routes.tsx';
import { BookConfirmPage, BookDetailsPage, BookProblemPage, BookServicesPage, BookSlotsPage } from './pages/book.tsx';
import { BookSentPage } from './pages/manage.tsx';

const zoneJs = fs.readFileSync(new URL('./islands/zone.js', import.meta.url));

/** The booking pages, the back office's booking rooms and the public JSON API. */
export async function bookingRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  addNavItem({ href: '/book', label: 'Book' }, 85);
  addSitemapSource('booking', async (x) => {
    const services = await activeServices(x);
    if (!services.length) return [];
    const rows = services.map((s) => ({ path: `/book/${s.slug}`, lastmod: s.updated_at }));
    return [{ path: '/book', lastmod: Math.max(...rows.map((r) => r.lastmod)) }, ...rows];
  });

  async function bookable(slug: unknown): Promise<BookableService> {
    const bs =
      typeof slug === 'string' && slug.length < 200
        ? await serviceWithRules(db, { slug }, deps.clock.now())
        : undefined;
    if (bs?.service.active !== 1) throw new AppError('not_found');
    return bs;
  }
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    return viewContext(db, deps.config.publicUrl, request, reply);
  };

  app.get('/book/zone.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(zoneJs),
  );

  app.get('/book', async (request, reply) => {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <BookServicesPage ctx={ctx} services={await servicesWithRules(db, deps.clock.now())} />);
  });

  app.get('/book/:slug', async (request, reply) => {
    const bs = await bookable((request.params as { slug: string }).slug);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const ctx = await ctxOf(request, reply);
    const tz = zoneFrom(query.tz, ctx.settings.timeZone);
    const week = await weekOfSlots(deps, bs, tz, query.from);
    const hrefFor = (s: { start: number }) =>
      `/book/${bs.service.slug}/details?${new URLSearchParams({ start: new Date(s.start).toISOString(), tz }).toString()}`;
    return sendPage(
      reply,
      <BookSlotsPage
        ctx={ctx}
        bs={bs}
        tz={tz}
        zones={allTimeZones()}
        path={`/book/${bs.service.slug}`}
        {...week}
        hrefFor={hrefFor}
        heading={`Choose a time: ${bs.service.name}`}
      />,
    );
  });

  app.get('/book/:slug/details', async (request, reply) => {
    const bs = await bookable((request.params as { slug: string }).slug);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const ctx = await ctxOf(request, reply);
    const start = typeof query.start === 'string' ? parseInstant(query.start) : undefined;
    if (start === undefined) return reply.redirect(`/book/${bs.service.slug}`, 303);
    const tz = zoneFrom(query.tz, ctx.settings.timeZone);
    return sendPage(
      reply,
      <BookDetailsPage
        ctx={ctx}
        bs={bs}
        state={{ values: {}, errors: {} }}
        start={start}
        tz={tz}
        requestId={newId()}
      />,
    );
  });

  app.post('/book/:slug/details', async (request, reply) => {
    const bs = await bookable((request.params as { slug: string }).slug);
    const ctx = await ctxOf(request, reply);
    const values = typedValues(request.body);
    const parsed = parseForm(detailsSchema(bs.service.modality), request.body);
    const start = parseInstant(values.start ?? '') ?? deps.clock.now();
    const tz = zoneFrom(values.tz, ctx.settings.timeZone);
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(values.requestId ?? '') ? values.requestId! : newId();
    if (!request.csrfOk) {
      const errors = {
        _form:
          'This form had expired, so nothing was sent. Everything you wrote is still here: please press "Continue" again.',
      };
      return sendPage(
        reply,
        <BookDetailsPage ctx={ctx} bs={bs} state={{ values, errors }} start={start} tz={tz} requestId={requestId} />,
        403,
      );
    }
    const plan = await planSeries(deps, bs, request.body, start);
    if (!parsed.ok || 'errors' in plan) {
      const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...('errors' in plan ? plan.errors : {}) };
      return sendPage(
        reply,
        <BookDetailsPage ctx={ctx} bs={bs} state={{ values, errors }} start={start} tz={tz} requestId={requestId} />,
        400,
      );
    }
    if (bs.rules.intake_required) return intakeStart(request, reply, bs, parsed.values);
    return sendPage(
      reply,
      <BookConfirmPage
        ctx={ctx}
        bs={bs}
        values={parsed.values}
        start={parsed.data.start}
        tz={parsed.data.tz}
        {...(plan.series ? { series: plan.series } : {})}
      />,
    );
  });

  app.post('/book/:slug/confirm', { config: bookingRateLimit }, async (request, reply) => {
    const bs = await bookable((request.params as { slug: string }).slug);
    const ctx = await ctxOf(request, reply);
    const values = typedValues(request.body);
    const parsed = parseForm(detailsSchema(bs.service.modality), request.body);
    if (!parsed.ok) {
      const start = parseInstant(values.start ?? '') ?? deps.clock.now();
      return sendPage(
        reply,
        <BookDetailsPage
          ctx={ctx}
          bs={bs}
          state={parsed.state}
          start={start}
          tz={zoneFrom(values.tz, ctx.settings.timeZone)}
          requestId={values.requestId ?? newId()}
        />,
        400,
      );
    }
    const d = parsed.data;
    const intakePass = values.intakePass;
    if (!request.csrfOk) {
      const errors = {
        _form:
          'For your security this page had expired, so nothing was booked yet. Please press "Confirm booking" again.',
      };
      return sendPage(
        reply,
        <BookConfirmPage
          ctx={ctx}
          bs={bs}
          values={parsed.values}
          start={d.start}
          tz={d.tz}
          errors={errors}
          {...(intakePass ? { intakePass } : {})}
        />,
        403,
      );
    }
    const plan = await planSeries(deps, bs, request.body, d.start);
    if ('errors' in plan)
      return sendPage(
        reply,
        <BookDetailsPage
          ctx={ctx}
          bs={bs}
          state={{ values, errors: plan.errors }}
          start={d.start}
          tz={d.tz}
          requestId={d.requestId}
        />,
        400,
      );
    const free = plan.series?.filter((s) => s.free).map((s) => s.start);
    if (
      plan.series &&
      free!.map((t) => new Date(t).toISOString().replace('.000Z', 'Z')).join(',') !== (values.expect ?? '')
    ) {
      // The times changed since the client saw them: show the new state before booking anything.
      const errors = {
        _form: 'Some of these times changed while you were looking. Please check the list again before you confirm.',
      };
      return sendPage(
        reply,
        <BookConfirmPage
          ctx={ctx}
          bs={bs}
          values={parsed.values}
          start={d.start}
          tz={d.tz}
          errors={errors}
          series={plan.series}
          {...(intakePass ? { intakePass } : {})}
        />,
        409,
      );
    }
    const intakeDone =
      !!intakePass &&
      crypto.timingSafeEqual(
        Buffer.from(intakePassFor(deps.secrets.cookieSecret, d.requestId)),
        Buffer.from(intakePass.padEnd(43).slice(0, 43)),
      );
    try {
      const modality = bs.service.modality === 'choice' ? (d.modality ?? 'video') : bs.service.modality;
      const [booked] = await bookSessions(
        deps,
        {
          serviceId: bs.service.id,
          start: d.start,
          timeZone: d.tz,
          name: d.name,
          email: d.email,
          phone: modality === 'phone' ? d.phone : null,
          note: d.note || null,
          modality,
          requestId: d.requestId,
          createdBy: 'client',
          intakeDone,
        },
        free ?? [d.start],
      );
      kickOutbox(deps);
      // A repeated submit has no new token to show: its confirmation email carries the link.
      if (!booked?.token) return reply.redirect('/book/sent', 303);
      return reply.redirect(`/book/manage?${new URLSearchParams({ t: booked.token, just: 'booked' }).toString()}`, 303);
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      if (err.code === 'needs_intake') return intakeStart(request, reply, bs, parsed.values);
      return sendPage(
        reply,
        <BookProblemPage
          ctx={ctx}
          bs={bs}
          message={err.message}
          nearest={err.nearest}
          values={parsed.values}
          tz={d.tz}
        />,
        err.code === 'slot_taken' ? 409 : 422,
      );
    }
  });

  app.get('/book/sent', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <BookSentPage ctx={ctx} />);
  });

  const { intakeStart } = await intakeRoutes(app, { deps, bookable, ctxOf });
  await manageRoutes(app, { deps });
  await bookingAdminRoutes(app, { deps });
  await bookingApiRoutes(app, { deps });
}
