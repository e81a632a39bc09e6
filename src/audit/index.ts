import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';

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

/** A position in the log, newest first: entries strictly older than it come next. */
export interface AuditCursor {
  at: number;
  id: string;
}

/**
 * The newest audit entries, newest first, optionally only those older than a cursor. Entries
 * share a millisecond often (one request writes several), so the cursor carries the id too and
 * no entry is skipped or shown twice between pages. Names of accounts are asked of auth by the
 * page that shows them: audit serves every module and reads no other module's table.
 */
export async function recentAuditEntries(db: Executor, limit = 100, before?: AuditCursor) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_user_id',
      'audit_log.action',
      'audit_log.subject',
      'audit_log.detail_json',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit);
  if (before !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('audit_log.at', '<', before.at),
        eb.and([eb('audit_log.at', '=', before.at), eb('audit_log.id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
}

/** The cursor as it travels in a URL ("older" link). */
export function encodeAuditCursor(c: AuditCursor): string {
  return `${c.at}.${c.id}`;
}

/** Reads a cursor from a URL; undefined when it is not one of ours. */
export function decodeAuditCursor(raw: unknown): AuditCursor | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d{1,16})\.([0-9a-f-]{36})$/.exec(raw);
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}

/**
 * Audit actions in plain words, by action: each module exports its own
 * (`{ 'post.publish': 'Published an article' }`) and app.ts hands the collected labels to the
 * audit page, so no registry lives in the process.
 */
export type AuditLabels = Readonly<Record<string, string>>;

/** An action in plain words; unknown ones are made readable ("pages.update" → "Pages: update"). */
export function describeAuditAction(action: string, labels: AuditLabels): string {
  const known = Object.hasOwn(labels, action) ? labels[action] : undefined;
  if (known) return known;
  const [module, ...verb] = action.split('.');
  const words = (s: string) => s.replace(/[_-]+/g, ' ').trim();
  const head = words(module ?? action);
  return verb.length ? `${head.charAt(0).toUpperCase()}${head.slice(1)}: ${words(verb.join(' '))}` : head;
}
