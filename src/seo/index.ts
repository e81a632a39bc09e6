// The SEO module: one typed model per page (web/seo.ts) rendered by one head function, JSON-LD,
// the sitemap, robots.txt and the SEO lint. Other modules import only this file.
export { SeoHead, resolveHead, type ResolvedHead } from './head.tsx';
export { absolute, breadcrumbNode, graphJson, ids, isoDuration, siteNodes } from './jsonld.ts';
export { DESCRIPTION_RANGE, MIN_WORDS, TITLE_RANGE, hasErrors, lintPage, placeholderIn, textOf, wordCount, type LintFinding, type LintInput } from './lint.ts';
export { robotsTxt, sitemapIndexXml, urlsetXml } from './sitemap.ts';
export { addSitemapSource, seoRoutes, settingsChangedAt, sitemapEntries, type SitemapSource } from './seo.routes.ts';
export { lintSite, type PageLintReport } from './site-lint.ts';
