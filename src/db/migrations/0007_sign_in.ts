import type { Kysely } from 'kysely';

// auth's sign-in by code and by passkey (issue 10). Frozen once released; portable types only.
// - auth_tokens: the 6-digit code beside the link (salted scrypt, never the code itself), the wrong
//   guesses counted against it, and who made the link ('email' or 'server': the CLI's recovery link).
// - users.require_passkey: a coach who turned it on signs in to the back office only with a passkey
//   (or a link made on the server).
// - passkeys: one WebAuthn credential per row (public key only).
// - webauthn_challenges: each ceremony's challenge, hashed, single use, minutes long.

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  await db.schema.alterTable('auth_tokens').addColumn('code_hash', 'text').execute();
  await db.schema
    .alterTable('auth_tokens')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('auth_tokens')
    .addColumn('issued_via', 'text', (c) => c.notNull().defaultTo('email'))
    .execute();
  await db.schema.createIndex('auth_tokens_email').on('auth_tokens').columns(['email', 'purpose']).execute();

  await db.schema
    .alterTable('users')
    .addColumn('require_passkey', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The credential's id as the browser sends it (base64url).
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    // The COSE public key, base64url.
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    // JSON array of transports ("internal", "hybrid", …), for the next ceremony's hints.
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_hash', 'text', (c) => c.notNull().unique())
    // 'register' (adding a passkey, bound to the signed-in account) or 'sign_in'.
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webauthn_challenges_expires').on('webauthn_challenges').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
