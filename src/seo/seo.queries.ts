import type { Executor } from '../db/index.ts';
import { settingsChangedAt } from '../settings/index.ts';
import type { Redirect } from './seo.tables.ts';

/** Paths that redirect elsewhere (or are gone): the sitemap leaves them out. */
export async function redirectedPaths(db: Executor): Promise<Set<string>> {
  return new Set((await db.selectFrom('redirects').select('from_path').execute()).map((r) => r.from_path));
}

/** When any of these settings documents last changed, or undefined when none is stored. */
export async function settingsUpdatedAt(db: Executor, keys: string[]): Promise<number | undefined> {
  return settingsChangedAt(db, ...keys);
}

/** Where an old address goes now, if anywhere. */
export async function redirectFor(db: Executor, path: string): Promise<Redirect | undefined> {
  return db.selectFrom('redirects').selectAll().where('from_path', '=', path).executeTakeFirst() as Promise<
    Redirect | undefined
  >;
}

/** Adds or replaces a redirect from a path. */
export async function putRedirect(db: Executor, r: Omit<Redirect, 'id'> & { id: string }): Promise<void> {
  await db
    .insertInto('redirects')
    .values(r)
    .onConflict((oc) =>
      oc
        .column('from_path')
        .doUpdateSet({ to_path: r.to_path, status: r.status, source: r.source, created_at: r.created_at }),
    )
    .execute();
}

/** Removes the redirect from a path. */
export async function deleteRedirect(db: Executor, fromPath: string): Promise<void> {
  await db.deleteFrom('redirects').where('from_path', '=', fromPath).execute();
}

/** Every redirect, by path. */
export async function allRedirects(db: Executor): Promise<Redirect[]> {
  return db.selectFrom('redirects').selectAll().orderBy('from_path').execute() as Promise<Redirect[]>;
}

/** Redirects that led to `from` now lead to `to`: one hop, never a chain. */
export async function retargetRedirects(db: Executor, from: string, to: string): Promise<void> {
  await db.updateTable('redirects').set({ to_path: to }).where('to_path', '=', from).execute();
}
