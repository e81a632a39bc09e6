import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError, requireCoach, sendPage, viewContext } from '../web/index.ts';
import { contactRequestListing } from './contact.queries.ts';
import { markContactRequestUnread, openContactRequest } from './contact.service.ts';
import { AdminContactListPage } from './pages/admin-contact-list.tsx';
import { AdminContactRequestPage } from './pages/admin-contact-request.tsx';

const PAGE_SIZE = 100;
const listQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  unread: z.literal('1').optional().catch(undefined),
});
const idParams = z.object({ id: z.string().min(1).max(100) });

function idFrom(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data.id;
}

/** The back office's contact requests: the list, one request in full, and "Mark as unread". */
export async function contactAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  app.get('/admin/contact', async (request, reply) => {
    requireCoach(request);
    const query = listQuery.parse(request.query ?? {});
    const rows = await contactRequestListing(db, PAGE_SIZE + 1, query.before);
    const shown = rows.slice(0, PAGE_SIZE);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const notice = query.unread ? 'Marked as unread.' : undefined;
    return sendPage(
      reply,
      <AdminContactListPage
        ctx={ctx}
        rows={shown}
        notice={notice}
        olderThan={rows.length > PAGE_SIZE ? shown.at(-1)?.created_at : undefined}
      />,
    );
  });

  app.get('/admin/contact/:id', async (request, reply) => {
    requireCoach(request);
    const found = await openContactRequest(deps, idFrom(request.params));
    if (!found) throw new AppError('not_found');
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <AdminContactRequestPage ctx={ctx} request={found} />);
  });

  app.post('/admin/contact/:id/unread', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = idFrom(request.params);
    if (!request.csrfOk) {
      const found = await openContactRequest(deps, id);
      if (!found) throw new AppError('not_found');
      const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
      const notice =
        'For your security this page had expired, so nothing changed. Please press "Mark as unread" once more.';
      return sendPage(reply, <AdminContactRequestPage ctx={ctx} request={found} notice={notice} />, 403);
    }
    await markContactRequestUnread(deps, id, viewer.userId);
    return reply.redirect('/admin/contact?unread=1', 303);
  });
}
