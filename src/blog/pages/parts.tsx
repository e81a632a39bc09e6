import type { Formatter } from '../../time/index.ts';
import type { BlogAuthor, Post, Tag } from '../blog.tables.ts';
import type { Video } from '../post-rules.ts';

export interface PostSummary {
  post: Post;
  tags: Tag[];
  minutes: number;
}

/** The address of an article, a tag page and an author page. */
export const hrefs = {
  post: (slug: string) => `/blog/${slug}`,
  tag: (slug: string) => `/blog/tag/${slug}`,
  author: (slug: string) => `/blog/author/${slug}`,
};

export function TagList({ tags, label = 'Tags' }: { tags: Tag[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tag-list" aria-label={label}>
      {tags.map((t) => (
        <li>
          <a href={hrefs.tag(t.slug)}>{t.name}</a>
        </li>
      ))}
    </ul>
  );
}

export function PostDate({ at, zone, f }: { at: number | null; zone: string; f: Formatter }) {
  if (!at) return null;
  return <time datetime={new Date(at).toISOString()}>{f.date(at, zone)}</time>;
}

/** One article in a list: title, date, reading time, summary, tags. */
export function PostCard({
  item,
  zone,
  f,
  headingLevel = 2,
}: {
  item: PostSummary;
  zone: string;
  f: Formatter;
  headingLevel?: 2 | 3;
}) {
  const { post } = item;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="post-card">
      <H>
        <a href={hrefs.post(post.slug)}>{post.title}</a>
      </H>
      <p class="post-meta">
        <PostDate at={post.published_at} zone={zone} f={f} /> · {item.minutes} min read
        {post.video_url ? ' · Video' : ''}
      </p>
      {post.excerpt ? <p>{post.excerpt}</p> : null}
      <TagList tags={item.tags} />
    </article>
  );
}

/** Newer / older pages of a list, as plain links. */
export function Pagination({ base, page, pages }: { base: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const at = (n: number) => (n === 1 ? base : `${base}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={at(page - 1)} rel="prev">
          Newer articles
        </a>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={at(page + 1)} rel="next">
          Older articles
        </a>
      ) : null}
    </nav>
  );
}

/**
 * A video without the third party: a poster drawn by our own stylesheet and a link to the player
 * page. Nothing is requested from YouTube or Vimeo until the reader chooses to play.
 */
export function VideoPoster({
  video,
  title,
  playHref,
  poster,
}: {
  video: Video;
  title: string;
  playHref: string;
  poster?: string | undefined;
}) {
  if (video.kind === 'file') {
    return (
      <figure class="video">
        {/* biome-ignore lint/a11y/useMediaCaption: uploads carry no caption file yet (a known gap, see the README) */}
        <video controls preload="none" width={1280} height={720} poster={poster}>
          <source src={video.src} type={video.type} />
        </video>
        <figcaption>{title}</figcaption>
      </figure>
    );
  }
  const service = video.kind === 'youtube' ? 'YouTube' : 'Vimeo';
  return (
    <figure class="video">
      <a class="video-poster" href={playHref}>
        <span class="video-play" aria-hidden="true" />
        <span class="video-label">Play the video: {title}</span>
      </a>
      <figcaption>
        The video plays from {service} in its privacy-enhanced mode. Nothing is loaded from {service} until you press
        play.{' '}
        <a href={video.watchUrl} rel="noopener">
          Watch on {service} instead
        </a>
        .
      </figcaption>
    </figure>
  );
}

const ctas: Record<string, { href: string; label: string }> = {
  book: { href: '/book', label: 'Book a first session' },
  guide: { href: '/guide', label: 'Take the guide: therapy or coaching?' },
  contact: { href: '/contact', label: 'Get in touch' },
};

/** The byline and bio at the end of an article, with links and the coach's call to action. */
export function AuthorBio({ author, bioHtml }: { author: BlogAuthor; bioHtml: string }) {
  const links = JSON.parse(author.links_json) as { label: string; url: string }[];
  const cta = ctas[author.cta] ?? ctas.contact!;
  return (
    <aside class="author-bio" aria-labelledby="author-heading">
      {author.photo_url ? <img src={author.photo_url} alt="" width={96} height={120} loading="lazy" /> : null}
      <div>
        <h2 id="author-heading">
          Written by <a href={hrefs.author(author.slug)}>{author.name}</a>
        </h2>
        {bioHtml ? <div class="prose" dangerouslySetInnerHTML={{ __html: bioHtml }} /> : null}
        {links.length ? (
          <ul class="author-links">
            {links.map((l) => (
              <li>
                <a href={l.url} rel="me noopener">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <a class="button" href={cta.href}>
            {cta.label}
          </a>
        </p>
      </div>
    </aside>
  );
}

/** The search form: a plain GET, so it works without JavaScript. */
export function SearchForm({ q }: { q?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for some screen readers; the role says the same
    <form class="blog-search" method="get" action="/blog/search" role="search">
      <label for="blog-q">Search articles</label>
      <input id="blog-q" type="search" name="q" value={q ?? ''} maxLength={200} />
      <button type="submit" class="button secondary">
        Search
      </button>
    </form>
  );
}
