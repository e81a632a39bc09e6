import type { FastifyInstance } from 'fastify';
import { isReachable, isWritable } from './db/index.ts';
import type { Deps } from './deps.ts';

/** /healthz: the process is alive. /readyz: it can reach its database. */
export async function healthRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.get('/healthz', { logLevel: 'warn' }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    // Both checks are bounded in time: a database that never answers makes this 503, not a hang.
    const reachable = await isReachable(deps.dbh.db);
    const writable = reachable && (await isWritable(deps.dbh));
    const status = !reachable ? 'database unreachable' : !writable ? 'database not writable' : 'ready';
    return reply.code(writable ? 200 : 503).send({ status, engine: deps.dbh.engine });
  });
}
