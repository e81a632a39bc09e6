import type { Generated, Selectable } from 'kysely';

/** A person with an account: the owner, later coaches and clients. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'coach' | 'client';
  created_at: number;
  /** 1: this coach signs in to the back office only with a passkey (or a link made on the server). */
  require_passkey: Generated<number>;
}

/**
 * A one-time link (sign-in or owner setup); only the SHA-256 of the token is kept. A sign-in link
 * sent by email also carries a 6-digit code, kept only as a salted scrypt hash.
 */
export interface AuthTokensTable {
  id: string;
  token_hash: string;
  purpose: 'sign_in' | 'setup';
  email: string | null;
  user_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** "s1:" salt ":" scrypt(code), or null for a link without a code (the CLI's, setup links). */
  code_hash: string | null;
  /** Codes tried against this link; at MAX_CODE_ATTEMPTS the link is dead, code and link alike. */
  attempts: Generated<number>;
  /** 'email' (asked for on a sign-in page) or 'server' (the CLI: the recovery path). */
  issued_via: Generated<'email' | 'server'>;
}

/** A passkey (WebAuthn credential) of one account: its public key only. */
export interface PasskeysTable {
  id: string;
  user_id: string;
  /** base64url, as the browser sends it. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transports. */
  transports: string;
  device_type: string;
  backed_up: number;
  /** What the person calls it ("Phone"), or the browser it was made in. */
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** A WebAuthn challenge in flight: its SHA-256, single use, a few minutes long. */
export interface WebauthnChallengesTable {
  id: string;
  challenge_hash: string;
  purpose: 'register' | 'sign_in';
  /** The account adding a passkey; null for signing in (the passkey says who). */
  user_id: string | null;
  created_at: number;
  expires_at: number;
}

/** A signed-in browser. The id is the SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string;
  revoked_at: number | null;
}

export interface AuthTables {
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  sessions: SessionsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
}

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Passkey = Selectable<PasskeysTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends AuthTables {}
}
