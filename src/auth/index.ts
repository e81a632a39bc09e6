import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { signInRoutes } from './auth.routes.tsx';
import { setupRoutes } from './setup.routes.tsx';

/** The auth module: owner setup, sign-in by emailed link, sessions. Other modules import only this file. */
export { authErrors } from './auth.errors.ts';
export { findOwner, userByEmail } from './auth.queries.ts';
export {
  createOwner,
  createSignInLink,
  isCoach,
  normaliseEmail,
  ownerSetupLinkIfNeeded,
  SIGN_IN_LINK_MS,
  signOut,
  signOutDevice,
} from './auth.service.ts';
export { describeDevice } from './device.ts';
export { safeNextPath } from './next-path.ts';
export { activeSessionsForUser, clearSessionCookie, SESSION_COOKIE, viewerPlugin } from './sessions.ts';

/** The public auth pages: /setup, /sign-in…, /sign-out. */
export async function authRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  await app.register(setupRoutes, opts);
  await app.register(signInRoutes, opts);
}
