import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { hashToken } from '../security/index.ts';
import {
  emptyForm,
  handleForm,
  parseQuery,
  queryValue,
  sendPage,
  splitFormMessage,
  typedValues,
  viewContext,
} from '../web/index.ts';
import { ownerExists, usableToken } from './auth.queries.ts';
import { EXPIRED_FORM, emailField, privatePage, tokenShape } from './auth.routes.tsx';
import { completeSetup } from './auth.service.ts';
import { SetupPage } from './pages/setup.tsx';
import { LinkInvalidPage } from './pages/sign-in.tsx';
import { setSessionCookie } from './sessions.ts';

const setupSchema = z.object({
  name: z.string().trim().min(2, 'Enter your name.').max(80, 'Keep your name under 80 characters.'),
  email: emailField,
});

const setupQuery = z.object({ token: queryValue });

/** First start: the one-time setup link creates the owner's account. */
export async function setupRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);

  app.get('/setup', { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const token = parseQuery(setupQuery, request).token ?? '';
    const ctx = await ctxOf(request, reply);
    if (await ownerExists(deps.dbh.db))
      return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="setup_done" />, 400);
    if (!tokenShape.test(token) || !(await usableToken(deps.dbh.db, 'setup', hashToken(token), deps.clock.now()))) {
      return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="setup" />, 400);
    }
    return sendPage(privatePage(reply), <SetupPage ctx={ctx} token={token} state={emptyForm} />);
  });

  app.post('/setup', { config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const values = typedValues(request.body);
    const token = values.token ?? '';
    const ctx = await ctxOf(request, reply);
    if (await ownerExists(deps.dbh.db))
      return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="setup_done" />, 400);
    if (!tokenShape.test(token))
      return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem="setup" />, 400);
    return handleForm(request, reply, {
      schema: setupSchema,
      expired: EXPIRED_FORM,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(
          privatePage(reply),
          <SetupPage ctx={ctx} token={token} state={state} message={message} />,
          status,
        );
      },
      run: async (input) => {
        const result = await completeSetup(deps, token, input, request.headers['user-agent'] ?? '');
        if (result.ok) {
          setSessionCookie(reply, result.sessionToken, deps.config.secureCookies);
          return '/admin';
        }
        if (result.reason === 'email_taken') return result;
        // The link was used up meanwhile, or another setup finished first.
        const problem = result.reason === 'owner_exists' ? 'setup_done' : 'setup';
        return sendPage(privatePage(reply), <LinkInvalidPage ctx={ctx} problem={problem} />, 400);
      },
      refusals: { email_taken: { field: 'email', status: 400 } },
    });
  });
}
