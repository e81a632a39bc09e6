import type { FastifyInstance } from 'fastify';
import { isReachable } from './db/database.ts';
import type { Deps } from './deps.ts';

/** /healthz: the process is alive. /readyz: it can reach its database. */
export async function healthRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.get('/healthz', { logLevel: 'warn' }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    const ok = await isReachable(deps.dbh.db);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable', engine: deps.dbh.engine });
  });
}
