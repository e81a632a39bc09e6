import { recordAudit } from '../audit/index.ts';
import { isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings, type SiteSettings, writeSiteSettings } from '../settings/index.ts';
import type { Viewer } from '../web/index.ts';
import { isBuiltIn, type PageForm } from './page-rules.ts';
import { changedSettings } from './settings-form.ts';
import { deletePageRow, insertPage, pageById, slugTaken, updatePageIfUnchanged } from './site.queries.ts';

export type SavePageResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'slug_taken' }
  | { ok: false; reason: 'changed'; currentVersion: number }
  | { ok: false; reason: 'not_found' };

/** What the editor says when the unique address is already in use. */
export const SLUG_TAKEN_MESSAGE = 'Another page already uses this address. Choose a different one.';

/** Creates a page the coach wrote, with an audit entry, in one transaction. */
export async function createPage(
  deps: Deps,
  actor: Viewer,
  form: PageForm & { slug: string },
): Promise<SavePageResult> {
  const now = deps.clock.now();
  const id = newId();
  try {
    return await deps.dbh.db.transaction().execute(async (tx) => {
      if (await slugTaken(tx, form.slug)) return { ok: false, reason: 'slug_taken' } as const;
      await insertPage(tx, {
        id,
        slug: form.slug,
        title: form.title,
        description: form.description,
        body_md: form.body,
        in_nav: form.inNav ? 1 : 0,
        nav_order: form.navOrder,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        tx,
        { actorUserId: actor.userId, action: 'page.create', subject: id, detail: { slug: form.slug } },
        now,
      );
      return { ok: true, id } as const;
    });
  } catch (err) {
    // Two tabs creating the same address at once: the unique index decides, the person gets words.
    if (isUniqueViolation(err)) return { ok: false, reason: 'slug_taken' };
    throw err;
  }
}

/**
 * Saves an edited page if nobody saved it since the editor was opened (`version` is the
 * updated_at the editor saw). Built-in pages keep their slug whatever was posted.
 */
export async function updatePage(
  deps: Deps,
  actor: Viewer,
  id: string,
  version: number,
  form: PageForm & { slug?: string | undefined },
): Promise<SavePageResult> {
  // Never equal to the version just read, so the compare-and-swap below cannot pass by accident.
  const now = Math.max(deps.clock.now(), version + 1);
  try {
    return await deps.dbh.db.transaction().execute(async (tx) => {
      const page = await pageById(tx, id);
      if (!page) return { ok: false, reason: 'not_found' } as const;
      const slug = isBuiltIn(page.slug) || !form.slug ? page.slug : form.slug;
      if (slug !== page.slug && (await slugTaken(tx, slug, id))) return { ok: false, reason: 'slug_taken' } as const;
      const saved = await updatePageIfUnchanged(tx, id, version, {
        slug,
        title: form.title,
        description: form.description,
        body_md: form.body,
        in_nav: form.inNav ? 1 : 0,
        nav_order: form.navOrder,
        updated_at: now,
      });
      if (!saved) return { ok: false, reason: 'changed', currentVersion: page.updated_at } as const;
      const detail: Record<string, string> = { slug };
      if (slug !== page.slug) detail.previousSlug = page.slug;
      await recordAudit(tx, { actorUserId: actor.userId, action: 'page.update', subject: id, detail }, now);
      return { ok: true, id } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'slug_taken' };
    throw err;
  }
}

/** Deletes a page the coach created, with an audit entry; built-in pages are refused. */
export async function deletePage(deps: Deps, actor: Viewer, id: string): Promise<'deleted' | 'built_in' | 'not_found'> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const page = await pageById(tx, id);
    if (!page) return 'not_found';
    if (isBuiltIn(page.slug)) return 'built_in';
    if (!(await deletePageRow(tx, id))) return 'not_found';
    await recordAudit(
      tx,
      { actorUserId: actor.userId, action: 'page.delete', subject: id, detail: { slug: page.slug } },
      now,
    );
    return 'deleted';
  });
}

/** Stores the site settings and records which of them changed (names only). */
export async function saveSiteSettings(deps: Deps, actor: Viewer, next: SiteSettings): Promise<string[]> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const before = await readSiteSettings(tx);
    const changed = changedSettings(before, next);
    await writeSiteSettings(tx, next, now);
    await recordAudit(
      tx,
      { actorUserId: actor.userId, action: 'settings.update', subject: 'site', detail: { changed: changed.join(',') } },
      now,
    );
    return changed;
  });
}
