import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { hashToken } from '../security/index.ts';
import {
  emptyForm,
  handleForm,
  parseQuery,
  queryValue,
  sendPage,
  splitFormMessage,
  typedValues,
  viewContext,
} from '../web/index.ts';
import { usableToken } from './auth.queries.ts';
import {
  afterSignInPath,
  isCoach,
  requestSignInLink,
  type SignInOutcome,
  signInWithCode,
  signInWithLink,
  signOut,
} from './auth.service.ts';
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from './next-path.ts';
import { PasskeyRequiredPage, SignInCodePage } from './pages/code.tsx';
import { CheckEmailPage, LinkInvalidPage, SignInPage, SignOutPage, VerifyPage } from './pages/sign-in.tsx';
import { clearSessionCookie, setSessionCookie } from './sessions.ts';
import { CODE_DIGITS, cleanCode } from './sign-in-code.ts';

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'));

const signInSchema = z.object({ email: emailField });
const codeSchema = z.object({
  email: emailField,
  code: z
    .string()
    .transform(cleanCode)
    .pipe(
      z
        .string()
        .min(1, 'Enter the code from the email.')
        .regex(/^\d{6}$/, `The code is ${CODE_DIGITS} digits, for example 123456.`),
    ),
});
/** Said for a wrong code, a used or expired one, or an address without one: the same words, on purpose. */
export const CODE_REFUSED =
  'That code does not work. Check the address and the code in your latest sign-in email. A code works once, for 15 minutes, and stops after 5 wrong tries: then ask for a new email.';
const signInQuery = z.object({ next: queryValue });
const verifyQuery = z.object({ token: queryValue, next: queryValue });

/** Our tokens are 43 base64url characters; anything else cannot be one. */
export const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export const EXPIRED_FORM = 'This form had expired, so nothing happened yet. Please press the button again.';

/** Pages carrying a one-time token: never cached, never sent on in a Referer. */
export function privatePage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/** Sign-in by emailed link, and sign-out. */
export async function signInRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);

  const signedIn = (reply: FastifyReply, done: Extract<SignInOutcome, { ok: true }>, next: string | null) => {
    setSessionCookie(reply, done.sessionToken, deps.config.secureCookies);
    return afterSignInPath(done.user, next);
  };
  const passkeyRequired = async (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(privatePage(reply), <PasskeyRequiredPage ctx={await ctxOf(request, reply)} />, 403);

  app.get('/sign-in', async (request, reply) => {
    const next = safeNextPath(parseQuery(signInQuery, request).next);
    if (request.viewer && isCoach(request.viewer)) return reply.redirect(next ?? DEFAULT_AFTER_SIGN_IN, 303);
    return sendPage(privatePage(reply), <SignInPage ctx={await ctxOf(request, reply)} state={emptyForm} next={next} />);
  });

  // Per client address here; per email address in requestSignInLink (which works across instances).
  app.post('/sign-in', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const next = safeNextPath(typedValues(request.body).next);
    return handleForm(request, reply, {
      schema: signInSchema,
      expired: EXPIRED_FORM,
      render: async (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(
          privatePage(reply),
          <SignInPage ctx={await ctxOf(request, reply)} state={state} next={next} message={message} />,
          status,
        );
      },
      run: async ({ email }) => {
        const outcome = await requestSignInLink(deps, email, next);
        if (outcome === 'sent') kickOutbox(deps);
        // The page says the same either way, so nobody learns whether an address has an account.
        if (outcome === 'too_many') request.log.warn('sign-in links: limit per address reached');
        return '/sign-in/sent';
      },
    });
  });

  app.get('/sign-in/sent', async (request, reply) => {
    return sendPage(privatePage(reply), <CheckEmailPage ctx={await ctxOf(request, reply)} />);
  });

  // Limited like the button: each look checks a token guess against the database (issue 9, finding 9).
  app.get(
    '/sign-in/verify',
    { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const q = parseQuery(verifyQuery, request);
      const token = q.token ?? '';
      const ctx = await ctxOf(request, reply);
      // Looking is free; only the button uses the link up.
      if (!tokenShape.test(token) || !(await usableToken(deps.dbh.db, 'sign_in', hashToken(token), deps.clock.now()))) {
        return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="sign_in" />, 400);
      }
      return sendPage(privatePage(reply), <VerifyPage ctx={ctx} token={token} next={safeNextPath(q.next)} />);
    },
  );

  app.post(
    '/sign-in/verify',
    { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const values = typedValues(request.body);
      const token = values.token ?? '';
      const next = safeNextPath(values.next);
      const linkInvalid = async () =>
        sendPage(privatePage(reply), <LinkInvalidPage ctx={await ctxOf(request, reply)} problem="sign_in" />, 400);
      if (!tokenShape.test(token)) return linkInvalid();
      return handleForm(request, reply, {
        expired: EXPIRED_FORM,
        render: async (state, status) =>
          sendPage(
            privatePage(reply),
            <VerifyPage ctx={await ctxOf(request, reply)} token={token} next={next} message={state.errors._form} />,
            status,
          ),
        run: async () => {
          const done = await signInWithLink(deps, token, request.headers['user-agent'] ?? '', request.viewer);
          if (!done.ok && done.reason === 'passkey_required') return passkeyRequired(request, reply);
          if (!done.ok) return linkInvalid();
          return signedIn(reply, done, next);
        },
      });
    },
  );

  // The code from the sign-in email, typed on any device (for clients and coaches alike).
  app.get('/sign-in/code', async (request, reply) => {
    const next = safeNextPath(parseQuery(signInQuery, request).next);
    return sendPage(
      privatePage(reply),
      <SignInCodePage ctx={await ctxOf(request, reply)} state={emptyForm} next={next} />,
    );
  });

  // Per client address here; per link (MAX_CODE_ATTEMPTS) in signInWithCode, which holds across instances.
  app.post(
    '/sign-in/code',
    { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const next = safeNextPath(typedValues(request.body).next);
      return handleForm(request, reply, {
        schema: codeSchema,
        expired: EXPIRED_FORM,
        render: async (typed, status) => {
          const { state, message } = splitFormMessage(typed);
          return sendPage(
            privatePage(reply),
            <SignInCodePage ctx={await ctxOf(request, reply)} state={state} next={next} message={message} />,
            status,
          );
        },
        run: async ({ email, code }) => {
          const done = await signInWithCode(deps, email, code, request.headers['user-agent'] ?? '', request.viewer);
          if (!done.ok && done.reason === 'passkey_required') return passkeyRequired(request, reply);
          if (!done.ok) return { errors: { code: CODE_REFUSED } };
          return signedIn(reply, done, next);
        },
      });
    },
  );

  app.get('/sign-out', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/', 303);
    return sendPage(privatePage(reply), <SignOutPage ctx={await ctxOf(request, reply)} />);
  });

  app.post('/sign-out', { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
    if (!request.viewer) {
      clearSessionCookie(reply);
      return reply.redirect('/', 303);
    }
    const viewer = request.viewer;
    return handleForm(request, reply, {
      expired: EXPIRED_FORM,
      render: async (state, status) =>
        sendPage(
          privatePage(reply),
          <SignOutPage ctx={await ctxOf(request, reply)} message={state.errors._form} />,
          status,
        ),
      run: async () => {
        await signOut(deps, viewer);
        clearSessionCookie(reply);
        return '/';
      },
    });
  });
}
