import type { FastifyInstance } from 'fastify';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { signInRoutes } from './auth.routes.tsx';
import { passkeyRoutes } from './passkeys.routes.tsx';
import { setupRoutes } from './setup.routes.tsx';

/** The auth module: owner setup, sign-in by emailed link and code or by passkey, sessions. Other modules import only this file. */
export { authErrors } from './auth.errors.ts';
export { deleteClientUser, findOwner, practiceNoticeAddress, userByEmail, userNames } from './auth.queries.ts';
export {
  afterSignInPath,
  createOwner,
  createSignInLink,
  ensureClientAccount,
  isCoach,
  issueSignIn,
  normaliseEmail,
  ownerSetupLinkIfNeeded,
  SIGN_IN_LINK_MS,
  SIGN_IN_LINKS_PER_WINDOW,
  signInCodeUrl,
  signOut,
  signOutDevice,
} from './auth.service.ts';
export type { User } from './auth.tables.ts';
export { describeDevice } from './device.ts';
export { PasskeyScripts, PasskeySignInButton } from './pages/passkey-button.tsx';
export { EmailLinkForm } from './pages/sign-in.tsx';
export { MAX_CODE_ATTEMPTS } from './sign-in-code.ts';

/** auth's audit actions in plain words (the audit page shows them). */
export const authAuditLabels: AuditLabels = {
  'auth.owner_created': 'Created the coach account',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.session_revoked': 'Signed out another device',
  'auth.sign_in_link_created': 'Made a sign-in link on the server',
  'auth.passkey_added': 'Added a passkey',
  'auth.passkey_removed': 'Removed a passkey',
  'auth.passkey_sign_in': 'Signed in with a passkey',
  'auth.passkey_requirement_on': 'Required a passkey for the back office',
  'auth.passkey_requirement_off': 'Stopped requiring a passkey for the back office',
};
export { safeNextPath } from './next-path.ts';
export { activeSessionsForUser, clearSessionCookie, SESSION_COOKIE, viewerPlugin } from './sessions.ts';

/** The auth pages: /setup, /sign-in… (link, code, passkey), /sign-out, /account/passkeys. */
export async function authRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  await app.register(setupRoutes, opts);
  await app.register(signInRoutes, opts);
  await app.register(passkeyRoutes, opts);
}
