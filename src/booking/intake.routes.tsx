import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import {
  CoachQuestionFields,
  evaluateWithSettings,
  IntakeFields,
  type IntakeQuestion,
  IntakeStopped,
  intakeQuestionsFor,
  intakeVerdict,
  loadIntakeHelp,
  type OptIns,
  Phq9CheckIn,
  parseAnswers,
  parseCoachAnswers,
  phq9Flag,
  readGuideSettings,
  type SealedIntake,
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

/** What the questions step needs to know about a service: the guide's screen, the coach's own questions. */
interface Asked {
  screen: boolean;
  optIns: OptIns;
  questions: IntakeQuestion[];
}

/**
 * The questions step of services that ask any: the guide's intake screen (when the service asks
 * for it), then the coach's own questions, between the details and the confirmation. The screen's
 * answers are never stored and never leave this request; only a signed "passed" note travels on.
 * The coach's answers (and a PHQ-9 question 9 answer other than "Not at all", where the coach asks
 * it) travel on as hidden fields and are sealed with the booking once it is made.
 */
export async function intakeRoutes(app: FastifyInstance, { deps, bookable, ctxOf, detailsAgain }: Wiring) {
  const db = deps.dbh.db;

  async function askedFor(bs: BookableService): Promise<Asked> {
    const screen = bs.rules.intake_required === 1;
    const settings = screen ? await readGuideSettings(db) : undefined;
    return {
      screen,
      optIns: { phq9Item9: settings?.asksPhq9Item9 === true },
      questions: await intakeQuestionsFor(db, bs.service.id),
    };
  }

  function IntakePage({
    ctx,
    bs,
    asked,
    values,
    answers,
    errors,
    typed,
  }: {
    ctx: ViewContext;
    bs: BookableService;
    asked: Asked;
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
        {asked.screen ? (
          <p class="lead">
            These help make sure coaching is the right kind of support for you now. Your answers to them are not stored:
            they are used only to decide the next step.
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <form method="post" action={`/book/${bs.service.slug}/intake`} novalidate>
          <CsrfField ctx={ctx} />
          <CarriedDetails values={values} />
          <input type="hidden" name="start" value={values.start ?? ''} />
          {asked.screen ? (
            <IntakeFields
              answers={answers}
              errors={errors}
              optIns={asked.optIns}
              {...(typed ? { values: typed as never } : {})}
            />
          ) : null}
          <CoachQuestionFields
            questions={asked.questions}
            values={typed ?? {}}
            errors={errors}
            coachName={ctx.settings.coachName}
          />
          <FormActions>
            <button type="submit" class="button">
              Continue
            </button>
          </FormActions>
        </form>
      </Layout>
    );
  }

  /** True when a service has a questions step (the guide's screen, or questions of the coach's own). */
  async function hasQuestionsStep(bs: BookableService): Promise<boolean> {
    return bs.rules.intake_required === 1 || (await intakeQuestionsFor(db, bs.service.id)).length > 0;
  }

  /** The questions step, empty or (when the confirmation found a required answer missing) with what to fix. */
  async function intakeStart(
    request: FastifyRequest,
    reply: FastifyReply,
    bs: BookableService,
    values: Record<string, string>,
    errors: Record<string, string> = {},
  ) {
    const ctx = await ctxOf(request, reply);
    const asked = await askedFor(bs);
    const status = Object.keys(errors).length ? 400 : 200;
    return sendPage(
      reply,
      <IntakePage ctx={ctx} bs={bs} asked={asked} values={values} answers={{}} errors={errors} typed={values} />,
      status,
    );
  }

  /**
   * The answers the confirmation carries, read again (a required one may not be skipped by posting
   * the confirmation directly): what to seal with the booking, or the errors to show.
   */
  async function carriedAnswers(
    bs: BookableService,
    body: unknown,
  ): Promise<{ ok: true; content: SealedIntake } | { ok: false; errors: Record<string, string> }> {
    const asked = await askedFor(bs);
    const coach = parseCoachAnswers(asked.questions, body);
    if (!coach.ok) return { ok: false, errors: coach.errors };
    const flag = asked.optIns.phq9Item9 ? phq9Flag(body) : undefined;
    return { ok: true, content: { answers: coach.answers, ...(flag ? { phq9Item9: flag } : {}) } };
  }

  app.post('/book/:slug/intake', { config: bookingRateLimit }, async (request, reply) => {
    const bs = await bookable(request);
    const ctx = await ctxOf(request, reply);
    const asked = await askedFor(bs);
    const schema = detailsSchema(bs.service.modality);
    const typed = typedValues(request.body);
    const parsed = parseAnswers(request.body, { mode: 'intake', optIns: asked.optIns });
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
            asked={asked}
            values={details.values}
            answers={parsed.answers as never}
            errors={state.errors}
            typed={typed}
          />,
          403,
        );
      },
      run: (data, values) => intakeStep(request, reply, ctx, bs, asked, data, values),
    });
  });

  async function stopped(ctx: ViewContext, bs: BookableService, answers: Record<string, unknown>) {
    const evaluation = await evaluateWithSettings(db, answers as never);
    const help = await loadIntakeHelp(db, ctx.settings.country);
    return (
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
      </Layout>
    );
  }

  async function intakeStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ViewContext,
    bs: BookableService,
    asked: Asked,
    details: DetailsInput,
    values: Record<string, string>,
  ): Promise<FastifyReply> {
    const parsed = asked.screen
      ? parseAnswers(request.body, { mode: 'intake', optIns: asked.optIns })
      : ({ ok: true, answers: {} } as const);
    // Urgent answers show the crisis page at once, even with other questions left blank (rule U6
    // fires exactly then: PHQ-9 question 9 answered, a safety question left open).
    if (asked.screen && urgentRulesFired(parsed.answers).length)
      return sendPage(reply, await stopped(ctx, bs, parsed.answers));
    const coach = parseCoachAnswers(asked.questions, request.body);
    if (!parsed.ok || !coach.ok) {
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...(coach.ok ? {} : coach.errors) };
      return sendPage(
        reply,
        <IntakePage
          ctx={ctx}
          bs={bs}
          asked={asked}
          values={values}
          answers={parsed.answers as never}
          errors={errors}
          typed={values}
        />,
        400,
      );
    }
    let intakePass: string | undefined;
    let before: unknown;
    if (asked.screen) {
      const evaluation = await evaluateWithSettings(db, parsed.answers);
      const verdict = intakeVerdict(evaluation, await readGuideSettings(db));
      if (!verdict.proceed) return sendPage(reply, await stopped(ctx, bs, parsed.answers));
      intakePass = intakePassFor(deps.secrets.cookieSecret, details.requestId);
      const flag = asked.optIns.phq9Item9 ? phq9Flag(request.body) : undefined;
      if (flag)
        before = (
          <Phq9CheckIn
            label={flag.label}
            help={await loadIntakeHelp(db, ctx.settings.country)}
            coachName={ctx.settings.coachName}
          />
        );
    }
    const plan = await planSeries(deps, bs, request.body, details.start);
    const series = 'series' in plan ? plan.series : undefined;
    // Only the coach's answers (and PHQ-9 question 9 when flagged) go on; the screen's answers stop here.
    const carried = carriedValues(values, asked);
    return sendPage(
      reply,
      <BookConfirmPage
        ctx={ctx}
        bs={bs}
        values={carried}
        start={details.start}
        tz={details.tz}
        {...(intakePass ? { intakePass } : {})}
        {...(series ? { series } : {})}
        {...(before ? { before: before as never } : {})}
      />,
    );
  }

  return { intakeStart, hasQuestionsStep, carriedAnswers };
}

/** The typed values without the guide screen's answers; the coach's answers and a PHQ-9 flag stay. */
function carriedValues(values: Record<string, string>, asked: Asked): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith('iq.')) {
      if (asked.questions.some((q) => `iq.${q.id}` === k)) out[k] = v;
    } else if (k === 'phq9_item9') {
      if (asked.optIns.phq9Item9 && /^[1-3]$/.test(v)) out[k] = v;
    } else out[k] = v;
  }
  return out;
}
