import type { CrisisResource } from '../../safety/index.ts';
import { telHref } from '../../safety/index.ts';
import type { ViewContext } from '../../web/index.ts';
import type { Answers, Evaluation } from '../engine/evaluate.ts';
import {
  instrumentCredit,
  intakeTopicIds,
  type OptIns,
  questionById,
  questionsFor,
  type TopicId,
  topicTitles,
} from '../engine/questions.ts';
import type { Referral } from '../guide.tables.ts';
import { CrisisPanel, ReferralList } from './parts.tsx';
import { QuestionField, type ShownValue } from './question-field.tsx';

/** What IntakeStopped needs from the database; load it with `loadIntakeHelp(db, country)`. */
export interface IntakeHelp {
  referrals: Referral[];
  /** The practice country's crisis lines (with the coach's edits), emergency first. */
  lines: CrisisResource[];
}

/** The topics of the intake, as pages of question data (for a caller that wants one topic per page). */
export const intakeQuestions: readonly { topic: TopicId; title: string; questions: ReturnType<typeof questionsFor> }[] =
  intakePages();

/** The intake's pages with the questions the coach added (PHQ-9 question 9) where she did. */
function intakePages(optIns: OptIns = {}) {
  return intakeTopicIds.map((topic) => ({
    topic,
    title: topicTitles[topic],
    questions: questionsFor('intake', optIns).filter((q) => q.topic === topic),
  }));
}

/**
 * Every intake question as fields inside the caller's own <form>: one fieldset per topic, the
 * safety questions introduced with "we ask everyone this", follow-ups always visible and marked
 * "only if…". Field names are the question ids; read them back with parseAnswers(body, { mode: 'intake' }).
 */
export function IntakeFields({
  answers,
  errors,
  values,
  optIns,
}: {
  answers: Answers;
  errors: Record<string, string>;
  values?: Record<string, ShownValue>;
  /** The questions the coach added in the guide settings (read them back with the same optIns). */
  optIns?: OptIns;
}) {
  const pages = optIns ? intakePages(optIns) : intakeQuestions;
  return (
    <div class="intake-fields">
      {pages.map((page) => (
        <fieldset class="intake-topic">
          <legend>{page.title}</legend>
          {page.topic === 'safety' ? <SafetyIntro phq9Item9={optIns?.phq9Item9 === true} /> : null}
          {page.questions.map((q) => (
            <QuestionField
              q={q}
              value={values?.[q.id] ?? answers[q.id]}
              error={errors[q.id]}
              {...(q.askedIf ? { optionalNote: followUpNote(q.askedIf) } : {})}
            />
          ))}
        </fieldset>
      ))}
      <p class="hint">{instrumentCredit}</p>
    </div>
  );
}

/** "Only if…" for a follow-up shown in the single-page intake. */
function followUpNote(when: { q: string; is: string }): string {
  const ref = questionById(when.q);
  const label = ref?.options?.find((o) => o.value === when.is)?.label ?? when.is;
  return `Only if you ${ref?.type === 'many' ? 'ticked' : 'answered'} “${label}” above; otherwise leave it empty.`;
}

/** The words before the safety questions (research guide §5.3, §3.4 rule 7). */
export function SafetyIntro({ coachName, phq9Item9 }: { coachName?: string; phq9Item9?: boolean }) {
  return (
    <div class="notice safety-intro">
      <p>
        <strong>We ask everyone these questions.</strong> If you tell us you are not safe, we will show you people who
        can help right now. {coachName ?? 'The coach'} is not an emergency service and will not see your answers
        {phq9Item9
          ? ', except what the last question of this part says about its own answer.'
          : ' unless you choose to share them.'}
      </p>
      {phq9Item9 ? (
        <p>
          Thoughts like these are more common than people think, and they can get better with support. Talking to
          someone helps.
        </p>
      ) : null}
      <p>
        If you need someone now, you don’t have to finish: <a href="/help">see crisis lines</a>.
      </p>
    </div>
  );
}

/**
 * The help to show when the intake stops a booking: for 'urgent', crisis lines first; for
 * 'therapy', kind words and the coach's referral list; for a minor the practice does not coach,
 * a note about a guardian. The caller decides when to show it (see intakeVerdict).
 */
export function IntakeStopped({
  evaluation,
  ctx,
  help,
}: {
  evaluation: Evaluation;
  ctx: ViewContext;
  help: IntakeHelp;
}) {
  const emergency = help.lines.find((l) => l.kind === 'emergency');
  if (evaluation.outcome === 'urgent') {
    return (
      <div class="intake-stopped" data-outcome="urgent">
        <h2>You deserve support right now</h2>
        <p>
          {emergency?.phone ? (
            <>
              If you are in immediate danger, call <a href={telHref(emergency.phone)}>{emergency.phone}</a>.
            </>
          ) : (
            <>If you are in immediate danger, call your local emergency number.</>
          )}
        </p>
        <CrisisPanel lines={help.lines} prominent youthFirst={evaluation.minor} />
        <p>
          When you’re ready, a licensed therapist can help with what you’re going through. Coaching can wait until then.
        </p>
      </div>
    );
  }
  if (evaluation.outcome !== 'therapy') {
    // Stopped only because the practice does not coach under-18s (see intakeVerdict).
    return (
      <div class="intake-stopped" data-outcome={evaluation.outcome}>
        <h2>We can’t book this for you online</h2>
        <p>
          {ctx.settings.practiceName} coaches adults only, so we can’t take a booking from someone under 18. That is
          about our practice, not about you. A parent, carer, school counsellor or your doctor can help you find support
          that fits.
        </p>
        <CrisisPanel lines={help.lines} prominent={false} youthFirst />
      </div>
    );
  }
  return (
    <div class="intake-stopped" data-outcome={evaluation.outcome}>
      <h2>A therapist is the better first step</h2>
      <p>
        Coaching isn’t the right first step for what you described, and that is not a judgement of you. This is not a
        diagnosis; only a qualified professional can assess that. Here is who can help, and coaching may be an option
        later.
      </p>
      <ul>
        {evaluation.fired
          .filter((f) => f.kind !== 'coaching')
          .map((f) => (
            <li>{f.reason}</li>
          ))}
      </ul>
      <h3>Therapists and services {ctx.settings.coachName} trusts</h3>
      <ReferralList referrals={help.referrals} />
      <CrisisPanel lines={help.lines} prominent={evaluation.crisisPanel !== 'small'} youthFirst={evaluation.minor} />
    </div>
  );
}

/**
 * Shown above the confirmation when PHQ-9 question 9 was answered other than "Not at all" and the
 * safety questions were all answered (so rule U6 did not fire): the crisis lines first, and
 * plainly that the coach will see this one answer with the booking.
 */
export function Phq9CheckIn({ label, help, coachName }: { label: string; help: IntakeHelp; coachName: string }) {
  return (
    <div class="intake-check-in" data-flag="phq9_item9">
      <p>
        You said that over the last two weeks you have been bothered by thoughts of being better off dead, or of hurting
        yourself, on {label.toLowerCase()}. Thank you for telling us. You can still book: {coachName} will see that
        answer with your booking and can check in with you. {coachName} is not an emergency service.
      </p>
      <CrisisPanel lines={help.lines} prominent />
    </div>
  );
}
