import type { ViewContext } from '../../web/index.ts';

/** The two same-origin scripts passkeys need: the WebAuthn helpers, then ours (no inline script). */
export function PasskeyScripts() {
  return (
    <>
      <script src="/auth/webauthn-browser.js" defer />
      <script src="/auth/passkeys.js" defer />
    </>
  );
}

/**
 * "Sign in with a passkey": hidden until the script finds the browser can do it, so with
 * JavaScript off the page shows only a sentence and email sign-in is untouched. Any page may embed
 * it (the coach's /sign-in, the portal's sign-in); it posts to /sign-in/passkey/options and
 * /sign-in/passkey/verify, then goes where the server says (`next` if safe, else by role).
 */
export function PasskeySignInButton({
  ctx,
  next,
  label = 'Sign in with a passkey',
}: {
  ctx: ViewContext;
  next?: string | null | undefined;
  label?: string;
}) {
  return (
    <div class="passkey-sign-in">
      <div data-passkey="sign-in" data-csrf={ctx.csrf()} data-next={next ?? ''} hidden>
        <p>
          <button type="button" class="button secondary" data-passkey-start>
            {label}
          </button>
        </p>
        <p data-passkey-status role="status" aria-live="polite"></p>
      </div>
      <noscript>
        <p>Signing in with a passkey needs JavaScript. You can sign in by email instead.</p>
      </noscript>
      <PasskeyScripts />
    </div>
  );
}
