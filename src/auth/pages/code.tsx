import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Field, FormActions, type FormState, Layout } from '../../web/index.ts';

export const codeLabels = { email: 'Email address', code: 'Code from the email' };

/** Signing in on another device: the address and the 6-digit code from the sign-in email. */
export function SignInCodePage({
  ctx,
  state,
  next,
  message,
}: {
  ctx: ViewContext;
  state: FormState;
  next: string | null;
  message?: string | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Sign in with a code',
        description: 'Sign in with the 6-digit code from your sign-in email.',
        noindex: true,
      }}
      narrow
    >
      <h1>Sign in with a code</h1>
      <p class="lead">
        Your sign-in email has a link and a 6-digit code. On this device, type the address the email went to and the
        code. The code works once, for 15 minutes.
      </p>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} labels={codeLabels} />
      <form method="post" action="/sign-in/code" novalidate>
        <CsrfField ctx={ctx} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="email"
          label={codeLabels.email}
          type="email"
          autocomplete="email"
          required
          state={state}
          maxLength={254}
        />
        <Field
          name="code"
          label={codeLabels.code}
          hint="6 digits, for example 123456."
          autocomplete="one-time-code"
          inputMode="numeric"
          required
          state={state}
          maxLength={20}
        />
        <FormActions>
          <button type="submit" class="button">
            Sign in
          </button>
        </FormActions>
      </form>
      <p>
        No email, or the code stopped working? Ask for a new sign-in email: <a href="/portal/sign-in">client sign-in</a>{' '}
        or <a href="/sign-in">coach sign-in</a>.
      </p>
    </Layout>
  );
}

/** A coach who requires a passkey used an emailed link or code: what to do instead. */
export function PasskeyRequiredPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'This account signs in with a passkey',
        description: 'The back office of this account opens only with a passkey.',
        noindex: true,
      }}
      narrow
    >
      <h1>This account signs in with a passkey</h1>
      <p class="lead">
        You asked that only a passkey opens your back office, so emailed links and codes do not sign you in. Nothing has
        changed on your account.
      </p>
      <h2>What you can do</h2>
      <ul class="next-steps">
        <li>
          <a href="/sign-in">Go to the coach sign-in</a> and press “Sign in with a passkey”.
        </li>
        <li>
          Lost your passkey? Whoever runs the server can make a sign-in link that always works:{' '}
          <code>npm run tandem -- sign-in-link --email you@example.com</code>. Then remove the lost passkey, or turn the
          requirement off, on the Passkeys page.
        </li>
      </ul>
    </Layout>
  );
}
