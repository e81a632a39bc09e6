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
export { addSitemapSource, type SitemapSource, seoRoutes, settingsChangedAt, sitemapEntries } from './seo.routes.ts';
export { lintSite, type PageLintReport } from './site-lint.ts';
export { robotsTxt, sitemapIndexXml, urlsetXml } from './sitemap.ts';
