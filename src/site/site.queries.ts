import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { Page, PagesTable, Service, ServicesTable } from './site.tables.ts';

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

/** Every service, active or not, in the coach's order (the back office's list). */
export async function allServices(db: Executor): Promise<Service[]> {
  return db.selectFrom('services').selectAll().orderBy('sort_order').orderBy('name').execute();
}

/** One service by id or by address, or undefined. */
export async function serviceBy(db: Executor, by: { id: string } | { slug: string }): Promise<Service | undefined> {
  const q = db.selectFrom('services').selectAll();
  return ('id' in by ? q.where('id', '=', by.id) : q.where('slug', '=', by.slug)).executeTakeFirst();
}

/** Each service's name by id, for lists of bookings (every booking names an existing service). */
export async function serviceNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** True when another service (not `exceptId`) already uses the address. */
export async function serviceSlugTaken(db: Executor, slug: string, exceptId?: string | null): Promise<boolean> {
  let q = db.selectFrom('services').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Adds a service (the booking module's back office creates them). */
export async function insertService(db: Executor, service: Insertable<ServicesTable>): Promise<void> {
  await db.insertInto('services').values(service).execute();
}

/** Changes a service; false when there is none with that id. */
export async function updateService(db: Executor, id: string, changes: Updateable<ServicesTable>): Promise<boolean> {
  const r = await db.updateTable('services').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many pages the coach has (the dashboard's count). */
export async function pageCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('pages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
