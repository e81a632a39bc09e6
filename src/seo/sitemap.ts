/** A URL in a sitemap: absolute location and when its content last changed (epoch ms). */
export interface SitemapEntry {
  loc: string;
  lastmod: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const day = (ms: number) => new Date(ms).toISOString();

/** Google reads at most 50,000 URLs per file. */
export const MAX_URLS_PER_SITEMAP = 50_000;

/** One <urlset> file. */
export function urlsetXml(entries: SitemapEntry[]): string {
  const urls = entries.map((e) => `<url><loc>${esc(e.loc)}</loc><lastmod>${day(e.lastmod)}</lastmod></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/** The sitemap index naming each typed sitemap with the newest lastmod inside it. */
export function sitemapIndexXml(maps: SitemapEntry[]): string {
  const items = maps
    .map((m) => `<sitemap><loc>${esc(m.loc)}</loc><lastmod>${day(m.lastmod)}</lastmod></sitemap>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</sitemapindex>\n`;
}

/** robots.txt: everything public may be crawled except the back office; names the sitemap. */
export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /sign-in',
    'Disallow: /setup',
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
