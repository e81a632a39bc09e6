import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { HelpPage, type ResourceKind } from '../safety/index.ts';
import { settingsChangedAt } from '../seo/index.ts';
import type { SitemapSource } from '../web/index.ts';
import { AppError, handleForm, sendPage, splitFormMessage, type ViewContext, viewContext } from '../web/index.ts';
import { type Answers, type Evaluation, urgentRulesFired } from './engine/evaluate.ts';
import { isAsked, parseAnswers } from './engine/parse.ts';
import { guideTopics, questionsFor, type TopicId } from './engine/questions.ts';
import { guideAdminRoutes } from './guide.admin.routes.tsx';
import { evaluateWithSettings, loadIntakeHelp, shareResult } from './guide.service.ts';
import { readGuideSettings } from './guide.settings.ts';
import { HowWeDecidePage } from './pages/how-we-decide.tsx';
import { IntroPage } from './pages/intro.tsx';
import type { ShownValue } from './pages/question-field.tsx';
import { ResultPage } from './pages/result.tsx';
import { ReviewPage } from './pages/review.tsx';
import { SharedPage } from './pages/shared.tsx';
import { TopicPage } from './pages/topic.tsx';

const EXPIRED =
  'For your security this page had expired, so we could not take that step. Your answers are still here: please press the button again.';

const shareSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(100, 'Keep your name under 100 characters.'),
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address, so the coach can reply.')
    .max(254)
    .pipe(z.email('Enter an email address like name@example.com.')),
  consent: z.literal('yes', {
    error: 'Tick the box to agree to share, or simply leave this page: nothing is kept unless you do.',
  }),
});

const isTopic = (v: unknown): v is TopicId => typeof v === 'string' && (guideTopics as readonly string[]).includes(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The first topic with a question that applies and is not answered yet. */
function firstIncompleteTopic(answers: Answers): TopicId | undefined {
  return questionsFor('guide').find((q) => isAsked(q, answers) && answers[q.id] === undefined)?.topic;
}

/** The topic before this one that has any question to ask. */
function previousTopic(at: TopicId, answers: Answers): TopicId | undefined {
  const i = guideTopics.indexOf(at);
  const asked = new Set(
    questionsFor('guide')
      .filter((q) => isAsked(q, answers))
      .map((q) => q.topic),
  );
  return guideTopics
    .slice(0, i)
    .reverse()
    .find((t) => asked.has(t));
}

/** This module's pages in the sitemap, by kind (installed by app.ts with the other contributions). */
export const guideSitemap: Record<string, SitemapSource> = {
  guide: async (x) => {
    const lastmod = await settingsChangedAt(x, 'site', 'guide');
    return lastmod ? ['/guide', '/guide/how-we-decide'].map((path) => ({ path, lastmod })) : [];
  },
};

/** The public guide: intro, one topic per page, check answers, result, sharing, and "How we decide". */
export async function guideRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  // Answers are health information: never cached, never sent on as a referrer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/guide') || request.url.startsWith('/admin/guide')) {
      reply.header('cache-control', 'no-store');
      reply.header('referrer-policy', 'no-referrer');
    }
  });

  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);

  /** The crisis page, on the very request that carried an urgent answer. */
  async function sendUrgent(request: FastifyRequest, reply: FastifyReply, answers: Answers) {
    const ctx = await ctxOf(request, reply);
    const help = await loadIntakeHelp(db, ctx.settings.country);
    const abuse = Array.isArray(answers.areas) && answers.areas.includes('abuse_current');
    const priority: ResourceKind[] = [
      ...(answers.age_18_plus === 'no' ? (['youth'] as const) : []),
      ...(abuse ? (['domestic_abuse'] as const) : []),
    ];
    const country = help.lines.length > 0 ? ctx.settings.country : null;
    const reasons = urgentRulesFired(answers);
    return sendPage(
      reply,
      <HelpPage
        ctx={ctx}
        country={country}
        lines={help.lines}
        path="/help"
        mainProps={{ 'data-outcome': 'urgent' }}
        heading="You deserve support right now"
        priority={priority}
        leaveSite={abuse}
        noindex
        after={
          <section aria-labelledby="why-title" class="guide-why">
            <h2 id="why-title">Why we’re showing you this</h2>
            <ul>
              {reasons.map((r) => (
                <li>{r.reason}</li>
              ))}
            </ul>
            <p>
              When you’re ready, a licensed therapist can help with what you’re going through. Coaching can wait.
              Nothing you answered has been kept.
            </p>
          </section>
        }
      />,
    );
  }

  async function sendTopic(
    request: FastifyRequest,
    reply: FastifyReply,
    topic: TopicId,
    answers: Answers,
    o: { errors?: Record<string, string>; values?: Record<string, ShownValue>; problem?: string; status?: number } = {},
  ) {
    const ctx = await ctxOf(request, reply);
    const lines = topic.startsWith('safety') ? (await loadIntakeHelp(db, ctx.settings.country)).lines : undefined;
    return sendPage(
      reply,
      <TopicPage
        ctx={ctx}
        topic={topic}
        answers={answers}
        errors={o.errors ?? {}}
        values={o.values}
        problem={o.problem}
        lines={lines}
      />,
      o.status ?? 200,
    );
  }

  async function sendReview(
    request: FastifyRequest,
    reply: FastifyReply,
    answers: Answers,
    errors: Record<string, string> = {},
    status = 200,
    problem?: string,
  ) {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <ReviewPage ctx={ctx} answers={answers} errors={errors} problem={problem} />, status);
  }

  async function sendResult(
    _request: FastifyRequest,
    reply: FastifyReply,
    ctx: ViewContext,
    answers: Answers,
    e: Evaluation,
    share = { values: {}, errors: {} } as { values: Record<string, string>; errors: Record<string, string> },
    status = 200,
    problem?: string,
  ) {
    const [help, settings] = await Promise.all([loadIntakeHelp(db, ctx.settings.country), readGuideSettings(db)]);
    const evaluation = e as Evaluation & { outcome: 'coaching' | 'both' | 'therapy' };
    return sendPage(
      reply,
      <ResultPage
        ctx={ctx}
        answers={answers}
        evaluation={evaluation}
        lines={help.lines}
        referrals={help.referrals}
        conflictStatement={settings.conflictStatement}
        share={share}
        problem={problem}
      />,
      status,
    );
  }

  app.get('/guide', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <IntroPage ctx={ctx} conflictStatement={(await readGuideSettings(db)).conflictStatement} />);
  });

  app.get('/guide/how-we-decide', async (request, reply) => {
    const ctx = await ctxOf(request, reply);
    return sendPage(reply, <HowWeDecidePage ctx={ctx} cutoffs={(await readGuideSettings(db)).cutoffs} />);
  });

  // The answer pages only exist as answers to a POST; an address typed or reloaded starts over.
  for (const path of ['/guide/answer', '/guide/result', '/guide/share'])
    app.get(path, async (_request, reply) => reply.redirect('/guide', 303));

  // Generous: one post per question, and a person in distress must never meet the limit; the
  // 429 page still links "Need help now?".
  const answerLimit = { rateLimit: { max: 300, timeWindow: '10 minutes' } };
  app.post('/guide/answer', { config: answerLimit }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const at = str(body.at);
    const topic = isTopic(at) ? at : undefined;
    const parsed = parseAnswers(body, { topics: topic ? [topic] : [] });
    // Safety before anything else, even before an expired form: help is never held back.
    if (urgentRulesFired(parsed.answers).length > 0) return sendUrgent(request, reply, parsed.answers);
    const answers = parsed.answers;
    return handleForm(request, reply, {
      expired: EXPIRED,
      // The step the person was on, again, with their answers.
      render: async (state, status) => {
        const problem = state.errors._form;
        if (topic) return sendTopic(request, reply, topic, answers, { problem, status });
        if (at === 'review' || at === 'result') return sendReview(request, reply, answers, {}, status, problem);
        const ctx = await ctxOf(request, reply);
        return sendPage(
          reply,
          <IntroPage ctx={ctx} conflictStatement={(await readGuideSettings(db)).conflictStatement} problem={problem} />,
          status,
        );
      },
      run: () => nextStep(request, reply, body, topic, parsed),
    });
  });

  /** Where an answered step leads: the step asked for, the one before, this one again to fix, or the next. */
  async function nextStep(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    topic: TopicId | undefined,
    parsed: ReturnType<typeof parseAnswers>,
  ): Promise<FastifyReply> {
    const answers = parsed.answers;
    const edit = str(body.edit);
    if (isTopic(edit)) return sendTopic(request, reply, edit, answers);
    if (topic && body.nav === 'back') {
      const prev = previousTopic(topic, answers);
      if (prev) return sendTopic(request, reply, prev, answers);
      const ctx = await ctxOf(request, reply);
      return sendPage(
        reply,
        <IntroPage ctx={ctx} conflictStatement={(await readGuideSettings(db)).conflictStatement} />,
      );
    }
    if (topic && !parsed.ok) {
      const values: Record<string, ShownValue> = {};
      for (const id of Object.keys(parsed.errors)) {
        const raw = body[id];
        if (typeof raw === 'string' || (Array.isArray(raw) && raw.every((x) => typeof x === 'string')))
          values[id] = raw as ShownValue;
      }
      return sendTopic(request, reply, topic, answers, { errors: parsed.errors, values, status: 400 });
    }
    const next = firstIncompleteTopic(answers);
    return next ? sendTopic(request, reply, next, answers) : sendReview(request, reply, answers);
  }

  app.post('/guide/result', { config: answerLimit }, async (request, reply) => {
    const parsed = parseAnswers(request.body);
    if (urgentRulesFired(parsed.answers).length > 0) return sendUrgent(request, reply, parsed.answers);
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (state, status) => sendReview(request, reply, parsed.answers, {}, status, state.errors._form),
      run: async () => {
        if (!parsed.ok) return sendReview(request, reply, parsed.answers, parsed.errors, 400);
        const e = await evaluateWithSettings(db, parsed.answers);
        if (e.outcome === 'urgent') return sendUrgent(request, reply, parsed.answers);
        return sendResult(request, reply, await ctxOf(request, reply), parsed.answers, e);
      },
    });
  });

  // Sharing writes and emails the coach: a few per client address is plenty.
  const shareLimit = {
    rateLimit: {
      max: 5,
      timeWindow: '10 minutes',
      errorResponseBuilder: () =>
        new AppError(
          'rate_limited',
          'Several results were shared from your connection in a short time, so this one was not. Please wait a few minutes and try again.',
        ),
    },
  };
  app.post('/guide/share', { config: shareLimit }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseAnswers(body);
    // Urgent results are never stored, whatever was ticked (§5.8).
    if (urgentRulesFired(parsed.answers).length > 0) return sendUrgent(request, reply, parsed.answers);
    if (!parsed.ok) return sendReview(request, reply, parsed.answers, parsed.errors, 400);
    const e = await evaluateWithSettings(db, parsed.answers);
    if (e.outcome === 'urgent') return sendUrgent(request, reply, parsed.answers);
    const ctx = await ctxOf(request, reply);
    const values = { name: str(body.name) ?? '', email: str(body.email) ?? '' };
    return handleForm(request, reply, {
      schema: shareSchema,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendResult(request, reply, ctx, parsed.answers, e, { values, errors: state.errors }, status, message);
      },
      run: async (share) => {
        await shareResult(deps, { name: share.name, email: share.email, answers: parsed.answers, evaluation: e });
        kickOutbox(deps);
        return '/guide/shared';
      },
    });
  });

  app.get('/guide/shared', async (request, reply) => sendPage(reply, <SharedPage ctx={await ctxOf(request, reply)} />));

  await guideAdminRoutes(app, { deps });
}
