import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  parseForm,
  Select,
  sendPage,
  TextArea,
  typedValues,
  type ViewContext,
  viewContext,
} from '../web/index.ts';
import { authorForUser } from './blog.service.ts';
import type { BlogAuthor } from './blog.tables.ts';

/** "LinkedIn | https://…" per line → links; every address must be https. */
function parseLinks(text: string): { label: string; url: string }[] | undefined {
  const links: { label: string; url: string }[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [label, url] = line.split('|').map((x) => x?.trim() ?? '');
    if (!label || !url || !/^https:\/\/[^\s]+$/.test(url)) return undefined;
    links.push({ label: label.slice(0, 40), url });
  }
  return links.slice(0, 8);
}

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
    const id = await authorForUser(db, viewer, deps.clock.now());
    const author = (await db
      .selectFrom('blog_authors')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as BlogAuthor;
    return render(
      request,
      reply,
      { values: valuesOf(author), errors: {} },
      200,
      (request.query as Record<string, string> | undefined)?.done ? 'Profile saved.' : undefined,
    );
  });

  app.post('/admin/author', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return render(
        request,
        reply,
        {
          values: typedValues(request.body),
          errors: { _form: 'This form had expired, so nothing was saved. Please press "Save profile" again.' },
        },
        403,
      );
    const parsed = parseForm(authorForm, request.body);
    if (!parsed.ok) return render(request, reply, parsed.state, 400);
    const now = deps.clock.now();
    await db.transaction().execute(async (tx) => {
      const id = await authorForUser(tx, viewer, now);
      const f = parsed.data;
      await tx
        .updateTable('blog_authors')
        .set({
          name: f.name,
          bio_md: f.bio,
          photo_url: f.photoUrl,
          links_json: JSON.stringify(parseLinks(f.links)),
          cta: f.cta,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'author.update', subject: id }, now);
    });
    return reply.redirect('/admin/author?done=1', 303);
  });
}
