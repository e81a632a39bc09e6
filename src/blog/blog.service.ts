import { recordAudit } from '../audit/index.ts';
import { type Engine, type Executor, isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { cancelJob, scheduleJob } from '../jobs/index.ts';
import { newId } from '../security/index.ts';
import { deleteRedirect, putRedirect, retargetRedirects } from '../seo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Viewer } from '../web/index.ts';
import * as q from './blog.queries.ts';
import type { PostStatus, PostsTable } from './blog.tables.ts';
import { ensureOgImage } from './og-image.ts';
import { type PostForm, parseDuration, parseTags, RESERVED_POST_SLUGS, slugify } from './post-rules.ts';
import { schedulable } from './publish-policy.ts';
import { notifySubscribers } from './subscribers.ts';

export type PostAction = 'save' | 'publish' | 'schedule' | 'unpublish' | 'trash' | 'restore';
export type SavePostResult =
  | { ok: true; id: string; status: PostStatus }
  | { ok: false; reason: 'slug_taken' | 'changed' | 'not_found' | 'bad_time' };

export const PUBLISH_JOB = 'blog.publish';
const jobKey = (postId: string) => `${PUBLISH_JOB}:${postId}`;
export const postPath = (slug: string) => `/blog/${slug}`;

/** The status a post moves to under an action, from where it is. */
export function nextStatus(current: PostStatus, action: PostAction): PostStatus {
  switch (action) {
    case 'publish':
      return 'published';
    case 'schedule':
      return 'scheduled';
    case 'unpublish':
    case 'restore':
      return 'draft';
    case 'trash':
      return 'trashed';
    default:
      return current === 'trashed' ? 'draft' : current;
  }
}

/** The author profile that belongs to a coach's account, made from the site settings when missing. */
export async function authorForUser(db: Executor, viewer: Viewer, now: number): Promise<string> {
  const mine = await db.selectFrom('blog_authors').select('id').where('user_id', '=', viewer.userId).executeTakeFirst();
  if (mine) return mine.id;
  // A profile nobody owns yet (the demo's, an import's) becomes the first coach's own.
  const unclaimed = await db
    .selectFrom('blog_authors')
    .select('id')
    .where('user_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  if (unclaimed) {
    await db.updateTable('blog_authors').set({ user_id: viewer.userId }).where('id', '=', unclaimed.id).execute();
    return unclaimed.id;
  }
  const settings = await readSiteSettings(db);
  const id = newId();
  let slug = slugify(viewer.name || settings.coachName) || 'coach';
  if (await q.authorBySlug(db, slug)) slug = `${slug}-${id.slice(0, 6)}`;
  await q.insertAuthor(db, {
    id,
    slug,
    name: viewer.name || settings.coachName,
    bio_md: '',
    photo_url: settings.photoUrl,
    links_json: '[]',
    cta: 'book',
    user_id: viewer.userId,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/**
 * Creates or saves a post and applies the action (publish, schedule…), in one transaction: the
 * slug change leaves a 301 behind, the search index follows, the publish job is armed or cancelled.
 * The SEO lint has already been checked by the caller for publishing actions.
 */
export async function savePost(
  deps: Deps,
  actor: Viewer,
  id: string | null,
  form: PostForm,
  action: PostAction,
  publishAt: number | null,
): Promise<SavePostResult> {
  const now = deps.clock.now();
  const { engine } = deps.dbh;
  try {
    const result = await deps.dbh.db.transaction().execute(async (tx) => {
      const existing = id ? await q.postById(tx, id) : undefined;
      if (id && !existing) return { ok: false, reason: 'not_found' } as const;
      const postId = existing?.id ?? newId();
      let slug = form.slug || slugify(form.title) || `post-${postId.slice(0, 8)}`;
      if (RESERVED_POST_SLUGS.has(slug)) slug = `${slug}-article`;
      if (await q.postSlugTaken(tx, slug, postId)) return { ok: false, reason: 'slug_taken' } as const;
      const status = nextStatus(existing?.status ?? 'draft', action);
      if (status === 'scheduled' && !schedulable(publishAt, now)) return { ok: false, reason: 'bad_time' } as const;
      const fields: Omit<PostsTable, 'id' | 'created_at' | 'author_id'> = {
        slug,
        title: form.title,
        excerpt: form.excerpt,
        body_md: form.body,
        status,
        publish_at: status === 'scheduled' ? publishAt : null,
        published_at: status === 'published' ? (existing?.published_at ?? now) : (existing?.published_at ?? null),
        seo_title: form.seoTitle,
        seo_description: form.seoDescription,
        og_image_url: form.ogImageUrl,
        og_image_alt: form.ogImageAlt,
        noindex: form.noindex ? 1 : 0,
        video_url: form.videoUrl,
        video_duration_seconds: parseDuration(form.videoDuration),
        // Never equal to the version just read, so the compare-and-swap cannot pass by accident.
        updated_at: Math.max(now, (existing?.updated_at ?? 0) + 1),
      };
      if (existing) {
        if (!(await q.updatePostIfUnchanged(tx, postId, form.version, fields)))
          return { ok: false, reason: 'changed' } as const;
        if (existing.slug !== slug) {
          await putRedirect(tx, {
            id: newId(),
            from_path: postPath(existing.slug),
            to_path: postPath(slug),
            status: 301,
            source: 'slug',
            created_at: now,
          });
          // Older addresses that led to the old one now lead straight here: one hop, never a chain.
          await retargetRedirects(tx, postPath(existing.slug), postPath(slug));
        }
      } else {
        await q.insertPost(tx, {
          id: postId,
          created_at: now,
          author_id: await authorForUser(tx, actor, now),
          ...fields,
        });
      }
      // A post living at an address again must not be shadowed by an old redirect.
      await deleteRedirect(tx, postPath(slug));
      const tagIds = await q.ensureTags(
        tx,
        parseTags(form.tags).map((t) => ({ ...t, id: newId() })),
        now,
      );
      await q.setPostTags(tx, postId, tagIds);
      await q.indexPostText(tx, engine, { id: postId, title: form.title, excerpt: form.excerpt, body_md: form.body });
      // Subscribers hear about an article once: the first time it goes public.
      if (status === 'published' && !existing?.published_at)
        await notifySubscribers(tx, deps, { slug, title: form.title, excerpt: form.excerpt });
      if (status === 'scheduled')
        await scheduleJob(tx, { kind: PUBLISH_JOB, payload: { postId }, runAt: publishAt!, key: jobKey(postId) }, now);
      else await cancelJob(tx, jobKey(postId), now);
      await recordAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: `post.${existing ? action : 'create'}`,
          subject: postId,
          detail: { slug, status },
        },
        now,
      );
      return { ok: true, id: postId, status } as const;
    });
    // After the commit: the card is drawn outside the transaction (a new title makes a new one).
    if (result.ok && result.status === 'published') await makeOgImage(deps, result.id);
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'slug_taken' };
    throw err;
  }
}

/**
 * Publishes a scheduled post whose time has come (the durable job). Safe to run twice: only a post
 * still 'scheduled' and due moves, by compare-and-swap on its status.
 */
export async function publishIfDue(deps: Deps, postId: string): Promise<boolean> {
  const now = deps.clock.now();
  const moved = await deps.dbh.db.transaction().execute(async (tx) => {
    const before = await q.postById(tx, postId);
    const r = await tx
      .updateTable('posts')
      .set((eb) => ({
        status: 'published',
        published_at: eb.fn.coalesce('published_at', eb.ref('publish_at')),
        publish_at: null,
        updated_at: now,
      }))
      .where('id', '=', postId)
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .executeTakeFirst();
    const moved = Number(r.numUpdatedRows) > 0;
    if (moved) await recordAudit(tx, { actorUserId: null, action: 'post.published_on_schedule', subject: postId }, now);
    if (moved && before && !before.published_at) await notifySubscribers(tx, deps, before);
    return moved;
  });
  if (moved) await makeOgImage(deps, postId);
  return moved;
}

/**
 * Draws and stores a published article's preview card. A failure here must not undo the publish:
 * the card's address draws and stores it on first request instead.
 */
export async function makeOgImage(deps: Deps, postId: string): Promise<void> {
  try {
    await ensureOgImage(deps.dbh.db, postId, deps.clock.now());
  } catch (err) {
    deps.log.warn({ err, postId }, 'could not draw the preview card at publish');
  }
}

/** Adds (or replaces) a redirect the coach made: 301 to a path, or 410 when `to` is empty. */
export async function addRedirect(deps: Deps, actor: Viewer, from: string, to: string | null): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await putRedirect(tx, {
      id: newId(),
      from_path: from,
      to_path: to,
      status: to ? 301 : 410,
      source: 'coach',
      created_at: now,
    });
    await recordAudit(
      tx,
      { actorUserId: actor.userId, action: 'redirect.add', subject: from, detail: { to: to ?? '410' } },
      now,
    );
  });
}

/** Removes a redirect. */
export async function removeRedirect(deps: Deps, actor: Viewer, from: string): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await deleteRedirect(tx, from);
    await recordAudit(tx, { actorUserId: actor.userId, action: 'redirect.remove', subject: from }, now);
  });
}

/** A post arriving whole (demo content, an import): already published at a known time. */
export interface IncomingPost {
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  tags: string[];
  publishedAt: number;
  videoUrl?: string;
  videoDurationSeconds?: number;
}

/**
 * Adds published posts by one author, inside the caller's transaction (the demo seed is one
 * transaction with the rest of the practice). Creates the author profile and tags as needed.
 */
export async function insertPublishedPosts(
  tx: Executor,
  engine: Engine,
  author: { slug: string; name: string; bio: string; photoUrl: string; links: { label: string; url: string }[] },
  posts: IncomingPost[],
  now: number,
): Promise<void> {
  let authorId = (await q.authorBySlug(tx, author.slug))?.id;
  if (!authorId) {
    authorId = newId();
    await q.insertAuthor(tx, {
      id: authorId,
      slug: author.slug,
      name: author.name,
      bio_md: author.bio,
      photo_url: author.photoUrl,
      links_json: JSON.stringify(author.links),
      cta: 'contact',
      user_id: null,
      created_at: now,
      updated_at: now,
    });
  }
  for (const p of posts) {
    const id = newId();
    await q.insertPost(tx, {
      id,
      slug: p.slug,
      title: p.title,
      excerpt: p.excerpt,
      body_md: p.body,
      status: 'published',
      publish_at: null,
      published_at: p.publishedAt,
      author_id: authorId,
      seo_title: '',
      seo_description: '',
      og_image_url: '',
      og_image_alt: '',
      noindex: 0,
      video_url: p.videoUrl ?? '',
      video_duration_seconds: p.videoDurationSeconds ?? null,
      created_at: p.publishedAt,
      updated_at: p.publishedAt,
    });
    const tagIds = await q.ensureTags(
      tx,
      parseTags(p.tags.join(',')).map((t) => ({ ...t, id: newId() })),
      now,
    );
    await q.setPostTags(tx, id, tagIds);
    await q.indexPostText(tx, engine, { id, title: p.title, excerpt: p.excerpt, body_md: p.body });
  }
}

/**
 * Deletes a post from the trash for good. If it was ever public its address answers 410 Gone from
 * then on, so search engines drop it rather than keep retrying.
 */
export async function deletePostForever(deps: Deps, actor: Viewer, id: string): Promise<'deleted' | 'not_in_trash'> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const post = await q.postById(tx, id);
    if (post?.status !== 'trashed') return 'not_in_trash';
    if (post.published_at)
      await putRedirect(tx, {
        id: newId(),
        from_path: postPath(post.slug),
        to_path: null,
        status: 410,
        source: 'slug',
        created_at: now,
      });
    if (deps.dbh.engine === 'sqlite') await tx.deleteFrom('posts_fts').where('post_id', '=', id).execute();
    await tx.deleteFrom('posts').where('id', '=', id).execute();
    await recordAudit(
      tx,
      { actorUserId: actor.userId, action: 'post.delete', subject: id, detail: { slug: post.slug } },
      now,
    );
    return 'deleted';
  });
}
