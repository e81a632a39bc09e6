// The settings type straight from its file: the layout renders JSON-LD, and site/index.ts brings in pages that use the layout.
import type { SiteSettings } from '../settings/index.ts';
import type { JsonLdNode } from './seo.ts';

/**
 * schema.org nodes for the page's JSON-LD @graph. Nodes refer to each other by @id (the site URL
 * plus a fragment), so the practice and the coach are described once per page and reused.
 */
export const ids = {
  website: (base: string) => `${base}/#website`,
  practice: (base: string) => `${base}/#practice`,
  coach: (base: string) => `${base}/#coach`,
};

/** Absolute URL from a site path (left alone when already absolute). */
export function absolute(base: string, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : base + (pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`);
}

/** The nodes every page carries: the website, the practice and the coach. */
export function siteNodes(base: string, s: SiteSettings): JsonLdNode[] {
  const coach: JsonLdNode = {
    '@type': 'Person',
    '@id': ids.coach(base),
    name: s.coachName,
    url: `${base}/about`,
    worksFor: { '@id': ids.practice(base) },
  };
  if (s.coachTitle) coach.jobTitle = s.coachTitle;
  if (s.photoUrl) coach.image = absolute(base, s.photoUrl);
  if (s.social.length) coach.sameAs = s.social.map((x) => x.url);
  return [
    {
      '@type': 'WebSite',
      '@id': ids.website(base),
      url: `${base}/`,
      name: s.practiceName,
      publisher: { '@id': ids.practice(base) },
      inLanguage: 'en',
    },
    {
      '@type': 'Organization',
      '@id': ids.practice(base),
      name: s.practiceName,
      url: `${base}/`,
      founder: { '@id': ids.coach(base) },
      ...(s.tagline ? { description: s.tagline } : {}),
      ...(s.social.length ? { sameAs: s.social.map((x) => x.url) } : {}),
    },
    coach,
  ];
}

/** A BreadcrumbList from the home page to the page itself. */
export function breadcrumbNode(base: string, trail: { name: string; path: string }[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    '@id': `${absolute(base, trail.at(-1)?.path ?? '/')}#breadcrumb`,
    itemListElement: trail.map((t, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: t.name,
      item: absolute(base, t.path),
    })),
  };
}

/** Seconds → ISO 8601 duration, as VideoObject wants it: 754 → PT12M34S. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** The whole @graph as text safe inside a <script> element. */
export function graphJson(nodes: JsonLdNode[]): string {
  // "</script>" or "<!--" inside a string must not end or confuse the element.
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes })
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
