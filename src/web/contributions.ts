import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../db/index.ts';

/**
 * What feature modules add to the shared web layer: header links, stylesheets and the routes the
 * page cache may keep. Each module exports one plain `WebContributions` object from its index.ts;
 * app.ts collects them and installs them on the app it builds, so web/ names no feature and
 * nothing is process-global (tests build many apps in one process).
 */
export interface NavEntry {
  href: string;
  label: string;
  /** Place in the header: About 10, Services 20, the guide 30, the blog 40, the coach's pages 50, Book 85, Contact 90. */
  order: number;
}
/** Links read from the database per request (e.g. the coach's own pages). */
export type NavSource = (db: Executor) => Promise<NavEntry[]>;

/** Paths (not URLs) of one kind of public page, with their true last change, for the sitemap. */
export type SitemapSource = (db: Executor) => Promise<{ path: string; lastmod: number }[]>;

export interface WebContributions {
  nav?: (NavEntry | NavSource)[];
  /** Stylesheet files, appended after the shared base in the order the modules are installed. */
  stylesheets?: URL[];
  /** Route patterns of public pages with no form and no per-visitor content. */
  cacheable?: string[];
  /** Public pages for the sitemap, by kind; each kind is one file under /sitemap.xml. */
  sitemap?: Record<string, SitemapSource>;
}

export interface Stylesheet {
  href: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface InstalledContributions {
  nav: (NavEntry | NavSource)[];
  cacheable: ReadonlySet<string>;
  stylesheet: Stylesheet;
  sitemap: ReadonlyMap<string, SitemapSource>;
}

declare module 'fastify' {
  interface FastifyInstance {
    contributions: InstalledContributions;
  }
}

const base = new URL('./assets/site.css', import.meta.url);
const built = new Map<string, Stylesheet>();

/**
 * One stylesheet for the whole site: the shared base, then each module's part, hashed into its
 * name and compressed once (it is the one render-blocking request of every page). Built once per
 * set of files and kept, since every app in a process with the same modules has the same bytes.
 */
function stylesheetOf(files: URL[]): Stylesheet {
  const key = files.map(String).join('|');
  const known = built.get(key);
  if (known) return known;
  const raw = Buffer.concat([base, ...files].map((f) => fs.readFileSync(f)));
  const hash = crypto.createHash('sha256').update(raw).digest('hex').slice(0, 12);
  const sheet = {
    href: `/assets/site.${hash}.css`,
    raw,
    br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: zlib.gzipSync(raw, { level: 9 }),
  };
  built.set(key, sheet);
  return sheet;
}

/** Installs the modules' contributions on the root app; call before registering any route. */
export function installContributions(app: FastifyInstance, modules: WebContributions[]): void {
  const nav: (NavEntry | NavSource)[] = [];
  for (const m of modules)
    for (const item of m.nav ?? [])
      if (typeof item === 'function' || !nav.some((n) => typeof n !== 'function' && n.href === item.href))
        nav.push(item);
  app.decorate('contributions', {
    nav,
    cacheable: new Set(modules.flatMap((m) => m.cacheable ?? [])),
    stylesheet: stylesheetOf(modules.flatMap((m) => m.stylesheets ?? [])),
    sitemap: new Map(modules.flatMap((m) => Object.entries(m.sitemap ?? {}))),
  });
}

/** The header links for one request, in their order. */
export async function navFor(c: InstalledContributions, db: Executor): Promise<{ href: string; label: string }[]> {
  const entries = (await Promise.all(c.nav.map((n) => (typeof n === 'function' ? n(db) : [n])))).flat();
  return entries.sort((a, b) => a.order - b.order).map(({ href, label }) => ({ href, label }));
}
