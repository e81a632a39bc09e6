import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { Page, PagesTable, Service } from './site.tables.ts';

/** One page by its address, or undefined. */
export async function pageBySlug(db: Executor, slug: string): Promise<Page | undefined> {
  return db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** One page by id, or undefined. */
export async function pageById(db: Executor, id: string): Promise<Page | undefined> {
  return db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every page for the back office list (and the SEO lint's comparisons), without bodies, in navigation order then title. */
export async function allPages(db: Executor) {
  return db
    .selectFrom('pages')
    .select(['id', 'slug', 'title', 'description', 'in_nav', 'nav_order', 'updated_at'])
    .orderBy('nav_order')
    .orderBy('title')
    .execute();
}

/**
 * Pages the coach put in the header. Home and About have fixed places in the header already,
 * so they never appear twice.
 */
export async function navPages(db: Executor): Promise<{ slug: string; title: string }[]> {
  return db
    .selectFrom('pages')
    .select(['slug', 'title'])
    .where('in_nav', '=', 1)
    .where('slug', 'not in', ['home', 'about'])
    .orderBy('nav_order')
    .orderBy('title')
    .execute();
}

/** True when another page (not `exceptId`) already uses the slug. */
export async function slugTaken(db: Executor, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('pages').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Adds a page. */
export async function insertPage(db: Executor, page: Insertable<PagesTable>): Promise<void> {
  await db.insertInto('pages').values(page).execute();
}

/**
 * Updates a page only if nobody saved it since `expectedUpdatedAt` (compare-and-swap), so two
 * open editors cannot silently overwrite each other. Returns false when it changed meanwhile.
 */
export async function updatePageIfUnchanged(
  db: Executor,
  id: string,
  expectedUpdatedAt: number,
  changes: Updateable<PagesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('pages')
    .set(changes)
    .where('id', '=', id)
    .where('updated_at', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a page; returns whether it existed. */
export async function deletePageRow(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('pages').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Services shown to visitors, in the coach's order. */
export async function activeServices(db: Executor): Promise<Service[]> {
  return db.selectFrom('services').selectAll().where('active', '=', 1).orderBy('sort_order').orderBy('name').execute();
}

/** How many pages the coach has (the dashboard's count). */
export async function pageCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('pages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
