import type { Executor } from '../db/database.ts';
import { newId } from '../security/crypto.ts';

export interface AuditInput {
  actorUserId: string | null;
  /** What happened, as module.verb: 'settings.update', 'auth.sign_in', 'outbox.retry'. */
  action: string;
  /** What it happened to (an id or slug), if anything. */
  subject?: string | null;
  /** Small facts worth keeping; never message bodies or form contents. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Writes one audit entry, in the caller's transaction. */
export async function recordAudit(db: Executor, input: AuditInput, now: number): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: now,
      actor_user_id: input.actorUserId,
      action: input.action,
      subject: input.subject ?? null,
      detail_json: JSON.stringify(input.detail ?? {}),
    })
    .execute();
}

/** The newest audit entries with the actor's name, newest first. */
export async function recentAuditEntries(db: Executor, limit = 100, before?: number) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.subject', 'audit_log.detail_json', 'users.name as actor_name'])
    .orderBy('audit_log.at', 'desc')
    .limit(limit);
  if (before !== undefined) q = q.where('audit_log.at', '<', before);
  return q.execute();
}
