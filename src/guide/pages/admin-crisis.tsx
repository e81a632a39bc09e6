import { type CrisisResource, coveredCountries } from '../../safety/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Select,
  TextArea,
} from '../../web/index.ts';

export type LineStatus = 'shipped' | 'edited' | 'hidden' | 'own';
export interface ListedLine {
  line: CrisisResource;
  status: LineStatus;
}

const statusWords: Record<LineStatus, string> = {
  shipped: 'As shipped',
  edited: 'Edited by you',
  hidden: 'Hidden by you',
  own: 'Added by you',
};
export const kindWords: Record<CrisisResource['kind'], string> = {
  emergency: 'Emergency number',
  crisis: 'Crisis line',
  youth: 'Young people',
  domestic_abuse: 'Domestic abuse',
  substance: 'Alcohol and drugs',
  info: 'Information',
};

/** /admin/guide/crisis-lines: every line by country, with its last check date and status. */
export function AdminCrisisLinesPage({
  ctx,
  lines,
  notice,
}: {
  ctx: ViewContext;
  lines: ListedLine[];
  notice?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Crisis lines" notice={notice}>
      <p>
        Tandem ships these lines as defaults. Numbers change: check each against its source page before you rely on it,
        then set the date you checked. Your changes apply at once to “Need help now?”, the guide and the booking screen.
      </p>
      {Object.entries(coveredCountries).map(([cc, name]) => (
        <section aria-labelledby={`cc-${cc}`}>
          <h2 id={`cc-${cc}`}>{name.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase())}</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Kind</th>
                <th scope="col">Contact</th>
                <th scope="col">Checked on</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {lines
                .filter((l) => l.line.country === cc)
                .map(({ line, status }) => (
                  <tr>
                    <td data-label="Line">
                      <a href={`/admin/guide/crisis-lines/${encodeURIComponent(line.key)}`}>{line.name}</a>
                    </td>
                    <td data-label="Kind">{kindWords[line.kind]}</td>
                    <td data-label="Contact">
                      {[
                        line.phone,
                        line.sms ? `text ${line.sms.keyword ? line.sms.keyword + ' to ' : ''}${line.sms.number}` : null,
                        line.chatUrl ? 'chat' : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td data-label="Checked on">{line.verifiedOn}</td>
                    <td data-label="Status">{statusWords[status]}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p>
            <a href={`/admin/guide/crisis-lines/new?country=${cc}`}>Add a line in {name}</a>
          </p>
        </section>
      ))}
    </AdminLayout>
  );
}

const labels = {
  country: 'Country',
  kind: 'Kind of line',
  name: 'Name',
  phone: 'Phone number',
  smsNumber: 'Text number',
  smsKeyword: 'Text keyword',
  chatUrl: 'Chat address',
  email: 'Email address',
  hours: 'Opening hours',
  audience: 'Who it is for',
  whatToExpect: 'What happens when you get in touch',
  notes: 'Notes',
  sourceUrl: 'Source page',
  verifiedOn: 'Checked on',
};

/** The form values of a line. */
export function lineValues(l: CrisisResource, hidden: boolean): Record<string, string> {
  return {
    country: l.country,
    kind: l.kind,
    name: l.name,
    phone: l.phone ?? '',
    smsNumber: l.sms?.number ?? '',
    smsKeyword: l.sms?.keyword ?? '',
    chatUrl: l.chatUrl ?? '',
    email: l.email ?? '',
    hours: l.hours,
    audience: l.audience,
    whatToExpect: l.whatToExpect,
    notes: l.notes ?? '',
    sourceUrl: l.sourceUrl,
    verifiedOn: l.verifiedOn,
    ...(hidden ? { hidden: 'yes' } : {}),
  };
}

/** Edit one line (shipped or own), or add one (key 'new'). */
export function AdminCrisisLinePage({
  ctx,
  lineKey,
  status,
  state,
  problem,
}: {
  ctx: ViewContext;
  lineKey: string;
  status: LineStatus | 'new';
  state: FormState;
  problem?: string | undefined;
}) {
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  const action = `/admin/guide/crisis-lines/${encodeURIComponent(lineKey)}`;
  return (
    <AdminLayout ctx={ctx} title={status === 'new' ? 'Add a crisis line' : `Crisis line: ${state.values.name ?? ''}`}>
      <p>
        <a href="/admin/guide/crisis-lines">Back to all crisis lines</a>
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {status === 'new' ? (
          <Select
            name="country"
            label={labels.country}
            state={state}
            required
            options={Object.entries(coveredCountries).map(([value, label]) => ({
              value,
              label: label.replace(/^the /, ''),
            }))}
          />
        ) : (
          <input type="hidden" name="country" value={state.values.country ?? ''} />
        )}
        <Select
          name="kind"
          label={labels.kind}
          state={state}
          required
          options={Object.entries(kindWords).map(([value, label]) => ({ value, label }))}
        />
        <Field name="name" label={labels.name} state={state} required maxLength={120} />
        <Field
          name="phone"
          label={labels.phone}
          state={state}
          type="tel"
          hint="As people write it locally, e.g. 116 123."
        />
        <Field name="smsNumber" label={labels.smsNumber} state={state} type="tel" />
        <Field
          name="smsKeyword"
          label={labels.smsKeyword}
          state={state}
          hint="A word to send, e.g. SHOUT; leave empty if any message works."
        />
        <Field name="chatUrl" label={labels.chatUrl} state={state} type="url" />
        <Field name="email" label={labels.email} state={state} type="email" />
        <Field name="hours" label={labels.hours} state={state} required />
        <Field name="audience" label={labels.audience} state={state} required />
        <TextArea
          name="whatToExpect"
          label={labels.whatToExpect}
          state={state}
          required
          rows={3}
          hint="Honest and reassuring: who answers, and how rarely emergency services are involved."
        />
        <Field name="notes" label={labels.notes} state={state} />
        <Field name="sourceUrl" label={labels.sourceUrl} state={state} type="url" required />
        <Field name="verifiedOn" label={labels.verifiedOn} state={state} type="date" required />
        {status === 'new' || status === 'own' ? null : (
          <div class="checkbox">
            <input id="f-hidden" type="checkbox" name="hidden" value="yes" checked={state.values.hidden === 'yes'} />
            <label for="f-hidden">Hide this line from the site</label>
          </div>
        )}
        <FormActions>
          <button type="submit" class="button">
            Save line
          </button>
        </FormActions>
      </form>
      {status === 'edited' || status === 'hidden' || status === 'own' ? (
        <form method="post" action={`${action}/restore`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button secondary">
            {status === 'own' ? 'Remove this line' : 'Go back to the shipped version'}
          </button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
