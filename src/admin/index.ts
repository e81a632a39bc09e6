// STUB
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
export async function adminRoutes(_app: FastifyInstance, _o: { deps: Deps }): Promise<void> {}
