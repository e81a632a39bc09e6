import type { FastifyRequest } from 'fastify';
import { type Client, clientForUser } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import type { Viewer } from '../web/index.ts';

/**
 * Who is asking for a portal page: nobody signed in, the coach (the portal is not hers), an
 * account with no client record (none, or deleted since: a 404), or a client with their record.
 */
export type PortalAccess =
  | { kind: 'anonymous' }
  | { kind: 'coach'; viewer: Viewer }
  | { kind: 'no_client'; viewer: Viewer }
  | { kind: 'client'; viewer: Viewer; client: Client };

/** The portal's one question, asked for every portal route before anything is read. */
export async function portalClient(request: FastifyRequest, deps: Pick<Deps, 'dbh'>): Promise<PortalAccess> {
  const viewer = request.viewer;
  if (!viewer) return { kind: 'anonymous' };
  if (viewer.role === 'owner' || viewer.role === 'coach') return { kind: 'coach', viewer };
  const client = await clientForUser(deps.dbh.db, viewer.userId);
  return client ? { kind: 'client', viewer, client } : { kind: 'no_client', viewer };
}

/** Where to sign in, coming back to this page afterwards (a GET only: a form post cannot be replayed). */
export function signInPathFor(request: FastifyRequest): string {
  const here = request.method === 'GET' || request.method === 'HEAD' ? request.url : '/portal';
  return `/portal/sign-in?next=${encodeURIComponent(here)}`;
}
