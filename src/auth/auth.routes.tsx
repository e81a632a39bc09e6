import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { hashToken } from '../security/index.ts';
import { emptyForm, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { usableToken } from './auth.queries.ts';
import { isCoach, requestSignInLink, signInWithLink, signOut } from './auth.service.ts';
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from './next-path.ts';
import { CheckEmailPage, LinkInvalidPage, SignInPage, SignOutPage, VerifyPage } from './pages/sign-in.tsx';
import { clearSessionCookie, setSessionCookie } from './sessions.ts';

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'));

const signInSchema = z.object({ email: emailField });

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

  app.get('/sign-in', async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    if (request.viewer && isCoach(request.viewer)) return reply.redirect(next ?? DEFAULT_AFTER_SIGN_IN, 303);
    return sendPage(privatePage(reply), <SignInPage ctx={await ctxOf(request, reply)} state={emptyForm} next={next} />);
  });

  // Per client address here; per email address in requestSignInLink (which works across instances).
  app.post('/sign-in', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const next = safeNextPath(typedValues(request.body).next);
    if (!request.csrfOk) {
      const state = { values: typedValues(request.body), errors: {} };
      return sendPage(
        privatePage(reply),
        <SignInPage ctx={await ctxOf(request, reply)} state={state} next={next} message={EXPIRED_FORM} />,
        403,
      );
    }
    const form = parseForm(signInSchema, request.body);
    if (!form.ok)
      return sendPage(
        privatePage(reply),
        <SignInPage ctx={await ctxOf(request, reply)} state={form.state} next={next} />,
        400,
      );
    const outcome = await requestSignInLink(deps, form.data.email, next);
    if (outcome === 'sent') kickOutbox(deps);
    if (outcome === 'too_many') request.log.warn('sign-in links: limit per address reached');
    return reply.redirect('/sign-in/sent', 303);
  });

  app.get('/sign-in/sent', async (request, reply) => {
    return sendPage(privatePage(reply), <CheckEmailPage ctx={await ctxOf(request, reply)} />);
  });

  app.get('/sign-in/verify', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const token = typeof q.token === 'string' ? q.token : '';
    const ctx = await ctxOf(request, reply);
    // Looking is free; only the button uses the link up.
    if (!tokenShape.test(token) || !(await usableToken(deps.dbh.db, 'sign_in', hashToken(token), deps.clock.now()))) {
      return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="sign_in" />, 400);
    }
    return sendPage(privatePage(reply), <VerifyPage ctx={ctx} token={token} next={safeNextPath(q.next)} />);
  });

  app.post(
    '/sign-in/verify',
    { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const values = typedValues(request.body);
      const token = values.token ?? '';
      const next = safeNextPath(values.next);
      if (!request.csrfOk && tokenShape.test(token)) {
        return sendPage(
          privatePage(reply),
          <VerifyPage ctx={await ctxOf(request, reply)} token={token} next={next} message={EXPIRED_FORM} />,
          403,
        );
      }
      const done =
        request.csrfOk && tokenShape.test(token)
          ? await signInWithLink(deps, token, request.headers['user-agent'] ?? '', request.viewer)
          : null;
      if (!done)
        return sendPage(
          privatePage(reply),
          <LinkInvalidPage ctx={await ctxOf(request, reply)} problem="sign_in" />,
          400,
        );
      setSessionCookie(reply, done.sessionToken, deps.config.secureCookies);
      return reply.redirect(next ?? DEFAULT_AFTER_SIGN_IN, 303);
    },
  );

  app.get('/sign-out', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/', 303);
    return sendPage(privatePage(reply), <SignOutPage ctx={await ctxOf(request, reply)} />);
  });

  app.post('/sign-out', async (request, reply) => {
    if (!request.viewer) {
      clearSessionCookie(reply);
      return reply.redirect('/', 303);
    }
    if (!request.csrfOk)
      return sendPage(
        privatePage(reply),
        <SignOutPage ctx={await ctxOf(request, reply)} message={EXPIRED_FORM} />,
        403,
      );
    await signOut(deps, request.viewer);
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });
}
