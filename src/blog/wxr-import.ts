import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { putRedirect } from '../seo/index.ts';
import * as q from './blog.queries.ts';
import { makeOgImage } from './blog.service.ts';
import { parseTags, slugify } from './post-rules.ts';
import { parseWxr } from './wxr.ts';

export interface ImportReport {
  imported: number;
  skipped: string[];
  redirects: number;
}

/**
 * Imports a WordPress export in one transaction: posts with their dates, status, tags and authors,
 * and a 301 from each post's old address to its new one. A post whose address already exists here
 * is skipped, so importing the same file twice changes nothing.
 */
export async function importWxr(deps: Deps, xml: string, actorUserId: string | null): Promise<ImportReport> {
  const wxr = parseWxr(xml);
  const now = deps.clock.now();
  const published: string[] = [];
  const result = await deps.dbh.db.transaction().execute(async (tx) => {
    const report: ImportReport = { imported: 0, skipped: [], redirects: 0 };
    const authorIds = new Map<string, string>();
    for (const a of wxr.authors) {
      const slug = slugify(a.name) || slugify(a.login) || 'author';
      const found = await q.authorBySlug(tx, slug);
      const id = found?.id ?? newId();
      if (!found)
        await q.insertAuthor(tx, {
          id,
          slug,
          name: a.name,
          bio_md: '',
          photo_url: '',
          links_json: '[]',
          cta: 'contact',
          user_id: null,
          created_at: now,
          updated_at: now,
        });
      authorIds.set(a.login, id);
    }
    for (const p of wxr.posts) {
      if (await q.postBySlug(tx, p.slug)) {
        report.skipped.push(p.slug);
        continue;
      }
      const id = newId();
      const at = p.publishedAt || now;
      await q.insertPost(tx, {
        id,
        slug: p.slug,
        title: p.title,
        excerpt: p.excerpt,
        body_md: p.html,
        status: p.status,
        publish_at: null,
        published_at: p.status === 'published' ? at : null,
        author_id: authorIds.get(p.author) ?? null,
        seo_title: '',
        seo_description: '',
        og_image_url: '',
        og_image_alt: '',
        noindex: 0,
        video_url: '',
        video_duration_seconds: null,
        created_at: at,
        updated_at: at,
      });
      const tagIds = await q.ensureTags(
        tx,
        parseTags(p.tags.join(',')).map((t) => ({ ...t, id: newId() })),
        now,
      );
      await q.setPostTags(tx, id, tagIds);
      await q.indexPostText(tx, deps.dbh.engine, { id, title: p.title, excerpt: p.excerpt, body_md: p.html });
      report.imported++;
      if (p.status === 'published') published.push(id);
      const oldPath = pathOf(p.link);
      if (oldPath && oldPath !== `/blog/${p.slug}` && p.status === 'published') {
        await putRedirect(tx, {
          id: newId(),
          from_path: oldPath,
          to_path: `/blog/${p.slug}`,
          status: 301,
          source: 'import',
          created_at: now,
        });
        report.redirects++;
      }
    }
    await recordAudit(
      tx,
      { actorUserId, action: 'post.import', detail: { imported: report.imported, skipped: report.skipped.length } },
      now,
    );
    return report;
  });
  // Imported articles go public now, so their preview cards are drawn now, after the commit.
  for (const id of published) await makeOgImage(deps, id);
  return result;
}

/** The path of an old address, without a trailing slash ('/2019/05/hello'), or undefined. */
function pathOf(link: string): string | undefined {
  try {
    const path = decodeURIComponent(new URL(link).pathname).replace(/\/+$/, '');
    return path && path !== '/' ? path : undefined;
  } catch {
    return undefined;
  }
}
