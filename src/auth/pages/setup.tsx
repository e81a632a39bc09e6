import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Field, FormActions, type FormState, Layout } from '../../web/index.ts';

export const setupLabels = { name: 'Your name', email: 'Your email address' };

/** First start: the person holding the setup link creates the coach account. */
export function SetupPage({
  ctx,
  token,
  state,
  message,
}: {
  ctx: ViewContext;
  token: string;
  state: FormState;
  message?: string;
}) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Create the coach account',
        description: 'Set up the coach account for this practice.',
        noindex: true,
      }}
      narrow
    >
      <h1>Create the coach account</h1>
      <p class="lead">
        This creates the account that runs this practice: the back office, the site's pages and settings, and the
        messages people send. You can do this once.
      </p>
      <p>From now on you sign in with a link sent to this email address, so use one you read.</p>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} labels={setupLabels} />
      <form method="post" action="/setup" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        <Field name="name" label={setupLabels.name} autocomplete="name" required state={state} maxLength={80} />
        <Field
          name="email"
          label={setupLabels.email}
          type="email"
          autocomplete="email"
          required
          state={state}
          maxLength={254}
        />
        <FormActions>
          <button type="submit" class="button">
            Create the account and sign in
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}
