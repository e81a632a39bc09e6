import { absolute, isoDuration, type JsonLdNode, type Seo, type ViewContext } from '../web/index.ts';
import type { BlogAuthor, Post, Tag } from './blog.tables.ts';
import { ogVersion } from './og-image.ts';
import { hrefs } from './pages/parts.tsx';
import type { RenderedPost, Video } from './post-rules.ts';

/** The generated card's size, and the size an uploaded preview image is expected to have. */
const OG_SIZE = { width: 1200, height: 630 };

/** The SEO model of a list page (index, tag, author), page 2+ with its own canonical. */
export function listSeo(
  _ctx: ViewContext,
  o: {
    title: string;
    description: string;
    basePath: string;
    page: number;
    pages: number;
    feeds?: Seo['feeds'];
    ogType?: Seo['ogType'];
    graph?: JsonLdNode[];
  },
): Seo {
  const at = (n: number) => (n === 1 ? o.basePath : `${o.basePath}?page=${n}`);
  return {
    title: o.page > 1 ? `${o.title} (page ${o.page})` : o.title,
    description: o.page > 1 ? `${o.description} Page ${o.page} of ${o.pages}.` : o.description,
    path: at(o.page),
    breadcrumbs: o.basePath === '/blog' ? [] : [{ name: 'Blog', path: '/blog' }],
    ...(o.feeds ? { feeds: o.feeds } : {}),
    ...(o.ogType ? { ogType: o.ogType } : {}),
    ...(o.graph ? { graph: o.graph } : {}),
    prevPath: o.page > 1 ? at(o.page - 1) : undefined,
    nextPath: o.page < o.pages ? at(o.page + 1) : undefined,
  };
}

/** The article's preview image: the coach's own, or the card generated from its title. */
export function previewImage(
  ctx: ViewContext,
  post: Post,
): { url: string; width: number; height: number; alt: string } {
  if (post.og_image_url) return { url: post.og_image_url, ...OG_SIZE, alt: post.og_image_alt || post.title };
  const v = ogVersion(post.title, ctx.settings.practiceName, ctx.settings.colours.accent);
  return {
    url: `${hrefs.post(post.slug)}/og-${v}.png`,
    ...OG_SIZE,
    alt: `${post.title}, ${ctx.settings.practiceName}`,
  };
}

/** The SEO model of an article. */
export function articleSeo(
  ctx: ViewContext,
  post: Post,
  o: { author: BlogAuthor | undefined; tags: Tag[]; video: Video | undefined; graph: JsonLdNode[] },
): Seo {
  return {
    title: post.seo_title || post.title,
    description: post.seo_description || post.excerpt,
    path: hrefs.post(post.slug),
    ogType: 'article',
    noindex: post.noindex === 1,
    image: previewImage(ctx, post),
    breadcrumbs: [{ name: 'Blog', path: '/blog' }],
    graph: o.graph,
    publishedAt: post.published_at,
    modifiedAt: post.updated_at,
    feeds: [
      { title: `${ctx.settings.practiceName} blog (RSS)`, path: '/blog/feed.xml', type: 'application/rss+xml' },
      { title: `${ctx.settings.practiceName} blog (Atom)`, path: '/blog/atom.xml', type: 'application/atom+xml' },
      {
        title: `${ctx.settings.practiceName} blog (JSON Feed)`,
        path: '/blog/feed.json',
        type: 'application/feed+json',
      },
    ],
  };
}

/** BlogPosting (and VideoObject for a video post) with the properties Google recommends. */
export function articleGraph(
  ctx: ViewContext,
  post: Post,
  o: { author: BlogAuthor | undefined; body: RenderedPost; video: Video | undefined; tags: Tag[] },
): JsonLdNode[] {
  const base = ctx.publicUrl;
  const url = absolute(base, hrefs.post(post.slug));
  const image = absolute(base, previewImage(ctx, post).url);
  const published = new Date(post.published_at ?? post.updated_at).toISOString();
  const nodes: JsonLdNode[] = [
    {
      '@type': 'BlogPosting',
      '@id': `${url}#article`,
      headline: post.title.slice(0, 110),
      description: post.seo_description || post.excerpt,
      url,
      mainEntityOfPage: url,
      datePublished: published,
      dateModified: new Date(post.updated_at).toISOString(),
      wordCount: o.body.words,
      ...(image ? { image: [image] } : {}),
      ...(o.tags.length ? { keywords: o.tags.map((t) => t.name).join(', ') } : {}),
      author: o.author
        ? { '@type': 'Person', name: o.author.name, url: absolute(base, hrefs.author(o.author.slug)) }
        : { '@id': `${base}/#coach` },
      publisher: { '@id': `${base}/#practice` },
      isPartOf: { '@id': `${base}/#website` },
      inLanguage: 'en',
    },
  ];
  const v = o.video;
  if (v) {
    const thumbnail = v.kind === 'youtube' ? v.thumbnailUrl : image;
    nodes.push({
      '@type': 'VideoObject',
      '@id': `${url}#video`,
      name: post.title,
      description: post.seo_description || post.excerpt || post.title,
      uploadDate: published,
      ...(thumbnail ? { thumbnailUrl: [thumbnail] } : {}),
      ...(post.video_duration_seconds ? { duration: isoDuration(post.video_duration_seconds) } : {}),
      ...(v.kind === 'file'
        ? { contentUrl: absolute(base, v.src) }
        : { embedUrl: v.embedUrl.replace(/[?&]autoplay=1/, ''), url: v.watchUrl }),
    });
  }
  return nodes;
}
