import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  AppError,
  handleForm,
  idParams,
  parseParams,
  parseQuery,
  queryValue,
  sendPage,
  type Viewer,
  viewContext,
} from '../web/index.ts';
import { userById } from './auth.queries.ts';
import { EXPIRED_FORM, privatePage } from './auth.routes.tsx';
import { afterSignInPath, isCoach } from './auth.service.ts';
import { safeNextPath } from './next-path.ts';
import { PasskeysPage, passkeyNotices } from './pages/passkeys.tsx';
import { passkeysOfUser } from './passkeys.queries.ts';
import {
  addPasskey,
  changePasskeyRequirement,
  type PasskeyRefusal,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  removePasskey,
  signInWithPasskey,
} from './passkeys.service.ts';
import { setSessionCookie } from './sessions.ts';

const require = createRequire(import.meta.url);
/** @simplewebauthn/browser's own bundle (it sets window.SimpleWebAuthnBrowser), served as it ships. */
const webauthnBrowserJs = fs.readFileSync(
  path.join(path.dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js'),
);
const passkeysJs = fs.readFileSync(new URL('./islands/passkeys.js', import.meta.url));

const b64url = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]*$/);
/** The browser's answers, checked for shape here; the WebAuthn library checks the rest. */
const credentialBase = {
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};
const registrationBody = z.object({
  name: z.string().max(200).default(''),
  response: z.object({
    ...credentialBase,
    response: z.looseObject({
      clientDataJSON: b64url.min(1),
      attestationObject: b64url.min(1),
      transports: z.array(z.string().max(40)).max(10).optional(),
    }),
  }),
});
const authenticationBody = z.object({
  next: z.string().max(500).default(''),
  response: z.object({
    ...credentialBase,
    response: z.looseObject({
      clientDataJSON: b64url.min(1),
      authenticatorData: b64url.min(1),
      signature: b64url.min(1),
      userHandle: b64url.optional(),
    }),
  }),
});
const doneQuery = z.object({ done: queryValue });
const requireForm = z.object({ require: z.enum(['on', 'off']) });

const refusalWords: Record<PasskeyRefusal, string> = {
  challenge_invalid: 'That took too long, or the page was old. Please try again.',
  not_verified: 'The passkey’s answer could not be checked. Please try again.',
  already_added: 'That passkey is already on your account.',
  unknown_passkey:
    'This site does not know that passkey: it may have been removed. Sign in by email, then add it again.',
};

/** A JSON answer the passkey script shows in its status line. */
function problem(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ message });
}

/** Passkeys: signing in with one (anyone), and /account/passkeys for whoever is signed in. */
export async function passkeyRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);

  /** Anyone signed in (coach or client) may manage their own passkeys. */
  const signedIn = (request: FastifyRequest): Viewer => {
    if (!request.viewer) throw new AppError('not_signed_in');
    return request.viewer;
  };

  const script = (body: Buffer) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  app.get('/auth/webauthn-browser.js', script(webauthnBrowserJs));
  app.get('/auth/passkeys.js', script(passkeysJs));

  const limit = { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } };
  const PAGE_EXPIRED = 'This page had expired. Please reload it and try again.';
  const UNREADABLE = 'The browser’s answer was not one we could read. Please try again.';

  /**
   * A passkey step posted by the script as JSON, through handleForm like any form: its CSRF check
   * (the token in the x-csrf-token header), one use case, and every refusal as { message } JSON.
   */
  const jsonStep = (request: FastifyRequest, reply: FastifyReply, run: () => Promise<FastifyReply>) =>
    handleForm(request, reply, {
      expired: PAGE_EXPIRED,
      render: (state, status) => problem(reply, status, state.errors._form ?? 'Please try again.'),
      run,
    });
  const json = (reply: FastifyReply, body: unknown) => reply.header('cache-control', 'no-store').send(body);

  app.post('/sign-in/passkey/options', limit, async (request, reply) =>
    jsonStep(request, reply, async () => json(reply, await passkeySignInOptions(deps))),
  );

  app.post('/sign-in/passkey/verify', limit, async (request, reply) =>
    jsonStep(request, reply, async () => {
      const parsed = authenticationBody.safeParse(request.body);
      if (!parsed.success) return problem(reply, 400, UNREADABLE);
      const done = await signInWithPasskey(
        deps,
        parsed.data.response as AuthenticationResponseJSON,
        request.headers['user-agent'] ?? '',
        request.viewer,
      );
      if (!done.ok) return problem(reply, 400, refusalWords[done.reason]);
      setSessionCookie(reply, done.sessionToken, deps.config.secureCookies);
      return json(reply, { redirect: afterSignInPath(done.user, safeNextPath(parsed.data.next)) });
    }),
  );

  app.get('/account/passkeys', async (request, reply) => {
    const viewer = signedIn(request);
    const done = parseQuery(doneQuery, request).done;
    return showPage(request, reply, viewer, done ? passkeyNotices[done] : undefined);
  });

  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    notice: string | undefined,
    message?: string,
    status = 200,
  ): Promise<FastifyReply> {
    const user = await userById(deps.dbh.db, viewer.userId);
    const passkeys = await passkeysOfUser(deps.dbh.db, viewer.userId);
    return sendPage(
      privatePage(reply),
      <PasskeysPage
        ctx={await ctxOf(request, reply)}
        passkeys={passkeys}
        coach={isCoach(viewer)}
        requirePasskey={user?.require_passkey === 1}
        notice={notice}
        message={message}
      />,
      status,
    );
  }

  app.post('/account/passkeys/options', limit, async (request, reply) => {
    const viewer = signedIn(request);
    return jsonStep(request, reply, async () => json(reply, await passkeyRegistrationOptions(deps, viewer)));
  });

  app.post('/account/passkeys/verify', limit, async (request, reply) => {
    const viewer = signedIn(request);
    return jsonStep(request, reply, async () => {
      const parsed = registrationBody.safeParse(request.body);
      if (!parsed.success) return problem(reply, 400, UNREADABLE);
      const done = await addPasskey(
        deps,
        viewer,
        parsed.data.response as RegistrationResponseJSON,
        parsed.data.name,
        request.headers['user-agent'] ?? '',
      );
      if (!done.ok) return problem(reply, 400, refusalWords[done.reason]);
      return json(reply, { redirect: '/account/passkeys?done=added' });
    });
  });

  // Without JavaScript the add form posts here: say why nothing happened.
  app.post('/account/passkeys', limit, async (request, reply) => {
    const viewer = signedIn(request);
    return showPage(
      request,
      reply,
      viewer,
      undefined,
      'Adding a passkey needs JavaScript, which is off in this browser. Nothing was changed.',
      400,
    );
  });

  app.post('/account/passkeys/:id/remove', limit, async (request, reply) => {
    const viewer = signedIn(request);
    const { id } = parseParams(idParams, request);
    return handleForm(request, reply, {
      expired: EXPIRED_FORM,
      render: (state, status) => showPage(request, reply, viewer, undefined, state.errors._form, status),
      run: async () => {
        const outcome = await removePasskey(deps, viewer, id);
        if (outcome === 'not_found') throw new AppError('not_found');
        return `/account/passkeys?done=${outcome}`;
      },
    });
  });

  app.post('/account/passkeys/require', limit, async (request, reply) => {
    const viewer = signedIn(request);
    if (!isCoach(viewer)) throw new AppError('forbidden');
    return handleForm(request, reply, {
      schema: requireForm,
      expired: EXPIRED_FORM,
      render: (state, status) =>
        showPage(request, reply, viewer, undefined, state.errors._form ?? 'Please press one of the buttons.', status),
      run: async ({ require: wanted }) => {
        const outcome = await changePasskeyRequirement(deps, viewer, wanted === 'on');
        if (outcome === 'no_passkey') return { errors: { _form: 'Add a passkey first: then you can require one.' } };
        return `/account/passkeys?done=${wanted === 'on' ? 'required' : 'not_required'}`;
      },
    });
  });
}
