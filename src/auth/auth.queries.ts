import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import type { AuthTokensTable, User } from './auth.tables.ts';

type Purpose = AuthTokensTable['purpose'];

/** True when the practice already has its owner. */
export async function ownerExists(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'owner').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The owner, if there is one. */
export async function findOwner(db: Executor): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** The account with this (already normalised) address, whatever its role. */
export async function userByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Each account's name by id, for pages that name who did something (unknown ids are left out). */
export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The account behind an id. */
export async function userById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds an account. */
export async function insertUser(db: Executor, user: Omit<User, 'id'>): Promise<User> {
  const row = { id: newId(), ...user };
  await db.insertInto('users').values(row).execute();
  return row;
}

/** Stores a one-time link by the hash of its token. */
export async function insertAuthToken(
  db: Executor,
  t: {
    tokenHash: string;
    purpose: Purpose;
    email: string | null;
    userId: string | null;
    createdAt: number;
    expiresAt: number;
  },
): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      id: newId(),
      token_hash: t.tokenHash,
      purpose: t.purpose,
      email: t.email,
      user_id: t.userId,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: null,
    })
    .execute();
}

/** A token that could still be used (not used, not expired), without using it. */
export async function usableToken(db: Executor, purpose: Purpose, tokenHash: string, now: number) {
  return db
    .selectFrom('auth_tokens')
    .select(['user_id', 'email', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses a token: a compare-and-swap on used_at, so of two requests carrying the same link only
 * one gets a row back.
 */
export async function consumeToken(db: Executor, purpose: Purpose, tokenHash: string, now: number) {
  return db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
}

/**
 * Uses every open setup token at once and returns their hashes. Setting up the practice happens
 * once, so consuming them together stops two different setup links from creating two owners.
 */
export async function consumeAllSetupTokens(db: Executor, now: number): Promise<string[]> {
  const rows = await db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('purpose', '=', 'setup')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('token_hash')
    .execute();
  return rows.map((r) => r.token_hash);
}

/** How many sign-in links for this address are still unused and were made since `since`. */
export async function countOpenSignInLinks(db: Executor, email: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('auth_tokens')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('purpose', '=', 'sign_in')
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets links that expired before `before`; they can no longer be used anyway. */
export async function deleteExpiredTokens(db: Executor, before: number): Promise<number> {
  const r = await db.deleteFrom('auth_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
