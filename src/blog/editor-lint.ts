import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { type LintFinding, lintPage } from '../seo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { allPages } from '../site/index.ts';
import { documentTitle } from '../web/index.ts';
import * as q from './blog.queries.ts';
import { renderPost } from './post-rules.ts';

/** Every other public page's title and description, for the duplicate rules of the lint. */
async function otherPages(db: Executor, exceptId: string | undefined) {
  const [posts, pages] = await Promise.all([q.livePostHeadings(db), allPages(db)]);
  return [
    ...posts
      .filter((p) => p.id !== exceptId)
      .map((p) => ({
        path: `/blog/${p.slug}`,
        title: p.seo_title || p.title,
        description: p.seo_description || p.excerpt,
      })),
    ...pages.map((p) => ({ path: p.slug === 'home' ? '/' : `/${p.slug}`, title: p.title, description: p.description })),
  ];
}

/** The SEO lint over what is in the editor, as search engines would see the article. */
export async function lintEditor(
  deps: Pick<Deps, 'dbh' | 'config'>,
  values: Record<string, string>,
  postId: string | undefined,
): Promise<LintFinding[]> {
  const db = deps.dbh.db;
  const settings = await readSiteSettings(db);
  const body = renderPost(values.body ?? '', deps.config.publicUrl);
  const title = values.seoTitle || values.title || '';
  return lintPage({
    path: `/blog/${values.slug || ''}`,
    title,
    documentTitle: documentTitle({ title }, settings.practiceName),
    description: values.seoDescription || values.excerpt || '',
    html: `<h1>${values.title ?? ''}</h1>${body.html}${values.ogImageUrl ? `<img src="${values.ogImageUrl}" alt="${(values.ogImageAlt ?? '').replace(/"/g, '&quot;')}">` : ''}`,
    siteName: settings.practiceName,
    siteOrigin: deps.config.publicUrl,
    others: await otherPages(db, postId),
  });
}
