import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Radios,
  TextArea,
} from '../../web/index.ts';
import {
  answerField,
  type IntakeQuestion,
  kindLabels,
  MAX_ANSWER_CHARS,
  MAX_QUESTIONS_PER_SERVICE,
} from '../intake-questions.ts';

const addLabels = { label: 'Question', kind: 'Kind of answer', choices: 'Choices', position: 'Position' };

/** /admin/services/:id/questions: a service's own intake questions, to add, remove and reorder. */
export function AdminIntakeQuestionsPage({
  ctx,
  service,
  questions,
  add,
  order,
  notice,
}: {
  ctx: ViewContext;
  service: { id: string; name: string };
  questions: IntakeQuestion[];
  add: FormState;
  order: FormState;
  notice?: string | undefined;
}) {
  const base = `/admin/services/${service.id}/questions`;
  return (
    <AdminLayout ctx={ctx} title={`Questions: ${service.name}`} notice={notice}>
      <p>
        Questions of your own, asked when someone books {service.name}, after the safety questions (when this service
        asks them) or with their details. Answers are encrypted and shown only on the booking’s page here; emails never
        carry them. Ask only what you need before a first session, and never about health: the safety questions already
        cover that.
      </p>
      <p>
        <a href={`/admin/services/${service.id}`}>Back to the service</a>
      </p>
      {questions.length ? (
        <>
          <h2>Asked now</h2>
          <ErrorSummary errors={order.errors} />
          <form method="post" action={`${base}/order`} novalidate id="order">
            <CsrfField ctx={ctx} />
          </form>
          <table class="data">
            <thead>
              <tr>
                <th>Position</th>
                <th>Question</th>
                <th>Answer</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr>
                  <td>
                    <label class="visually-hidden" for={`f-position.${q.id}`}>
                      Position of “{q.label}”
                    </label>
                    <input
                      form="order"
                      id={`f-position.${q.id}`}
                      name={`position.${q.id}`}
                      inputMode="numeric"
                      size={4}
                      value={order.values[`position.${q.id}`] ?? String(q.position)}
                      aria-invalid={order.errors[`position.${q.id}`] ? 'true' : undefined}
                    />
                    {order.errors[`position.${q.id}`] ? (
                      <p class="field-error">{order.errors[`position.${q.id}`]}</p>
                    ) : null}
                  </td>
                  <td>
                    {q.label}
                    {q.required ? null : <span class="optional"> (optional)</span>}
                  </td>
                  <td>
                    {kindLabels[q.kind]}
                    {q.kind === 'choice' ? `: ${q.choices.join(' · ')}` : ''}
                  </td>
                  <td>
                    <form method="post" action={`${base}/${q.id}/delete`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="button secondary">
                        Remove
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormActions>
            <button type="submit" class="button secondary" form="order">
              Save the order
            </button>
          </FormActions>
          <p class="hint">Smaller numbers are asked first.</p>
        </>
      ) : (
        <p>This service asks no questions of your own.</p>
      )}
      {questions.length < MAX_QUESTIONS_PER_SERVICE ? (
        <>
          <h2>Add a question</h2>
          <ErrorSummary errors={add.errors} labels={addLabels} />
          <form method="post" action={base} novalidate>
            <CsrfField ctx={ctx} />
            <Field name="label" label="Question" state={add} required maxLength={200} />
            <Radios
              name="kind"
              label="Kind of answer"
              state={add}
              required
              options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
            />
            <TextArea
              name="choices"
              label="Choices"
              state={add}
              rows={4}
              hint="Only for “One choice from a list”: one choice a line, 2 to 12 of them."
            />
            <div class="checkbox">
              <input
                id="f-required"
                type="checkbox"
                name="required"
                value="yes"
                checked={add.values.required === 'yes'}
              />
              <label for="f-required">An answer is required</label>
            </div>
            <Field
              name="position"
              label="Position"
              state={add}
              inputMode="numeric"
              hint="Leave empty to ask it last."
            />
            <FormActions>
              <button type="submit" class="button">
                Add the question
              </button>
            </FormActions>
          </form>
        </>
      ) : (
        <p>This service asks the most questions it can ({MAX_QUESTIONS_PER_SERVICE}); remove one to add another.</p>
      )}
    </AdminLayout>
  );
}

/**
 * The coach's questions as fields inside the caller's own booking <form>, with what was typed.
 * Read them back with parseCoachAnswers(questions, body).
 */
export function CoachQuestionFields({
  questions,
  values,
  errors,
  coachName,
}: {
  questions: readonly IntakeQuestion[];
  values: Record<string, string>;
  errors: Record<string, string>;
  coachName?: string;
}) {
  if (!questions.length) return null;
  const state: FormState = { values, errors };
  return (
    <fieldset class="intake-topic coach-questions">
      <legend>A few questions from {coachName ?? 'your coach'}</legend>
      <p class="hint">Your answers are kept with your booking for {coachName ?? 'your coach'} to read.</p>
      {questions.map((q) =>
        q.kind === 'text' ? (
          <Field
            name={answerField(q.id)}
            label={q.label}
            state={state}
            required={q.required}
            maxLength={MAX_ANSWER_CHARS}
          />
        ) : (
          <Radios
            name={answerField(q.id)}
            label={q.label}
            state={state}
            required={q.required}
            options={
              q.kind === 'yes_no'
                ? [
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                  ]
                : q.choices.map((c) => ({ value: c, label: c }))
            }
          />
        ),
      )}
    </fieldset>
  );
}

/** The answers carried from the questions step to the confirmation, as hidden fields. */
export function CarriedCoachAnswers({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values)
        .filter(([k]) => /^iq\.[A-Za-z0-9-]{1,64}$/.test(k) || k === 'phq9_item9')
        .map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
    </>
  );
}
