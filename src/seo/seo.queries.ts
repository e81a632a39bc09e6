import type { Executor } from '../db/index.ts';

/** Paths that redirect elsewhere (or are gone): the sitemap leaves them out. */
export async function redirectedPaths(db: Executor): Promise<Set<string>> {
  return new Set((await db.selectFrom('redirects').select('from_path').execute()).map((r) => r.from_path));
}

/** When any of these settings documents last changed, or undefined when none is stored. */
export async function settingsUpdatedAt(db: Executor, keys: string[]): Promise<number | undefined> {
  const rows = await db.selectFrom('settings').select('updated_at').where('key', 'in', keys).execute();
  return rows.length ? Math.max(...rows.map((r) => r.updated_at)) : undefined;
}
