import type { FastifyReply, FastifyRequest } from 'fastify';
import { readSiteSettings, type SiteSettings } from '../site/settings.ts';
import { navPages } from '../site/site.queries.ts';
import { themeHref, stylesheetHref } from './assets.ts';
import type { Executor } from '../db/database.ts';

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
  /** Lazily made CSRF token for forms on this page. */
  csrf(): string;
}

/** Extra header links modules contribute (blog, guide…), in order. */
const extraNav: NavItem[] = [];
export function addNavItem(item: NavItem): void {
  if (!extraNav.some((n) => n.href === item.href)) extraNav.push(item);
}

/** Builds the view context for a request. */
export async function viewContext(db: Executor, publicUrl: string, request: FastifyRequest, reply: FastifyReply): Promise<ViewContext> {
  const settings = await readSiteSettings(db);
  const pages = await navPages(db);
  let token: string | undefined;
  return {
    settings,
    publicUrl,
    path: request.url.split('?')[0] ?? '/',
    viewer: request.viewer ?? null,
    nav: [
      { href: '/about', label: 'About' },
      { href: '/services', label: 'Services' },
      ...pages.map((p) => ({ href: `/${p.slug}`, label: p.title })),
      ...extraNav,
      { href: '/contact', label: 'Contact' },
    ],
    stylesheet: stylesheetHref(),
    theme: themeHref(settings.colours),
    csrf: () => (token ??= reply.csrfToken()),
  };
}
