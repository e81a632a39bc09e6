import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import type { Passkey, WebauthnChallengesTable } from './auth.tables.ts';

/** The account's passkeys, newest first. */
export async function passkeysOfUser(db: Executor, userId: string): Promise<Passkey[]> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** How many passkeys the account has. */
export async function countPasskeys(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The passkey with this credential id (whoever's it is). */
export async function passkeyByCredentialId(db: Executor, credentialId: string): Promise<Passkey | undefined> {
  return db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: Executor, p: Omit<Passkey, 'id' | 'last_used_at'>): Promise<Passkey> {
  const row = { id: newId(), ...p, last_used_at: null };
  await db.insertInto('passkeys').values(row).execute();
  return row;
}

/** Notes a use: the authenticator's new counter, and when. */
export async function touchPasskey(db: Executor, id: string, counter: number, now: number): Promise<void> {
  await db.updateTable('passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
}

/** Removes one of the account's passkeys; the row, or undefined when it was not theirs. */
export async function deletePasskey(db: Executor, userId: string, id: string) {
  return db
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', 'name'])
    .executeTakeFirst();
}

/** Keeps a ceremony's challenge by its hash. */
export async function insertChallenge(db: Executor, c: Omit<WebauthnChallengesTable, 'id'>): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({ id: newId(), ...c })
    .execute();
}

/**
 * Uses a challenge: deleting it is the compare-and-swap, so of two answers to one challenge only
 * one finds it. A register challenge is found only for the account that asked for it.
 */
export async function consumeChallenge(
  db: Executor,
  c: { challengeHash: string; purpose: WebauthnChallengesTable['purpose']; userId: string | null; now: number },
): Promise<boolean> {
  let q = db
    .deleteFrom('webauthn_challenges')
    .where('challenge_hash', '=', c.challengeHash)
    .where('purpose', '=', c.purpose)
    .where('expires_at', '>', c.now);
  q = c.userId === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', c.userId);
  const r = await q.returning('id').executeTakeFirst();
  return r !== undefined;
}

/** Forgets challenges that expired before `before`. */
export async function deleteExpiredChallenges(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', before).execute();
}
