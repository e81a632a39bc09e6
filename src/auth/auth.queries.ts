import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import type { AuthTokensTable, User } from './auth.tables.ts';
import { MAX_CODE_ATTEMPTS } from './sign-in-code.ts';

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

/**
 * Where the practice's notices go (new bookings, call-me requests, replies to its emails): the
 * contact address the coach set, or until then the owner's sign-in address; null before setup.
 */
export async function practiceNoticeAddress(db: Executor, contactEmail: string): Promise<string | null> {
  return contactEmail || (await findOwner(db))?.email || null;
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
export async function insertUser(db: Executor, user: Omit<User, 'id' | 'require_passkey'>): Promise<User> {
  const row = { id: newId(), ...user, require_passkey: 0 };
  await db.insertInto('users').values(row).execute();
  return row;
}

/**
 * Adds an account unless the address has one already (insert … on conflict do nothing, so a
 * concurrent sign-up neither fails nor aborts the caller's PostgreSQL transaction), then reads it.
 */
export async function insertUserIfNew(db: Executor, user: Omit<User, 'id' | 'require_passkey'>): Promise<User> {
  await db
    .insertInto('users')
    .values({ id: newId(), ...user, require_passkey: 0 })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return db.selectFrom('users').selectAll().where('email', '=', user.email).executeTakeFirstOrThrow();
}

/** Turns "only passkeys open the back office" on or off for one account. */
export async function setRequirePasskey(db: Executor, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ require_passkey: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
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
    codeHash?: string | null;
    issuedVia?: 'email' | 'server';
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
      code_hash: t.codeHash ?? null,
      attempts: 0,
      issued_via: t.issuedVia ?? 'email',
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
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .executeTakeFirst();
}

/**
 * Uses a token: a compare-and-swap on used_at, so of two requests carrying the same link only
 * one gets a row back.
 */
export async function consumeToken(db: Executor, purpose: Purpose, tokenHash: string, now: number) {
  return (
    db
      .updateTable('auth_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      // A link whose code was guessed at too often is dead, link and code alike.
      .where('attempts', '<', MAX_CODE_ATTEMPTS)
      .returning(['user_id', 'email', 'issued_via'])
      .executeTakeFirst()
  );
}

/**
 * Spends one code attempt on every open sign-in link of an address and returns those links. The
 * attempt is counted before the code is compared, in one UPDATE, so parallel guesses cannot get
 * past the cap.
 */
export async function claimCodeAttempts(db: Executor, email: string, now: number) {
  return db
    .updateTable('auth_tokens')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('purpose', '=', 'sign_in')
    .where('email', '=', email)
    .where('code_hash', 'is not', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .returning(['id', 'code_hash', 'user_id', 'issued_via'])
    .execute();
}

/** Uses one link by its row (after its code matched): the same compare-and-swap as a link. */
export async function consumeTokenById(db: Executor, id: string, now: number) {
  return db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('purpose', '=', 'sign_in')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<=', MAX_CODE_ATTEMPTS)
    .returning(['user_id', 'issued_via'])
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

/** Removes a client's account (its sign-in sessions, links and passkeys go with it); true when there was one. */
export async function deleteClientUser(db: Executor, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('users').where('id', '=', userId).where('role', '=', 'client').executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
