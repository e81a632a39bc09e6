import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  AppError,
  handleForm,
  idParams,
  parseParams,
  parseQuery,
  requireCoach,
  sendPage,
  viewContext,
} from '../web/index.ts';
import { contactRequestListing } from './contact.queries.ts';
import { markContactRequestUnread, openContactRequest } from './contact.service.ts';
import { AdminContactListPage } from './pages/admin-contact-list.tsx';
import { AdminContactRequestPage } from './pages/admin-contact-request.tsx';

const PAGE_SIZE = 100;
const listQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  unread: z.literal('1').optional().catch(undefined),
});

/** The back office's contact requests: the list, one request in full, and "Mark as unread". */
export async function contactAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  app.get('/admin/contact', async (request, reply) => {
    requireCoach(request);
    const query = parseQuery(listQuery, request);
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
    const found = await openContactRequest(deps, parseParams(idParams, request).id);
    if (!found) throw new AppError('not_found');
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <AdminContactRequestPage ctx={ctx} request={found} />);
  });

  app.post('/admin/contact/:id/unread', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = parseParams(idParams, request).id;
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing changed. Please press "Mark as unread" once more.',
      render: async (state, status) => {
        const found = await openContactRequest(deps, id);
        if (!found) throw new AppError('not_found');
        const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
        return sendPage(
          reply,
          <AdminContactRequestPage ctx={ctx} request={found} notice={state.errors._form} />,
          status,
        );
      },
      run: async () => {
        await markContactRequestUnread(deps, id, viewer.userId);
        return '/admin/contact?unread=1';
      },
    });
  });
}
