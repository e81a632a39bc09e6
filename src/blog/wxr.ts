import { XMLParser } from 'fast-xml-parser';
import { slugify } from './post-rules.ts';

/** One post as a WordPress (or Squarespace) export describes it. */
export interface WxrPost {
  title: string;
  slug: string;
  /** The address it had on the old site, e.g. https://old.example/2019/05/hello/ */
  link: string;
  html: string;
  excerpt: string;
  status: 'published' | 'draft';
  publishedAt: number;
  author: string;
  tags: string[];
}

export interface WxrAuthor {
  login: string;
  name: string;
}

export interface WxrExport {
  site: string;
  authors: WxrAuthor[];
  posts: WxrPost[];
}

const text = (v: unknown): string =>
  (v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? text((v as Record<string, unknown>)['#text'])
      : String(v)
  ).trim();
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** "2019-05-01 10:00:00" (GMT, as WordPress writes it) → epoch ms. */
function gmt(s: string, fallback: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (m && m[1] !== '0000') return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const t = Date.parse(fallback);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * External images would break the privacy promise (no third-party requests) and are dropped by the
 * sanitiser, so each becomes a plain link to where it still lives, with its description.
 */
export function externalImagesToLinks(html: string): string {
  return html.replace(/<img\b[^>]*\bsrc=["'](https?:\/\/[^"']+)["'][^>]*>/gi, (tag, src: string) => {
    const alt = /\balt=["']([^"']*)["']/i.exec(tag)?.[1]?.trim();
    return `<a href="${src}">Image${alt ? `: ${alt}` : ''}</a>`;
  });
}

/** A summary from the export's excerpt, or else from the start of the text (about 155 characters, whole words). */
function excerptOf(html: string): string {
  const plain = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= 155) return plain;
  return `${plain.slice(0, 155).replace(/\s+\S*$/, '')}…`;
}

/** Reads a WXR file: its authors and its posts (pages, attachments and menu items are left out). */
export function parseWxr(xml: string): WxrExport {
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    cdataPropName: false as never,
    processEntities: true,
    htmlEntities: true,
  }).parse(xml);
  const channel = doc?.rss?.channel;
  if (!channel) throw new Error('This is not a WordPress export file (WXR): it has no <rss><channel>.');
  const authors = list(channel['wp:author']).map((a: Record<string, unknown>) => ({
    login: text(a['wp:author_login']),
    name: text(a['wp:author_display_name']) || text(a['wp:author_login']),
  }));
  const posts: WxrPost[] = [];
  for (const item of list(channel.item) as Record<string, unknown>[]) {
    if (text(item['wp:post_type']) !== 'post') continue;
    const wpStatus = text(item['wp:status']);
    if (wpStatus === 'trash' || wpStatus === 'auto-draft') continue;
    const title = text(item.title) || 'Imported article';
    const categories = list(item.category as Record<string, unknown> | Record<string, unknown>[]);
    posts.push({
      title,
      slug: slugify(decodeURIComponent(text(item['wp:post_name']))) || slugify(title),
      link: text(item.link),
      html: externalImagesToLinks(text(item['content:encoded'])),
      excerpt: excerptOf(text(item['excerpt:encoded']) || text(item['content:encoded'])),
      status: wpStatus === 'publish' ? 'published' : 'draft',
      publishedAt: gmt(text(item['wp:post_date_gmt']), text(item.pubDate)),
      author: text(item['dc:creator']),
      tags: [
        ...new Set(
          categories
            .filter((c) => c['@domain'] === 'post_tag' || (c['@domain'] === 'category' && text(c) !== 'Uncategorized'))
            .map((c) => text(c))
            .filter(Boolean),
        ),
      ],
    });
  }
  return { site: text(channel.link), authors, posts };
}
