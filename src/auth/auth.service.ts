import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail, renderEmail } from '../mail/index.ts';
import { hashToken, newToken } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Viewer } from '../web/index.ts';
import {
  consumeAllSetupTokens,
  consumeToken,
  countOpenSignInLinks,
  deleteExpiredTokens,
  insertAuthToken,
  insertUser,
  ownerExists,
  userByEmail,
  userById,
} from './auth.queries.ts';
import type { User } from './auth.tables.ts';
import { describeDevice } from './device.ts';
import { revokeSession, sessionOfUser, startSession } from './sessions.ts';

export const SIGN_IN_LINK_MS = 15 * 60_000;
export const SETUP_LINK_MS = 24 * 3600_000;
/** At most this many unused sign-in links per address in SIGN_IN_WINDOW_MS: a mailbox is not a megaphone. */
export const SIGN_IN_LINKS_PER_WINDOW = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Expired links stay a day (so "no longer works" is still true), then are removed. */
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** Addresses are compared trimmed and in lower case. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Owner and coach accounts may use the back office. */
export function isCoach(user: Pick<User, 'role'>): boolean {
  return user.role === 'owner' || user.role === 'coach';
}

function signInUrl(publicUrl: string, token: string, next: string | null): string {
  return `${publicUrl}/sign-in/verify?token=${token}` + (next ? `&next=${encodeURIComponent(next)}` : '');
}

/** Creates a one-time setup link for the first owner when there is none yet; null otherwise. */
export async function ownerSetupLinkIfNeeded(deps: Deps): Promise<string | null> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  if (await ownerExists(db)) return null;
  await deleteExpiredTokens(db, now - KEEP_EXPIRED_MS);
  const token = newToken();
  await insertAuthToken(db, {
    tokenHash: hashToken(token),
    purpose: 'setup',
    email: null,
    userId: null,
    createdAt: now,
    expiresAt: now + SETUP_LINK_MS,
  });
  return `${deps.config.publicUrl}/setup?token=${token}`;
}

export type CreateOwnerResult = { ok: true; user: User } | { ok: false; reason: 'owner_exists' | 'email_taken' };

/** Creates the practice's owner (once); any setup links still open stop working. */
export async function createOwner(
  tx: Executor,
  input: { email: string; name: string },
  via: 'setup' | 'cli',
  now: number,
): Promise<CreateOwnerResult> {
  if (await ownerExists(tx)) return { ok: false, reason: 'owner_exists' };
  const email = normaliseEmail(input.email);
  if (await userByEmail(tx, email)) return { ok: false, reason: 'email_taken' };
  const user = await insertUser(tx, { email, name: input.name.trim(), role: 'owner', created_at: now });
  await consumeAllSetupTokens(tx, now);
  await recordAudit(tx, { actorUserId: user.id, action: 'auth.owner_created', subject: user.id, detail: { via } }, now);
  return { ok: true, user };
}

class SetupRefused extends Error {
  constructor(readonly reason: 'link_invalid' | 'owner_exists' | 'email_taken') {
    super(reason);
  }
}

export type SetupResult =
  | { ok: true; sessionToken: string }
  | { ok: false; reason: 'link_invalid' | 'owner_exists' | 'email_taken' };

/** Uses a setup link: creates the owner and signs them in, all or nothing. */
export async function completeSetup(
  deps: Deps,
  token: string,
  input: { email: string; name: string },
  userAgent: string,
): Promise<SetupResult> {
  const now = deps.clock.now();
  try {
    return await deps.dbh.db.transaction().execute(async (tx) => {
      if (await ownerExists(tx)) throw new SetupRefused('owner_exists');
      // All open setup tokens are used together, so a second, concurrent setup finds none left.
      const used = await consumeAllSetupTokens(tx, now);
      if (!used.includes(hashToken(token))) throw new SetupRefused('link_invalid');
      const created = await createOwner(tx, input, 'setup', now);
      if (!created.ok) throw new SetupRefused(created.reason);
      const sessionToken = await startSession(tx, created.user.id, userAgent, now);
      await recordAudit(
        tx,
        { actorUserId: created.user.id, action: 'auth.sign_in', detail: { device: describeDevice(userAgent) } },
        now,
      );
      return { ok: true as const, sessionToken };
    });
  } catch (err) {
    // The transaction rolled back, so a setup refused for a taken address can be tried again.
    if (err instanceof SetupRefused) return { ok: false, reason: err.reason };
    throw err;
  }
}

/** Makes a one-time sign-in link (15 minutes) for a coach; only its hash is stored. */
export async function createSignInLink(
  db: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  user: User,
  next: string | null,
): Promise<string> {
  const now = deps.clock.now();
  const token = newToken();
  await insertAuthToken(db, {
    tokenHash: hashToken(token),
    purpose: 'sign_in',
    email: user.email,
    userId: user.id,
    createdAt: now,
    expiresAt: now + SIGN_IN_LINK_MS,
  });
  return signInUrl(deps.config.publicUrl, token, next);
}

/**
 * Emails a sign-in link when the address belongs to a coach. The caller answers the same way
 * whatever this returns, so nobody can learn which addresses have accounts.
 */
export async function requestSignInLink(
  deps: Deps,
  rawEmail: string,
  next: string | null,
): Promise<'sent' | 'no_account' | 'too_many'> {
  const email = normaliseEmail(rawEmail);
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    await deleteExpiredTokens(tx, now - KEEP_EXPIRED_MS);
    const user = await userByEmail(tx, email);
    if (!user || !isCoach(user)) return 'no_account';
    if ((await countOpenSignInLinks(tx, email, now - SIGN_IN_WINDOW_MS)) >= SIGN_IN_LINKS_PER_WINDOW) return 'too_many';
    const link = await createSignInLink(tx, deps, user, next);
    const { practiceName } = await readSiteSettings(tx);
    const body = renderEmail({
      practiceName,
      heading: 'Your sign-in link',
      paragraphs: [
        `Someone asked to sign in to the ${practiceName} back office with this address. Press the button within 15 minutes to sign in. The link works once.`,
        'If that was not you, you can ignore this email. Nobody can sign in without it.',
      ],
      button: { url: link, label: 'Sign in' },
      footer: 'You received this because your address was entered on the coach sign-in page.',
    });
    await enqueueMail(tx, deps, {
      kind: 'auth.sign_in_link',
      to: user.email,
      subject: `Sign in to ${practiceName}`,
      ...body,
    });
    return 'sent';
  });
}

/** Uses a sign-in link and starts a session; null when the link is unknown, used or expired. */
export async function signInWithLink(
  deps: Deps,
  token: string,
  userAgent: string,
  previous: Viewer | null,
): Promise<{ sessionToken: string; user: User } | null> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const used = await consumeToken(tx, 'sign_in', hashToken(token), now);
    const user = used?.user_id ? await userById(tx, used.user_id) : undefined;
    if (!user || !isCoach(user)) return null;
    // A browser holds one session: the one it had before is ended rather than orphaned.
    if (previous) await revokeSession(tx, previous.userId, previous.sessionId, now);
    const sessionToken = await startSession(tx, user.id, userAgent, now);
    await recordAudit(
      tx,
      { actorUserId: user.id, action: 'auth.sign_in', detail: { device: describeDevice(userAgent) } },
      now,
    );
    return { sessionToken, user };
  });
}

/** Ends the viewer's own session. */
export async function signOut(deps: Deps, viewer: Viewer): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    if (await revokeSession(tx, viewer.userId, viewer.sessionId, now)) {
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'auth.sign_out' }, now);
    }
  });
}

/** Signs out one of the viewer's devices; false when it was not theirs or already ended. */
export async function signOutDevice(deps: Deps, viewer: Viewer, sessionId: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const session = await sessionOfUser(tx, viewer.userId, sessionId);
    if (!session || !(await revokeSession(tx, viewer.userId, sessionId, now))) return false;
    await recordAudit(
      tx,
      {
        actorUserId: viewer.userId,
        action: 'auth.session_revoked',
        detail: { device: describeDevice(session.user_agent) },
      },
      now,
    );
    return true;
  });
}
