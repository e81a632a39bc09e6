import { type Insertable, sql, type Updateable } from 'kysely';
import type { Engine, Executor } from '../db/index.ts';
import type { BlogAuthor, BlogAuthorsTable, Post, PostsTable, Tag } from './blog.tables.ts';

/** Published posts, newest first, optionally only those with a tag or by an author. */
export async function publishedPosts(
  db: Executor,
  opts: { limit: number; offset?: number; tagId?: string; authorId?: string },
): Promise<Post[]> {
  let q = db.selectFrom('posts').selectAll('posts').where('posts.status', '=', 'published');
  if (opts.tagId)
    q = q.innerJoin('post_tags', 'post_tags.post_id', 'posts.id').where('post_tags.tag_id', '=', opts.tagId);
  if (opts.authorId) q = q.where('posts.author_id', '=', opts.authorId);
  return q
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
}

/** How many posts are published (with a tag, or by an author). */
export async function countPublished(db: Executor, opts: { tagId?: string; authorId?: string } = {}): Promise<number> {
  let q = db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('posts.status', '=', 'published');
  if (opts.tagId)
    q = q.innerJoin('post_tags', 'post_tags.post_id', 'posts.id').where('post_tags.tag_id', '=', opts.tagId);
  if (opts.authorId) q = q.where('posts.author_id', '=', opts.authorId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** One post by its address, whatever its status. */
export async function postBySlug(db: Executor, slug: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** One post by id, whatever its status. */
export async function postById(db: Executor, id: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Public and scheduled articles' titles and descriptions (the SEO lint compares against them). */
export async function livePostHeadings(db: Executor) {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'seo_title', 'seo_description'])
    .where('status', 'in', ['published', 'scheduled'])
    .execute();
}

/** Published, indexable articles' addresses with their last change (the sitemap). */
export async function sitemapPosts(db: Executor) {
  return db
    .selectFrom('posts')
    .select(['slug', 'updated_at'])
    .where('status', '=', 'published')
    .where('noindex', '=', 0)
    .execute();
}

/** Every post but the trashed ones (or only those), for the back office, newest change first. */
export async function postsForAdmin(db: Executor, trashed: boolean) {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'status', 'publish_at', 'published_at', 'updated_at'])
    .where('status', trashed ? '=' : '!=', 'trashed')
    .orderBy('updated_at', 'desc')
    .execute();
}

/** The tags of several posts at once, by post id, in name order. */
export async function tagsOfPosts(db: Executor, postIds: string[]): Promise<Map<string, Tag[]>> {
  const out = new Map<string, Tag[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('post_tags')
    .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
    .select(['post_tags.post_id', 'tags.id', 'tags.slug', 'tags.name', 'tags.created_at'])
    .where('post_tags.post_id', 'in', postIds)
    .orderBy('tags.name')
    .execute();
  for (const { post_id, ...tag } of rows) out.set(post_id, [...(out.get(post_id) ?? []), tag]);
  return out;
}

export async function tagBySlug(db: Executor, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Tags with at least one published post, with how many, and their newest change. */
export async function publicTags(db: Executor) {
  return db
    .selectFrom('tags')
    .innerJoin('post_tags', 'post_tags.tag_id', 'tags.id')
    .innerJoin('posts', 'posts.id', 'post_tags.post_id')
    .select([
      'tags.id',
      'tags.slug',
      'tags.name',
      (eb) => eb.fn.countAll<number>().as('posts'),
      (eb) => eb.fn.max('posts.updated_at').as('lastmod'),
    ])
    .where('posts.status', '=', 'published')
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .execute();
}

/** Finds tags by slug, creating the missing ones. */
export async function ensureTags(
  db: Executor,
  tags: { slug: string; name: string; id: string }[],
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const t of tags) {
    const found = await tagBySlug(db, t.slug);
    if (found) ids.push(found.id);
    else {
      await db.insertInto('tags').values({ id: t.id, slug: t.slug, name: t.name, created_at: now }).execute();
      ids.push(t.id);
    }
  }
  return ids;
}

/** Replaces a post's tags. */
export async function setPostTags(db: Executor, postId: string, tagIds: string[]): Promise<void> {
  await db.deleteFrom('post_tags').where('post_id', '=', postId).execute();
  if (tagIds.length)
    await db
      .insertInto('post_tags')
      .values(tagIds.map((tag_id) => ({ post_id: postId, tag_id })))
      .execute();
}

/** Published posts sharing the most tags with this one (then the newest). */
export async function relatedPosts(db: Executor, postId: string, tagIds: string[], limit = 3): Promise<Post[]> {
  if (tagIds.length === 0) return [];
  const ranked = await db
    .selectFrom('post_tags')
    .innerJoin('posts', 'posts.id', 'post_tags.post_id')
    .select([
      'posts.id',
      (eb) => eb.fn.countAll<number>().as('shared'),
      (eb) => eb.fn.max('posts.published_at').as('at'),
    ])
    .where('post_tags.tag_id', 'in', tagIds)
    .where('posts.id', '!=', postId)
    .where('posts.status', '=', 'published')
    .groupBy('posts.id')
    .orderBy('shared', 'desc')
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  if (ranked.length === 0) return [];
  const posts = await db
    .selectFrom('posts')
    .selectAll()
    .where(
      'id',
      'in',
      ranked.map((r) => r.id),
    )
    .execute();
  return ranked.map((r) => posts.find((p) => p.id === r.id)!).filter(Boolean);
}

/** The published posts just before and after this one in time. */
export async function neighbours(
  db: Executor,
  post: Post,
): Promise<{ prev: Post | undefined; next: Post | undefined }> {
  const at = post.published_at ?? 0;
  const base = () => db.selectFrom('posts').selectAll().where('status', '=', 'published').where('id', '!=', post.id);
  const prev = await base().where('published_at', '<', at).orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  const next = await base().where('published_at', '>', at).orderBy('published_at', 'asc').limit(1).executeTakeFirst();
  return { prev, next };
}

export async function insertPost(db: Executor, row: Insertable<PostsTable>): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

/** Updates a post if nobody saved it since `expectedUpdatedAt`; false when it changed meanwhile. */
export async function updatePostIfUnchanged(
  db: Executor,
  id: string,
  expectedUpdatedAt: number,
  changes: Updateable<PostsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('posts')
    .set(changes)
    .where('id', '=', id)
    .where('updated_at', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** True when another post already uses the slug. */
export async function postSlugTaken(db: Executor, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('posts').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Keeps the SQLite search index in step with a post (PostgreSQL indexes the posts table itself). */
export async function indexPostText(
  db: Executor,
  engine: Engine,
  post: { id: string; title: string; excerpt: string; body_md: string },
): Promise<void> {
  if (engine !== 'sqlite') return;
  await db.deleteFrom('posts_fts').where('post_id', '=', post.id).execute();
  await db
    .insertInto('posts_fts')
    .values({ post_id: post.id, title: post.title, body: `${post.excerpt}\n${post.body_md}` })
    .execute();
}

/** Words of a search, safe for either engine's query syntax. */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** Published posts matching every word of a search, best first. */
export async function searchPublished(db: Executor, engine: Engine, q: string, limit = 20): Promise<Post[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  if (engine === 'sqlite') {
    // Each word quoted (no operators can sneak in) and matched as a prefix.
    const match = terms.map((t) => `"${t}"*`).join(' ');
    const rows = await sql<Post>`select posts.* from posts_fts join posts on posts.id = posts_fts.post_id
      where posts_fts match ${match} and posts.status = 'published' order by bm25(posts_fts) limit ${limit}`.execute(
      db,
    );
    return rows.rows;
  }
  const text = terms.join(' ');
  const doc = sql`to_tsvector('english', title || ' ' || excerpt || ' ' || body_md)`;
  const rows =
    await sql<Post>`select * from posts where ${doc} @@ plainto_tsquery('english', ${text}) and status = 'published'
    order by ts_rank(${doc}, plainto_tsquery('english', ${text})) desc limit ${limit}`.execute(db);
  return rows.rows;
}

/** Scheduled posts whose time has come (the job publishes them; this is the catch-up list). */
export async function duePostIds(db: Executor, now: number): Promise<string[]> {
  return (
    await db.selectFrom('posts').select('id').where('status', '=', 'scheduled').where('publish_at', '<=', now).execute()
  ).map((r) => r.id);
}

export async function authorBySlug(db: Executor, slug: string): Promise<BlogAuthor | undefined> {
  return db.selectFrom('blog_authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function authorsByIds(db: Executor, ids: string[]): Promise<Map<string, BlogAuthor>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('blog_authors')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((a) => [a.id, a]));
}

export async function allAuthors(db: Executor): Promise<BlogAuthor[]> {
  return db.selectFrom('blog_authors').selectAll().orderBy('name').execute();
}

export async function insertAuthor(db: Executor, row: Insertable<BlogAuthorsTable>): Promise<void> {
  await db.insertInto('blog_authors').values(row).execute();
}

/** One author profile, or undefined. */
export async function authorById(db: Executor, id: string): Promise<BlogAuthor | undefined> {
  return db.selectFrom('blog_authors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes an author profile. */
export async function updateAuthor(db: Executor, id: string, set: Updateable<BlogAuthorsTable>): Promise<void> {
  await db.updateTable('blog_authors').set(set).where('id', '=', id).execute();
}

/** Authors with published posts and their newest change, for the sitemap. */
export async function publicAuthors(db: Executor) {
  return db
    .selectFrom('blog_authors')
    .innerJoin('posts', 'posts.author_id', 'blog_authors.id')
    .select(['blog_authors.slug', 'blog_authors.updated_at', (eb) => eb.fn.max('posts.updated_at').as('lastmod')])
    .where('posts.status', '=', 'published')
    .groupBy(['blog_authors.slug', 'blog_authors.updated_at'])
    .execute();
}

/** How many readers receive new articles by email. */
export async function activeSubscriberCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('blog_subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** True when any article exists, in any state (the demo seed fills only an empty blog). */
export async function anyPostExists(db: Executor): Promise<boolean> {
  return (await db.selectFrom('posts').select('id').limit(1).executeTakeFirst()) !== undefined;
}
