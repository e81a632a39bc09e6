import type { ViewContext } from '../../web/index.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Layout,
  Radios,
  TextArea,
  visitorFormat,
} from '../../web/index.ts';
import { contactLabels, MAX_MESSAGE_CHARS } from '../contact.form.ts';

interface Props {
  ctx: ViewContext;
  state: FormState;
  /** The signed time the form was first shown (see form-timing.ts). */
  started: string;
  /** A message above the form that is not about what was typed (e.g. how long to wait). */
  notice?: string | undefined;
}

/** The public contact form: kind words, a few fields, no third-party anything. */
export function ContactFormPage({ ctx, state, started, notice }: Props) {
  const { settings } = ctx;
  const hasErrors = Object.keys(state.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: hasErrors ? 'Get in touch (please check the form)' : `Get in touch with ${settings.coachName}`,
        description: `Write to ${settings.coachName}: a question about coaching, whether it might suit you, or where you feel stuck. Every message is read personally.`,
        path: '/contact',
      }}
      narrow
    >
      <h1>Get in touch</h1>
      <p class="lead">
        You can write about anything: a question about coaching, whether it might suit you, or simply where you feel
        stuck. Every message is read personally, and you will usually hear back within two working days.
      </p>
      <p class="notice warning">
        This form is not watched around the clock. If you are in crisis or in danger, please{' '}
        <a href="/help">see who you can reach right now</a>.
      </p>
      {notice ? (
        <p class="notice warning" role="alert">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} labels={contactLabels} />
      <form method="post" action="/contact" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="started" value={started} />
        <Field name="name" label={contactLabels.name} state={state} required autocomplete="name" maxLength={100} />
        <Field
          name="email"
          label={contactLabels.email}
          state={state}
          type="email"
          required
          autocomplete="email"
          maxLength={254}
          hint="Only used to reply to you."
        />
        <Field
          name="phone"
          label={contactLabels.phone}
          state={state}
          type="tel"
          autocomplete="tel"
          hint="Only if you would like a call back."
        />
        <Radios
          name="preferred"
          label={contactLabels.preferred}
          state={state}
          options={[
            { value: 'email', label: 'By email' },
            { value: 'phone', label: 'By phone' },
          ]}
        />
        <TextArea
          name="message"
          label={contactLabels.message}
          state={state}
          required
          rows={8}
          hint={`Up to ${visitorFormat(ctx).count(MAX_MESSAGE_CHARS)} characters.`}
        />
        {/* A trap for robots that fill in every field; people never see it. */}
        <div class="visually-hidden">
          <label for="f-website">Leave this empty</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <FormActions>
          <button type="submit" class="button">
            Send message
          </button>
        </FormActions>
      </form>
      <p class="hint">
        We use what you send only to reply to you. See our <a href="/privacy">privacy notice</a>.
      </p>
    </Layout>
  );
}
