import { Feed } from 'feed';
import type { SiteSettings } from '../settings/index.ts';
import type { BlogAuthor, Post, Tag } from './blog.tables.ts';
import { parseVideo, type Video } from './post-rules.ts';

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
  return html
    .replace(/\s(href|src|poster)="\/(?!\/)/g, ` $1="${base}/`)
    .replace(/\ssrcset="([^"]*)"/g, (_m, set: string) => {
      const abs = set
        .split(',')
        .map((c) => c.trim().replace(/^\/(?!\/)/, `${base}/`))
        .join(', ');
      return ` srcset="${abs}"`;
    });
}

/**
 * An article's HTML as feed readers get it: an uploaded image's <picture> (AVIF and WebP sources
 * many readers drop, or show nothing for) becomes its plain JPEG <img>, and every address is absolute.
 */
export function feedHtml(html: string, base: string): string {
  const plain = html.replace(/<picture>(?:<source\b[^>]*>)*(<img\b[^>]*>)<\/picture>/g, (_m, img: string) =>
    img.replace(/\s(srcset|sizes|loading|decoding)="[^"]*"/g, ''),
  );
  return absoluteLinks(plain, base);
}

/** Where a feed reader can watch a post's video: the service's own page, or the file on this site. */
export function videoLink(video: Video, base: string): string {
  return video.kind === 'file' ? `${base}${video.src}` : video.watchUrl;
}

/** The video first in a video post's feed content, since readers show no player of ours. */
function videoParagraph(video: Video, base: string, postTitle: string): string {
  const where = video.kind === 'youtube' ? ' on YouTube' : video.kind === 'vimeo' ? ' on Vimeo' : '';
  const href = videoLink(video, base).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const title = postTitle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<p><a href="${href}">Watch the video${where}: ${title}</a></p>\n`;
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
    const video = parseVideo(post.video_url);
    const published = new Date(post.published_at ?? post.updated_at);
    feed.addItem({
      title: post.title,
      id: link,
      link,
      description: post.excerpt,
      content: (video ? videoParagraph(video, base, post.title) : '') + feedHtml(html, base),
      // RSS has one date, pubDate, and it means when the item was published; an edit must not
      // move an old article to the top of readers' lists. Atom and JSON Feed carry both.
      date: format === 'rss' ? published : new Date(post.updated_at),
      published,
      // An uploaded video travels as an enclosure (RSS, Atom); a hosted one is linked in the content.
      ...(video?.kind === 'file' ? { video: { url: `${base}${video.src}`, type: video.type, length: 0 } } : {}),
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
