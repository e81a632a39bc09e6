import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/index.ts';
import { readSiteSettings, type SiteSettings } from '../settings/index.ts';
import { navPages } from '../site/site.queries.ts';
import { stylesheetHref, themeHref } from './assets.ts';

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

/**
 * Header links modules contribute, placed by `order`: About is 10, Services 20, the coach's own
 * pages 50, Contact 90; the guide takes 30 and the blog 40.
 */
const extraNav: (NavItem & { order: number })[] = [];
export function addNavItem(item: NavItem, order: number): void {
  if (!extraNav.some((n) => n.href === item.href)) extraNav.push({ ...item, order });
}

/** Builds the view context for a request. */
export async function viewContext(
  db: Executor,
  publicUrl: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ViewContext> {
  const settings = await readSiteSettings(db);
  const pages = await navPages(db);
  let token: string | undefined;
  return {
    settings,
    publicUrl,
    path: request.url.split('?')[0] ?? '/',
    viewer: request.viewer ?? null,
    nav: [
      { href: '/about', label: 'About', order: 10 },
      { href: '/services', label: 'Services', order: 20 },
      ...pages.map((p) => ({ href: `/${p.slug}`, label: p.title, order: 50 })),
      ...extraNav,
      { href: '/contact', label: 'Contact', order: 90 },
    ]
      .sort((a, b) => a.order - b.order)
      .map(({ href, label }) => ({ href, label })),
    stylesheet: stylesheetHref(),
    theme: themeHref(settings.colours),
    csrf: () => (token ??= reply.csrfToken()),
  };
}
