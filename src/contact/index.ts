// STUB
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
export async function contactRoutes(_app: FastifyInstance, _o: { deps: Deps }): Promise<void> {}
