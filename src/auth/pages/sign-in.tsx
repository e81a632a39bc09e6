import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Field, FormActions, type FormState, Layout } from '../../web/index.ts';
import { PasskeySignInButton } from './passkey-button.tsx';

const seo = (title: string, description: string) => ({ title, description, noindex: true });

/** Shown when a form's CSRF token was missing or stale. */
function Expired({ message }: { message?: string | undefined }) {
  return message ? (
    <p class="notice warning" role="alert">
      {message}
    </p>
  ) : null;
}

/** Asks for the coach's email address. */
/** The one field of an emailed sign-in (the coach's at /sign-in, a client's at /portal/sign-in), with its errors. */
export function EmailLinkForm({
  ctx,
  state,
  next,
  action,
}: {
  ctx: ViewContext;
  state: FormState;
  next: string | null;
  action: string;
}) {
  return (
    <>
      <ErrorSummary errors={state.errors} labels={{ email: 'Email address' }} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="email"
          label="Email address"
          type="email"
          autocomplete="email"
          required
          state={state}
          maxLength={254}
        />
        <FormActions>
          <button type="submit" class="button">
            Email me a sign-in link
          </button>
        </FormActions>
      </form>
    </>
  );
}

export function SignInPage({
  ctx,
  state,
  next,
  message,
}: {
  ctx: ViewContext;
  state: FormState;
  next: string | null;
  message?: string;
}) {
  return (
    <Layout ctx={ctx} seo={seo('Coach sign-in', 'Sign in to the back office with a link sent to your email.')} narrow>
      <h1>Coach sign-in</h1>
      <p class="lead">
        Enter the email address of your coach account. We will send you a link that signs you in. No password needed.
      </p>
      <Expired message={message} />
      <EmailLinkForm ctx={ctx} state={state} next={next} action="/sign-in" />
      <p>
        Have a code from a sign-in email? <a href="/sign-in/code">Type the code</a>.
      </p>
      <p>
        Are you a client? <a href="/portal/sign-in">Sign in to your client portal</a>.
      </p>
      <h2>Or use a passkey</h2>
      <PasskeySignInButton ctx={ctx} next={next} />
    </Layout>
  );
}

/** The same answer for every address, so the page never tells who has an account. */
export function CheckEmailPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={seo('Check your email', 'A sign-in link is on its way if the address has a coach account.')}
      narrow
    >
      <h1>Check your email</h1>
      <p class="lead">
        If the address you entered belongs to a coach account here, a sign-in link is on its way. It works once, for 15
        minutes.
      </p>
      <p>
        Reading the email on another device? The email also has a 6-digit code: <a href="/sign-in/code">type it here</a>
        .
      </p>
      <p>Nothing after a few minutes? Look in your spam folder, or check the address and ask again.</p>
      <p>
        <a href="/sign-in">Ask for another link</a>
      </p>
      <h2>Email not set up yet?</h2>
      <p>
        Whoever runs the server can make a sign-in link without email:{' '}
        <code>npm run tandem -- sign-in-link --email you@example.com</code>
      </p>
    </Layout>
  );
}

/**
 * The page a sign-in link opens. It signs in only when the button is pressed: mail scanners
 * open links to check them, and must not use up a one-time link.
 */
export function VerifyPage({
  ctx,
  token,
  next,
  message,
}: {
  ctx: ViewContext;
  token: string;
  next: string | null;
  message?: string;
}) {
  return (
    <Layout ctx={ctx} seo={seo('Sign in', 'Finish signing in on this device.')} narrow>
      <h1>Sign in</h1>
      <Expired message={message} />
      <p class="lead">Press the button to finish signing in on this device.</p>
      <form method="post" action="/sign-in/verify">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <FormActions>
          <button type="submit" class="button">
            Sign in
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}

export type LinkProblem = 'sign_in' | 'setup' | 'setup_done';

/** "This link no longer works", with what to do next for each kind of link. */
export function LinkInvalidPage({ ctx, problem }: { ctx: ViewContext; problem: LinkProblem }) {
  const lead =
    problem === 'setup_done'
      ? 'This practice already has its coach account, so setup links are switched off.'
      : problem === 'setup'
        ? 'Setup links work once and for 24 hours. This one has been used, has expired, or was copied incompletely.'
        : 'Sign-in links work once and for 15 minutes. This one has been used, has expired, or was copied incompletely.';
  return (
    <Layout ctx={ctx} seo={seo('This link no longer works', lead)} narrow>
      <h1>This link no longer works</h1>
      <p class="lead">{lead}</p>
      <h2>What you can do</h2>
      <ul class="next-steps">
        {problem === 'setup' ? (
          <li>
            Restart Tandem: while there is no coach account, it prints a fresh setup link when it starts. Or, on the
            server, run <code>npm run tandem -- create-owner --email you@example.com</code>.
          </li>
        ) : (
          <>
            <li>
              <a href="/sign-in">Ask for a new sign-in link</a> (coaches).
            </li>
            <li>
              <a href="/portal/sign-in">Ask for a new link on the client sign-in page</a> (clients).
            </li>
          </>
        )}
        <li>
          If email is not working yet, whoever runs the server can make a link with{' '}
          <code>npm run tandem -- sign-in-link --email you@example.com</code>.
        </li>
      </ul>
    </Layout>
  );
}

/** A sign-out button on its own page: for a visit to /sign-out, or when the old form expired. */
export function SignOutPage({ ctx, message }: { ctx: ViewContext; message?: string }) {
  return (
    <Layout ctx={ctx} seo={seo('Sign out', 'Sign out of the back office on this device.')} narrow>
      <h1>Sign out</h1>
      <Expired message={message} />
      <form method="post" action="/sign-out">
        <CsrfField ctx={ctx} />
        <FormActions>
          <button type="submit" class="button">
            Sign out
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}
