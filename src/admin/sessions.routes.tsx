import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { activeSessionsForUser, clearSessionCookie, requireCoach, signOut, signOutDevice } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { sendPage, typedValues, type Viewer, viewContext } from '../web/index.ts';
import { noStore } from './admin.routes.tsx';
import { SessionsPage } from './pages/sessions.tsx';

const notices: Record<string, string> = {
  '1': 'That device is signed out.',
  '0': 'That device was already signed out.',
};

/** /admin/sessions: where the coach is signed in, and signing a device out. */
export async function sessionsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    status: number,
    extra: { notice?: string; message?: string },
  ) => {
    const [ctx, sessions] = await Promise.all([
      viewContext(deps.dbh.db, deps.config.publicUrl, request, reply),
      activeSessionsForUser(deps.dbh.db, viewer.userId, deps.clock.now()),
    ]);
    return sendPage(
      noStore(reply),
      <SessionsPage ctx={ctx} sessions={sessions} currentId={viewer.sessionId} {...extra} />,
      status,
    );
  };

  app.get('/admin/sessions', async (request, reply) => {
    const viewer = requireCoach(request);
    const done = (request.query as Record<string, unknown>).signed_out;
    return render(request, reply, viewer, 200, { notice: typeof done === 'string' ? notices[done] : undefined });
  });

  app.post('/admin/sessions/sign-out', async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return render(request, reply, viewer, 403, {
        message: 'This page had expired, so no device was signed out. Please press the button again.',
      });
    const sessionId = typedValues(request.body).session ?? '';
    if (sessionId === viewer.sessionId) {
      await signOut(deps, viewer);
      clearSessionCookie(reply);
      return reply.redirect('/', 303);
    }
    const ended = await signOutDevice(deps, viewer, sessionId);
    return reply.redirect(`/admin/sessions?signed_out=${ended ? 1 : 0}`, 303);
  });
}
