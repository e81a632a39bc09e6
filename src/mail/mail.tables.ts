import type { Selectable } from 'kysely';

/**
 * An outbox message: an email written in the same transaction as the change that caused it,
 * sent later by the worker. Bodies are sealed at rest.
 */
export interface OutboxTable {
  id: string;
  /** What caused it, e.g. 'contact.to_coach'; never the body. */
  kind: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  text_sealed: string;
  html_sealed: string;
  /** Extra headers as JSON (e.g. List-Unsubscribe); attachments come later. */
  headers_json: string;
  /** Attachments (e.g. a booking's .ics) as sealed JSON, or null (added by migration 0004). */
  attachments_sealed: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface MailTables {
  outbox: OutboxTable;
}

export type OutboxMessage = Selectable<OutboxTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends MailTables {}
}
