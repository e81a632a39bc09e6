import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  AppError,
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
import { renderMarkdown } from './markdown.ts';
import { isBuiltIn, pageFormSchema, slugSchema } from './page-rules.ts';
import { DeletePagePage, PageEditorPage, PageListPage } from './pages/admin-pages.tsx';
import { allPages, pageById } from './site.queries.ts';
import { createPage, deletePage, type SavePageResult, SLUG_TAKEN_MESSAGE, updatePage } from './site.service.ts';

const EXPIRED =
  'This form expired, for your security, so nothing was saved. Everything you typed is still here: check it and press Save again.';
const CHANGED =
  'Someone saved this page after you opened it (perhaps in another tab). Your version is below and has not been saved; press Save again to replace theirs with it.';

// Same order as the form, so the error summary lists problems top to bottom.
const { title, ...rest } = pageFormSchema.shape;
const customPageSchema = z.object({ title, slug: slugSchema, ...rest });

const noticeQuery = z.object({ created: queryValue, saved: queryValue, deleted: queryValue });

function noticeFrom(request: FastifyRequest): string | undefined {
  const q = parseQuery(noticeQuery, request);
  if (q.created) return 'Page created.';
  if (q.saved) return 'Saved. The change is live on the site.';
  if (q.deleted) return 'Page deleted.';
  return undefined;
}

/** The back office for pages; every route requires the signed-in coach (site settings: settings.routes.tsx). */
export async function siteAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxFor = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);
  const preview = (body: string) => renderMarkdown(body, { siteOrigin: deps.config.publicUrl });

  app.get('/admin/pages', async (request, reply) => {
    requireCoach(request);
    const ctx = await ctxFor(request, reply);
    return sendPage(reply, <PageListPage ctx={ctx} pages={await allPages(db)} notice={noticeFrom(request)} />);
  });

  app.get('/admin/pages/new', async (request, reply) => {
    requireCoach(request);
    const ctx = await ctxFor(request, reply);
    return sendPage(
      reply,
      <PageEditorPage ctx={ctx} page={undefined} state={{ values: { navOrder: '10' }, errors: {} }} />,
    );
  });

  app.post('/admin/pages', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await ctxFor(request, reply);
    const show = (state: FormState, status: number, extra: { previewHtml?: string; problem?: string } = {}) =>
      sendPage(reply, <PageEditorPage ctx={ctx} page={undefined} state={state} {...extra} />, status);
    return handleForm(request, reply, {
      schema: customPageSchema,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return show(state, status, message ? { problem: message } : {});
      },
      // A preview shows what was typed, whatever it is.
      before: (values) =>
        values.action === 'preview'
          ? show({ values, errors: {} }, 200, { previewHtml: preview(values.body ?? '') })
          : undefined,
      run: async (form) => {
        const result = await createPage(deps, viewer, form);
        return result.ok ? `/admin/pages/${result.id}?created=1` : result;
      },
      refusals: { slug_taken: { field: 'slug', message: SLUG_TAKEN_MESSAGE, status: 400 } },
    });
  });

  /** The page the address names, or a 404. */
  async function pageOf(request: FastifyRequest) {
    const page = await pageById(db, parseParams(idParams, request).id);
    if (!page) throw new AppError('not_found');
    return page;
  }

  app.get('/admin/pages/:id', async (request, reply) => {
    requireCoach(request);
    const page = await pageOf(request);
    if (!page) throw new AppError('not_found');
    const ctx = await ctxFor(request, reply);
    const values: Record<string, string> = {
      title: page.title,
      slug: page.slug,
      description: page.description,
      body: page.body_md,
      navOrder: String(page.nav_order),
      ...(page.in_nav ? { inNav: '1' } : {}),
    };
    return sendPage(
      reply,
      <PageEditorPage
        ctx={ctx}
        page={page}
        state={{ values, errors: {} }}
        version={page.updated_at}
        notice={noticeFrom(request)}
      />,
    );
  });

  app.post('/admin/pages/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const page = await pageOf(request);
    const ctx = await ctxFor(request, reply);
    const posted = Number(typedValues(request.body).version);
    const version = Number.isSafeInteger(posted) ? posted : -1;
    const show = (
      state: FormState,
      status: number,
      extra: { previewHtml?: string; problem?: string; version?: number } = {},
    ) => sendPage(reply, <PageEditorPage ctx={ctx} page={page} version={version} state={state} {...extra} />, status);
    return handleForm(request, reply, {
      schema: isBuiltIn(page.slug) ? pageFormSchema : customPageSchema,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return show(state, status, message ? { problem: message } : {});
      },
      before: (values) =>
        values.action === 'preview'
          ? show({ values, errors: {} }, 200, { previewHtml: preview(values.body ?? '') })
          : undefined,
      run: async (form, values) => {
        const result: SavePageResult = await updatePage(deps, viewer, page.id, version, form);
        if (result.ok) return `/admin/pages/${page.id}?saved=1`;
        // Someone saved first: their version is kept, the form shows ours with the version to replace.
        if (result.reason === 'changed')
          return show({ values, errors: {} }, 409, { problem: CHANGED, version: result.currentVersion });
        return result;
      },
      refusals: { slug_taken: { field: 'slug', message: SLUG_TAKEN_MESSAGE, status: 400 } },
    });
  });

  app.get('/admin/pages/:id/delete', async (request, reply) => {
    requireCoach(request);
    const page = await pageOf(request);
    if (isBuiltIn(page.slug))
      throw new AppError(
        'bad_input',
        'Home, About, Privacy and Terms are part of every site and cannot be deleted. You can change their text.',
      );
    const ctx = await ctxFor(request, reply);
    return sendPage(reply, <DeletePagePage ctx={ctx} page={page} />);
  });

  app.post('/admin/pages/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const page = await pageOf(request);
    return handleForm(request, reply, {
      expired:
        'This form expired, for your security, so nothing was deleted. Press the button again if you still want to delete the page.',
      render: async (state, status) =>
        sendPage(
          reply,
          <DeletePagePage ctx={await ctxFor(request, reply)} page={page} problem={state.errors._form} />,
          status,
        ),
      run: async () => {
        const outcome = await deletePage(deps, viewer, page.id);
        if (outcome === 'built_in')
          throw new AppError(
            'bad_input',
            'Home, About, Privacy and Terms are part of every site and cannot be deleted.',
          );
        return '/admin/pages?deleted=1';
      },
    });
  });
}
