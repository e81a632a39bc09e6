import type { Answers } from '../engine/evaluate.ts';
import { answersToFields } from '../engine/parse.ts';
import type { Question } from '../engine/questions.ts';

/** What a form shows for an answer: the parsed value, or the raw value sent back with an error. */
export type ShownValue = string | number | readonly string[] | undefined;

function isChecked(value: ShownValue, option: string): boolean {
  if (Array.isArray(value)) return value.includes(option);
  return value !== undefined && String(value) === option;
}

/** One question as form fields named by its id: radios, checkboxes or a whole number. */
export function QuestionField({
  q,
  value,
  error,
  optionalNote,
}: {
  q: Question;
  value: ShownValue;
  error?: string | undefined;
  optionalNote?: string;
}) {
  const hintId = q.hint || q.note || optionalNote ? `h-${q.id}` : '';
  const errId = error ? `e-${q.id}` : '';
  const described = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const hint = [optionalNote, q.hint, q.note].filter(Boolean).join(' ');
  if (q.type === 'number') {
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={`f-${q.id}`}>{q.text}</label>
        {hint ? (
          <p class="hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p class="field-error" id={errId}>
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        <input
          id={`f-${q.id}`}
          name={q.id}
          type="text"
          inputMode="numeric"
          class="short"
          value={value === undefined ? '' : String(value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
          autocomplete="off"
        />
      </div>
    );
  }
  const type = q.type === 'many' ? 'checkbox' : 'radio';
  return (
    <fieldset class={error ? 'field has-error' : 'field'} id={`f-${q.id}`} aria-describedby={described}>
      <legend>{q.text}</legend>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errId}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div class="radios">
        {q.options!.map((o) => (
          <label class="radio">
            <input type={type} name={q.id} value={o.value} checked={isChecked(value, o.value)} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The answers given so far, carried forward in the POST body (never the URL). */
export function HiddenAnswers({ answers, except }: { answers: Answers; except?: ReadonlySet<string> }) {
  return (
    <>
      {answersToFields(answers)
        .filter(([k]) => !except?.has(k))
        .map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

/** An answer in words, for the check-your-answers page, the coach's view and the printout. */
export function answerInWords(q: Question, value: ShownValue): string {
  if (value === undefined) return 'Not answered';
  if (q.type === 'number') return `${value} month${value === 1 || value === '1' ? '' : 's'}`;
  const label = (v: string) => q.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(label).join('; ');
  return label(String(value));
}
