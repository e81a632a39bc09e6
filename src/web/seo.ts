/** One node of the page's JSON-LD @graph (schema.org), built by src/web/jsonld.ts. */
export type JsonLdNode = Record<string, unknown>;

/** An image for link previews: absolute or site-relative URL, with its real size. */
export interface SeoImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * The typed SEO model of one page: what it says about itself to browsers, search engines and link
 * previews. Rendered by the one head function (src/web/head.tsx) inside the layout.
 */
export interface Seo {
  /** The page's own title, without the practice name (added by the layout). */
  title: string;
  description: string;
  /** Canonical path, e.g. '/about'. Defaults to the request path. */
  path?: string;
  /** Keep out of search engines (private and utility pages). */
  noindex?: boolean;
  ogType?: 'website' | 'article' | 'profile';
  /** When true, the title is used as is (the home page). */
  fullTitle?: boolean;
  image?: SeoImage | undefined;
  /** Parent pages, for the BreadcrumbList; the page itself is added last. */
  breadcrumbs?: { name: string; path: string }[];
  /** Extra @graph nodes (BlogPosting, VideoObject, ProfilePage…). */
  graph?: JsonLdNode[];
  /** Feeds to advertise with <link rel="alternate">. */
  feeds?: {
    title: string;
    path: string;
    type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  }[];
  /** article:published_time / modified_time, epoch ms. */
  publishedAt?: number | null;
  modifiedAt?: number;
  /** Pagination: previous and next pages of a list. */
  prevPath?: string | undefined;
  nextPath?: string | undefined;
}

/** The same model under its documented name. */
export type PageSeo = Seo;

/** The most characters of a title search results show before cutting it off. */
export const MAX_TITLE_LENGTH = 60;
const TITLE_SEPARATOR = ' · ';

/**
 * The page's <title>: its own title, then the practice name when both fit in search results
 * (60 characters). A long title goes without the suffix rather than being cut mid-word by the
 * search engine; the practice name still reaches results through og:site_name and the WebSite node.
 */
export function documentTitle(seo: Pick<Seo, 'title' | 'fullTitle'>, practiceName: string): string {
  if (seo.fullTitle) return seo.title;
  const full = `${seo.title}${TITLE_SEPARATOR}${practiceName}`;
  return full.length <= MAX_TITLE_LENGTH ? full : seo.title;
}
