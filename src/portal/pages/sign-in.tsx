import { EmailLinkForm, PasskeySignInButton } from '../../auth/index.ts';
import { type FormState, Layout, type ViewContext } from '../../web/index.ts';

/** The portal's sign-in: an email address, then a link and a code by email; or a passkey. */
export function PortalSignInPage({
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
  const hasErrors = Object.keys(state.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: hasErrors ? 'Sign in to your client portal (please check the form)' : 'Sign in to your client portal',
        description: 'Sign in with the email address you booked with: we send you a link and a code.',
        noindex: true,
      }}
      narrow
    >
      <h1>Sign in to your client portal</h1>
      <p class="lead">
        Enter the email address you booked or wrote with. We will email you a link that signs you in, and a code for
        another device. No password needed.
      </p>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <EmailLinkForm ctx={ctx} state={state} next={next} action="/portal/sign-in" />
      <p>
        Have a code from a sign-in email?{' '}
        <a href={next ? `/sign-in/code?next=${encodeURIComponent(next)}` : '/sign-in/code'}>Type the code</a>.
      </p>
      <h2>Or use a passkey</h2>
      <PasskeySignInButton ctx={ctx} next={next ?? '/portal'} />
      <p class="hint">
        Not a client yet? <a href="/book">Book a session</a> or <a href="/contact">write to us</a>. The coach?{' '}
        <a href="/sign-in">Coach sign-in</a>.
      </p>
    </Layout>
  );
}

/** The same answer for every address, so nobody learns who is a client. */
export function PortalCheckEmailPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Check your email',
        description: 'A sign-in link is on its way if the address belongs to a client.',
        noindex: true,
      }}
      narrow
    >
      <h1>Check your email</h1>
      <p class="lead">
        If the address you entered belongs to a client of this practice, a sign-in link is on its way. It works once,
        for 15 minutes.
      </p>
      <p>
        Reading the email on another device? It also has a 6-digit code: <a href="/sign-in/code">type it here</a>.
      </p>
      <p>
        Nothing arrived after a few minutes? Check your spam folder, then <a href="/portal/sign-in">try again</a> with
        the address you booked with.
      </p>
    </Layout>
  );
}
