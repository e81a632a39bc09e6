import CSRF from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * CSRF by synchroniser token: a random secret in a signed, HttpOnly cookie and a token derived
 * from it in every form (`_csrf`). We use @fastify/csrf for the tokens but not the
 * csrf-protection plugin, because that plugin can only reject the request: a rejected form must
 * come back with what the person typed, so routes read `request.csrfOk` and decide.
 */
declare module 'fastify' {
  interface FastifyRequest {
    /** True when an unsafe request (POST…) carried a valid token; always true for GET/HEAD. */
    csrfOk: boolean;
  }
  interface FastifyReply {
    /** A token for a form on this response (sets the secret cookie when missing). */
    csrfToken(): string;
  }
}

export const CSRF_COOKIE = 'tandem_csrf';
const tokens = CSRF();

async function csrfPlugin(app: FastifyInstance, opts: { secure: boolean }): Promise<void> {
  app.decorateRequest('csrfOk', true);
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    let secret = secretOf(this.request, this);
    if (!secret) {
      secret = tokens.secretSync() as string;
      this.setCookie(CSRF_COOKIE, secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secure,
        signed: true,
      });
      // Later calls on this reply must use the same secret.
      (this.request.cookies as Record<string, string>)[CSRF_COOKIE] = this.signCookie(secret);
    }
    return tokens.create(secret);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const secret = secretOf(request, reply);
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof body?._csrf === 'string' ? body._csrf : request.headers['x-csrf-token'];
    request.csrfOk = Boolean(secret && typeof token === 'string' && tokens.verify(secret, token));
  });
}

function secretOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = request.cookies[CSRF_COOKIE];
  if (!raw) return undefined;
  const un = reply.unsignCookie(raw);
  return un.valid && un.value ? un.value : undefined;
}

export default fp(csrfPlugin, { name: 'tandem-csrf', dependencies: ['@fastify/cookie'] });
