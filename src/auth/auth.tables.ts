import type { Selectable } from 'kysely';

/** A person with an account: the owner, later coaches and clients. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'coach' | 'client';
  created_at: number;
}

/** A one-time link (sign-in or owner setup); only the SHA-256 of the token is kept. */
export interface AuthTokensTable {
  id: string;
  token_hash: string;
  purpose: 'sign_in' | 'setup';
  email: string | null;
  user_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
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
}

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends AuthTables {}
}
