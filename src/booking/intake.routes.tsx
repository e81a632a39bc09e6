import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import {
  evaluateWithSettings,
  IntakeFields,
  IntakeStopped,
  intakeVerdict,
  loadIntakeHelp,
  parseAnswers,
  readGuideSettings,
  urgentRulesFired,
} from '../guide/index.ts';
import { newId } from '../security/index.ts';
import { parseInstant } from '../time/index.ts';
import type { ViewContext } from '../web/index.ts';
import { CsrfField, ErrorSummary, FormActions, Layout, parseForm, sendPage, typedValues } from '../web/index.ts';
import { detailsSchema } from './booking.form.ts';
import type { BookableService } from './booking.queries.ts';
import { intakePassFor, planSeries, zoneFrom } from './flow.ts';
import { BookConfirmPage, BookDetailsPage, CarriedDetails } from './pages/book.tsx';

interface Wiring {
  deps: Deps;
  bookable(slug: unknown): Promise<BookableService>;
  ctxOf(request: FastifyRequest, reply: FastifyReply): Promise<ViewContext>;
}

/**
 * The intake step of services that ask for it: the guide's questions between the details and the
 * confirmation. The answers are never stored and never leave this request; only a signed "passed"
 * note travels on to the confirmation.
 */
export async function intakeRoutes(app: FastifyInstance, { deps, bookable, ctxOf }: Wiring) {
  const db = deps.dbh.db;

  function IntakePage({
    ctx,
    bs,
    values,
    answers,
    errors,
    typed,
  }: {
    ctx: ViewContext;
    bs: BookableService;
    values: Record<string, string>;
    answers: Record<string, never>;
    errors: Record<string, string>;
    typed?: Record<string, string>;
  }) {
    return (
      <Layout
        ctx={ctx}
        seo={{
          title: 'A few questions first',
          description: `Before booking ${bs.service.name}.`,
          path: `/book/${bs.service.slug}/intake`,
          noindex: true,
        }}
        narrow
      >
        <h1>A few questions first</h1>
        <p class="lead">
          These help make sure coaching is the right kind of support for you now. Your answers are not stored: they are
          used only to decide the next step.
        </p>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/book/${bs.service.slug}/intake`} novalidate>
          <CsrfField ctx={ctx} />
          <CarriedDetails values={values} />
          <input type="hidden" name="start" value={values.start ?? ''} />
          <IntakeFields answers={answers} errors={errors} {...(typed ? { values: typed as never } : {})} />
          <FormActions>
            <button type="submit" class="button">
              Continue
            </button>
          </FormActions>
        </form>
      </Layout>
    );
  }

  async function intakeStart(
    request: FastifyRequest,
    reply: FastifyReply,
    bs: BookableService,
    values: Record<string, string>,
  ) {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <IntakePage ctx={ctx} bs={bs} values={values} answers={{}} errors={{}} />);
  }

  app.post('/book/:slug/intake', async (request, reply) => {
    const bs = await bookable((request.params as { slug: string }).slug);
    const ctx = await ctxOf(request, reply);
    const typed = typedValues(request.body);
    const details = parseForm(detailsSchema(bs.service.modality), request.body);
    if (!details.ok) {
      const start = parseInstant(typed.start ?? '') ?? deps.clock.now();
      return sendPage(
        reply,
        <BookDetailsPage
          ctx={ctx}
          bs={bs}
          state={details.state}
          start={start}
          tz={zoneFrom(typed.tz, ctx.settings.timeZone)}
          requestId={typed.requestId ?? newId()}
        />,
        400,
      );
    }
    const values = details.values;
    const parsed = parseAnswers(request.body, { mode: 'intake' });
    if (!request.csrfOk) {
      const errors = {
        _form: 'For your security this page had expired. Your answers are still here: please press "Continue" again.',
      };
      return sendPage(
        reply,
        <IntakePage
          ctx={ctx}
          bs={bs}
          values={values}
          answers={parsed.answers as never}
          errors={errors}
          typed={typed}
        />,
        403,
      );
    }
    const urgent = urgentRulesFired(parsed.answers).length > 0;
    if (!urgent && !parsed.ok)
      return sendPage(
        reply,
        <IntakePage
          ctx={ctx}
          bs={bs}
          values={values}
          answers={parsed.answers as never}
          errors={parsed.errors ?? {}}
          typed={typed}
        />,
        400,
      );
    const evaluation = await evaluateWithSettings(db, parsed.answers);
    const verdict = intakeVerdict(evaluation, await readGuideSettings(db));
    if (urgent || !verdict.proceed) {
      const help = await loadIntakeHelp(db, ctx.settings.country);
      return sendPage(
        reply,
        <Layout
          ctx={ctx}
          seo={{
            title: 'Before we book',
            description: 'The right support for you now.',
            path: `/book/${bs.service.slug}/intake`,
            noindex: true,
          }}
          narrow
        >
          <h1>Before we book</h1>
          <IntakeStopped evaluation={evaluation} ctx={ctx} help={help} />
          <p>Nothing was booked and your answers were not kept.</p>
        </Layout>,
      );
    }
    const intakePass = intakePassFor(deps.secrets.cookieSecret, details.data.requestId);
    const plan = await planSeries(deps, bs, request.body, details.data.start);
    const series = 'series' in plan ? plan.series : undefined;
    return sendPage(
      reply,
      <BookConfirmPage
        ctx={ctx}
        bs={bs}
        values={values}
        start={details.data.start}
        tz={details.data.tz}
        intakePass={intakePass}
        {...(series ? { series } : {})}
      />,
    );
  });

  return { intakeStart };
}
