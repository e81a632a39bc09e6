import type { WebContributions } from '../web/index.ts';
import { navPages } from './site.queries.ts';

export { renderMarkdown } from './markdown.ts';
export { BUILT_IN_SLUGS, RESERVED_SLUGS } from './page-rules.ts';
export { modalityLabel } from './service-format.ts';
export {
  activeServices,
  allPages,
  allServices,
  insertPage,
  insertService,
  pageBySlug,
  pageCount,
  serviceBy,
  serviceNames,
  serviceSlugTaken,
  updateService,
} from './site.queries.ts';
export { siteRoutes } from './site.routes.tsx';
export type { Page, Service } from './site.tables.ts';

/** About, Services and the coach's own pages in the header; the site's plain pages may be cached. */
export const siteWeb: WebContributions = {
  nav: [
    { href: '/about', label: 'About', order: 10 },
    { href: '/services', label: 'Services', order: 20 },
    async (db) => (await navPages(db)).map((p) => ({ href: `/${p.slug}`, label: p.title, order: 50 })),
  ],
  cacheable: ['/', '/about', '/services', '/:slug'],
};
