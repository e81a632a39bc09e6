import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { AppError, describeStatus } from './errors.ts';
import { Layout } from './layout.tsx';
import { sendPage } from './render.ts';
import { viewContext } from './view.ts';

/** Answers an unknown address itself (a redirect), names the error to show instead (410), or passes. */
type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | AppError | undefined>;
declare module 'fastify' {
  interface FastifyInstance {
    notFoundFallbacks: NotFoundFallback[];
  }
}
/** Lets a module answer an unknown address before the 404 page, e.g. the blog's redirects (301/410). */
export function addNotFoundFallback(app: FastifyInstance, fn: NotFoundFallback): void {
  app.notFoundFallbacks.push(fn);
}

/** Friendly 404 and error pages inside the site's layout, with the right status codes. */
export function installErrorPages(app: FastifyInstance, deps: Deps): void {
  // One list per app (tests build several apps in one process); plugins share the root's array.
  const notFoundFallbacks: NotFoundFallback[] = [];
  app.decorate('notFoundFallbacks', notFoundFallbacks);
  async function fallbacks(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    for (const fallback of notFoundFallbacks) {
      const answered = await fallback(request, reply);
      if (answered instanceof AppError)
        return renderError(deps, request, reply, answered.status, { title: answered.title, message: answered.message });
      if (answered) return answered;
    }
    return undefined;
  }

  app.setNotFoundHandler(async (request, reply) => {
    return (await fallbacks(request, reply)) ?? renderError(deps, request, reply, 404, describeStatus(404));
  });

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    let status: number;
    let text: { title: string; message: string };
    // A private page opened while signed out: go and sign in, then come back here.
    if (
      error instanceof AppError &&
      error.code === 'not_signed_in' &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      return reply
        .header('cache-control', 'no-store')
        .redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (error instanceof AppError && error.code === 'not_found') {
      const answered = await fallbacks(request, reply);
      if (answered) return answered;
    }
    if (error instanceof AppError) {
      status = error.status;
      text = { title: error.title, message: error.message };
    } else {
      status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
      text = describeStatus(status);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') text = describeStatus(413);
      if (error.code === 'FST_ERR_RATE_LIMIT' || status === 429) text = describeStatus(429);
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (error as FastifyError).code, status }, 'request refused');
    return renderError(deps, request, reply, status, text);
  });
}

async function renderError(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: { title: string; message: string },
): Promise<FastifyReply> {
  const wantsJson =
    request.url.startsWith('/api/') ||
    (/application\/json/.test(request.headers.accept ?? '') && !/text\/html/.test(request.headers.accept ?? ''));
  if (wantsJson) return reply.code(status).send({ error: { status, title: text.title, message: text.message } });
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
