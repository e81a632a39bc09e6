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
import { outboxListing } from './outbox.queries.ts';
import { formatAddress, readOutboxMessage, retryOutboxMessage, senderIdentity } from './outbox.service.ts';
import { OutboxListPage } from './pages/outbox-list.tsx';
import { OutboxMessagePage } from './pages/outbox-message.tsx';
import { kickOutbox } from './worker.ts';

const PAGE_SIZE = 100;
const listQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  retried: z.literal('1').optional().catch(undefined),
  busy: z.literal('1').optional().catch(undefined),
});

/** The back-office outbox: the list, one message read back, and "Send again". */
export async function outboxAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;

  async function renderList(
    request: Parameters<typeof viewContext>[2],
    reply: Parameters<typeof viewContext>[3],
    o: { before?: number | undefined; notice?: string | undefined; status?: number },
  ) {
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const rows = await outboxListing(db, PAGE_SIZE + 1, o.before);
    const more = rows.length > PAGE_SIZE;
    const shown = rows.slice(0, PAGE_SIZE);
    return sendPage(
      reply,
      <OutboxListPage
        ctx={ctx}
        rows={shown}
        mailConfigured={deps.mail !== null}
        notice={o.notice}
        olderThan={more ? shown.at(-1)?.created_at : undefined}
      />,
      o.status ?? 200,
    );
  }

  app.get('/admin/outbox', async (request, reply) => {
    requireCoach(request);
    const query = parseQuery(listQuery, request);
    const notice = query.retried
      ? 'The email is queued to be sent again.'
      : query.busy
        ? 'That email was already sent or is being sent right now, so nothing changed.'
        : undefined;
    return renderList(request, reply, { before: query.before, notice });
  });

  app.get('/admin/outbox/:id', async (request, reply) => {
    requireCoach(request);
    const id = parseParams(idParams, request).id;
    const message = await readOutboxMessage(deps, id);
    if (!message) throw new AppError('not_found');
    const sender = await senderIdentity(deps);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <OutboxMessagePage
        ctx={ctx}
        message={message}
        from={formatAddress(sender.from)}
        messageIdDomain={sender.domain}
      />,
    );
  });

  app.post('/admin/outbox/:id/send-again', async (request, reply) => {
    const viewer = requireCoach(request);
    const id = parseParams(idParams, request).id;
    return handleForm(request, reply, {
      expired: 'For your security this page had expired, so nothing was sent. Please press "Send again" once more.',
      render: (state, status) => renderList(request, reply, { notice: state.errors._form, status }),
      run: async () => {
        const outcome = await retryOutboxMessage(deps, id, viewer.userId);
        if (outcome === 'not_found') throw new AppError('not_found');
        if (outcome === 'requeued') kickOutbox(deps);
        return outcome === 'requeued' ? '/admin/outbox?retried=1' : '/admin/outbox?busy=1';
      },
    });
  });
}
