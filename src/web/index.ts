// The web layer's public face: layouts, forms, errors, guards, rendering, the request plumbing.
// Feature modules import only from here; web/ itself never imports a feature module.
export { AdminLayout, adminSections } from './admin-layout.tsx';
export { assetRoutes, themeCss, themeHref } from './assets.ts';
export { type ChartCheckIn, type ChartTracker, CheckInChart, type CheckInChartProps } from './check-in-chart.tsx';
export {
  installContributions,
  type NavEntry,
  type NavSource,
  type SitemapSource,
  type WebContributions,
} from './contributions.ts';
export { CSRF_COOKIE, default as csrf } from './csrf.ts';
export { type Encoding, negotiateEncoding } from './encoding.ts';
export { addNotFoundFallback, installErrorPages, type Problem, problemDetails } from './error-pages.tsx';
export * from './errors.ts';
export { compress, type EncodedBytes, FastPath } from './fast-path.ts';
export * from './form-post.ts';
export { coachFormat, visitorFormat } from './format.ts';
export * from './forms.tsx';
export { requireCoach } from './guards.ts';
export { type ResolvedHead, resolveHead, SeoHead } from './head.tsx';
export {
  IMAGE_WIDTHS,
  type ImageVariants,
  imageVariants,
  inspectImage,
  NotAnImage,
  responsiveImages,
  type StoredImage,
  storedImages,
  storeImage,
} from './images.ts';
export { bundleIsland, type Island, serveIsland } from './islands.ts';
export { absolute, breadcrumbNode, graphJson, ids, isoDuration, siteNodes } from './jsonld.ts';
export { Layout, socialLabel } from './layout.tsx';
export { acceptMultipartForms, MULTIPART_UNREADABLE, type Upload, uploadOf } from './multipart.ts';
export { noNul } from './no-nul.ts';
export { pageCache } from './page-cache.ts';
export { sendPage } from './render.ts';
export * from './request-input.ts';
export { logRequest } from './request-log.ts';
export { securityHeaders, securityHeaderValues } from './security.ts';
export * from './seo.ts';
export { trailingSlash } from './trailing-slash.ts';
export * from './view.ts';
