import type { CrisisResource } from '../../safety/index.ts';
import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Layout } from '../../web/index.ts';
import type { Answers } from '../engine/evaluate.ts';
import { isAsked } from '../engine/parse.ts';
import { guideTopics, instrumentCredit, questionsFor, type TopicId, topicTitles } from '../engine/questions.ts';
import { SafetyIntro } from './intake.tsx';
import { CrisisPanel } from './parts.tsx';
import { HiddenAnswers, QuestionField, type ShownValue } from './question-field.tsx';

const mainTopics = guideTopics.filter((t) => !t.endsWith('-more'));

interface TopicPageProps {
  ctx: ViewContext;
  topic: TopicId;
  answers: Answers;
  errors: Record<string, string>;
  /** Values as sent, for fields refused with an error. */
  values?: Record<string, ShownValue>;
  problem?: string | undefined;
  /** Crisis lines, shown beside the safety questions (safe messaging: help wherever suicide is mentioned). */
  lines?: CrisisResource[];
}

/** One topic of the guide: its questions, the answers so far carried in hidden fields. */
export function TopicPage({ ctx, topic, answers, errors, values, problem, lines }: TopicPageProps) {
  const qs = questionsFor('guide').filter((q) => q.topic === topic && isAsked(q, answers));
  const own = new Set(qs.map((q) => q.id));
  const part = mainTopics.indexOf(topic.replace(/-more$/, '') as TopicId) + 1;
  const labels = Object.fromEntries(qs.map((q) => [q.id, q.text]));
  const allErrors = problem ? { _form: problem, ...errors } : errors;
  const title = topicTitles[topic];
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: `${Object.keys(allErrors).length ? 'Please check: ' : ''}${title} · Therapy or coaching?`,
        description: 'A question page of the therapy-or-coaching guide.',
        path: '/guide',
        noindex: true,
      }}
      narrow
    >
      <div class="guide">
        <p class="eyebrow">
          Therapy or coaching? · Part {part} of {mainTopics.length}
        </p>
        <ErrorSummary errors={allErrors} labels={labels} />
        <form method="post" action="/guide/answer" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="at" value={topic} />
          <HiddenAnswers answers={answers} except={own} />
          <h1>{title}</h1>
          {topic === 'safety' ? <SafetyIntro coachName={ctx.settings.coachName} /> : null}
          {qs.map((q) => (
            <QuestionField q={q} value={values && q.id in values ? values[q.id] : answers[q.id]} error={errors[q.id]} />
          ))}
          {topic === 'day-to-day' ? <p class="hint">{instrumentCredit}</p> : null}
          <div class="form-actions">
            <button type="submit" class="button" name="nav" value="next">
              Continue
            </button>
            {topic !== 'purpose' ? (
              <button type="submit" class="button secondary" name="nav" value="back">
                Back
              </button>
            ) : null}
          </div>
        </form>
        {lines && (topic === 'safety' || topic === 'safety-more') ? (
          <CrisisPanel lines={lines} prominent={false} />
        ) : null}
        <p class="hint">Nothing is saved. To stop, simply close this page.</p>
      </div>
    </Layout>
  );
}
