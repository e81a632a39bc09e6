import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { activeServices, allPages } from '../site/index.ts';
import { AppError, parseParams, type SitemapSource } from '../web/index.ts';
import { redirectedPaths, settingsUpdatedAt } from './seo.queries.ts';
import { MAX_URLS_PER_SITEMAP, robotsTxt, type SitemapEntry, sitemapIndexXml, urlsetXml } from './sitemap.ts';

const kindParams = z.object({ kind: z.string().max(40) });

/** Every page a crawler should know about, by kind, with redirected paths left out. */
export async function sitemapEntries(
  sources: ReadonlyMap<string, SitemapSource>,
  db: Executor,
): Promise<Map<string, { path: string; lastmod: number }[]>> {
  const redirected = await redirectedPaths(db);
  const out = new Map<string, { path: string; lastmod: number }[]>();
  for (const [kind, source] of sources) {
    const rows = (await source(db)).filter((r) => !redirected.has(r.path)).slice(0, MAX_URLS_PER_SITEMAP);
    if (rows.length) out.set(kind, rows);
  }
  return out;
}

/** When a settings document last changed (the pages drawn from it changed then), or undefined. */
export async function settingsChangedAt(db: Executor, ...keys: string[]): Promise<number | undefined> {
  return settingsUpdatedAt(db, keys);
}

/** This module's pages in the sitemap, by kind (installed by app.ts with the other contributions). */
export const pagesSitemap: Record<string, SitemapSource> = {
  pages: async (x) => {
    const pages = (await allPages(x)).map((p) => ({
      path: p.slug === 'home' ? '/' : `/${p.slug}`,
      lastmod: p.updated_at,
    }));
    const services = await activeServices(x);
    if (services.length) pages.push({ path: '/services', lastmod: Math.max(...services.map((s) => s.updated_at)) });
    const settings = await settingsChangedAt(x, 'site');
    if (settings) pages.push({ path: '/contact', lastmod: settings });
    return pages;
  },
};

/** /robots.txt, /sitemap.xml and the typed sitemaps under it. */
export async function seoRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const base = deps.config.publicUrl;
  const xml = 'application/xml; charset=utf-8';

  // The site's own pages: home, about, services, contact and every page the coach wrote.

  app.get('/robots.txt', async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(robotsTxt(base)),
  );

  app.get('/sitemap.xml', async (_req, reply) => {
    const all = await sitemapEntries(app.contributions.sitemap, db);
    const maps: SitemapEntry[] = [...all].map(([kind, rows]) => ({
      loc: `${base}/sitemap-${kind}.xml`,
      lastmod: Math.max(...rows.map((r) => r.lastmod)),
    }));
    return reply.type(xml).header('cache-control', 'no-cache').send(sitemapIndexXml(maps));
  });

  app.get('/sitemap-:kind.xml', async (request, reply) => {
    const rows = (await sitemapEntries(app.contributions.sitemap, db)).get(parseParams(kindParams, request).kind);
    if (!rows) throw new AppError('not_found');
    return reply
      .type(xml)
      .header('cache-control', 'no-cache')
      .send(urlsetXml(rows.map((r) => ({ loc: base + r.path, lastmod: r.lastmod }))));
  });
}
