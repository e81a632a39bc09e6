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

export interface AdminTables {
  audit_log: AuditLogTable;
}

export type AuditEntry = Selectable<AuditLogTable>;
