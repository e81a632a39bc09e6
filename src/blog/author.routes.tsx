import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  handleForm,
  parseQuery,
  queryValue,
  requireCoach,
  Select,
  sendPage,
  TextArea,
  type ViewContext,
  viewContext,
} from '../web/index.ts';
import { authorProfileFor, parseLinks, saveAuthorProfile } from './author.service.ts';
import type { BlogAuthor } from './blog.tables.ts';

const doneQuery = z.object({ done: queryValue });

const authorForm = z.object({
  name: z.string().trim().min(2, 'Enter the name shown under articles.').max(80, 'Keep the name under 80 characters.'),
  bio: z.string().trim().max(1500, 'Keep the bio under 1,500 characters.'),
  photoUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || v.startsWith('/'), 'The photo must be an address on this site, starting with /.'),
  links: z
    .string()
    .max(2000)
    .refine((v) => parseLinks(v) !== undefined, 'Write one link per line as Label | https://address.'),
  cta: z.enum(['book', 'guide', 'contact'], { error: 'Choose what readers are invited to do.' }),
});

const ctaOptions = [
  { value: 'book', label: 'Book a first session' },
  { value: 'guide', label: 'Take the guide: therapy or coaching?' },
  { value: 'contact', label: 'Get in touch' },
];

function AuthorPage({ ctx, state, notice }: { ctx: ViewContext; state: FormState; notice?: string | undefined }) {
  return (
    <AdminLayout ctx={ctx} title="Your author profile" notice={notice}>
      <p class="lead">Shown at the end of each of your articles and on your author page.</p>
      <ErrorSummary
        errors={state.errors}
        labels={{ name: 'Name', bio: 'Bio', photoUrl: 'Photo', links: 'Links', cta: 'Invitation' }}
      />
      <form method="post" action="/admin/author" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="name" label="Name" state={state} required />
        <TextArea
          name="bio"
          label="Bio"
          state={state}
          rows={5}
          hint="A few sentences in Markdown. A link to your about page helps readers."
        />
        <Field name="photoUrl" label="Photo" state={state} hint="An image on this site, such as /media/images/…jpg." />
        <TextArea
          name="links"
          label="Links"
          state={state}
          rows={4}
          hint="One per line: LinkedIn | https://www.linkedin.com/in/you"
        />
        <Select name="cta" label="Invitation after each article" state={state} options={ctaOptions} required />
        <FormActions>
          <button type="submit" class="button">
            Save profile
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

const valuesOf = (a: BlogAuthor) => ({
  name: a.name,
  bio: a.bio_md,
  photoUrl: a.photo_url,
  links: (JSON.parse(a.links_json) as { label: string; url: string }[]).map((l) => `${l.label} | ${l.url}`).join('\n'),
  cta: a.cta,
});

/** The coach's own author profile: bio, photo, links, and the call to action under her articles. */
export async function authorRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    notice?: string,
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <AuthorPage ctx={ctx} state={state} notice={notice} />, status);
  }

  app.get('/admin/author', async (request, reply) => {
    const viewer = requireCoach(request);
    const author = await authorProfileFor(deps, viewer);
    const notice = parseQuery(doneQuery, request).done ? 'Profile saved.' : undefined;
    return render(request, reply, { values: valuesOf(author), errors: {} }, 200, notice);
  });

  app.post('/admin/author', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      schema: authorForm,
      expired: 'This form had expired, so nothing was saved. Please press "Save profile" again.',
      render: (state, status) => render(request, reply, state, status),
      run: async (profile) => {
        await saveAuthorProfile(deps, viewer, profile);
        return '/admin/author?done=1';
      },
    });
  });
}
