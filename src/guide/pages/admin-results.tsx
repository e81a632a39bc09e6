import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  TextArea,
} from '../../web/index.ts';
import { isAsked } from '../engine/parse.ts';
import { questionsFor } from '../engine/questions.ts';
import type { SharedContent } from '../guide.service.ts';
import { SHARED_RESULT_RETENTION_DAYS } from '../guide.settings.ts';
import { answerInWords } from './question-field.tsx';

export const outcomeWords = {
  coaching: 'Coaching fits',
  therapy: 'Therapy recommended',
  both: 'Therapy and coaching alongside',
  urgent: 'Urgent',
} as const;

export interface SharedRow {
  id: string;
  created_at: number;
  expires_at: number;
  read_at: number | null;
  message_sent_at: number | null;
  content: SharedContent | null;
}

/** /admin/guide/results: results visitors chose to share, newest first. */
export function AdminResultsPage({
  ctx,
  rows,
  notice,
}: {
  ctx: ViewContext;
  rows: SharedRow[];
  notice?: string | undefined;
}) {
  const tz = ctx.settings.timeZone;
  const day = (ms: number) => coachFormat(ctx).shortDate(ms, tz);
  return (
    <AdminLayout ctx={ctx} title="Shared guide results" notice={notice}>
      <p class="notice">
        Each result is a screen, not a diagnosis. Results are deleted automatically {SHARED_RESULT_RETENTION_DAYS} days
        after they arrive.
      </p>
      {rows.length === 0 ? (
        <p>No one has shared a result with you.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Shared</th>
              <th scope="col">Name</th>
              <th scope="col">Suggestion</th>
              <th scope="col">Deleted on</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label="Shared">{day(r.created_at)}</td>
                <td data-label="Name">
                  <a href={`/admin/guide/results/${encodeURIComponent(r.id)}`}>
                    {r.content?.name ?? '(cannot be opened)'}
                  </a>
                </td>
                <td data-label="Suggestion">{r.content ? outcomeWords[r.content.evaluation.outcome] : ''}</td>
                <td data-label="Deleted on">{day(r.expires_at)}</td>
                <td data-label="Status">{r.message_sent_at ? 'Replied' : r.read_at ? 'Read' : 'New'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** One shared result: the answers, the reasons, and a referral message to adapt and send. */
export function AdminResultPage({
  ctx,
  row,
  message,
  notice,
  problem,
}: {
  ctx: ViewContext;
  row: SharedRow;
  message: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const c = row.content;
  const tz = ctx.settings.timeZone;
  const day = (ms: number) => coachFormat(ctx).shortDate(ms, tz);
  const action = `/admin/guide/results/${encodeURIComponent(row.id)}`;
  const errors = problem ? { _form: problem, ...message.errors } : message.errors;
  return (
    <AdminLayout ctx={ctx} title={c ? `Guide result from ${c.name}` : 'Guide result'} notice={notice}>
      <p>
        <a href="/admin/guide/results">Back to shared results</a>
      </p>
      <p class="notice warning">
        <strong>A screen, not a diagnosis.</strong> It reflects what the person told the guide on {day(row.created_at)}.
        It is deleted on {day(row.expires_at)}.
      </p>
      {c ? (
        <>
          <dl class="facts">
            <div>
              <dt>Name</dt>
              <dd>{c.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{c.email}</dd>
            </div>
            <div>
              <dt>Suggestion</dt>
              <dd>{outcomeWords[c.evaluation.outcome]}</dd>
            </div>
            <div>
              <dt>Rules version</dt>
              <dd>{c.evaluation.version}</dd>
            </div>
          </dl>
          <h2>Reasons (rules that applied)</h2>
          <ul>
            {c.evaluation.fired.map((f) => (
              <li>
                <strong>{f.id}</strong>: {f.reason}
              </li>
            ))}
          </ul>
          <h2>Answers</h2>
          <dl class="facts">
            {questionsFor('guide')
              .filter((q) => isAsked(q, c.answers))
              .map((q) => (
                <div>
                  <dt>{q.text}</dt>
                  <dd>{answerInWords(q, c.answers[q.id])}</dd>
                </div>
              ))}
          </dl>
          <h2>Send a message</h2>
          <p class="hint">
            Adapt it to the person. Be direct and kind, name what they told you, and make therapy feel ordinary. It goes
            through the outbox.
          </p>
          <ErrorSummary errors={errors} labels={{ subject: 'Subject', body: 'Message' }} />
          <form method="post" action={`${action}/message`} novalidate>
            <CsrfField ctx={ctx} />
            <Field name="subject" label="Subject" state={message} required maxLength={150} />
            <TextArea
              name="body"
              label="Message"
              state={message}
              required
              rows={12}
              hint="Leave a blank line between paragraphs."
            />
            <FormActions>
              <button type="submit" class="button">
                Send to {c.email}
              </button>
            </FormActions>
          </form>
        </>
      ) : (
        <p>This result cannot be opened: it was sealed with a different encryption key.</p>
      )}
      <form method="post" action={`${action}/delete`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button danger">
          Delete this result now
        </button>
      </form>
    </AdminLayout>
  );
}

/** A first draft of the referral message, for the coach to adapt. */
export function draftReferralMessage(
  c: SharedContent,
  coachName: string,
  referrals: { name: string; how_to_reach: string }[],
): { subject: string; body: string } {
  const list = referrals.length
    ? referrals.map((r) => `- ${r.name}: ${r.how_to_reach}`).join('\n')
    : '- Your family doctor, who can refer you to a therapist';
  const opening =
    c.evaluation.outcome === 'coaching'
      ? 'Thank you for sharing your result from the guide. I would be glad to talk about coaching with you.'
      : 'Thank you for trusting me with your result from the guide. From what you shared, I think talking with a licensed therapist would be a good step, and it is a very ordinary one to take.';
  return {
    subject: 'Your result from the guide',
    body: `Hello ${c.name},\n\n${opening}\n\nHere are people I trust:\n${list}\n\nIf it would help, reply to this email and we can talk about next steps. If you ever need help urgently, please call a crisis line rather than waiting for me.\n\nWith warm wishes,\n${coachName}`,
  };
}
