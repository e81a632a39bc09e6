import { CsrfField, ErrorSummary, Field, FormActions, type FormState, Radios } from '../../web/index.ts';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export const reminderLabels = {
  reminders: 'Reminder emails',
  quiet_start: 'Quiet from',
  quiet_end: 'Quiet until',
} as const;

/** "21:00" for 1260 minutes. */
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The client's own say over reminder emails: on or off, and the quiet hours on their clock. */
export function PortalRemindersPage({
  frame,
  zone,
  current,
  form,
  notice,
}: {
  frame: PortalFrame;
  zone: string;
  current: { on: boolean; startMin: number; endMin: number };
  form: FormState;
  notice?: string | undefined;
}) {
  const values: FormState = {
    errors: form.errors,
    values: {
      reminders: current.on ? 'on' : 'off',
      quiet_start: hhmm(current.startMin),
      quiet_end: hhmm(current.endMin),
      ...form.values,
    },
  };
  return (
    <PortalLayout frame={frame} title="Reminders" notice={notice}>
      <h1>Reminders</h1>
      <p class="lead">
        At most one reminder email a day, when an action item is due or a check-in is. It says how many, never what they
        are: you read them here, signed in.
      </p>
      <ErrorSummary errors={form.errors} labels={reminderLabels} />
      <form method="post" action="/portal/reminders" novalidate>
        <CsrfField ctx={frame.ctx} />
        <Radios
          name="reminders"
          label={reminderLabels.reminders}
          state={values}
          required
          options={[
            { value: 'on', label: 'Yes, one email a day at most when something is due' },
            { value: 'off', label: 'No reminder emails' },
          ]}
        />
        <fieldset>
          <legend>Quiet hours: no reminder comes between these times ({zone})</legend>
          <Field name="quiet_start" label={reminderLabels.quiet_start} type="time" state={values} required />
          <Field name="quiet_end" label={reminderLabels.quiet_end} type="time" state={values} required />
          <p class="hint">For example from 21:00 until 08:00. The same time twice means no quiet hours.</p>
        </fieldset>
        <FormActions>
          <button type="submit" class="button">
            Save
          </button>
        </FormActions>
      </form>
      <p class="hint">Emails about your sessions and new messages come whatever you choose here.</p>
    </PortalLayout>
  );
}
