import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail, renderEmail } from '../mail/index.ts';
import { hashToken, newToken } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Viewer } from '../web/index.ts';
import {
  claimCodeAttempts,
  consumeAllSetupTokens,
  consumeToken,
  consumeTokenById,
  countOpenSignInLinks,
  deleteExpiredTokens,
  insertAuthToken,
  insertUser,
  insertUserIfNew,
  ownerExists,
  userByEmail,
  userById,
} from './auth.queries.ts';
import type { User } from './auth.tables.ts';
import { describeDevice } from './device.ts';
import { DEFAULT_AFTER_SIGN_IN, DEFAULT_CLIENT_AFTER_SIGN_IN } from './next-path.ts';
import { revokeSession, sessionOfUser, startSession } from './sessions.ts';
import { hashSignInCode, newSignInCode, signInCodeMatches, spendCodeCheckTime } from './sign-in-code.ts';

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

/** Where a sign-in code is typed (on any device): for an email to say. */
export function signInCodeUrl(publicUrl: string): string {
  return `${publicUrl}/sign-in/code`;
}

/** Where an account goes after signing in: `next` if it is for them, else the back office or the portal. */
export function afterSignInPath(user: Pick<User, 'role'>, next: string | null): string {
  if (isCoach(user)) return next ?? DEFAULT_AFTER_SIGN_IN;
  // A client is never sent into the back office, where they would only meet "not available to you".
  if (next && next !== '/admin' && !next.startsWith('/admin/') && !next.startsWith('/admin?')) return next;
  return DEFAULT_CLIENT_AFTER_SIGN_IN;
}

/** A coach who asked that only a passkey opens the back office. */
export function needsPasskey(user: Pick<User, 'role' | 'require_passkey'>): boolean {
  return isCoach(user) && user.require_passkey === 1;
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

/**
 * Makes a one-time sign-in link (15 minutes) on the server (the CLI), without a code; only its
 * hash is stored. It is the recovery path: it signs in even a coach who requires a passkey, since
 * whoever can run commands on the server owns the practice anyway.
 */
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
    issuedVia: 'server',
  });
  return signInUrl(deps.config.publicUrl, token, next);
}

/**
 * Makes a sign-in link and its 6-digit code, to be emailed together (the code is for opening on
 * another device). Both work once, for 15 minutes; only hashes are stored. At most
 * SIGN_IN_LINKS_PER_WINDOW unused ones per address: beyond that, 'too_many' and nothing is made.
 */
export async function issueSignIn(
  tx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  user: User,
  next: string | null,
): Promise<{ url: string; code: string; expiresInMinutes: number } | 'too_many'> {
  const now = deps.clock.now();
  await deleteExpiredTokens(tx, now - KEEP_EXPIRED_MS);
  if ((await countOpenSignInLinks(tx, user.email, now - SIGN_IN_WINDOW_MS)) >= SIGN_IN_LINKS_PER_WINDOW)
    return 'too_many';
  const token = newToken();
  const code = newSignInCode();
  await insertAuthToken(tx, {
    tokenHash: hashToken(token),
    purpose: 'sign_in',
    email: user.email,
    userId: user.id,
    createdAt: now,
    expiresAt: now + SIGN_IN_LINK_MS,
    codeHash: await hashSignInCode(code),
    issuedVia: 'email',
  });
  return { url: signInUrl(deps.config.publicUrl, token, next), code, expiresInMinutes: SIGN_IN_LINK_MS / 60_000 };
}

/**
 * The account for a client's address: the one there is (whatever its role: a coach stays a coach,
 * and the caller decides what to do), or a new one with role 'client'. Safe when two requests race.
 */
export async function ensureClientAccount(
  tx: Executor,
  input: { email: string; name: string },
  now: number,
): Promise<User> {
  const email = normaliseEmail(input.email);
  const found = await userByEmail(tx, email);
  if (found) return found;
  const name = input.name.trim().slice(0, 200) || email;
  return insertUserIfNew(tx, { email, name, role: 'client', created_at: now });
}

/**
 * Emails a sign-in link and code when the address belongs to a coach. The caller answers the same
 * way whatever this returns, so nobody can learn which addresses have accounts. A coach who
 * requires a passkey gets an email saying so (and how to recover), with no link.
 */
export async function requestSignInLink(
  deps: Deps,
  rawEmail: string,
  next: string | null,
): Promise<'sent' | 'no_account' | 'too_many'> {
  const email = normaliseEmail(rawEmail);
  return deps.dbh.db.transaction().execute(async (tx) => {
    await deleteExpiredTokens(tx, deps.clock.now() - KEEP_EXPIRED_MS);
    const user = await userByEmail(tx, email);
    if (!user || !isCoach(user)) return 'no_account';
    const { practiceName } = await readSiteSettings(tx);
    if (needsPasskey(user)) {
      const body = renderEmail({
        practiceName,
        heading: 'Sign in with your passkey',
        paragraphs: [
          `Someone asked to sign in to the ${practiceName} back office with this address. This account opens the back office only with a passkey, so this email carries no link.`,
          `Go to ${deps.config.publicUrl}/sign-in and press "Sign in with a passkey".`,
          'Lost your passkey? Whoever runs the server can make a sign-in link that always works: npm run tandem -- sign-in-link --email ' +
            user.email,
        ],
        footer: 'You received this because your address was entered on the coach sign-in page.',
      });
      await enqueueMail(tx, deps, {
        kind: 'auth.passkey_needed',
        to: user.email,
        subject: `Sign in to ${practiceName}`,
        ...body,
      });
      return 'sent';
    }
    const issued = await issueSignIn(tx, deps, user, next);
    if (issued === 'too_many') return 'too_many';
    const body = renderEmail({
      practiceName,
      heading: 'Your sign-in link',
      paragraphs: [
        `Someone asked to sign in to the ${practiceName} back office with this address. Press the button within ${issued.expiresInMinutes} minutes to sign in. The link works once.`,
        `On another device? Go to ${signInCodeUrl(deps.config.publicUrl)} and type this code: ${issued.code}`,
        'If that was not you, you can ignore this email. Nobody can sign in without it.',
      ],
      button: { url: issued.url, label: 'Sign in' },
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

export type SignInOutcome =
  | { ok: true; sessionToken: string; user: User }
  | { ok: false; reason: 'invalid' | 'passkey_required' };

/** Starts a session for an account that proved itself, ending the browser's previous one. */
export async function openSession(
  tx: Executor,
  user: User,
  userAgent: string,
  previous: Viewer | null,
  now: number,
  via: 'link' | 'code' | 'passkey',
): Promise<string> {
  // A browser holds one session: the one it had before is ended rather than orphaned.
  if (previous) await revokeSession(tx, previous.userId, previous.sessionId, now);
  const sessionToken = await startSession(tx, user.id, userAgent, now);
  await recordAudit(
    tx,
    {
      actorUserId: user.id,
      action: via === 'passkey' ? 'auth.passkey_sign_in' : 'auth.sign_in',
      detail: { device: describeDevice(userAgent), via },
    },
    now,
  );
  return sessionToken;
}

/** Uses a sign-in link and starts a session; refused when the link is unknown, used, expired or dead. */
export async function signInWithLink(
  deps: Deps,
  token: string,
  userAgent: string,
  previous: Viewer | null,
): Promise<SignInOutcome> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx): Promise<SignInOutcome> => {
    const used = await consumeToken(tx, 'sign_in', hashToken(token), now);
    const user = used?.user_id ? await userById(tx, used.user_id) : undefined;
    if (!used || !user) return { ok: false, reason: 'invalid' };
    if (needsPasskey(user) && used.issued_via !== 'server') return { ok: false, reason: 'passkey_required' };
    const sessionToken = await openSession(tx, user, userAgent, previous, now, 'link');
    return { ok: true, sessionToken, user };
  });
}

/**
 * Signs in with an address and the code from its email. Each try spends an attempt on every open
 * link of the address first (MAX_CODE_ATTEMPTS each, then the link is dead), so a code cannot be
 * guessed; a wrong code, an unknown address and a dead link all answer 'invalid'.
 */
export async function signInWithCode(
  deps: Deps,
  rawEmail: string,
  code: string,
  userAgent: string,
  previous: Viewer | null,
): Promise<SignInOutcome> {
  const email = normaliseEmail(rawEmail);
  const now = deps.clock.now();
  // Its own statement, committed at once: a wrong guess counts even when nothing else happens.
  const open = await claimCodeAttempts(deps.dbh.db, email, now);
  let match: (typeof open)[number] | undefined;
  for (const row of open) {
    if (row.code_hash && (await signInCodeMatches(code, row.code_hash))) {
      match = row;
      break;
    }
  }
  if (!open.length) await spendCodeCheckTime(code);
  if (!match) return { ok: false, reason: 'invalid' };
  const found = match;
  return deps.dbh.db.transaction().execute(async (tx): Promise<SignInOutcome> => {
    const used = await consumeTokenById(tx, found.id, now);
    const user = used?.user_id ? await userById(tx, used.user_id) : undefined;
    if (!used || !user) return { ok: false, reason: 'invalid' };
    if (needsPasskey(user) && used.issued_via !== 'server') return { ok: false, reason: 'passkey_required' };
    const sessionToken = await openSession(tx, user, userAgent, previous, now, 'code');
    return { ok: true, sessionToken, user };
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
