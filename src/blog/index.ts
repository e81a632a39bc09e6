// STUB: the blog module's public face, to be replaced by its implementation.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import type { JobHandlers } from '../jobs/index.ts';

export async function blogRoutes(_app: FastifyInstance, _o: { deps: Deps }): Promise<void> {}
export const blogJobHandlers: JobHandlers = {};
