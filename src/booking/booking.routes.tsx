import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { storeIntakeAnswers } from '../guide/index.ts';
import { kickOutbox } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { activeServices } from '../site/index.ts';
import { allTimeZones, parseInstant } from '../time/index.ts';
import type { SitemapSource } from '../web/index.ts';
import {
  AppError,
  compress,
  type FormState,
  handleForm,
  parseForm,
  parseParams,
  parseQuery,
  queryValue,
  sendPage,
  viewContext,
} from '../web/index.ts';
import { bookingAdminRoutes } from './admin.routes.tsx';
import { bookingApiRoutes } from './api.routes.ts';
import { nearestFree } from './availability.ts';
import { BookingError } from './booking.errors.ts';
import { detailsSchema } from './booking.form.ts';
import { type BookableService, servicesWithRules, serviceWithRules } from './booking.queries.ts';
import { bookedOnceAlready, bookSessions, type SeriesCheck } from './booking.service.ts';
import { bookingRateLimit, intakePassValid, planSeries, requestIdOf, visitorZone, weekOfSlots } from './flow.ts';
import { intakeRoutes } from './intake.routes.tsx';
import { manageRoutes } from './manage.routes.tsx';
import { BookConfirmPage, BookDetailsPage, BookProblemPage, BookServicesPage, BookSlotsPage } from './pages/book.tsx';
import { BookSentPage } from './pages/manage.tsx';

const zoneJs = fs.readFileSync(new URL('./islands/zone.js', import.meta.url));
const slugParams = z.object({ slug: z.string().max(200) });
const weekQuery = z.object({ tz: queryValue, from: queryValue });
const startQuery = z.object({ start: queryValue, tz: queryValue });

/** This module's pages in the sitemap, by kind (installed by app.ts with the other contributions). */
export const bookingSitemap: Record<string, SitemapSource> = {
  booking: async (x) => {
    // Only /book: each service's times page changes by the minute and is noindex, and a sitemap
    // must not list pages it asks search engines to leave out.
    const services = await activeServices(x);
    if (!services.length) return [];
    return [{ path: '/book', lastmod: Math.max(...services.map((s) => s.updated_at)) }];
  },
};

/** The booking pages, the back office's booking rooms and the public JSON API. */
export async function bookingRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  /** The active service the address names, or a 404. */
  async function bookable(request: FastifyRequest): Promise<BookableService> {
    const { slug } = parseParams(slugParams, request);
    const bs = await serviceWithRules(db, { slug }, deps.clock.now());
    if (bs?.service.active !== 1) throw new AppError('not_found');
    return bs;
  }
  // The booking pages read Accept-Language (the visitor's clock, the zone guessed when none was
  // chosen), so none of them may come from a cache keyed by path alone: booking/index.ts marks none
  // of them `cacheable` for the page cache (and viewContext never reads the locale on a page that
  // is), and each says Vary: Accept-Language to any HTTP cache on the way.
  const visitorPage = (reply: FastifyReply) => reply.header('vary', 'accept-language');
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => {
    visitorPage(reply).header('cache-control', 'no-store');
    return viewContext(db, deps.config.publicUrl, request, reply);
  };

  app.get('/book/zone.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(zoneJs),
  );
  // The same bytes, compressed once, answered before Fastify (web/fast-path.ts).
  app.fastPath.addFixed('/book/zone.js', 'text/javascript; charset=utf-8', 'public, max-age=3600', compress(zoneJs));

  app.get('/book', async (request, reply) => {
    visitorPage(reply);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <BookServicesPage ctx={ctx} services={await servicesWithRules(db, deps.clock.now())} />);
  });

  app.get('/book/:slug', async (request, reply) => {
    const bs = await bookable(request);
    const query = parseQuery(weekQuery, request);
    const ctx = await ctxOf(request, reply);
    const tz = visitorZone(query.tz, ctx, deps.clock.now());
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
    const bs = await bookable(request);
    const query = parseQuery(startQuery, request);
    const ctx = await ctxOf(request, reply);
    const start = query.start === undefined ? undefined : parseInstant(query.start);
    if (start === undefined) return reply.redirect(`/book/${bs.service.slug}`, 303);
    const tz = visitorZone(query.tz, ctx, deps.clock.now());
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

  /** The details form again, with what was typed and what to fix. */
  const detailsAgain = (
    request: FastifyRequest,
    reply: FastifyReply,
    bs: BookableService,
    state: FormState,
    status: number,
  ) =>
    ctxOf(request, reply).then((ctx) =>
      sendPage(
        reply,
        <BookDetailsPage
          ctx={ctx}
          bs={bs}
          state={state}
          start={parseInstant(state.values.start ?? '') ?? deps.clock.now()}
          tz={visitorZone(state.values.tz, ctx, deps.clock.now())}
          requestId={requestIdOf(state.values)}
        />,
        status,
      ),
    );

  // Limited before anything is read: the form used to be open to any number of posts (issue 9, finding 9).
  app.post('/book/:slug/details', { config: bookingRateLimit }, async (request, reply) => {
    const bs = await bookable(request);
    let plan: Awaited<ReturnType<typeof planSeries>> = { series: undefined };
    return handleForm(request, reply, {
      schema: detailsSchema(bs.service.modality),
      expired:
        'This form had expired, so nothing was sent. Everything you wrote is still here: please press "Continue" again.',
      render: (state, status) => detailsAgain(request, reply, bs, state, status),
      // The repetition is checked with the details, so both kinds of message show at once.
      check: async (values) => {
        plan = await planSeries(deps, bs, request.body, parseInstant(values.start ?? '') ?? deps.clock.now());
        const errors = 'errors' in plan ? { ...plan.errors } : {};
        // Said at once, before the intake or the confirmation, with everything typed kept.
        if (values.email && (await bookedOnceAlready(deps, bs, values.email)))
          errors.email = new BookingError('once_per_client').message;
        return errors;
      },
      run: async (d, values) => {
        if (await hasQuestionsStep(bs)) return intakeStart(request, reply, bs, values);
        const series = 'series' in plan ? plan.series : undefined;
        return sendPage(
          reply,
          <BookConfirmPage
            ctx={await ctxOf(request, reply)}
            bs={bs}
            values={values}
            start={d.start}
            tz={d.tz}
            {...(series ? { series } : {})}
          />,
        );
      },
    });
  });

  app.post('/book/:slug/confirm', { config: bookingRateLimit }, async (request, reply) => {
    const bs = await bookable(request);
    const ctx = await ctxOf(request, reply);
    const schema = detailsSchema(bs.service.modality);
    const confirmAgain = (
      values: Record<string, string>,
      d: { start: number; tz: string },
      errors: Record<string, string>,
      status: number,
      series?: SeriesCheck[],
    ) =>
      sendPage(
        reply,
        <BookConfirmPage
          ctx={ctx}
          bs={bs}
          values={values}
          start={d.start}
          tz={d.tz}
          errors={errors}
          {...(series ? { series } : {})}
          {...(values.intakePass ? { intakePass: values.intakePass } : {})}
        />,
        status,
      );
    return handleForm(request, reply, {
      schema,
      expired:
        'For your security this page had expired, so nothing was booked yet. Please press "Confirm booking" again.',
      // An expired confirmation shows the confirmation again; details that need fixing show their form.
      render: (state, status) => {
        const details = parseForm(schema, state.values);
        if (status === 403 && details.ok) return confirmAgain(state.values, details.data, state.errors, 403);
        return detailsAgain(request, reply, bs, state, status);
      },
      run: async (d, values) => {
        const plan = await planSeries(deps, bs, request.body, d.start);
        if ('errors' in plan) return { errors: plan.errors };
        const free = plan.series?.filter((s) => s.free).map((s) => s.start);
        if (
          plan.series &&
          free!.map((t) => new Date(t).toISOString().replace('.000Z', 'Z')).join(',') !== (values.expect ?? '')
        ) {
          // The times changed since the client saw them: show the new state before booking anything.
          const _form =
            'Some of these times changed while you were looking. Please check the list again before you confirm.';
          return confirmAgain(values, d, { _form }, 409, plan.series);
        }
        const intakeDone = intakePassValid(deps.secrets.cookieSecret, d.requestId, values.intakePass);
        // The coach's questions are read again: a required answer cannot be skipped by posting here directly.
        const answers = await carriedAnswers(bs, request.body);
        if (!answers.ok) return intakeStart(request, reply, bs, values, answers.errors);
        try {
          const [booked] = await bookSessions(
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
              createdBy: 'client',
              intakeDone,
            },
            free ?? [d.start],
          );
          // Sealed, keyed by the request id (a repeated submit keeps the first); no email carries them.
          await storeIntakeAnswers(deps, d.requestId, bs.service.id, answers.content);
          kickOutbox(deps);
          // A repeated submit has no new token to show: its confirmation email carries the link.
          if (!booked?.token) return '/book/sent';
          return `/book/manage?${new URLSearchParams({ t: booked.token, just: 'booked' }).toString()}`;
        } catch (err) {
          if (!(err instanceof BookingError)) throw err;
          if (err.code === 'needs_intake') return intakeStart(request, reply, bs, values);
          if (err.code === 'once_per_client')
            return detailsAgain(request, reply, bs, { values, errors: { email: err.message } }, err.status);
          // Every refusal offers the nearest free times, with the typed details carried in the form:
          // a time in the past, too soon or not on the grid used to end on a page that kept nothing
          // (issue 9, finding 8).
          const now = deps.clock.now();
          const nearest = err.nearest.length
            ? err.nearest
            : await nearestFree(deps.dbh.db, bs, ctx.settings.timeZone, now, Math.max(d.start, now));
          return sendPage(
            reply,
            <BookProblemPage ctx={ctx} bs={bs} message={err.message} nearest={nearest} values={values} tz={d.tz} />,
            err.status,
          );
        }
      },
    });
  });

  app.get('/book/sent', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <BookSentPage ctx={ctx} />);
  });

  const { intakeStart, hasQuestionsStep, carriedAnswers } = await intakeRoutes(app, {
    deps,
    bookable,
    ctxOf,
    detailsAgain,
  });
  await manageRoutes(app, { deps });
  await bookingAdminRoutes(app, { deps });
  await bookingApiRoutes(app, { deps });
}
