import type { CrisisResource } from '../../safety/index.ts';
import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, type FormState, Layout } from '../../web/index.ts';
import { type Answers, type Evaluation, whatWouldChange } from '../engine/evaluate.ts';
import { questionById, topicTitles } from '../engine/questions.ts';
import { SHARED_RESULT_RETENTION_DAYS } from '../guide.settings.ts';
import type { Referral } from '../guide.tables.ts';
import { ConflictNote, CrisisPanel, ReferralList } from './parts.tsx';
import { HiddenAnswers } from './question-field.tsx';

const headlines = {
  coaching: {
    h1: 'Coaching looks like a good fit',
    lead: 'From what you told us, coaching looks like a good fit for what you want right now.',
  },
  both: {
    h1: 'Support from a professional, with coaching alongside',
    lead: 'We’d suggest starting with, or continuing, support from a licensed professional for some of what you described, and coaching can work alongside it for your goal.',
  },
  therapy: {
    h1: 'We’d suggest speaking with a therapist first',
    lead: 'We’d suggest speaking with a licensed therapist or your doctor. This isn’t a diagnosis; only a qualified professional can assess that. Coaching may be a good option later, or alongside, once you have that support.',
  },
} as const;

interface ResultProps {
  ctx: ViewContext;
  answers: Answers;
  evaluation: Evaluation & { outcome: 'coaching' | 'both' | 'therapy' };
  lines: CrisisResource[];
  referrals: Referral[];
  conflictStatement: string;
  share: FormState;
  problem?: string | undefined;
}

/** The suggestion, the reasons from the answers, what would change it, the next step, and the opt-in to share. */
export function ResultPage({
  ctx,
  answers,
  evaluation: e,
  lines,
  referrals,
  conflictStatement,
  share,
  problem,
}: ResultProps) {
  const text = headlines[e.outcome];
  const coachName = ctx.settings.coachName;
  const errors = problem ? { _form: problem, ...share.errors } : share.errors;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: `${text.h1} · Therapy or coaching?`,
        description: 'Your suggestion from the therapy-or-coaching guide.',
        path: '/guide',
        noindex: true,
      }}
      mainProps={{ 'data-outcome': e.outcome }}
      narrow
    >
      <div class="guide result">
        <p class="eyebrow">Therapy or coaching? · Your suggestion</p>
        <h1>{text.h1}</h1>
        <p class="lead">{text.lead}</p>
        <p class="notice">This is a screen, not a diagnosis. It only reflects what you told us today.</p>

        {e.crisisPanel === 'prominent' ? <CrisisPanel lines={lines} prominent youthFirst={e.minor} /> : null}

        <h2>Because you said…</h2>
        <form method="post" action="/guide/answer" class="reasons-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="at" value="result" />
          <HiddenAnswers answers={answers} />
          <ul class="reasons">
            {e.fired.map((f) => {
              const topic = questionById(f.asks)?.topic ?? 'purpose';
              return (
                <li data-rule={f.id}>
                  <span>{f.reason}</span>{' '}
                  <button type="submit" class="link-button no-print" name="edit" value={topic}>
                    Change this answer<span class="visually-hidden"> ({topicTitles[topic].toLowerCase()})</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </form>

        <h2>What would change this suggestion</h2>
        <ul>
          {whatWouldChange(e).map((s) => (
            <li>{s}</li>
          ))}
        </ul>

        <h2>Your next step</h2>
        {e.outcome === 'therapy' ? (
          <>
            <p>
              A therapist, counsellor or your family doctor is the right place to start.
              {referrals.length > 0 ? ` Here are people ${coachName} trusts:` : ''}
            </p>
            <ReferralList referrals={referrals} />
            <p>
              If you’d like help finding the right person, <a href="/contact">write to {coachName} about a referral</a>.
            </p>
          </>
        ) : (
          <>
            {e.outcome === 'both' ? (
              <>
                <p>
                  If you don’t have professional support yet
                  {referrals.length > 0 ? `, here are people ${coachName} trusts:` : ', here is where to start:'}
                </p>
                <ReferralList referrals={referrals} />
                <p>
                  In a first coaching session we would agree together how coaching and your other support fit side by
                  side.
                </p>
              </>
            ) : null}
            <p>
              <a class="button" href="/services">
                Book a first session
              </a>
            </p>
          </>
        )}

        {e.crisisPanel !== 'prominent' ? <CrisisPanel lines={lines} prominent={false} youthFirst={e.minor} /> : null}

        <ConflictNote statement={conflictStatement} />

        <section class="no-print" aria-labelledby="keep-title">
          <h2 id="keep-title">Keep a copy for yourself</h2>
          <p>
            Use your browser’s Print command (Ctrl+P, or ⌘P on a Mac) and choose “Save as PDF” to keep this page, for
            example to take to your doctor. We don’t keep a copy.
          </p>
        </section>

        <section class="no-print share" aria-labelledby="share-title">
          <h2 id="share-title">Share this result with {coachName} (optional)</h2>
          <p>Only if you want to. If you don’t, nothing is kept.</p>
          <ErrorSummary
            errors={errors}
            labels={{ name: 'Your name', email: 'Your email address', consent: 'Agreement' }}
          />
          <form method="post" action="/guide/share" novalidate>
            <CsrfField ctx={ctx} />
            <HiddenAnswers answers={answers} />
            <ShareFields state={share} coachName={coachName} />
            <div class="form-actions">
              <button type="submit" class="button secondary">
                Share with {coachName}
              </button>
            </div>
          </form>
        </section>

        <p class="hint">
          Rules version {e.version}. <a href="/guide/how-we-decide">How we decide</a>.
        </p>
      </div>
    </Layout>
  );
}

function ShareFields({ state, coachName }: { state: FormState; coachName: string }) {
  const err = (k: string) => state.errors[k];
  return (
    <>
      <div class={err('name') ? 'field has-error' : 'field'}>
        <label for="f-name">Your name</label>
        {err('name') ? (
          <p class="field-error" id="e-name">
            {err('name')}
          </p>
        ) : null}
        <input
          id="f-name"
          name="name"
          type="text"
          autocomplete="name"
          maxLength={100}
          value={state.values.name ?? ''}
          aria-describedby={err('name') ? 'e-name' : undefined}
        />
      </div>
      <div class={err('email') ? 'field has-error' : 'field'}>
        <label for="f-email">Your email address</label>
        <p class="hint" id="h-email">
          So {coachName} can reply to you.
        </p>
        {err('email') ? (
          <p class="field-error" id="e-email">
            {err('email')}
          </p>
        ) : null}
        <input
          id="f-email"
          name="email"
          type="email"
          autocomplete="email"
          maxLength={254}
          value={state.values.email ?? ''}
          aria-describedby={err('email') ? 'h-email e-email' : 'h-email'}
        />
      </div>
      <div class={err('consent') ? 'checkbox has-error' : 'checkbox'} id="f-consent">
        <input id="f-consent-box" type="checkbox" name="consent" value="yes" aria-describedby="h-consent" />
        <label for="f-consent-box">
          I agree to share my answers, this suggestion and its reasons, with my name and email address, with {coachName}
          , so that {coachName} can prepare a first conversation with me or help me find the right professional.
        </label>
      </div>
      <p class="hint" id="h-consent">
        Only {coachName} can see it, in the practice’s private back office, stored encrypted. It is deleted
        automatically after {SHARED_RESULT_RETENTION_DAYS} days, or sooner if you ask. Your answers are about your
        health, so we only keep them with your clear agreement, and never use them for anything else.
      </p>
      {err('consent') ? <p class="field-error">{err('consent')}</p> : null}
    </>
  );
}
