export { renderMarkdown } from './markdown.ts';
export { BUILT_IN_SLUGS, RESERVED_SLUGS } from './page-rules.ts';
export { modalityLabel } from './service-format.ts';
export { activeServices, allPages, pageBySlug } from './site.queries.ts';
export { siteRoutes } from './site.routes.tsx';
export type { Page, Service } from './site.tables.ts';
