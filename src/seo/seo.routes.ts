import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { activeServices, allPages } from '../site/index.ts';
import { AppError, parseParams } from '../web/index.ts';
import { redirectedPaths, settingsUpdatedAt } from './seo.queries.ts';
import { MAX_URLS_PER_SITEMAP, robotsTxt, type SitemapEntry, sitemapIndexXml, urlsetXml } from './sitemap.ts';

/** Paths (not URLs) of one kind of page, with their true last change. */
export type SitemapSource = (db: Executor) => Promise<{ path: string; lastmod: number }[]>;

const sources = new Map<string, SitemapSource>();
const kindParams = z.object({ kind: z.string().max(40) });

/**
 * Modules add their public pages to the sitemap by kind: addSitemapSource('posts', …). Each kind
 * becomes its own file under the index, so a change to one kind does not touch the others.
 */
export function addSitemapSource(kind: string, source: SitemapSource): void {
  sources.set(kind, source);
}

/** Every page a crawler should know about, by kind, with redirected paths left out. */
export async function sitemapEntries(db: Executor): Promise<Map<string, { path: string; lastmod: number }[]>> {
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

/** /robots.txt, /sitemap.xml and the typed sitemaps under it. */
export async function seoRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const base = deps.config.publicUrl;
  const xml = 'application/xml; charset=utf-8';

  // The site's own pages: home, about, services, contact and every page the coach wrote.
  addSitemapSource('pages', async (x) => {
    const pages = (await allPages(x)).map((p) => ({
      path: p.slug === 'home' ? '/' : `/${p.slug}`,
      lastmod: p.updated_at,
    }));
    const services = await activeServices(x);
    if (services.length) pages.push({ path: '/services', lastmod: Math.max(...services.map((s) => s.updated_at)) });
    const settings = await settingsChangedAt(x, 'site');
    if (settings) pages.push({ path: '/contact', lastmod: settings });
    return pages;
  });

  app.get('/robots.txt', async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(robotsTxt(base)),
  );

  app.get('/sitemap.xml', async (_req, reply) => {
    const all = await sitemapEntries(db);
    const maps: SitemapEntry[] = [...all].map(([kind, rows]) => ({
      loc: `${base}/sitemap-${kind}.xml`,
      lastmod: Math.max(...rows.map((r) => r.lastmod)),
    }));
    return reply.type(xml).header('cache-control', 'no-cache').send(sitemapIndexXml(maps));
  });

  app.get('/sitemap-:kind.xml', async (request, reply) => {
    const rows = (await sitemapEntries(db)).get(parseParams(kindParams, request).kind);
    if (!rows) throw new AppError('not_found');
    return reply
      .type(xml)
      .header('cache-control', 'no-cache')
      .send(urlsetXml(rows.map((r) => ({ loc: base + r.path, lastmod: r.lastmod }))));
  });
}
