import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError, type FormState, parseForm, requireCoach, sendPage, typedValues, viewContext } from '../web/index.ts';
import { accentWarnings } from './contrast.ts';
import { renderMarkdown } from './markdown.ts';
import { isBuiltIn, pageFormSchema, slugSchema } from './page-rules.ts';
import { DeletePagePage, PageEditorPage, PageListPage } from './pages/admin-pages.tsx';
import { SettingsPage } from './pages/admin-settings.tsx';
import { parseSettingsForm, settingsToFormValues } from './settings-form.ts';
import { allPages, pageById } from './site.queries.ts';
import {
  createPage,
  deletePage,
  type SavePageResult,
  SLUG_TAKEN_MESSAGE,
  saveSiteSettings,
  updatePage,
} from './site.service.ts';

const EXPIRED =
  'This form expired, for your security, so nothing was saved. Everything you typed is still here: check it and press Save again.';
const CHANGED =
  'Someone saved this page after you opened it (perhaps in another tab). Your version is below and has not been saved; press Save again to replace theirs with it.';

// Same order as the form, so the error summary lists problems top to bottom.
const { title, ...rest } = pageFormSchema.shape;
const customPageSchema = z.object({ title, slug: slugSchema, ...rest });

type IdParams = { Params: { id: string } };

function noticeFrom(query: unknown): string | undefined {
  const q = (query ?? {}) as Record<string, string>;
  if (q.created) return 'Page created.';
  if (q.saved) return 'Saved. The change is live on the site.';
  if (q.deleted) return 'Page deleted.';
  return undefined;
}

/** The back office for pages and site settings; every route requires the signed-in coach. */
export async function siteAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxFor = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);
  const preview = (body: string) => renderMarkdown(body, { siteOrigin: deps.config.publicUrl });

  app.get('/admin/pages', async (request, reply) => {
    requireCoach(request);
    const ctx = await ctxFor(request, reply);
    return sendPage(reply, <PageListPage ctx={ctx} pages={await allPages(db)} notice={noticeFrom(request.query)} />);
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
    const values = typedValues(request.body);
    const show = (state: FormState, status: number, extra: { previewHtml?: string; problem?: string } = {}) =>
      sendPage(reply, <PageEditorPage ctx={ctx} page={undefined} state={state} {...extra} />, status);
    if (!request.csrfOk) return show({ values, errors: {} }, 403, { problem: EXPIRED });
    if (values.action === 'preview')
      return show({ values, errors: {} }, 200, { previewHtml: preview(values.body ?? '') });
    const parsed = parseForm(customPageSchema, request.body);
    if (!parsed.ok) return show(parsed.state, 400);
    const result = await createPage(deps, viewer, parsed.data);
    if (result.ok) return reply.redirect(`/admin/pages/${result.id}?created=1`, 303);
    return show({ values, errors: { slug: SLUG_TAKEN_MESSAGE } }, 400);
  });

  app.get<IdParams>('/admin/pages/:id', async (request, reply) => {
    requireCoach(request);
    const page = await pageById(db, request.params.id);
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
        notice={noticeFrom(request.query)}
      />,
    );
  });

  app.post<IdParams>('/admin/pages/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const page = await pageById(db, request.params.id);
    if (!page) throw new AppError('not_found');
    const ctx = await ctxFor(request, reply);
    const values = typedValues(request.body);
    const posted = Number(values.version);
    const version = Number.isSafeInteger(posted) ? posted : -1;
    const show = (
      state: FormState,
      status: number,
      extra: { previewHtml?: string; problem?: string; version?: number } = {},
    ) => sendPage(reply, <PageEditorPage ctx={ctx} page={page} version={version} state={state} {...extra} />, status);
    if (!request.csrfOk) return show({ values, errors: {} }, 403, { problem: EXPIRED });
    if (values.action === 'preview')
      return show({ values, errors: {} }, 200, { previewHtml: preview(values.body ?? '') });
    const parsed = parseForm(isBuiltIn(page.slug) ? pageFormSchema : customPageSchema, request.body);
    if (!parsed.ok) return show(parsed.state, 400);
    const result: SavePageResult = await updatePage(deps, viewer, page.id, version, parsed.data);
    if (result.ok) return reply.redirect(`/admin/pages/${page.id}?saved=1`, 303);
    if (result.reason === 'not_found') throw new AppError('not_found');
    if (result.reason === 'slug_taken') return show({ values, errors: { slug: SLUG_TAKEN_MESSAGE } }, 400);
    return show({ values, errors: {} }, 409, { problem: CHANGED, version: result.currentVersion });
  });

  app.get<IdParams>('/admin/pages/:id/delete', async (request, reply) => {
    requireCoach(request);
    const page = await pageById(db, request.params.id);
    if (!page) throw new AppError('not_found');
    if (isBuiltIn(page.slug))
      throw new AppError(
        'bad_input',
        'Home, About, Privacy and Terms are part of every site and cannot be deleted. You can change their text.',
      );
    const ctx = await ctxFor(request, reply);
    return sendPage(reply, <DeletePagePage ctx={ctx} page={page} />);
  });

  app.post<IdParams>('/admin/pages/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const page = await pageById(db, request.params.id);
    if (!page) throw new AppError('not_found');
    if (!request.csrfOk) {
      const ctx = await ctxFor(request, reply);
      return sendPage(
        reply,
        <DeletePagePage
          ctx={ctx}
          page={page}
          problem="This form expired, for your security, so nothing was deleted. Press the button again if you still want to delete the page."
        />,
        403,
      );
    }
    const outcome = await deletePage(deps, viewer, page.id);
    if (outcome === 'built_in')
      throw new AppError('bad_input', 'Home, About, Privacy and Terms are part of every site and cannot be deleted.');
    return reply.redirect('/admin/pages?deleted=1', 303);
  });

  app.get('/admin/settings', async (request, reply) => {
    requireCoach(request);
    const ctx = await ctxFor(request, reply);
    const saved = (request.query as Record<string, string> | undefined)?.saved
      ? 'Settings saved. The site shows them now.'
      : undefined;
    return sendPage(
      reply,
      <SettingsPage
        ctx={ctx}
        state={{ values: settingsToFormValues(ctx.settings), errors: {} }}
        warnings={accentWarnings(ctx.settings.colours)}
        notice={saved}
      />,
    );
  });

  app.post('/admin/settings', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await ctxFor(request, reply);
    const values = typedValues(request.body);
    const warningsFor = (v: Record<string, string>) =>
      /^#[0-9a-fA-F]{6}$/.test(v.accent ?? '') && /^#[0-9a-fA-F]{6}$/.test(v.accentDark ?? '')
        ? accentWarnings({ accent: v.accent!, accentDark: v.accentDark! })
        : [];
    if (!request.csrfOk) {
      return sendPage(
        reply,
        <SettingsPage ctx={ctx} state={{ values, errors: {} }} warnings={warningsFor(values)} problem={EXPIRED} />,
        403,
      );
    }
    const parsed = parseSettingsForm(request.body);
    if (!parsed.ok)
      return sendPage(reply, <SettingsPage ctx={ctx} state={parsed.state} warnings={warningsFor(values)} />, 400);
    await saveSiteSettings(deps, viewer, parsed.data);
    return reply.redirect('/admin/settings?saved=1', 303);
  });
}
