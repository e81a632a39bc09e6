import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { hashToken, newToken } from '../security/index.ts';
import type { Viewer } from '../web/index.ts';

export const SESSION_COOKIE = 'tandem_session';
/** A session lasts 30 days from the last visit. */
export const SESSION_IDLE_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** Starts a session for a user; returns the cookie token (only its hash is stored). */
export async function startSession(db: Executor, userId: string, userAgent: string, now: number): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: now + SESSION_IDLE_MS,
      user_agent: userAgent.slice(0, 300),
      revoked_at: null,
    })
    .execute();
  return token;
}

/** The viewer behind a session cookie token, or null when unknown, revoked or expired. */
export async function viewerForToken(db: Executor, token: string, now: number): Promise<Viewer | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.id as user_id',
      'users.name',
      'users.email',
      'users.role',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: now + SESSION_IDLE_MS })
      .where('id', '=', id)
      .execute();
  }
  return { userId: row.user_id, sessionId: row.id, name: row.name, email: row.email, role: row.role };
}

/** Ends one session (sign-out, or "sign out that device"). Only the owner of the session may. */
export async function revokeSession(db: Executor, userId: string, sessionId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** One of the user's sessions, whatever its state; undefined when it is not theirs. */
export async function sessionOfUser(db: Executor, userId: string, sessionId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_agent', 'revoked_at'])
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The user's sessions still in force, newest first. */
export async function activeSessionsForUser(db: Executor, userId: string, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Sets request.viewer from the session cookie on every request. */
export const viewerPlugin = fp(
  async (app: FastifyInstance, { deps }: { deps: Deps }) => {
    app.decorateRequest('viewer', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.viewer = token ? await viewerForToken(deps.dbh.db, token, deps.clock.now()) : null;
    });
  },
  { name: 'tandem-viewer', dependencies: ['@fastify/cookie'] },
);
