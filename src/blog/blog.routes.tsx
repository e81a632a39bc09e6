import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { redirectFor } from '../seo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { renderMarkdown } from '../site/index.ts';
import type { SitemapSource } from '../web/index.ts';
import {
  AppError,
  addNotFoundFallback,
  parseParams,
  parseQuery,
  sendPage,
  type ViewContext,
  viewContext,
} from '../web/index.ts';
import { authorRoutes } from './author.routes.tsx';
import { blogAdminRoutes } from './blog.admin.routes.tsx';
import * as q from './blog.queries.ts';
import type { Post } from './blog.tables.ts';
import { articleGraph, articleSeo, listSeo } from './blog-seo.ts';
import { FEED_CONTENT_TYPES, FEED_FILES, type FeedFormat, feedLinks, renderFeed } from './feeds.ts';
import { mediaRoutes } from './media.routes.tsx';
import { ogVersion, storedOgImage } from './og-image.ts';
import { ArticlePage, PlayerPage } from './pages/article.tsx';
import { PostListPage } from './pages/list.tsx';
import { hrefs, type PostSummary } from './pages/parts.tsx';
import { PAGE_SIZE, parseVideo, renderPost, SLUG_PATTERN } from './post-rules.ts';
import { subscribeRoutes } from './subscribe.routes.tsx';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
const slugParams = z.object({ slug: z.string().regex(SLUG_PATTERN).max(80) });
const searchQuery = z.object({ q: z.string().max(200).catch('').default('') });
const ogParams = z.object({ slug: z.string().regex(SLUG_PATTERN).max(80), v: z.string().max(100) });

/** This module's pages in the sitemap, by kind (installed by app.ts with the other contributions). */
export const blogSitemap: Record<string, SitemapSource> = {
  posts: async (x) => {
    const rows = await q.sitemapPosts(x);
    const newest = Math.max(0, ...rows.map((r) => r.updated_at));
    return [
      ...(rows.length ? [{ path: '/blog', lastmod: newest }] : []),
      ...rows.map((r) => ({ path: hrefs.post(r.slug), lastmod: r.updated_at })),
    ];
  },
  tags: async (x) => (await q.publicTags(x)).map((t) => ({ path: hrefs.tag(t.slug), lastmod: Number(t.lastmod) })),
  authors: async (x) =>
    (await q.publicAuthors(x)).map((a) => ({
      path: hrefs.author(a.slug),
      lastmod: Math.max(Number(a.lastmod), a.updated_at),
    })),
};

/** The blog for readers: index, articles, tags, authors, search, feeds; and the coach's editor. */
export async function blogRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const base = deps.config.publicUrl;

  // Old addresses: a changed slug (301), a coach's redirect (301), a removed page (410).
  addNotFoundFallback(app, async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const r = await redirectFor(db, request.url.split('?')[0]!);
    if (!r) return undefined;
    if (r.status === 301 && r.to_path) return reply.redirect(r.to_path, 301);
    return new AppError('gone');
  });

  const mediaRoot = path.join(deps.config.dataDir, 'media');
  // Uploaded videos and images (DATA_DIR/media, made by the upload step or by hand); @fastify/static answers Range requests, which video needs.
  await app.register(fastifyStatic, {
    root: mediaRoot,
    prefix: '/media/',
    decorateReply: false,
    maxAge: '7d',
    index: false,
    list: false,
  });

  async function summaries(posts: Post[]): Promise<PostSummary[]> {
    const tags = await q.tagsOfPosts(
      db,
      posts.map((p) => p.id),
    );
    return posts.map((post) => ({
      post,
      tags: tags.get(post.id) ?? [],
      minutes: renderPost(post.body_md, base).minutes,
    }));
  }

  async function list(
    request: FastifyRequest,
    reply: FastifyReply,
    filter: { tagId?: string; authorId?: string },
    basePath: string,
  ) {
    const { page } = parseQuery(pageQuery, request);
    const total = await q.countPublished(db, filter);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new AppError('not_found');
    const items = await summaries(
      await q.publishedPosts(db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    );
    const ctx = await viewContext(db, base, request, reply);
    return { ctx, page, pages, items, basePath };
  }

  app.get('/blog', async (request, reply) => {
    const l = await list(request, reply, {}, '/blog');
    const seo = listSeo(l.ctx, {
      // "Blog" alone is too short a search result; the heading on the page stays "Blog".
      title: `Blog: articles and videos by ${l.ctx.settings.coachName}`,
      description: blogDescription(l.ctx),
      basePath: '/blog',
      page: l.page,
      pages: l.pages,
      feeds: feedLinks('/blog', `${l.ctx.settings.practiceName} blog`),
    });
    return sendPage(
      reply,
      <PostListPage
        ctx={l.ctx}
        seo={seo}
        heading="Blog"
        intro={<p class="lead">{blogDescription(l.ctx)}</p>}
        items={l.items}
        page={l.page}
        pages={l.pages}
        base="/blog"
        empty="No articles yet. Please come back soon."
      />,
    );
  });

  app.get('/blog/search', async (request, reply) => {
    const { q: text } = parseQuery(searchQuery, request);
    const results = text.trim() ? await summaries(await q.searchPublished(db, deps.dbh.engine, text)) : [];
    const ctx = await viewContext(db, base, request, reply);
    const heading = text.trim() ? `Search results for “${text.trim()}”` : 'Search articles';
    const seo = {
      title: heading,
      description: `Search the articles of ${ctx.settings.practiceName}.`,
      path: '/blog/search',
      noindex: true,
      breadcrumbs: [{ name: 'Blog', path: '/blog' }],
    };
    const empty = text.trim()
      ? 'No articles match those words. Try fewer or different words.'
      : 'Type a few words to find articles.';
    return sendPage(
      reply,
      <PostListPage
        ctx={ctx}
        seo={seo}
        heading={heading}
        items={results}
        page={1}
        pages={1}
        base="/blog/search"
        empty={empty}
        q={text}
      />,
    );
  });

  app.get('/blog/tag/:slug', async (request, reply) => {
    const tag = await q.tagBySlug(db, parseParams(slugParams, request).slug);
    if (!tag) throw new AppError('not_found');
    const l = await list(request, reply, { tagId: tag.id }, hrefs.tag(tag.slug));
    if (l.items.length === 0) throw new AppError('not_found');
    const description = `Articles about ${tag.name.toLowerCase()} from ${l.ctx.settings.practiceName}: practical, plain-spoken reading on coaching, relationships and making change last.`;
    const seo = listSeo(l.ctx, {
      title: `Articles tagged “${tag.name}”`,
      description,
      basePath: hrefs.tag(tag.slug),
      page: l.page,
      pages: l.pages,
      feeds: feedLinks(hrefs.tag(tag.slug), `${tag.name} articles`),
    });
    return sendPage(
      reply,
      <PostListPage
        ctx={l.ctx}
        seo={seo}
        heading={`Articles tagged “${tag.name}”`}
        items={l.items}
        page={l.page}
        pages={l.pages}
        base={hrefs.tag(tag.slug)}
        empty=""
      />,
    );
  });

  app.get('/blog/author/:slug', async (request, reply) => {
    const author = await q.authorBySlug(db, parseParams(slugParams, request).slug);
    if (!author) throw new AppError('not_found');
    const l = await list(request, reply, { authorId: author.id }, hrefs.author(author.slug));
    if (l.items.length === 0) throw new AppError('not_found');
    const bioHtml = renderMarkdown(author.bio_md, { siteOrigin: base });
    const links = JSON.parse(author.links_json) as { url: string }[];
    const path = hrefs.author(author.slug);
    const seo = listSeo(l.ctx, {
      title: `Articles by ${author.name}`,
      description: `${author.name} writes about coaching, relationships and making change last. Every article by ${author.name}, newest first.`,
      basePath: path,
      page: l.page,
      pages: l.pages,
      ogType: 'profile',
      graph: [
        {
          '@type': 'ProfilePage',
          '@id': `${base}${path}#page`,
          url: `${base}${path}`,
          name: `Articles by ${author.name}`,
          mainEntity: {
            '@type': 'Person',
            name: author.name,
            url: `${base}${path}`,
            ...(links.length ? { sameAs: links.map((x) => x.url) } : {}),
          },
        },
      ],
    });
    const intro = bioHtml ? <div class="prose lead" dangerouslySetInnerHTML={{ __html: bioHtml }} /> : undefined;
    return sendPage(
      reply,
      <PostListPage
        ctx={l.ctx}
        seo={seo}
        heading={`Articles by ${author.name}`}
        intro={intro}
        items={l.items}
        page={l.page}
        pages={l.pages}
        base={path}
        empty=""
      />,
    );
  });

  /** A visible post, a redirect to where it lives now, or the right refusal: 410 for a removed one, else 404. */
  async function visiblePost(slug: string): Promise<{ post: Post } | { redirect: string }> {
    const post = await q.postBySlug(db, slug);
    if (post?.status === 'published') return { post };
    if (post?.status === 'trashed' && post.published_at) throw new AppError('gone');
    const r = await redirectFor(db, hrefs.post(slug));
    if (r?.status === 301 && r.to_path) return { redirect: r.to_path };
    if (r) throw new AppError('gone');
    throw new AppError('not_found');
  }

  app.get('/blog/:slug', async (request, reply) => {
    const found = await visiblePost(parseParams(slugParams, request).slug);
    if ('redirect' in found) return reply.redirect(found.redirect, 301);
    const { post } = found;
    const body = renderPost(post.body_md, base);
    const tags = (await q.tagsOfPosts(db, [post.id])).get(post.id) ?? [];
    const author = post.author_id ? (await q.authorsByIds(db, [post.author_id])).get(post.author_id) : undefined;
    const related = await summaries(
      await q.relatedPosts(
        db,
        post.id,
        tags.map((t) => t.id),
      ),
    );
    const { prev, next } = await q.neighbours(db, post);
    const ctx = await viewContext(db, base, request, reply);
    const video = parseVideo(post.video_url);
    const seo = articleSeo(ctx, post, {
      author,
      tags,
      video,
      graph: articleGraph(ctx, post, { author, body, video, tags }),
    });
    const authorBioHtml = author ? renderMarkdown(author.bio_md, { siteOrigin: base }) : '';
    return sendPage(
      reply,
      <ArticlePage
        ctx={ctx}
        seo={seo}
        post={post}
        body={body}
        tags={tags}
        author={author}
        authorBioHtml={authorBioHtml}
        video={video}
        related={related}
        prev={prev}
        next={next}
      />,
    );
  });

  app.get('/blog/:slug/play', async (request, reply) => {
    const visible = await visiblePost(parseParams(slugParams, request).slug);
    if ('redirect' in visible) return reply.redirect(`${visible.redirect}/play`, 301);
    const found = visible.post;
    const video = parseVideo(found.video_url);
    if (!video || video.kind === 'file') throw new AppError('not_found');
    const ctx = await viewContext(db, base, request, reply);
    // Only this page, opened by the reader's click, may frame the privacy-enhanced player.
    const csp = String(reply.getHeader('content-security-policy') ?? '');
    reply.header(
      'content-security-policy',
      `${csp}; frame-src https://www.youtube-nocookie.com https://player.vimeo.com`,
    );
    const seo = {
      title: `Video: ${found.title}`,
      description: found.excerpt || found.title,
      path: `${hrefs.post(found.slug)}/play`,
      noindex: true,
    };
    return sendPage(reply, <PlayerPage ctx={ctx} seo={seo} post={found} video={video} />);
  });

  // The generated preview card, made at publish and stored in the database (drawn here only when
  // missing, e.g. after the practice was renamed); its name carries a hash of what is drawn on it,
  // so it can be cached for a year.
  app.get('/blog/:slug/og-:v.png', async (request, reply) => {
    const params = parseParams(ogParams, request);
    const post = await q.postBySlug(db, params.slug);
    if (post?.status !== 'published') throw new AppError('not_found');
    const settings = await readSiteSettings(db);
    const v = ogVersion(post.title, settings.practiceName, settings.colours.accent);
    if (params.v !== v) return reply.redirect(`${hrefs.post(post.slug)}/og-${v}.png`, 301);
    if (post.og_image_url) throw new AppError('not_found');
    const { png } = await storedOgImage(db, post, settings, deps.clock.now());
    return reply.type('image/png').header('cache-control', 'public, max-age=31536000, immutable').send(png);
  });

  async function sendFeed(reply: FastifyReply, format: FeedFormat, basePath: string, tagSlug?: string) {
    const tag = tagSlug ? await q.tagBySlug(db, tagSlug) : undefined;
    if (tagSlug && !tag) throw new AppError('not_found');
    const posts = await q.publishedPosts(db, { limit: 50, ...(tag ? { tagId: tag.id } : {}) });
    const tags = await q.tagsOfPosts(
      db,
      posts.map((p) => p.id),
    );
    const authors = await q.authorsByIds(
      db,
      posts.flatMap((p) => (p.author_id ? [p.author_id] : [])),
    );
    const settings = await readSiteSettings(db);
    const items = posts.map((post) => ({
      post,
      html: renderPost(post.body_md, base).html,
      tags: tags.get(post.id) ?? [],
      author: post.author_id ? authors.get(post.author_id) : undefined,
    }));
    const text = renderFeed(format, {
      base,
      settings,
      basePath,
      ...(tag ? { tag } : {}),
      posts: items,
      now: deps.clock.now(),
    });
    return reply.type(FEED_CONTENT_TYPES[format]).header('cache-control', 'no-cache').send(text);
  }
  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
    const file = FEED_FILES[format].file;
    app.get(`/blog/${file}`, async (_request, reply) => sendFeed(reply, format, '/blog'));
    app.get(`/blog/tag/:slug/${file}`, async (request, reply) => {
      const slug = parseParams(slugParams, request).slug;
      return sendFeed(reply, format, hrefs.tag(slug), slug);
    });
  }

  await app.register(subscribeRoutes, { deps });
  await app.register(blogAdminRoutes, { deps });
  await app.register(mediaRoutes, { deps });
  await app.register(authorRoutes, { deps });
}

function blogDescription(ctx: ViewContext): string {
  return `Articles and videos from ${ctx.settings.coachName} on relationships, life changes and the difference between coaching and therapy.`;
}
