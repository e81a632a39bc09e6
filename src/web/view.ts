import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/index.ts';
import { readSiteSettings, type SiteSettings } from '../settings/index.ts';
import { acceptedLocale } from '../time/index.ts';
import { themeHref } from './assets.ts';
import { navFor } from './contributions.ts';

/** Who is signed in, as the views need it. Set by the auth module. */
export interface Viewer {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
  role: 'owner' | 'coach' | 'client';
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export interface NavItem {
  href: string;
  label: string;
}

/** What every page's layout needs, gathered once per request. */
export interface ViewContext {
  settings: SiteSettings;
  publicUrl: string;
  /** The request path, for the canonical URL and aria-current. */
  path: string;
  viewer: Viewer | null;
  nav: NavItem[];
  stylesheet: string;
  theme: string;
  /**
   * The visitor's language-region from Accept-Language ("en-IN"), for visitorFormat and the zone a
   * booking page guesses; absent when none is usable, and on pages the page cache may keep.
   */
  visitorLocale?: string;
  /** Lazily made CSRF token for forms on this page. */
  csrf(): string;
}

/** Builds the view context for a request. */
export async function viewContext(
  db: Executor,
  publicUrl: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ViewContext> {
  const settings = await readSiteSettings(db);
  const contributions = request.server.contributions;
  const nav = await navFor(contributions, db);
  let token: string | undefined;
  // The page cache keys a cacheable route's page by its path alone, so such a page must read the
  // same whatever the visitor's Accept-Language: there the visitor's locale is never read.
  const cacheable = contributions.cacheable.has(request.routeOptions.url ?? '');
  const visitorLocale = cacheable ? undefined : acceptedLocale(request.headers['accept-language']);
  return {
    settings,
    publicUrl,
    path: request.url.split('?')[0] ?? '/',
    viewer: request.viewer ?? null,
    nav,
    stylesheet: contributions.stylesheet.href,
    theme: themeHref(settings.colours),
    ...(visitorLocale ? { visitorLocale } : {}),
    csrf: () => (token ??= reply.csrfToken()),
  };
}
