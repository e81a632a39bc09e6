// STUB
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
export { viewerPlugin, requireCoach } from './sessions.ts';
export async function authRoutes(_app: FastifyInstance, _o: { deps: Deps }): Promise<void> {}
export async function ownerSetupLinkIfNeeded(_deps: Deps): Promise<string | null> { return null; }
