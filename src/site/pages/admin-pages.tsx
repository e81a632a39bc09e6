import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  TextArea,
} from '../../web/index.ts';
import { isBuiltIn } from '../page-rules.ts';
import type { Page } from '../site.tables.ts';
import { Prose } from './parts.tsx';

type PageRow = Pick<Page, 'id' | 'slug' | 'title' | 'in_nav' | 'nav_order' | 'updated_at'>;

function publicPath(slug: string): string {
  return slug === 'home' ? '/' : `/${slug}`;
}

/** /admin/pages: every page with where it lives and whether it is in the header. */
export function PageListPage({
  ctx,
  pages,
  notice,
}: {
  ctx: ViewContext;
  pages: PageRow[];
  notice?: string | undefined;
}) {
  const f = coachFormat(ctx);
  const when = (ms: number) => f.when(ms, ctx.settings.timeZone);
  return (
    <AdminLayout ctx={ctx} title="Pages" notice={notice}>
      <p>
        <a class="button" href="/admin/pages/new">
          New page
        </a>
      </p>
      <table class="data">
        <caption class="visually-hidden">Pages on the site</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Address</th>
            <th scope="col">In header</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((p) => (
            <tr>
              <td data-label="Title">
                <a href={`/admin/pages/${p.id}`}>{p.title}</a>
                {isBuiltIn(p.slug) ? <span class="tag">built-in</span> : null}
              </td>
              <td data-label="Address">
                <a href={publicPath(p.slug)}>{publicPath(p.slug)}</a>
              </td>
              <td data-label="In header">
                {p.slug === 'home' || p.slug === 'about' ? 'Always' : p.in_nav ? `Yes (${p.nav_order})` : 'No'}
              </td>
              <td data-label="Last saved">{when(p.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages.length === 0 ? <p>No pages yet. Start with “New page”.</p> : null}
    </AdminLayout>
  );
}

const labels = {
  title: 'Title',
  slug: 'Address',
  description: 'Description',
  body: 'Page text',
  navOrder: 'Order in the header',
};

interface EditorProps {
  ctx: ViewContext;
  /** The stored page, or undefined for a new one. */
  page: Pick<Page, 'id' | 'slug' | 'updated_at'> | undefined;
  state: FormState;
  /** The version (updated_at) the form will claim to have edited. */
  version?: number | undefined;
  previewHtml?: string | undefined;
  /** A message for the whole form (expired form, someone else saved). */
  problem?: string | undefined;
  notice?: string | undefined;
}

/** The page editor: title, address, description, Markdown, header placement; Preview and Save. */
export function PageEditorPage({ ctx, page, state, version, previewHtml, problem, notice }: EditorProps) {
  const builtIn = page ? isBuiltIn(page.slug) : false;
  const fixedInHeader = page?.slug === 'home' || page?.slug === 'about';
  const action = page ? `/admin/pages/${page.id}` : '/admin/pages';
  const title = page ? `Edit “${state.values.title || page.slug}”` : 'New page';
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  return (
    <AdminLayout ctx={ctx} title={title} notice={notice}>
      {page ? (
        <p>
          <a href={publicPath(page.slug)}>View this page on the site</a>
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} class="editor" novalidate>
        <CsrfField ctx={ctx} />
        {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
        <Field
          name="title"
          label="Title"
          state={state}
          required
          maxLength={120}
          hint="Shown as the page heading and in search results."
        />
        {builtIn && page ? (
          <p class="field">
            <span class="label">Address</span> <code>{publicPath(page.slug)}</code>
            <span class="hint"> This page is part of every site, so its address stays the same.</span>
          </p>
        ) : (
          <Field
            name="slug"
            label="Address"
            state={state}
            required
            maxLength={60}
            hint="The end of the page's web address: lowercase letters, numbers and hyphens, such as group-programmes."
          />
        )}
        <TextArea
          name="description"
          label="Description"
          state={state}
          required
          rows={3}
          hint="One or two sentences for search results and link previews; about 155 characters show."
        />
        <TextArea
          name="body"
          label="Page text"
          state={state}
          required
          rows={20}
          mono
          hint="Markdown: ## for a heading, **bold**, *italic*, - for a list, [link text](https://example.com) for a link."
        />
        {fixedInHeader ? (
          <p class="hint">This page always has its place in the header.</p>
        ) : (
          <fieldset class="field">
            <legend>Header navigation</legend>
            <div class="checkbox">
              <input type="checkbox" id="f-inNav" name="inNav" value="1" checked={state.values.inNav === '1'} />
              <label for="f-inNav">Show this page in the header</label>
            </div>
            <Field
              name="navOrder"
              label="Order in the header"
              type="number"
              state={state}
              required
              inputMode="numeric"
              hint="Lower numbers come first."
            />
          </fieldset>
        )}
        {fixedInHeader ? <input type="hidden" name="navOrder" value={state.values.navOrder ?? '0'} /> : null}
        <FormActions>
          <button type="submit" name="action" value="save" class="button">
            Save
          </button>
          <button type="submit" name="action" value="preview" class="button secondary" formaction={`${action}#preview`}>
            Preview
          </button>
          <a href="/admin/pages">Back to pages</a>
        </FormActions>
      </form>
      {previewHtml !== undefined ? (
        <section class="preview" id="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview (not saved yet)</h2>
          <div class="preview-frame">
            <Prose html={previewHtml} />
          </div>
        </section>
      ) : null}
      {page && !builtIn ? (
        <p class="danger-zone">
          <a href={`/admin/pages/${page.id}/delete`}>Delete this page…</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** Asks before deleting, because there is no undo. */
export function DeletePagePage({
  ctx,
  page,
  problem,
}: {
  ctx: ViewContext;
  page: Pick<Page, 'id' | 'slug' | 'title'>;
  problem?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title={`Delete “${page.title}”?`}>
      {problem ? <ErrorSummary errors={{ _form: problem }} /> : null}
      <p>
        The page at <code>/{page.slug}</code> will be gone from the site straight away, and links to it will show “Page
        not found”. This cannot be undone.
      </p>
      <form method="post" action={`/admin/pages/${page.id}/delete`}>
        <CsrfField ctx={ctx} />
        <FormActions>
          <button type="submit" class="button danger">
            Delete the page
          </button>
          <a href={`/admin/pages/${page.id}`}>Keep it</a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}
