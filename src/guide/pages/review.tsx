import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Layout } from '../../web/index.ts';
import type { Answers } from '../engine/evaluate.ts';
import { isAsked } from '../engine/parse.ts';
import { guideTopics, questionsFor, topicTitles } from '../engine/questions.ts';
import { answerInWords, HiddenAnswers } from './question-field.tsx';

/** Check your answers: every answer, a "Change" button per topic, then the result. */
export function ReviewPage({
  ctx,
  answers,
  errors,
  problem,
}: {
  ctx: ViewContext;
  answers: Answers;
  errors: Record<string, string>;
  problem?: string | undefined;
}) {
  const all = questionsFor('guide');
  const labels = Object.fromEntries(all.map((q) => [q.id, q.text]));
  const allErrors = problem ? { _form: problem, ...errors } : errors;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Check your answers · Therapy or coaching?',
        description: 'Check and change your answers before you see the suggestion.',
        path: '/guide',
        noindex: true,
      }}
      narrow
    >
      <div class="guide">
        <h1>Check your answers</h1>
        <ErrorSummary errors={allErrors} labels={labels} />
        <form method="post" action="/guide/answer">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="at" value="review" />
          <HiddenAnswers answers={answers} />
          {guideTopics.map((topic) => {
            const qs = all.filter((q) => q.topic === topic && isAsked(q, answers));
            if (qs.length === 0) return null;
            return (
              <section class="review-topic" aria-labelledby={`r-${topic}`}>
                <h2 id={`r-${topic}`}>{topicTitles[topic]}</h2>
                <dl class="facts">
                  {qs.map((q) => (
                    <div id={`f-${q.id}`}>
                      <dt>{q.text}</dt>
                      <dd>
                        {errors[q.id] ? (
                          <span class="field-error">{errors[q.id]}</span>
                        ) : (
                          answerInWords(q, answers[q.id])
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
                <button type="submit" class="button secondary" name="edit" value={topic}>
                  Change<span class="visually-hidden"> your answers about {topicTitles[topic].toLowerCase()}</span>
                </button>
              </section>
            );
          })}
        </form>
        <form method="post" action="/guide/result">
          <CsrfField ctx={ctx} />
          <HiddenAnswers answers={answers} />
          <div class="form-actions">
            <button type="submit" class="button">
              See the suggestion
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
