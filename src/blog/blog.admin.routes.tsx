import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import type { LintFinding } from '../seo/index.ts';
import { allRedirects, redirectFor } from '../seo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { instantToLocalDateTime, localDateTimeToInstant } from '../time/index.ts';
import {
  AppError,
  type FormOutcome,
  type FormState,
  handleForm,
  idParams,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  splitFormMessage,
  typedValues,
  viewContext,
} from '../web/index.ts';
import * as q from './blog.queries.ts';
import { addRedirect, deletePostForever, type PostAction, removeRedirect, savePost } from './blog.service.ts';
import type { Post } from './blog.tables.ts';
import { lintEditor } from './editor-lint.ts';
import { PostEditorPage, PostListAdminPage, RedirectsPage } from './pages/admin-posts.tsx';
import { formatDurationText, postFormSchema, renderPost } from './post-rules.ts';
import { EDITOR_ACTIONS, type EditorAction, mayGoPublic, schedulable } from './publish-policy.ts';

const listQuery = z.object({ trashed: queryValue, done: queryValue });
const pathSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^\/[^\s?#]*$/, 'Write an address on this site starting with /, such as /old-page.');
const redirectForm = z.object({ from: pathSchema, to: z.union([z.literal(''), pathSchema]) });

/** blog's audit actions in plain words (the audit page shows them). */
export const blogAuditLabels: AuditLabels = {
  'post.create': 'Created an article',
  'post.publish': 'Published an article',
  'post.schedule': 'Scheduled an article',
  'post.published_on_schedule': 'An article went live on schedule',
};

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

  async function loadPost(request: FastifyRequest): Promise<Post> {
    const post = await q.postById(db, parseParams(idParams, request).id);
    if (!post) throw new AppError('not_found');
    return post;
  }

  app.get('/admin/posts', async (request, reply) => {
    requireCoach(request);
    const query = parseQuery(listQuery, request);
    const trashed = query.trashed === '1';
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const done = query.done;
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
    const post = await loadPost(request);
    const settings = await readSiteSettings(db);
    const tags = (await q.tagsOfPosts(db, [post.id])).get(post.id) ?? [];
    const values = { ...valuesOf(post, settings.timeZone), tags: tags.map((t) => t.name).join(', ') };
    const done = parseQuery(listQuery, request).done;
    const notices: Record<string, string> = {
      save: 'Saved.',
      publish: 'Published.',
      schedule: 'Scheduled.',
      unpublish: 'Unpublished: it is a draft again.',
      restore: 'Restored as a draft.',
      create: 'Saved as a draft.',
    };
    const notice = done && Object.hasOwn(notices, done) ? notices[done] : 'Saved.';
    return editor(request, reply, post, { values, errors: {} }, 200, done ? { notice } : {});
  });

  async function submit(request: FastifyRequest, reply: FastifyReply, post: Post | undefined) {
    const viewer = requireCoach(request);
    const chosen = typedValues(request.body).action ?? '';
    const action: EditorAction = (EDITOR_ACTIONS as readonly string[]).includes(chosen)
      ? (chosen as EditorAction)
      : 'save';
    // The editor's fields as typed, without the button that was pressed.
    const fields = (values: Record<string, string>) => {
      const { action: _pressed, ...rest } = values;
      return rest;
    };
    return handleForm(request, reply, {
      schema: postFormSchema,
      expired:
        'For your security this page had expired, so nothing was saved. Everything you wrote is still here: press the button again.',
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return editor(request, reply, post, { values: fields(state.values), errors: state.errors }, status, {
          ...(message ? { problem: message } : {}),
        });
      },
      before: async (values) => {
        if (action !== 'delete' || !post) return undefined;
        if ((await deletePostForever(deps, viewer, post.id)) === 'deleted') return '/admin/posts?trashed=1&done=delete';
        return editor(request, reply, post, { values: fields(values), errors: {} }, 409, {
          problem: 'Only an article in the trash can be deleted. Move it to the trash first.',
        });
      },
      run: async (form, typed) => {
        const values = fields(typed);
        if (action === 'preview')
          return editor(request, reply, post, { values, errors: {} }, 200, {
            previewHtml: renderPost(form.body, deps.config.publicUrl).html,
          });
        let publishAt: number | null = null;
        if (action === 'schedule') {
          const zone = (await readSiteSettings(db)).timeZone;
          publishAt = form.publishAt ? (localDateTimeToInstant(form.publishAt, zone, 'compatible') ?? null) : null;
          if (!schedulable(publishAt, deps.clock.now()))
            return { errors: { publishAt: 'Choose a date and time in the future to schedule the article.' } };
        }
        const findings = await lintEditor(deps, values, post?.id);
        if (!mayGoPublic(action, post?.status, findings))
          return editor(request, reply, post, { values, errors: {} }, 422, {
            findings,
            problem:
              'The search engine check found something that must be fixed before the article can be public. See the list below.',
          });
        const result = await savePost(deps, viewer, post?.id ?? null, form, action as PostAction, publishAt);
        if (!result.ok) return result;
        if (action === 'trash') return '/admin/posts?done=trash';
        // A new article saved as a draft says so; one published or scheduled at once says that.
        return `/admin/posts/${result.id}?done=${post || action === 'publish' || action === 'schedule' ? action : 'create'}`;
      },
      refusals: {
        slug_taken: {
          field: 'slug',
          message: 'Another article already uses this address. Choose a different one.',
          status: 409,
        },
        bad_time: { field: 'publishAt', status: 409 },
        changed: {
          message:
            'Someone saved this article after you opened it. Your text is still here; open the article again in a new tab to compare before saving.',
          status: 409,
        },
        not_found: { message: 'This article no longer exists.', status: 409 },
      },
    });
  }

  app.post('/admin/posts/new', async (request, reply) => submit(request, reply, undefined));
  app.post('/admin/posts/:id', async (request, reply) => {
    requireCoach(request);
    return submit(request, reply, await loadPost(request));
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
      <RedirectsPage ctx={ctx} redirects={await allRedirects(db)} state={state} notice={notice} />,
      status,
    );
  }

  app.get('/admin/redirects', async (request, reply) => {
    requireCoach(request);
    const { done } = parseQuery(listQuery, request);
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
    return handleForm(request, reply, {
      schema: redirectForm,
      expired: 'This form had expired. Please press “Add redirect” again.',
      render: (state, status) => redirectsPage(request, reply, state, status),
      run: async (r): Promise<FormOutcome> => {
        const from = r.from.replace(/\/+$/, '') || '/';
        const back = r.to ? await redirectFor(db, r.to.replace(/\/+$/, '')) : undefined;
        if (back?.to_path === from)
          return {
            errors: { to: 'That address already leads back here, which would send visitors round in a circle.' },
          };
        if (from === '/' || from.startsWith('/admin') || from === r.to)
          return {
            errors: { from: 'This address cannot be redirected. Choose an old address that no longer has a page.' },
          };
        await addRedirect(deps, viewer, from, r.to || null);
        return '/admin/redirects?done=add';
      },
    });
  });

  app.post('/admin/redirects/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      expired: 'This page had expired, so nothing changed. Please press “Remove” again.',
      render: (state, status) => redirectsPage(request, reply, { values: {}, errors: state.errors }, status),
      run: async ({ from = '' }) => {
        await removeRedirect(deps, viewer, from);
        return '/admin/redirects?done=remove';
      },
    });
  });
}
