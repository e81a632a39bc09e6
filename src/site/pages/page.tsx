import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';
import type { Page } from '../site.tables.ts';
import { Prose } from './parts.tsx';

/** A Markdown page the coach wrote: privacy, terms, or her own. */
export function MarkdownPage({ ctx, page, bodyHtml }: { ctx: ViewContext; page: Page; bodyHtml: string }) {
  return (
    <Layout ctx={ctx} seo={{ title: page.title, description: page.description, path: `/${page.slug}` }} narrow>
      <article>
        <h1>{page.title}</h1>
        <Prose html={bodyHtml} />
      </article>
    </Layout>
  );
}
