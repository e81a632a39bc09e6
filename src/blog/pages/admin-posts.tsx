import type { LintFinding, Redirect } from '../../seo/index.ts';
import { DESCRIPTION_RANGE, TITLE_RANGE } from '../../seo/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  documentTitle,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  TextArea,
} from '../../web/index.ts';
import type { Post, PostStatus } from '../blog.tables.ts';

const statusLabel: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  trashed: 'In the trash',
};
type Row = Pick<Post, 'id' | 'slug' | 'title' | 'status' | 'publish_at' | 'published_at' | 'updated_at'>;

/** /admin/posts: every article with its state. */
export function PostListAdminPage({
  ctx,
  posts,
  trashed,
  notice,
  subscribers,
}: {
  ctx: ViewContext;
  posts: Row[];
  trashed: boolean;
  notice?: string | undefined;
  subscribers: number;
}) {
  const f = coachFormat(ctx);
  const when = (ms: number) => f.when(ms, ctx.settings.timeZone);
  return (
    <AdminLayout ctx={ctx} title={trashed ? 'Articles in the trash' : 'Articles'} notice={notice}>
      <p>
        <a class="button" href="/admin/posts/new">
          New article
        </a>{' '}
        {trashed ? <a href="/admin/posts">Back to articles</a> : <a href="/admin/posts?trashed=1">Trash</a>} ·{' '}
        <a href="/admin/redirects">Redirects</a>
      </p>
      <p>
        {subscribers === 1 ? 'One reader receives' : `${subscribers} readers receive`} new articles by email (they
        confirmed their address; each email has a one-click unsubscribe).
      </p>
      <table class="data">
        <caption class="visually-hidden">Articles, most recently changed first</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">State</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((p) => (
            <tr>
              <td>
                <a href={`/admin/posts/${p.id}`}>{p.title}</a>
              </td>
              <td>
                {statusLabel[p.status]}
                {p.status === 'scheduled' && p.publish_at ? ` for ${when(p.publish_at)}` : ''}
              </td>
              <td>{when(p.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {posts.length === 0 ? (
        <p>{trashed ? 'The trash is empty.' : 'No articles yet. Start with “New article”.'}</p>
      ) : null}
    </AdminLayout>
  );
}

const labels = {
  title: 'Title',
  slug: 'Address',
  excerpt: 'Summary',
  body: 'Article text',
  tags: 'Tags',
  seoTitle: 'Search title',
  seoDescription: 'Search description',
  ogImageUrl: 'Preview image',
  ogImageAlt: 'Preview image description',
  videoUrl: 'Video',
  videoDuration: 'Video length',
  publishAt: 'Publish at',
};

function Counter({ id, length, range }: { id: string; length: number; range: readonly [number, number] }) {
  const ok = length >= range[0] && length <= range[1];
  return (
    <p class={ok ? 'hint counter' : 'hint counter warn'} id={id} aria-live="polite">
      {length} characters{ok ? ' — a good length' : `; aim for ${range[0]}–${range[1]}`}.
    </p>
  );
}

interface EditorProps {
  ctx: ViewContext;
  post: Pick<Post, 'id' | 'slug' | 'status' | 'updated_at'> | undefined;
  state: FormState;
  findings: LintFinding[];
  previewHtml?: string | undefined;
  problem?: string | undefined;
  notice?: string | undefined;
}

/** The article editor: Markdown with preview on submit, tags, SEO fields with counters and a search preview, and the actions. */
export function PostEditorPage({ ctx, post, state, findings, previewHtml, problem, notice }: EditorProps) {
  const v = state.values;
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  const searchTitle = v.seoTitle || v.title || '';
  // What search results show: the title with the practice name when both fit (web/seo.ts).
  const shownTitle = searchTitle ? documentTitle({ title: searchTitle }, ctx.settings.practiceName) : '';
  const searchDescription = v.seoDescription || v.excerpt || '';
  const status = post?.status ?? 'draft';
  const action = post ? `/admin/posts/${post.id}` : '/admin/posts/new';
  return (
    <AdminLayout ctx={ctx} title={post ? `Edit “${v.title || post.slug}”` : 'New article'} notice={notice}>
      <p>
        State: <strong>{statusLabel[status]}</strong>
        {post && status === 'published' ? (
          <>
            {' '}
            · <a href={`/blog/${post.slug}`}>View on the site</a>
          </>
        ) : null}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      {findings.length ? (
        <section class="lint" aria-labelledby="lint-heading">
          <h2 id="lint-heading">Search engine check</h2>
          <ul>
            {findings.map((f) => (
              <li class={f.level === 'error' ? 'lint-error' : 'lint-warning'}>
                <strong>{f.level === 'error' ? 'Must fix before publishing: ' : 'Advice: '}</strong>
                {f.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(post?.updated_at ?? 0)} />
        <Field name="title" label="Title" state={state} required maxLength={150} />
        <Field
          name="slug"
          label="Address"
          state={state}
          hint="The part after /blog/. Leave empty to make it from the title. Changing it later keeps the old address working."
          maxLength={80}
        />
        <TextArea
          name="excerpt"
          label="Summary"
          state={state}
          rows={3}
          hint="Two or three sentences shown in lists and feeds."
        />
        <TextArea
          name="body"
          label="Article text"
          state={state}
          rows={24}
          mono
          hint="Markdown: ## for a section, **bold**, [link text](/address), ![description](/media/image.jpg)."
        />
        <Field name="tags" label="Tags" state={state} hint="Separated by commas, such as Relationships, Work." />
        <fieldset class="field">
          <legend>Search and sharing</legend>
          <Field
            name="seoTitle"
            label="Search title"
            state={state}
            hint="Leave empty to use the title."
            maxLength={120}
          />
          <Counter id="count-title" length={shownTitle.length} range={TITLE_RANGE} />
          <TextArea
            name="seoDescription"
            label="Search description"
            state={state}
            rows={3}
            hint="Leave empty to use the summary."
          />
          <Counter id="count-description" length={searchDescription.length} range={DESCRIPTION_RANGE} />
          <section class="serp-preview" aria-label="How a search result may look">
            <p class="serp-url">{`${ctx.publicUrl}/blog/${v.slug || post?.slug || '…'}`}</p>
            <p class="serp-title">
              {shownTitle.length > TITLE_RANGE[1]
                ? `${shownTitle.slice(0, TITLE_RANGE[1] - 1)}…`
                : shownTitle || 'Your title'}
            </p>
            <p class="serp-description">
              {searchDescription.length > 156
                ? `${searchDescription.slice(0, 155)}…`
                : searchDescription || 'Your description'}
            </p>
          </section>
          <Field
            name="ogImageUrl"
            label="Preview image"
            state={state}
            hint="An image on this site, 1200 × 630 pixels, such as /media/cover.jpg."
          />
          <Field name="ogImageAlt" label="Preview image description" state={state} />
          <div class="field">
            <label class="checkbox">
              <input type="checkbox" name="noindex" value="1" checked={v.noindex === '1'} /> Keep this article out of
              search engines
            </label>
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>Video</legend>
          <Field
            name="videoUrl"
            label="Video"
            state={state}
            hint="A YouTube or Vimeo address, or an uploaded file under /media/ (MP4 or WebM)."
          />
          <Field name="videoDuration" label="Video length" state={state} hint="Like 12:34." />
        </fieldset>
        <div class={state.errors.publishAt ? 'field has-error' : 'field'}>
          <label for="f-publishAt">
            Publish at <span class="optional">(for “Schedule”, in {ctx.settings.timeZone} time)</span>
          </label>
          {state.errors.publishAt ? (
            <p class="field-error" id="e-publishAt">
              <span class="visually-hidden">Error: </span>
              {state.errors.publishAt}
            </p>
          ) : null}
          <input
            id="f-publishAt"
            name="publishAt"
            type="datetime-local"
            value={v.publishAt ?? ''}
            aria-describedby={state.errors.publishAt ? 'e-publishAt' : undefined}
          />
        </div>
        <FormActions>
          <button type="submit" name="action" value="preview" class="button secondary">
            Preview
          </button>
          <button type="submit" name="action" value="save" class="button secondary">
            {status === 'published' ? 'Save changes' : 'Save draft'}
          </button>
          {status !== 'published' ? (
            <button type="submit" name="action" value="publish" class="button">
              Publish now
            </button>
          ) : null}
          <button type="submit" name="action" value="schedule" class="button secondary">
            Schedule
          </button>
          {status === 'published' || status === 'scheduled' ? (
            <button type="submit" name="action" value="unpublish" class="button secondary">
              Unpublish
            </button>
          ) : null}
          {post && status !== 'trashed' ? (
            <button type="submit" name="action" value="trash" class="button secondary">
              Move to trash
            </button>
          ) : null}
          {status === 'trashed' ? (
            <>
              <button type="submit" name="action" value="restore" class="button secondary">
                Restore as draft
              </button>
              <button type="submit" name="action" value="delete" class="button danger">
                Delete for good
              </button>
            </>
          ) : null}
        </FormActions>
      </form>
      {previewHtml !== undefined ? (
        <section class="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <div class="prose article-body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
    </AdminLayout>
  );
}

/** /admin/redirects: the coach's own redirects and those left by changed addresses. */
export function RedirectsPage({
  ctx,
  redirects,
  state,
  notice,
}: {
  ctx: ViewContext;
  redirects: Redirect[];
  state: FormState;
  notice?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Redirects" notice={notice}>
      <p class="lead">
        When an address changes, visitors and search engines are sent on to the new one. Leave “To” empty to say the
        page was removed on purpose.
      </p>
      <ErrorSummary errors={state.errors} labels={{ from: 'From', to: 'To' }} />
      <form method="post" action="/admin/redirects" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="from"
          label="From"
          state={state}
          required
          hint="An old address on this site, such as /2019/05/old-post."
        />
        <Field name="to" label="To" state={state} hint="Where it lives now, such as /blog/new-post." />
        <FormActions>
          <button type="submit" class="button">
            Add redirect
          </button>
        </FormActions>
      </form>
      <table class="data">
        <caption class="visually-hidden">Redirects</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Made by</th>
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {redirects.map((r) => (
            <tr>
              <td>{r.from_path}</td>
              <td>{r.to_path ?? 'Removed (410)'}</td>
              <td>{r.source === 'slug' ? 'Changed address' : r.source === 'import' ? 'Import' : 'You'}</td>
              <td>
                <form method="post" action="/admin/redirects/delete" class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="from" value={r.from_path} />
                  <button type="submit" class="button secondary" aria-label={`Remove the redirect from ${r.from_path}`}>
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
