import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, CsrfField, ErrorSummary, Field, FormActions, type FormState, TextArea } from '../../web/index.ts';
import { cutoffRanges, type GuideCutoffs } from '../engine/settings.ts';
import { SHARED_RESULT_RETENTION_DAYS } from '../guide.settings.ts';
import type { Referral } from '../guide.tables.ts';

const cutoffKeys = Object.keys(cutoffRanges) as (keyof GuideCutoffs)[];
const settingsLabels: Record<string, string> = {
  ...Object.fromEntries(cutoffKeys.map((k) => [k, cutoffRanges[k].label])),
  conflictStatement: 'Conflict-of-interest statement',
};

/** /admin/guide: the cut-offs, the conflict-of-interest statement and minors, with links to the rest. */
export function AdminGuideSettingsPage({
  ctx,
  state,
  notice,
  problem,
  services = [],
}: {
  ctx: ViewContext;
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
  /** Each service, for the links to its own intake questions. */
  services?: { id: string; name: string }[];
}) {
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  return (
    <AdminLayout ctx={ctx} title="Guide settings" notice={notice}>
      <ul class="next-steps">
        <li>
          <a href="/admin/guide/referrals">Referral list: therapists and services you trust</a>
        </li>
        <li>
          <a href="/admin/guide/crisis-lines">Crisis lines by country</a>
        </li>
        <li>
          <a href="/admin/guide/results">Results visitors shared with you</a>
        </li>
        <li>
          <a href="/guide/how-we-decide">The public rules (“How we decide”)</a>
        </li>
      </ul>
      <ErrorSummary errors={errors} labels={settingsLabels} />
      <form method="post" action="/admin/guide" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Cut-offs</legend>
          <p class="hint">
            These decide when the guide suggests a professional. The defaults follow the research; ask a licensed
            clinician before changing them. Every change is recorded in the audit log.
          </p>
          {cutoffKeys.map((k) => (
            <Field
              name={k}
              label={cutoffRanges[k].label}
              state={state}
              required
              inputMode="numeric"
              hint={`A whole number from ${cutoffRanges[k].min} to ${cutoffRanges[k].max}.`}
            />
          ))}
        </fieldset>
        <TextArea
          name="conflictStatement"
          label={settingsLabels.conflictStatement!}
          state={state}
          required
          rows={4}
          hint="Shown on the guide’s first page and on every result. Say plainly that you earn from coaching."
        />
        <div class="checkbox">
          <input
            id="f-acceptsMinors"
            type="checkbox"
            name="acceptsMinors"
            value="yes"
            checked={state.values.acceptsMinors === 'yes'}
          />
          <label for="f-acceptsMinors">I coach people under 18 (with a parent’s or guardian’s written consent)</label>
        </div>
        <div class="checkbox">
          <input
            id="f-asksPhq9Item9"
            type="checkbox"
            name="asksPhq9Item9"
            value="yes"
            checked={state.values.asksPhq9Item9 === 'yes'}
          />
          <label for="f-asksPhq9Item9">
            Also ask PHQ-9 question 9 (thoughts of being better off dead or of self-harm) in the intake before a first
            booking
          </label>
        </div>
        <p class="hint">
          Not recommended: the safety questions everyone answers already cover this, and a “Not at all” is no
          reassurance. If you ask it, any other answer with a safety question left open shows the person crisis help and
          books nothing; with every safety question answered, the booking shows you the answer so you can check in.
        </p>
        <FormActions>
          <button type="submit" class="button">
            Save guide settings
          </button>
        </FormActions>
      </form>
      <p class="hint">
        Results visitors choose to share are deleted automatically {SHARED_RESULT_RETENTION_DAYS} days after they
        arrive.
      </p>
      {services.length ? (
        <>
          <h2>Questions of your own</h2>
          <p>Each service can ask a few questions of yours when someone books it, after the safety questions.</p>
          <ul>
            {services.map((sv) => (
              <li>
                <a href={`/admin/services/${sv.id}/questions`}>Questions for {sv.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </AdminLayout>
  );
}

const referralLabels = {
  name: 'Name',
  focus: 'What they help with',
  how_to_reach: 'How to reach them',
  notes: 'Notes',
  sort_order: 'Order',
};

function ReferralFields({ state }: { state: FormState }) {
  return (
    <>
      <Field name="name" label={referralLabels.name} state={state} required maxLength={120} />
      <Field
        name="focus"
        label={referralLabels.focus}
        state={state}
        maxLength={300}
        hint="For example: anxiety and depression, adults, online or in person."
      />
      <Field
        name="how_to_reach"
        label={referralLabels.how_to_reach}
        state={state}
        required
        maxLength={300}
        hint="A phone number, address or website, as visitors will see it."
      />
      <TextArea
        name="notes"
        label={referralLabels.notes}
        state={state}
        rows={3}
        hint="Shown to visitors, e.g. fees, waiting times, languages."
      />
      <Field
        name="sort_order"
        label={referralLabels.sort_order}
        state={state}
        inputMode="numeric"
        hint="Lower numbers come first."
      />
    </>
  );
}

/** /admin/guide/referrals: the list and a form to add one. */
export function AdminReferralsPage({
  ctx,
  referrals,
  state,
  notice,
}: {
  ctx: ViewContext;
  referrals: Referral[];
  state: FormState;
  notice?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Referral list" notice={notice}>
      <p>Visitors whose result suggests a therapist see this list, in this order.</p>
      {referrals.length === 0 ? (
        <p>No one yet. Until you add someone, visitors are pointed to their family doctor and the national lines.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Focus</th>
              <th scope="col">How to reach them</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((r) => (
              <tr>
                <td data-label="Name">
                  <a href={`/admin/guide/referrals/${encodeURIComponent(r.id)}`}>{r.name}</a>
                </td>
                <td data-label="Focus">{r.focus}</td>
                <td data-label="How to reach them">{r.how_to_reach}</td>
                <td data-label="Order">{r.sort_order}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add someone</h2>
      <ErrorSummary errors={state.errors} labels={referralLabels} />
      <form method="post" action="/admin/guide/referrals" novalidate>
        <CsrfField ctx={ctx} />
        <ReferralFields state={state} />
        <FormActions>
          <button type="submit" class="button">
            Add to the list
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** /admin/guide/referrals/:id: change or remove one referral. */
export function AdminReferralPage({
  ctx,
  referral,
  state,
  problem,
}: {
  ctx: ViewContext;
  referral: Referral;
  state: FormState;
  problem?: string | undefined;
}) {
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  const action = `/admin/guide/referrals/${encodeURIComponent(referral.id)}`;
  return (
    <AdminLayout ctx={ctx} title={`Referral: ${referral.name}`}>
      <p>
        <a href="/admin/guide/referrals">Back to the referral list</a>
      </p>
      <ErrorSummary errors={errors} labels={referralLabels} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <ReferralFields state={state} />
        <FormActions>
          <button type="submit" class="button">
            Save changes
          </button>
        </FormActions>
      </form>
      <form method="post" action={`${action}/delete`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button danger">
          Remove from the list
        </button>
      </form>
    </AdminLayout>
  );
}
