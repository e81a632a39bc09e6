import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addAuditLabels } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { hasErrors, type LintFinding, lintPage } from '../seo/index.ts';
import { allPages, readSiteSettings } from '../site/index.ts';
import { instantToLocalDateTime, localDateTimeToInstant } from '../time/index.ts';
import { AppError, type FormState, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import * as q from './blog.queries.ts';
import { addRedirect, deletePostForever, type PostAction, removeRedirect, savePost } from './blog.service.ts';
import type { Post } from './blog.tables.ts';
import { PostEditorPage, PostListAdminPage, RedirectsPage } from './pages/admin-posts.tsx';
import { formatDurationText, postFormSchema, renderPost } from './post-rules.ts';

const actions = ['preview', 'save', 'publish', 'schedule', 'unpublish', 'trash', 'restore', 'delete'] as const;
const idParams = z.object({ id: z.string().min(1).max(100) });
const pathSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^\/[^\s?#]*$/, 'Write an address on this site starting with /, such as /old-page.');
const redirectForm = z.object({ from: pathSchema, to: z.union([z.literal(''), pathSchema]) });

addAuditLabels({
  'post.create': 'Created an article',
  'post.publish': 'Published an article',
  'post.schedule': 'Scheduled an article',
  'post.published_on_schedule': 'An article went live on schedule',
});

/** Every other public page's title and description, for the duplicate rules of the lint. */
async function otherPages(db: Executor, exceptId: string | undefined) {
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'seo_title', 'seo_description'])
    .where('status', 'in', ['published', 'scheduled'])
    .execute();
  const pages = await allPages(db);
  const full = await db.selectFrom('pages').select(['slug', 'title', 'description']).execute();
  return [
    ...posts
      .filter((p) => p.id !== exceptId)
      .map((p) => ({
        path: `/blog/${p.slug}`,
        title: p.seo_title || p.title,
        description: p.seo_description || p.excerpt,
      })),
    ...full
      .filter((p) => pages.some((x) => x.slug === p.slug))
      .map((p) => ({ path: p.slug === 'home' ? '/' : `/${p.slug}`, title: p.title, description: p.description })),
  ];
}

/** The SEO lint over what is in the editor. */
export async function lintEditor(
  deps: Deps,
  values: Record<string, string>,
  postId: string | undefined,
): Promise<LintFinding[]> {
  const db = deps.dbh.db;
  const settings = await readSiteSettings(db);
  const body = renderPost(values.body ?? '', deps.config.publicUrl);
  return lintPage({
    path: `/blog/${values.slug || ''}`,
    title: values.seoTitle || values.title || '',
    description: values.seoDescription || values.excerpt || '',
    html: `<h1>${values.title ?? ''}</h1>${body.html}${values.ogImageUrl ? `<img src="${values.ogImageUrl}" alt="${(values.ogImageAlt ?? '').replace(/"/g, '&quot;')}">` : ''}`,
    siteName: settings.practiceName,
    siteOrigin: deps.config.publicUrl,
    others: await otherPages(db, postId),
  });
}

function valuesOf(post: Post, zone: string): Record<string, string> {
  return {
    title: post.title,
    slug: post.slug,
    excerpt: post.excerpt,
    body: post.body_md,
    tags: '',
    seoTitle: post.seo_title,
    seoDescription: post.seo_description,
    ogImageUrl: post.og_image_url,
    ogImageAlt: post.og_image_alt,
    videoUrl: post.video_url,
    videoDuration: formatDurationText(post.video_duration_seconds),
    publishAt: post.publish_at ? instantToLocalDateTime(post.publish_at, zone) : '',
    ...(post.noindex ? { noindex: '1' } : {}),
  };
}

/** The coach's side of the blog: articles, the editor and redirects. */
export async function blogAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  async function editor(
    request: FastifyRequest,
    reply: FastifyReply,
    post: Post | undefined,
    state: FormState,
    status: number,
    extra: { previewHtml?: string; problem?: string; notice?: string; findings?: LintFinding[] } = {},
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const findings =
      extra.findings ?? (state.values.title || state.values.body ? await lintEditor(deps, state.values, post?.id) : []);
    return sendPage(
      reply,
      <PostEditorPage
        ctx={ctx}
        post={post}
        state={state}
        findings={findings}
        previewHtml={extra.previewHtml}
        problem={extra.problem}
        notice={extra.notice}
      />,
      status,
    );
  }

  async function loadPost(params: unknown): Promise<Post> {
    const parsed = idParams.safeParse(params);
    const post = parsed.success ? await q.postById(db, parsed.data.id) : undefined;
    if (!post) throw new AppError('not_found');
    return post;
  }

  app.get('/admin/posts', async (request, reply) => {
    requireCoach(request);
    const trashed = (request.query as Record<string, string> | undefined)?.trashed === '1';
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const done = (request.query as Record<string, string> | undefined)?.done;
    const notice =
      done === 'trash'
        ? 'Moved to the trash.'
        : done === 'delete'
          ? 'Deleted for good. Its address now tells visitors and search engines it is gone.'
          : undefined;
    const subscribers = await q.activeSubscriberCount(db);
    return sendPage(
      reply,
      <PostListAdminPage
        ctx={ctx}
        posts={await q.postsForAdmin(db, trashed)}
        trashed={trashed}
        notice={notice}
        subscribers={subscribers}
      />,
    );
  });

  app.get('/admin/posts/new', async (request, reply) => {
    requireCoach(request);
    return editor(request, reply, undefined, { values: {}, errors: {} }, 200);
  });

  app.get('/admin/posts/:id', async (request, reply) => {
    requireCoach(request);
    const post = await loadPost(request.params);
    const settings = await readSiteSettings(db);
    const tags = (await q.tagsOfPosts(db, [post.id])).get(post.id) ?? [];
    const values = { ...valuesOf(post, settings.timeZone), tags: tags.map((t) => t.name).join(', ') };
    const done = (request.query as Record<string, string> | undefined)?.done;
    const notices: Record<string, string> = {
      save: 'Saved.',
      publish: 'Published.',
      schedule: 'Scheduled.',
      unpublish: 'Unpublished: it is a draft again.',
      restore: 'Restored as a draft.',
      create: 'Saved as a draft.',
    };
    return editor(request, reply, post, { values, errors: {} }, 200, done ? { notice: notices[done] ?? 'Saved.' } : {});
  });

  async function submit(request: FastifyRequest, reply: FastifyReply, post: Post | undefined) {
    const viewer = requireCoach(request);
    const values = typedValues(request.body);
    const action = (actions as readonly string[]).includes(values.action ?? '')
      ? (values.action as (typeof actions)[number])
      : 'save';
    delete values.action;
    if (!request.csrfOk)
      return editor(request, reply, post, { values, errors: {} }, 403, {
        problem:
          'For your security this page had expired, so nothing was saved. Everything you wrote is still here: press the button again.',
      });
    if (action === 'delete' && post) {
      if ((await deletePostForever(deps, viewer, post.id)) === 'deleted')
        return reply.redirect('/admin/posts?trashed=1&done=delete', 303);
      return editor(request, reply, post, { values, errors: {} }, 409, {
        problem: 'Only an article in the trash can be deleted. Move it to the trash first.',
      });
    }
    const parsed = parseForm(postFormSchema, { ...values });
    if (!parsed.ok) return editor(request, reply, post, parsed.state, 400);
    if (action === 'preview')
      return editor(request, reply, post, { values, errors: {} }, 200, {
        previewHtml: renderPost(parsed.data.body, deps.config.publicUrl).html,
      });
    const settings = await readSiteSettings(db);
    let publishAt: number | null = null;
    if (action === 'schedule') {
      publishAt = parsed.data.publishAt
        ? (localDateTimeToInstant(parsed.data.publishAt, settings.timeZone, 'compatible') ?? null)
        : null;
      if (publishAt === null || publishAt <= deps.clock.now()) {
        return editor(
          request,
          reply,
          post,
          { values, errors: { publishAt: 'Choose a date and time in the future to schedule the article.' } },
          400,
        );
      }
    }
    const findings = await lintEditor(deps, values, post?.id);
    const goesLive =
      action === 'publish' ||
      action === 'schedule' ||
      (action === 'save' && (post?.status === 'published' || post?.status === 'scheduled'));
    if (goesLive && hasErrors(findings)) {
      return editor(request, reply, post, { values, errors: {} }, 422, {
        findings,
        problem:
          'The search engine check found something that must be fixed before the article can be public. See the list below.',
      });
    }
    const result = await savePost(deps, viewer, post?.id ?? null, parsed.data, action as PostAction, publishAt);
    if (!result.ok) {
      const fieldErrors: Record<string, string> = {};
      let problem: string | undefined;
      if (result.reason === 'slug_taken')
        fieldErrors.slug = 'Another article already uses this address. Choose a different one.';
      else if (result.reason === 'bad_time')
        fieldErrors.publishAt = 'Choose a date and time in the future to schedule the article.';
      else if (result.reason === 'changed')
        problem =
          'Someone saved this article after you opened it. Your text is still here; open the article again in a new tab to compare before saving.';
      else problem = 'This article no longer exists.';
      return editor(request, reply, post, { values, errors: fieldErrors }, 409, problem ? { problem } : {});
    }
    if (action === 'trash') return reply.redirect('/admin/posts?done=trash', 303);
    return reply.redirect(`/admin/posts/${result.id}?done=${post ? action : 'create'}`, 303);
  }

  app.post('/admin/posts/new', async (request, reply) => submit(request, reply, undefined));
  app.post('/admin/posts/:id', async (request, reply) => {
    requireCoach(request);
    return submit(request, reply, await loadPost(request.params));
  });

  async function redirectsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    notice?: string,
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <RedirectsPage ctx={ctx} redirects={await q.allRedirects(db)} state={state} notice={notice} />,
      status,
    );
  }

  app.get('/admin/redirects', async (request, reply) => {
    requireCoach(request);
    const done = (request.query as Record<string, string> | undefined)?.done;
    return redirectsPage(
      request,
      reply,
      { values: {}, errors: {} },
      200,
      done === 'add' ? 'Redirect added.' : done === 'remove' ? 'Redirect removed.' : undefined,
    );
  });

  app.post('/admin/redirects', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return redirectsPage(
        request,
        reply,
        {
          values: typedValues(request.body),
          errors: { _form: 'This form had expired. Please press “Add redirect” again.' },
        },
        403,
      );
    const parsed = parseForm(redirectForm, request.body);
    if (!parsed.ok) return redirectsPage(request, reply, parsed.state, 400);
    const from = parsed.data.from.replace(/\/+$/, '') || '/';
    const back = parsed.data.to ? await q.redirectFor(db, parsed.data.to.replace(/\/+$/, '')) : undefined;
    if (back?.to_path === from) {
      return redirectsPage(
        request,
        reply,
        {
          values: parsed.values,
          errors: { to: 'That address already leads back here, which would send visitors round in a circle.' },
        },
        400,
      );
    }
    if (from === '/' || from.startsWith('/admin') || from === parsed.data.to) {
      return redirectsPage(
        request,
        reply,
        {
          values: parsed.values,
          errors: { from: 'This address cannot be redirected. Choose an old address that no longer has a page.' },
        },
        400,
      );
    }
    await addRedirect(deps, viewer, from, parsed.data.to || null);
    return reply.redirect('/admin/redirects?done=add', 303);
  });

  app.post('/admin/redirects/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return redirectsPage(
        request,
        reply,
        { values: {}, errors: { _form: 'This page had expired, so nothing changed. Please press “Remove” again.' } },
        403,
      );
    const from = typedValues(request.body).from ?? '';
    await removeRedirect(deps, viewer, from);
    return reply.redirect('/admin/redirects?done=remove', 303);
  });
}
