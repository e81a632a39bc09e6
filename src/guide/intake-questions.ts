import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { questionById } from './engine/questions.ts';
import type { IntakeQuestionsTable } from './guide.tables.ts';

/**
 * Intake questions of the coach's own: per service, a few short questions (short text, one choice
 * from her list, or yes/no) asked in the booking flow after the safety screen. What a client
 * answers is their own words: sealed at rest, shown only on the booking's back-office page, never
 * in an email. The questions' words are copied into the sealed answers, so editing or removing a
 * question later never changes what a client was shown to have been asked.
 */

export type IntakeQuestionKind = IntakeQuestionsTable['kind'];
export const MAX_QUESTIONS_PER_SERVICE = 10;
export const MAX_ANSWER_CHARS = 300;
/** Coach answers travel as `iq.<question id>` form fields (never in URLs). */
export const answerField = (id: string) => `iq.${id}`;

export interface IntakeQuestion {
  id: string;
  serviceId: string;
  position: number;
  kind: IntakeQuestionKind;
  label: string;
  choices: string[];
  required: boolean;
}

export const kindLabels: Record<IntakeQuestionKind, string> = {
  text: 'Short text',
  choice: 'One choice from a list',
  yes_no: 'Yes or no',
};

const position = z.coerce
  .number({ error: 'Enter a whole number.' })
  .int('Enter a whole number.')
  .min(0, 'Enter 0 or more.')
  .max(999, 'Enter a number under 1,000.');

/** The "add a question" form. */
export const questionForm = z
  .object({
    label: z
      .string({ error: 'Write the question.' })
      .transform((v) => v.replace(/\s+/g, ' ').trim())
      .pipe(
        z
          .string()
          .min(3, 'Write the question (at least 3 characters).')
          .max(200, 'Keep the question under 200 characters.'),
      ),
    kind: z.enum(['text', 'choice', 'yes_no'], { error: 'Choose the kind of answer.' }),
    choices: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(/\r?\n/)
          .map((c) => c.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
      ),
    required: z.literal('yes').optional(),
    position: z.preprocess((v) => (v === undefined || v === '' ? undefined : v), position.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'choice') return;
    const msg = 'Write 2 to 12 choices, one a line, each different and under 100 characters.';
    const ok =
      v.choices.length >= 2 &&
      v.choices.length <= 12 &&
      new Set(v.choices.map((c) => c.toLowerCase())).size === v.choices.length &&
      v.choices.every((c) => c.length <= 100);
    if (!ok) ctx.addIssue({ code: 'custom', path: ['choices'], message: msg });
  });
export type QuestionForm = z.output<typeof questionForm>;

/** The "save the order" form: `position.<id>` for each question. */
export function orderForm(ids: readonly string[]) {
  return z.object(Object.fromEntries(ids.map((id) => [`position.${id}`, position])));
}

const toQuestion = (r: IntakeQuestionsTable): IntakeQuestion => ({
  id: r.id,
  serviceId: r.service_id,
  position: r.position,
  kind: r.kind,
  label: r.label,
  choices: r.kind === 'choice' ? (JSON.parse(r.choices_json) as string[]) : [],
  required: r.required === 1,
});

/** A service's questions in the coach's order. */
export async function intakeQuestionsFor(db: Executor, serviceId: string): Promise<IntakeQuestion[]> {
  const rows = await db
    .selectFrom('intake_questions')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(toQuestion);
}

/** Adds a question at the end (or at the position given), with an audit entry naming no content. */
export async function addIntakeQuestion(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  actorUserId: string,
  serviceId: string,
  form: QuestionForm,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const existing = await intakeQuestionsFor(tx, serviceId);
    if (existing.length >= MAX_QUESTIONS_PER_SERVICE)
      return {
        ok: false,
        errors: {
          _form: `A service can ask at most ${MAX_QUESTIONS_PER_SERVICE} questions of your own; remove one first.`,
        },
      };
    const last = existing.at(-1)?.position ?? 0;
    await tx
      .insertInto('intake_questions')
      .values({
        id: newId(),
        service_id: serviceId,
        position: form.position ?? last + 10,
        kind: form.kind,
        label: form.label,
        choices_json: JSON.stringify(form.kind === 'choice' ? form.choices : []),
        required: form.required === 'yes' ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      { actorUserId, action: 'guide.intake_question_add', detail: { serviceId, kind: form.kind } },
      now,
    );
    return { ok: true };
  });
}

/** Removes one of a service's questions; answers already given keep their copy of its words. */
export async function removeIntakeQuestion(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  actorUserId: string,
  serviceId: string,
  id: string,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const r = await tx
      .deleteFrom('intake_questions')
      .where('id', '=', id)
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    await recordAudit(tx, { actorUserId, action: 'guide.intake_question_delete', detail: { serviceId } }, now);
    return true;
  });
}

/** Sets the questions' order from the numbers the coach typed. */
export async function reorderIntakeQuestions(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  actorUserId: string,
  serviceId: string,
  positions: Record<string, number>,
): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    for (const [id, p] of Object.entries(positions))
      await tx
        .updateTable('intake_questions')
        .set({ position: p, updated_at: now })
        .where('id', '=', id)
        .where('service_id', '=', serviceId)
        .execute();
    await recordAudit(tx, { actorUserId, action: 'guide.intake_question_reorder', detail: { serviceId } }, now);
  });
}

/** One answer as the coach reads it: the question's words then and the client's answer. */
export interface GivenAnswer {
  question: string;
  answer: string;
}

/** What is sealed for one booking request. */
export interface SealedIntake {
  answers: GivenAnswer[];
  /** PHQ-9 question 9, only when the practice asks it and the answer was not "Not at all". */
  phq9Item9?: { value: number; label: string };
}

export type ParsedCoachAnswers =
  | { ok: true; answers: GivenAnswer[] }
  | { ok: false; answers: GivenAnswer[]; errors: Record<string, string> };

/**
 * Reads the answers to a service's questions from a form body. Required ones must be answered;
 * a choice must be one of the coach's; text is one line of at most MAX_ANSWER_CHARS characters.
 * Unanswered optional questions are left out.
 */
export function parseCoachAnswers(questions: readonly IntakeQuestion[], body: unknown): ParsedCoachAnswers {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const answers: GivenAnswer[] = [];
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const name = answerField(q.id);
    const raw = b[name];
    const v = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
    if (v === '') {
      if (q.required) errors[name] = q.kind === 'text' ? `Answer “${q.label}”.` : `Choose an answer to “${q.label}”.`;
      continue;
    }
    if (q.kind === 'text') {
      if ([...v].length > MAX_ANSWER_CHARS) errors[name] = `Keep this answer under ${MAX_ANSWER_CHARS} characters.`;
      else answers.push({ question: q.label, answer: v });
    } else if (q.kind === 'yes_no') {
      if (v !== 'yes' && v !== 'no') errors[name] = `Choose “Yes” or “No” for “${q.label}”.`;
      else answers.push({ question: q.label, answer: v === 'yes' ? 'Yes' : 'No' });
    } else if (!q.choices.includes(v)) errors[name] = `Choose one of the answers offered for “${q.label}”.`;
    else answers.push({ question: q.label, answer: v });
  }
  return Object.keys(errors).length ? { ok: false, answers, errors } : { ok: true, answers };
}

/** The PHQ-9 question 9 answer worth flagging to the coach (anything but "Not at all"), if any. */
export function phq9Flag(body: unknown): SealedIntake['phq9Item9'] {
  const raw = (body && typeof body === 'object' ? (body as Record<string, unknown>) : {}).phq9_item9;
  if (typeof raw !== 'string' || !/^[1-3]$/.test(raw)) return undefined;
  const label = questionById('phq9_item9')?.options?.find((o) => o.value === raw)?.label ?? raw;
  return { value: Number(raw), label };
}

/**
 * Stores a booking request's answers, sealed, once (a repeated submit keeps the first). Nothing is
 * written when there is nothing to keep.
 */
export async function storeIntakeAnswers(
  deps: Pick<Deps, 'dbh' | 'clock' | 'sealer'>,
  requestId: string,
  serviceId: string,
  content: SealedIntake,
): Promise<void> {
  if (content.answers.length === 0 && !content.phq9Item9) return;
  await deps.dbh.db
    .insertInto('intake_answers')
    .values({
      request_id: requestId,
      service_id: serviceId,
      sealed: deps.sealer.seal(JSON.stringify(content)),
      created_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute();
}

/**
 * The answers given with a booking (by its request id; a series' later sessions share the first
 * one's request id before their `-<n>` suffix), or undefined.
 */
export async function intakeAnswersForBooking(
  deps: Pick<Deps, 'dbh' | 'sealer'>,
  booking: { request_id: string },
): Promise<SealedIntake | undefined> {
  const ids = [booking.request_id];
  const base = booking.request_id.replace(/-\d{1,2}$/, '');
  if (base !== booking.request_id) ids.push(base);
  const rows = await deps.dbh.db.selectFrom('intake_answers').selectAll().where('request_id', 'in', ids).execute();
  const row = rows.find((r) => r.request_id === booking.request_id) ?? rows[0];
  return row ? (JSON.parse(deps.sealer.open(row.sealed)) as SealedIntake) : undefined;
}
