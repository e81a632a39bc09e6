/** What a page says about itself to browsers, search engines and link previews. */
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
}

export function documentTitle(seo: Seo, practiceName: string): string {
  return seo.fullTitle ? seo.title : `${seo.title} · ${practiceName}`;
}
