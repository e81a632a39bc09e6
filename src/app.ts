import http from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { adminRoutes } from './admin/index.ts';
import { authAuditLabels, authErrors, authRoutes, viewerPlugin } from './auth/index.ts';
import { blogAuditLabels, blogErrors, blogRoutes, blogWeb } from './blog/index.ts';
import { bookingAuditLabels, bookingErrors, bookingRoutes, bookingWeb } from './booking/index.ts';
import { clientsAuditLabels, clientsErrors } from './clients/index.ts';
import { contactRoutes, contactWeb } from './contact/index.ts';
import type { Deps } from './deps.ts';
import { guideAuditLabels, guideRoutes, guideWeb } from './guide/index.ts';
import { healthRoutes } from './health.ts';
import { outboxAdminRoutes } from './mail/index.ts';
import { portalRoutes, portalWeb } from './portal/index.ts';
import { safetyRoutes, safetyWeb } from './safety/index.ts';
import { seoRoutes, seoWeb } from './seo/index.ts';
import { siteRoutes, siteWeb } from './site/index.ts';
import { videoAuditLabels, videoRoutes, videoWeb } from './video/index.ts';
import {
  assetRoutes,
  csrf,
  ErrorRegistry,
  FastPath,
  installContributions,
  installErrorPages,
  logRequest,
  noNul,
  pageCache,
  securityHeaders,
  securityHeaderValues,
  trailingSlash,
} from './web/index.ts';

/** Forms may carry long text; past this the request is refused with a 413 page. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** Builds the whole app from its dependencies; main.ts listens, tests inject. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  // Fixed bytes and cached pages are answered before Fastify sees the request (decision 023).
  const fastPath = new FastPath(securityHeaderValues(deps.config), deps.log);
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // One line per request, written when it is answered (below), instead of Fastify's two.
    disableRequestLogging: true,
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: false },
    serverFactory: (handler) =>
      http.createServer((req, res) => {
        if (!fastPath.handle(req, res)) handler(req, res);
      }),
  });
  app.decorate('fastPath', fastPath);
  app.addHook('onResponse', (request, reply, done) => {
    logRequest(deps.log, request.method, request.url, reply.statusCode, reply.elapsedTime);
    done();
  });

  // What each feature adds to the shared layout (header links, stylesheets, cacheable pages),
  // in the order the header and the stylesheet take them.
  installContributions(app, [
    seoWeb,
    siteWeb,
    safetyWeb,
    guideWeb,
    bookingWeb,
    blogWeb,
    contactWeb,
    portalWeb,
    videoWeb,
  ]);
  await securityHeaders(app, deps.config);
  await app.register(trailingSlash);
  // Before the cookie, session and CSRF hooks: a cached page for a visitor needs none of them.
  await app.register(pageCache, { deps });
  await app.register(cookie, { secret: deps.secrets.cookieSecret });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(noNul);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }),
  });
  await app.register(csrf, { secure: deps.config.secureCookies });
  await app.register(viewerPlugin, { deps });
  // Every module's coded errors, one registry per app: pages, problem details and forms read it.
  installErrorPages(
    app,
    deps,
    new ErrorRegistry()
      .add('auth', authErrors)
      .add('blog', blogErrors)
      .add('booking', bookingErrors)
      .add('clients', clientsErrors),
  );

  await app.register(assetRoutes);
  await app.register(healthRoutes, { deps });
  await app.register(seoRoutes, { deps });
  await app.register(siteRoutes, { deps });
  await app.register(safetyRoutes, { deps });
  await app.register(guideRoutes, { deps });
  await app.register(bookingRoutes, { deps });
  await app.register(blogRoutes, { deps });
  await app.register(contactRoutes, { deps });
  await app.register(outboxAdminRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(portalRoutes, { deps });
  await app.register(videoRoutes, { deps });
  // The audit page names every module's actions in plain words.
  const auditLabels = {
    ...authAuditLabels,
    ...guideAuditLabels,
    ...bookingAuditLabels,
    ...blogAuditLabels,
    ...clientsAuditLabels,
    ...videoAuditLabels,
  };
  await app.register(adminRoutes, { deps, auditLabels });
  return app;
}
