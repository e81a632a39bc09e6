import type { Selectable } from 'kysely';

/** Who did what in the back office and when; never message bodies. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_user_id: string | null;
  action: string;
  subject: string | null;
  detail_json: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export type AuditEntry = Selectable<AuditLogTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends AuditTables {}
}
