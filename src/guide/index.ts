import type { WebContributions } from '../web/index.ts';
/**
 * The guide module's public face: other modules import only from here.
 *
 * ## The intake step for booking (stable API)
 *
 * The same engine and questions as the public guide, plus the drinking questions (AUDIT-C).
 * Answers are keyed by question id, which is also the form field name (`purpose`, `phq2.1`,
 * `safety.wish_dead_past_month` …). Nothing here stores anything.
 *
 * ```tsx
 * // In the booking form (inside your own <form method="post">):
 * <IntakeFields answers={{}} errors={{}} />
 *
 * // On POST:
 * const parsed = parseAnswers(request.body, { mode: 'intake' });     // never reads a missing answer as "no"
 * if (urgentRulesFired(parsed.answers).length) → show <IntakeStopped> now, even if other answers are missing
 * if (!parsed.ok) → re-render <IntakeFields answers={parsed.answers} errors={parsed.errors} values={typed} /> with status 400
 * const evaluation = await evaluateWithSettings(db, parsed.answers); // the coach's cut-offs
 * const verdict = intakeVerdict(evaluation, await readGuideSettings(db));
 * if (!verdict.proceed) {
 *   const help = await loadIntakeHelp(db, ctx.settings.country);
 *   → render <IntakeStopped evaluation={evaluation} ctx={ctx} help={help} />   (data-outcome on its root)
 * }
 * // verdict.proceed: 'coaching' or 'both' (both: agree boundaries with the client's therapist first).
 * ```
 * Keep the answers out of URLs and logs, and send `Cache-Control: no-store` on those responses.
 * Storing them needs the visitor's explicit, separate consent (see CONTEXT.md).
 *
 * - `evaluate(answers, cutoffs?) → { outcome, fired: [{ id, kind, reason, asks }], version, minor, crisisPanel, abuseMentioned }`
 * - `parseAnswers(input, { mode: 'guide' | 'intake', topics? }) → { ok, answers, errors? }`
 * - `intakeQuestions`: the intake's topics with their questions, as data (one topic per page if you prefer)
 */
import type { Evaluation } from './engine/evaluate.ts';
import { guideSitemap } from './guide.routes.tsx';
import type { GuideSettings } from './guide.settings.ts';

export {
  type Answers,
  type AnswerValue,
  type Evaluation,
  evaluate,
  type FiredRule,
  preferenceScore,
  urgentRulesFired,
  whatWouldChange,
} from './engine/evaluate.ts';
export { answersToFields, type ParsedAnswers, parseAnswers } from './engine/parse.ts';
export {
  type Mode,
  type OptIns,
  type Question,
  questions,
  questionsFor,
  type TopicId,
  topicTitles,
} from './engine/questions.ts';
export { type Outcome, RULES_VERSION, type Rule, rules } from './engine/rules.ts';
export { defaultCutoffs, type GuideCutoffs } from './engine/settings.ts';
export { guideAuditLabels } from './guide.admin.routes.tsx';
export { insertReferral } from './guide.queries.ts';
export { guideRoutes } from './guide.routes.tsx';
export { evaluateWithSettings, guideJobHandlers, loadIntakeHelp, sharedResultsFor } from './guide.service.ts';
export { type GuideSettings, readGuideSettings } from './guide.settings.ts';
export {
  answerField,
  type GivenAnswer,
  type IntakeQuestion,
  intakeAnswersForBooking,
  intakeQuestionsFor,
  type ParsedCoachAnswers,
  parseCoachAnswers,
  phq9Flag,
  type SealedIntake,
  storeIntakeAnswers,
} from './intake-questions.ts';
export {
  IntakeFields,
  type IntakeHelp,
  IntakeStopped,
  intakeQuestions,
  Phq9CheckIn,
  SafetyIntro,
} from './pages/intake.tsx';
export { CarriedCoachAnswers, CoachQuestionFields } from './pages/intake-questions.tsx';

/** Whether a booking may go ahead after the intake, and if not, why. */
export function intakeVerdict(
  e: Evaluation,
  settings: Pick<GuideSettings, 'acceptsMinors'>,
): { proceed: boolean; reason: 'ok' | 'therapy' | 'urgent' | 'minor' } {
  if (e.outcome === 'urgent') return { proceed: false, reason: 'urgent' };
  if (e.outcome === 'therapy') return { proceed: false, reason: 'therapy' };
  if (e.minor && !settings.acceptsMinors) return { proceed: false, reason: 'minor' };
  return { proceed: true, reason: 'ok' };
}

/** The guide's header link and stylesheet, installed by app.ts. */
export const guideWeb: WebContributions = {
  nav: [{ href: '/guide', label: 'Therapy or coaching?', order: 30 }],
  stylesheets: [new URL('./guide.css', import.meta.url)],
  sitemap: guideSitemap,
};
