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
import type { ViewContext } from '../web/index.ts';
import {
  CsrfField,
  ErrorSummary,
  FormActions,
  type FormState,
  handleForm,
  Layout,
  parseForm,
  sendPage,
  typedValues,
} from '../web/index.ts';
import { type DetailsInput, detailsSchema } from './booking.form.ts';
import type { BookableService } from './booking.queries.ts';
import { bookingRateLimit, intakePassFor, planSeries } from './flow.ts';
import { BookConfirmPage, CarriedDetails } from './pages/book.tsx';

interface Wiring {
  deps: Deps;
  bookable(request: FastifyRequest): Promise<BookableService>;
  ctxOf(request: FastifyRequest, reply: FastifyReply): Promise<ViewContext>;
  detailsAgain(
    request: FastifyRequest,
    reply: FastifyReply,
    bs: BookableService,
    state: FormState,
    status: number,
  ): Promise<FastifyReply>;
}

/**
 * The intake step of services that ask for it: the guide's questions between the details and the
 * confirmation. The answers are never stored and never leave this request; only a signed "passed"
 * note travels on to the confirmation.
 */
export async function intakeRoutes(app: FastifyInstance, { deps, bookable, ctxOf, detailsAgain }: Wiring) {
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

  app.post('/book/:slug/intake', { config: bookingRateLimit }, async (request, reply) => {
    const bs = await bookable(request);
    const ctx = await ctxOf(request, reply);
    const schema = detailsSchema(bs.service.modality);
    const typed = typedValues(request.body);
    const parsed = parseAnswers(request.body, { mode: 'intake' });
    return handleForm(request, reply, {
      schema,
      expired: 'For your security this page had expired. Your answers are still here: please press "Continue" again.',
      // An expired page shows the questions again with the answers; details that need fixing show their form.
      render: (state, status) => {
        const details = parseForm(schema, state.values);
        if (status !== 403 || !details.ok) return detailsAgain(request, reply, bs, state, status);
        return sendPage(
          reply,
          <IntakePage
            ctx={ctx}
            bs={bs}
            values={details.values}
            answers={parsed.answers as never}
            errors={state.errors}
            typed={typed}
          />,
          403,
        );
      },
      run: (data, values) => intakeStep(request, reply, ctx, bs, data, values),
    });
  });

  async function intakeStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ViewContext,
    bs: BookableService,
    details: DetailsInput,
    values: Record<string, string>,
  ): Promise<FastifyReply> {
    const typed = values;
    const parsed = parseAnswers(request.body, { mode: 'intake' });
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
    const intakePass = intakePassFor(deps.secrets.cookieSecret, details.requestId);
    const plan = await planSeries(deps, bs, request.body, details.start);
    const series = 'series' in plan ? plan.series : undefined;
    return sendPage(
      reply,
      <BookConfirmPage
        ctx={ctx}
        bs={bs}
        values={values}
        start={details.start}
        tz={details.tz}
        intakePass={intakePass}
        {...(series ? { series } : {})}
      />,
    );
  }

  return { intakeStart };
}
