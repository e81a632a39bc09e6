import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { activeSessionsForUser, clearSessionCookie, signOut, signOutDevice } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { handleForm, parseQuery, queryValue, requireCoach, sendPage, type Viewer, viewContext } from '../web/index.ts';
import { noStore } from './admin.routes.tsx';
import { SessionsPage } from './pages/sessions.tsx';

const sessionsQuery = z.object({ signed_out: queryValue });
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
    const done = parseQuery(sessionsQuery, request).signed_out;
    return render(request, reply, viewer, 200, {
      notice: done !== undefined && Object.hasOwn(notices, done) ? notices[done] : undefined,
    });
  });

  app.post('/admin/sessions/sign-out', async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      expired: 'This page had expired, so no device was signed out. Please press the button again.',
      render: (state, status) => render(request, reply, viewer, status, { message: state.errors._form }),
      run: async ({ session = '' }) => {
        if (session === viewer.sessionId) {
          await signOut(deps, viewer);
          clearSessionCookie(reply);
          return '/';
        }
        const ended = await signOutDevice(deps, viewer, session);
        return `/admin/sessions?signed_out=${ended ? 1 : 0}`;
      },
    });
  });
}
