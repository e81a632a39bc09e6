import { type Kysely, sql } from 'kysely';

// The blog: posts, tags, author profiles, redirects, email subscribers, and the full-text index.
// Portable types only, except the search index, which each engine builds its own way.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blog_authors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio_md', 'text', (c) => c.notNull())
    .addColumn('photo_url', 'text', (c) => c.notNull())
    .addColumn('links_json', 'text', (c) => c.notNull())
    .addColumn('cta', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'bigint')
    .addColumn('published_at', 'bigint')
    .addColumn('author_id', 'text', (c) => c.references('blog_authors.id').onDelete('set null'))
    .addColumn('seo_title', 'text', (c) => c.notNull())
    .addColumn('seo_description', 'text', (c) => c.notNull())
    .addColumn('og_image_url', 'text', (c) => c.notNull())
    .addColumn('og_image_alt', 'text', (c) => c.notNull())
    .addColumn('noindex', 'integer', (c) => c.notNull())
    .addColumn('video_url', 'text', (c) => c.notNull())
    .addColumn('video_duration_seconds', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_listing').on('posts').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('posts_updated').on('posts').column('updated_at').execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('post_tags')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_tags_pk', ['post_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('post_tags_tag').on('post_tags').column('tag_id').execute();

  await db.schema
    .createTable('redirects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_path', 'text', (c) => c.notNull().unique())
    // null with status 410: the page was removed on purpose.
    .addColumn('to_path', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('blog_subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    // 'pending' until the address is confirmed (double opt-in), then 'active' or 'unsubscribed'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('unsubscribed_at', 'bigint')
    .execute();

  // The generated link-preview card of each article, made at publish and kept in the database so
  // it survives restarts and every instance serves the same bytes. One row per post: the version
  // (a hash of what is drawn) changes with the title or the practice's name, and the row with it.
  const pg = await isPostgres(db);
  await db.schema
    .createTable('post_og_images')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('png', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Full-text search: SQLite keeps a separate FTS5 table written beside each post; PostgreSQL
  // indexes an expression over the posts table itself, so nothing can drift.
  if (pg) {
    await sql`create index posts_search on posts using gin (to_tsvector('english', title || ' ' || excerpt || ' ' || body_md))`.execute(
      db,
    );
  } else {
    await sql`create virtual table posts_fts using fts5(post_id unindexed, title, body, tokenize = 'porter unicode61')`.execute(
      db,
    );
  }
}

async function isPostgres(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select current_schema()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
