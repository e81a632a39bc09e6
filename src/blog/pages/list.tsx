import type { ComponentChildren } from 'preact';
import type { Seo, ViewContext } from '../../web/index.ts';
import { Layout, visitorFormat } from '../../web/index.ts';
import { Pagination, PostCard, type PostSummary, SearchForm } from './parts.tsx';

interface ListProps {
  ctx: ViewContext;
  seo: Seo;
  heading: string;
  intro?: ComponentChildren;
  items: PostSummary[];
  page: number;
  pages: number;
  base: string;
  empty: string;
  q?: string;
}

/** A list of articles: the blog index, a tag, an author, or search results. */
export function PostListPage({ ctx, seo, heading, intro, items, page, pages, base, empty, q }: ListProps) {
  return (
    <Layout ctx={ctx} seo={seo} narrow>
      <div class="blog-head">
        <h1>{heading}</h1>
        {intro}
        <SearchForm q={q} />
      </div>
      {items.length === 0 ? <p>{empty}</p> : null}
      <div class="post-list">
        {items.map((item) => (
          <PostCard item={item} zone={ctx.settings.timeZone} f={visitorFormat(ctx)} />
        ))}
      </div>
      <Pagination base={base} page={page} pages={pages} />
      {seo.feeds?.length ? (
        <p class="feed-links">
          <a href="/blog/subscribe">Get new articles by email</a>, or follow by feed:{' '}
          {seo.feeds.map((f, i) => (
            <>
              {i ? ', ' : ''}
              <a href={f.path} type={f.type}>
                {f.title.replace(/^.*\((.*)\)$/, '$1')}
              </a>
            </>
          ))}
        </p>
      ) : null}
    </Layout>
  );
}
