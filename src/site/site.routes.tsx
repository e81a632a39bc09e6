import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError, parseParams, sendPage, viewContext } from '../web/index.ts';
import { renderMarkdown } from './markdown.ts';
import { SLUG_PATTERN } from './page-rules.ts';
import { AboutPage } from './pages/about.tsx';
import { HomePage } from './pages/home.tsx';
import { MarkdownPage } from './pages/page.tsx';
import { ServicesPage } from './pages/services.tsx';
import { settingsRoutes } from './settings.routes.tsx';
import { siteAdminRoutes } from './site.admin.tsx';
import { activeServices, pageBySlug } from './site.queries.ts';

const slugParams = z.object({ slug: z.string().regex(SLUG_PATTERN) });

/** The public site (home, about, services, the coach's pages) and its back office. */
export async function siteRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const md = (source: string) => renderMarkdown(source, { siteOrigin: deps.config.publicUrl });

  app.get('/', async (request, reply) => {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const page = await pageBySlug(db, 'home');
    const services = await activeServices(db);
    return sendPage(
      reply,
      <HomePage ctx={ctx} page={page} bodyHtml={page ? md(page.body_md) : ''} services={services} />,
    );
  });

  app.get('/about', async (request, reply) => {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const page = await pageBySlug(db, 'about');
    return sendPage(reply, <AboutPage ctx={ctx} page={page} bodyHtml={page ? md(page.body_md) : ''} />);
  });

  app.get('/services', async (request, reply) => {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const services = (await activeServices(db)).map((service) => ({ service, html: md(service.description_md) }));
    return sendPage(reply, <ServicesPage ctx={ctx} services={services} />);
  });

  // The home page lives at "/"; its row's slug must not make a second address for it.
  app.get('/home', async (_request, reply) => reply.redirect('/', 301));

  // Static routes (contact, help, admin…) win over this one in Fastify's router.
  app.get('/:slug', async (request, reply) => {
    const { slug } = parseParams(slugParams, request);
    const page = await pageBySlug(db, slug);
    if (!page) throw new AppError('not_found');
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <MarkdownPage ctx={ctx} page={page} bodyHtml={md(page.body_md)} />);
  });

  await app.register(siteAdminRoutes, { deps });
  // Its own scope: the settings form posts multipart, which no other site route accepts.
  await app.register(settingsRoutes, { deps });
}
