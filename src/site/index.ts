export { siteRoutes } from './site.routes.tsx';
export { renderMarkdown } from './markdown.ts';
export { readSiteSettings, writeSiteSettings, defaultSiteSettings, siteSettingsSchema, type SiteSettings } from './settings.ts';
export { activeServices, allPages, pageBySlug } from './site.queries.ts';
export { formatDuration, formatPrice, modalityLabel } from './service-format.ts';
export { BUILT_IN_SLUGS, RESERVED_SLUGS } from './page-rules.ts';
export type { Page, Service } from './site.tables.ts';
