import type { WebContributions } from '../web/index.ts';
import { pagesSitemap } from './seo.routes.ts';

// The SEO module: one typed model per page (web/seo.ts) rendered by one head function, JSON-LD,
// the sitemap, robots.txt and the SEO lint. Other modules import only this file.
export {
  DESCRIPTION_RANGE,
  hasErrors,
  type LintFinding,
  type LintInput,
  lintPage,
  MIN_WORDS,
  placeholderIn,
  TITLE_RANGE,
  textOf,
  wordCount,
} from './lint.ts';
export {
  allRedirects,
  deleteRedirect,
  putRedirect,
  redirectFor,
  retargetRedirects,
} from './seo.queries.ts';
export { pagesSitemap, seoRoutes, settingsChangedAt, sitemapEntries } from './seo.routes.ts';
export type { Redirect } from './seo.tables.ts';
export { lintSite, type PageLintReport } from './site-lint.ts';
export { robotsTxt, sitemapIndexXml, urlsetXml } from './sitemap.ts';

/** The site's own pages (home, about, services, contact, the coach's pages) in the sitemap. */
export const seoWeb: WebContributions = { sitemap: pagesSitemap };
