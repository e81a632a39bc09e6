import type { FastifyInstance } from 'fastify';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { signInRoutes } from './auth.routes.tsx';
import { setupRoutes } from './setup.routes.tsx';

/** The auth module: owner setup, sign-in by emailed link, sessions. Other modules import only this file. */
export { authErrors } from './auth.errors.ts';
export { findOwner, userByEmail, userNames } from './auth.queries.ts';
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

/** auth's audit actions in plain words (the audit page shows them). */
export const authAuditLabels: AuditLabels = {
  'auth.owner_created': 'Created the coach account',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.session_revoked': 'Signed out another device',
  'auth.sign_in_link_created': 'Made a sign-in link on the server',
};
export { safeNextPath } from './next-path.ts';
export { activeSessionsForUser, clearSessionCookie, SESSION_COOKIE, viewerPlugin } from './sessions.ts';

/** The public auth pages: /setup, /sign-in…, /sign-out. */
export async function authRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  await app.register(setupRoutes, opts);
  await app.register(signInRoutes, opts);
}
