import type { SealedIntake } from '../../guide/index.ts';

/**
 * What the client answered before booking, on the booking's back-office page: the coach's own
 * questions with the words they had then, and, first and marked, a PHQ-9 question 9 answer other
 * than "Not at all" (where the practice asks it). Load it with `intakeAnswersForBooking(deps, booking)`
 * from the guide module; nothing shows when there is nothing to show.
 */
export function IntakeAnswers({ intake }: { intake: SealedIntake | undefined }) {
  if (!intake || (intake.answers.length === 0 && !intake.phq9Item9)) return null;
  return (
    <section class="intake-answers" aria-labelledby="intake-answers-title">
      <h2 id="intake-answers-title">Before booking, the client answered</h2>
      {intake.phq9Item9 ? (
        <div class="notice warning" data-flag="phq9_item9" role="note">
          <p>
            <strong>Check in with this client.</strong> Asked PHQ-9 question 9 (over the last two weeks, thoughts of
            being better off dead or of self-harm), they answered <strong>“{intake.phq9Item9.label}”</strong>. They
            answered “no” to every safety question, so the booking went ahead and they were shown the crisis lines. A
            screen, not a diagnosis.
          </p>
        </div>
      ) : null}
      {intake.answers.length ? (
        <dl class="facts">
          {intake.answers.map((a) => (
            <div>
              <dt>{a.question}</dt>
              <dd>{a.answer}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
