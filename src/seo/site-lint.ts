import type { FastifyInstance } from 'fastify';
import type { Executor } from '../db/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { allPages } from '../site/index.ts';
import { type LintFinding, lintPage } from './lint.ts';
import { sitemapEntries } from './seo.routes.ts';

export interface PageLintReport {
  path: string;
  status: number;
  findings: LintFinding[];
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function meta(html: string, key: string): string {
  const m = new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`).exec(html);
  return m ? decode(m[1]!) : '';
}

function titleTag(html: string): string {
  const m = /<title>([^<]*)<\/title>/.exec(html);
  return m ? decode(m[1]!) : '';
}

/**
 * Lints every URL in the sitemap as a crawler sees it: each page is rendered through the app,
 * then its title, description and main content are checked against all the others.
 */
export async function lintSite(app: FastifyInstance, db: Executor, publicUrl: string): Promise<PageLintReport[]> {
  const settings = await readSiteSettings(db);
  const paths = [...(await sitemapEntries(app.contributions.sitemap, db)).values()].flat().map((e) => e.path);
  // The coach's own pages and the articles are writing, judged on their words too; the rest
  // (listings, the booking pages, the guide, the crisis lines) are what the app draws.
  const written = new Set((await allPages(db)).map((p) => (p.slug === 'home' ? '/' : `/${p.slug}`)));
  const pages: {
    path: string;
    status: number;
    title: string;
    documentTitle: string;
    description: string;
    html: string;
    kind: 'text' | 'app';
  }[] = [];
  for (const path of paths) {
    const res = await app.inject({ url: path });
    const main = /<main\b[\s\S]*<\/main>/.exec(res.body)?.[0] ?? '';
    pages.push({
      path,
      status: res.statusCode,
      title: meta(res.body, 'og:title'),
      documentTitle: titleTag(res.body),
      description: meta(res.body, 'description'),
      html: main,
      kind: written.has(path) || meta(res.body, 'og:type') === 'article' ? 'text' : 'app',
    });
  }
  return pages.map((p) => ({
    path: p.path,
    status: p.status,
    findings:
      p.status !== 200
        ? [{ level: 'error', field: 'body', code: 'status', message: `The page answered ${p.status}.` }]
        : lintPage({
            path: p.path,
            title: p.title,
            documentTitle: p.documentTitle,
            kind: p.kind,
            description: p.description,
            html: p.html,
            siteName: settings.practiceName,
            siteOrigin: publicUrl,
            others: pages,
          }),
  }));
}
