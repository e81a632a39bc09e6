import { Feed } from 'feed';
import type { SiteSettings } from '../settings/index.ts';
import type { BlogAuthor, Post, Tag } from './blog.tables.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FILES: Record<
  FeedFormat,
  { file: string; type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json'; label: string }
> = {
  rss: { file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  atom: { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  json: { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
};

/** The <link rel="alternate"> list for the blog as a whole or one tag. */
export function feedLinks(basePath: string, name: string) {
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((f) => ({
    title: `${name} (${FEED_FILES[f].label})`,
    path: `${basePath}/${FEED_FILES[f].file}`,
    type: FEED_FILES[f].type,
  }));
}

/** Feed readers show content away from the site: every link and image must be absolute. */
export function absoluteLinks(html: string, base: string): string {
  return html.replace(/\s(href|src)="\/(?!\/)/g, ` $1="${base}/`);
}

export interface FeedPost {
  post: Post;
  html: string;
  tags: Tag[];
  author: BlogAuthor | undefined;
}

/** RSS 2.0, Atom or JSON Feed with each article's full content. */
export function renderFeed(
  format: FeedFormat,
  o: { base: string; settings: SiteSettings; basePath: string; tag?: Tag; posts: FeedPost[]; now: number },
): string {
  const { base, settings, basePath } = o;
  const title = o.tag ? `${o.tag.name} · ${settings.practiceName}` : `${settings.practiceName} · Blog`;
  const newest = Math.max(0, ...o.posts.map((p) => p.post.updated_at));
  const feed = new Feed({
    id: `${base}${basePath}`,
    title,
    description: settings.tagline || `Articles from ${settings.practiceName}`,
    link: `${base}${basePath}`,
    language: 'en',
    updated: new Date(newest || o.now),
    generator: 'Tandem',
    copyright: `© ${settings.practiceName}`,
    feedLinks: Object.fromEntries(
      (Object.keys(FEED_FILES) as FeedFormat[]).map((f) => [f, `${base}${basePath}/${FEED_FILES[f].file}`]),
    ),
    author: { name: settings.coachName, link: `${base}/about` },
  });
  for (const { post, html, tags, author } of o.posts) {
    const link = `${base}/blog/${post.slug}`;
    feed.addItem({
      title: post.title,
      id: link,
      link,
      description: post.excerpt,
      content: absoluteLinks(html, base),
      date: new Date(post.updated_at),
      published: new Date(post.published_at ?? post.updated_at),
      category: tags.map((t) => ({ name: t.name, term: t.slug, domain: `${base}/blog/tag/${t.slug}` })),
      author: author ? [{ name: author.name, link: `${base}/blog/author/${author.slug}` }] : [],
    });
  }
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
