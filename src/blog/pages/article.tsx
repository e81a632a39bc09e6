import type { Seo, ViewContext } from '../../web/index.ts';
import { Layout, visitorFormat } from '../../web/index.ts';
import type { BlogAuthor, Post, Tag } from '../blog.tables.ts';
import { type RenderedPost, TOC_MIN_HEADINGS, type Video } from '../post-rules.ts';
import { AuthorBio, hrefs, PostCard, PostDate, type PostSummary, TagList, VideoPoster } from './parts.tsx';

interface ArticleProps {
  ctx: ViewContext;
  seo: Seo;
  post: Post;
  body: RenderedPost;
  tags: Tag[];
  author: BlogAuthor | undefined;
  authorBioHtml: string;
  video: Video | undefined;
  related: PostSummary[];
  prev: Post | undefined;
  next: Post | undefined;
}

/** One article: title, byline, video, contents, body, tags, author, related, previous/next. No script. */
export function ArticlePage(p: ArticleProps) {
  const { ctx, post, body } = p;
  const zone = ctx.settings.timeZone;
  const f = visitorFormat(ctx);
  return (
    <Layout ctx={ctx} seo={p.seo} narrow>
      <article class="article" aria-labelledby="article-title">
        <header class="article-head">
          <p class="crumbs">
            <a href="/blog">Blog</a>
          </p>
          <h1 id="article-title">{post.title}</h1>
          <p class="post-meta">
            {p.author ? (
              <>
                By <a href={hrefs.author(p.author.slug)}>{p.author.name}</a> ·{' '}
              </>
            ) : null}
            <PostDate at={post.published_at} zone={zone} f={f} />
            {post.updated_at - (post.published_at ?? 0) > 86_400_000 ? (
              <>
                {' '}
                · Updated <PostDate at={post.updated_at} zone={zone} f={f} />
              </>
            ) : null}{' '}
            · {body.minutes} min read
          </p>
        </header>
        {p.video ? (
          <VideoPoster
            video={p.video}
            title={post.title}
            playHref={`${hrefs.post(post.slug)}/play`}
            poster={p.seo.image?.url}
          />
        ) : null}
        {body.toc.filter((t) => t.level === 2).length >= TOC_MIN_HEADINGS ? (
          <nav class="toc" aria-labelledby="toc-heading">
            <h2 id="toc-heading">In this article</h2>
            <ol>
              {body.toc
                .filter((t) => t.level === 2)
                .map((t) => (
                  <li>
                    <a href={`#${t.id}`}>{t.text}</a>
                  </li>
                ))}
            </ol>
          </nav>
        ) : null}
        <div class="prose article-body" dangerouslySetInnerHTML={{ __html: body.html }} />
        <TagList tags={p.tags} label="Filed under" />
      </article>
      {p.author ? <AuthorBio author={p.author} bioHtml={p.authorBioHtml} /> : null}
      <p class="feed-links">
        <a href="/blog/subscribe">Get new articles by email</a> or <a href="/blog/feed.xml">follow the feed</a>.
      </p>
      {p.related.length ? (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">Related articles</h2>
          {p.related.map((item) => (
            <PostCard item={item} zone={zone} f={f} headingLevel={3} />
          ))}
        </section>
      ) : null}
      {p.prev || p.next ? (
        <nav class="prev-next" aria-label="More articles">
          {p.prev ? (
            <a href={hrefs.post(p.prev.slug)} rel="prev">
              <span>Previous article</span> {p.prev.title}
            </a>
          ) : null}
          {p.next ? (
            <a href={hrefs.post(p.next.slug)} rel="next">
              <span>Next article</span> {p.next.title}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/** The player page, reached only by the reader's click: the privacy-enhanced embed. */
export function PlayerPage({
  ctx,
  seo,
  post,
  video,
}: {
  ctx: ViewContext;
  seo: Seo;
  post: Post;
  video: Extract<Video, { embedUrl: string }>;
}) {
  return (
    <Layout ctx={ctx} seo={seo} narrow>
      <h1>{post.title}</h1>
      <div class="video-frame">
        <iframe
          src={video.embedUrl}
          title={`Video: ${post.title}`}
          width={1280}
          height={720}
          allow="autoplay; fullscreen; picture-in-picture"
          allowFullScreen
          referrerpolicy="strict-origin-when-cross-origin"
        />
      </div>
      <p>
        <a href={hrefs.post(post.slug)}>Back to the article</a>
      </p>
    </Layout>
  );
}
