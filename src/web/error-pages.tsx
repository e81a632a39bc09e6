import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { AppError, CodedError, type ErrorRegistry } from './errors.ts';
import { Layout } from './layout.tsx';
import { sendPage } from './render.ts';
import { parseParams } from './request-input.ts';
import { viewContext } from './view.ts';

/** Answers an unknown address itself (a redirect), names the error to show instead (410), or passes. */
type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | AppError | undefined>;
declare module 'fastify' {
  interface FastifyInstance {
    notFoundFallbacks: NotFoundFallback[];
    /** This app's codes from every module (see errors.ts), for the form helper and the error pages. */
    errorRegistry: ErrorRegistry;
  }
}

/** What a refused request is told: its code's row in the registry, with any details. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  message: string;
  extra: Record<string, unknown>;
}

/** What a person sees when the database cannot serve the request (down, hung, read-only, full). */
const databaseUnavailable = {
  status: 503,
  code: 'temporarily_unavailable',
  title: 'We cannot save or show this right now',
  message:
    'Our database is not answering at the moment, so nothing was changed. Please wait a minute and try again; what you typed is still in your browser if you go back.',
};

/** The problem an error stands for: a coded error says it; anything else is told by its status. */
function problemOf(error: FastifyError | Error, registry: ErrorRegistry): Problem {
  if (error instanceof CodedError)
    return { status: error.status, code: error.code, title: error.title, message: error.message, extra: error.extra };
  // The database is down or cannot write: say so, and that it is worth trying again (issue 9).
  if (isDatabaseUnavailable(error)) return { ...databaseUnavailable, extra: {} };
  const fe = error as FastifyError;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 ? fe.statusCode : 500;
  const text =
    fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? registry.forStatus(413)
      : fe.code === 'FST_ERR_RATE_LIMIT' || status === 429
        ? registry.forStatus(429)
        : registry.forStatus(status);
  return { status, code: text.code, title: text.title, message: text.message, extra: {} };
}

const problemParams = z.object({ code: z.string().max(60) });
const reservedMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'code']);

/** RFC 9457 problem details, with the stable `code` and the code's extension members. */
export function problemDetails(p: Problem, registry: ErrorRegistry, publicUrl: string): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(p.extra).filter(([k]) => !reservedMembers.has(k)));
  return {
    type: registry.get(p.code) ? `${publicUrl}/problems/${p.code}` : 'about:blank',
    title: p.title,
    status: p.status,
    detail: p.message,
    code: p.code,
    ...extra,
  };
}
/** Lets a module answer an unknown address before the 404 page, e.g. the blog's redirects (301/410). */
export function addNotFoundFallback(app: FastifyInstance, fn: NotFoundFallback): void {
  app.notFoundFallbacks.push(fn);
}

/**
 * Friendly 404 and error pages inside the site's layout, and RFC 9457 problem details for the JSON
 * API, both from the registry app.ts built of every module's codes.
 */
export function installErrorPages(app: FastifyInstance, deps: Deps, registry: ErrorRegistry): void {
  // One list per app (tests build several apps in one process); plugins share the root's array.
  const notFoundFallbacks: NotFoundFallback[] = [];
  app.decorate('notFoundFallbacks', notFoundFallbacks);
  app.decorate('errorRegistry', registry);
  const send = (request: FastifyRequest, reply: FastifyReply, p: Problem) =>
    renderError(deps, registry, request, reply, p);
  async function fallbacks(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    for (const fallback of notFoundFallbacks) {
      const answered = await fallback(request, reply);
      if (answered instanceof AppError) return send(request, reply, problemOf(answered, registry));
      if (answered) return answered;
    }
    return undefined;
  }

  app.setNotFoundHandler(async (request, reply) => {
    return (await fallbacks(request, reply)) ?? send(request, reply, problemOf(new AppError('not_found'), registry));
  });

  // What each code means, in words: the `type` of the API's problem details points here.
  app.get('/problems/:code', async (request, reply) => {
    const known = registry.get(parseParams(problemParams, request).code);
    if (!known) throw new AppError('not_found');
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} seo={{ title: known.title, description: known.message, noindex: true }} narrow>
        <h1>{known.title}</h1>
        <p class="lead">{known.message}</p>
        <p>
          Code <code>{known.code}</code>, answered with HTTP status {known.status}.
        </p>
      </Layout>,
    );
  });

  app.setErrorHandler(async (error: FastifyError | CodedError, request, reply) => {
    // A private page opened while signed out: go and sign in, then come back here.
    if (
      error instanceof CodedError &&
      error.code === 'not_signed_in' &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !wantsJson(request)
    ) {
      return reply
        .header('cache-control', 'no-store')
        .redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (error instanceof CodedError && error.code === 'not_found') {
      const answered = await fallbacks(request, reply);
      if (answered) return answered;
    }
    if (error instanceof CodedError && !registry.get(error.code))
      request.log.warn({ code: error.code }, 'error code missing from the registry');
    const p = problemOf(error, registry);
    if (p.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (error as FastifyError).code, status: p.status }, 'request refused');
    return send(request, reply, p);
  });
}

/** The JSON API, and clients that ask for JSON and not HTML, get problem details instead of a page. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return request.url.startsWith('/api/') || (/application\/json/.test(accept) && !/text\/html/.test(accept));
}

async function renderError(
  deps: Deps,
  registry: ErrorRegistry,
  request: FastifyRequest,
  reply: FastifyReply,
  p: Problem,
): Promise<FastifyReply> {
  const { status } = p;
  const text = { title: p.title, message: p.message };
  if (wantsJson(request))
    return reply
      .code(status)
      .type('application/problem+json; charset=utf-8')
      .send(JSON.stringify(problemDetails(p, registry, deps.config.publicUrl)));
  try {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} seo={{ title: text.title, description: text.message, noindex: true }} narrow>
        <h1>{text.title}</h1>
        <p class="lead">{text.message}</p>
        <ul class="next-steps">
          <li>
            <a href="/">Go to the home page</a>
          </li>
          <li>
            <a href="/contact">Write to us</a>
          </li>
          <li>
            <a href="/help">Need help now? See crisis lines</a>
          </li>
        </ul>
        <p class="status-code">Error {status}</p>
      </Layout>,
      status,
    );
  } catch {
    // The database itself may be what failed: fall back to a page that needs nothing.
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text.title}</title></head><body><main><h1>${text.title}</h1><p>${text.message}</p><p><a href="/help">Need help now?</a></p></main></body></html>`,
      );
  }
}
