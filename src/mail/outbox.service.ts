import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { afterFailure } from './backoff.ts';
import type { OutboxMessage } from './mail.tables.ts';
import * as q from './outbox.queries.ts';
import type { MailAddress, MailAttachment, OutgoingMail } from './transport.ts';

/** What a module hands to the outbox: both parts, always; the outbox adds From and Message-ID. */
export interface MailDraft {
  /** What caused it, e.g. 'contact.to_coach'; shown in the back office, never the body. */
  kind: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/** How long a worker holds a message it is sending before another may take it over. */
export const LEASE_MS = 60_000;
const DEFAULT_BATCH = 20;

/** Queues an email in the caller's transaction, so it is sent if and only if the change commits. */
export async function enqueueMail(
  db: Executor,
  deps: Pick<Deps, 'sealer' | 'clock'>,
  draft: MailDraft,
): Promise<string> {
  const id = newId();
  const now = deps.clock.now();
  await q.insertOutboxMessage(db, {
    id,
    kind: draft.kind,
    to_address: draft.to,
    reply_to: draft.replyTo ?? null,
    subject: oneLine(draft.subject),
    text_sealed: deps.sealer.seal(draft.text),
    html_sealed: deps.sealer.seal(draft.html),
    headers_json: JSON.stringify(draft.headers ?? {}),
    attachments_sealed: draft.attachments?.length ? deps.sealer.seal(JSON.stringify(draft.attachments)) : null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    lease_owner: null,
    last_error: null,
    created_at: now,
    sent_at: null,
  });
  return id;
}

// One pass at a time per app instance, even when the worker and a caller (CLI, test) overlap.
const passes = new WeakMap<object, Promise<unknown>>();

/**
 * One pass of the worker: claims due messages, sends each over SMTP, records the outcome.
 * Without a mail transport (no MAIL_URL) it sends nothing and messages wait as 'queued'.
 */
export async function deliverDueMail(
  deps: Deps,
  opts: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  if (!deps.mail) return { sent: 0, failed: 0 };
  const previous = passes.get(deps) ?? Promise.resolve();
  const pass = previous.catch(() => {}).then(() => deliverPass(deps, opts.limit ?? DEFAULT_BATCH));
  passes.set(deps, pass);
  try {
    return await pass;
  } finally {
    if (passes.get(deps) === pass) passes.delete(deps);
  }
}

async function deliverPass(deps: Deps, limit: number): Promise<{ sent: number; failed: number }> {
  const { db } = deps.dbh;
  const owner = deps.instanceId;
  const now = deps.clock.now();
  const leaseUntil = now + LEASE_MS;
  const rows = await q.claimDueMessages(db, { owner, now, leaseUntil, limit });
  const result = { sent: 0, failed: 0 };
  if (rows.length === 0) return result;
  const sender = await senderIdentity(deps);
  for (const row of rows) {
    // A slow SMTP server could outlast the claim's lease over a long batch: renew it per message,
    // and skip any message another instance has taken over meanwhile.
    const renewed = deps.clock.now() + LEASE_MS;
    if (!(await q.renewLease(db, row.id, owner, leaseUntil, renewed))) continue;
    try {
      await deps.mail!.send(composeMail(deps, row, sender));
    } catch (err) {
      result.failed++;
      const attempts = row.attempts + 1;
      const next = afterFailure(attempts, deps.clock.now());
      const lastError = describeFailure(err);
      await q.markAttemptFailed(db, row.id, owner, {
        attempts,
        status: next.status,
        nextAttemptAt: next.status === 'queued' ? next.nextAttemptAt : row.next_attempt_at,
        lastError,
      });
      deps.log.warn(
        { outboxId: row.id, kind: row.kind, attempts, status: next.status, error: lastError },
        'mail not sent',
      );
      continue;
    }
    result.sent++;
    // At-least-once: should this write fail, the message goes out again after the lease, with the
    // same Message-ID and X-Tandem-Outbox-Id so the receiving side can tell it is a repeat.
    await q.markSent(db, row.id, owner, deps.clock.now());
    deps.log.info({ outboxId: row.id, kind: row.kind }, 'mail sent');
  }
  return result;
}

export interface SenderIdentity {
  from: string | MailAddress;
  domain: string;
}

/** From: MAIL_FROM when set (with the practice's name when it has none), else no-reply on our domain. */
export async function senderIdentity(deps: Pick<Deps, 'dbh' | 'config'>): Promise<SenderIdentity> {
  const { practiceName } = await readSiteSettings(deps.dbh.db);
  const domain = new URL(deps.config.publicUrl).hostname;
  const configured = deps.config.mailFrom?.trim();
  if (configured?.includes('<')) return { from: configured, domain };
  return { from: { name: practiceName, address: configured || `no-reply@${domain}` }, domain };
}

function composeMail(deps: Deps, row: OutboxMessage, sender: SenderIdentity): OutgoingMail {
  const extra = JSON.parse(row.headers_json) as Record<string, string>;
  return {
    from: sender.from,
    to: row.to_address,
    replyTo: row.reply_to ?? undefined,
    subject: row.subject,
    text: deps.sealer.open(row.text_sealed),
    html: deps.sealer.open(row.html_sealed),
    headers: { ...extra, 'X-Tandem-Outbox-Id': row.id },
    messageId: `<${row.id}@${sender.domain}>`,
    ...(row.attachments_sealed
      ? { attachments: JSON.parse(deps.sealer.open(row.attachments_sealed)) as MailAttachment[] }
      : {}),
  };
}

/** A short reason for the back office: the error code and the server's words, never a body. */
export function describeFailure(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = [e.code, e.responseCode].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
  const message = oneLine(typeof e.message === 'string' ? e.message : String(err));
  return ((code ? `${code}: ` : '') + message).slice(0, 200);
}

/** The From header as a person reads it. */
export function formatAddress(a: string | MailAddress): string {
  return typeof a === 'string' ? a : `"${a.name.replace(/["\\]/g, '')}" <${a.address}>`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The message as the coach reads it in the back office: headers and the plain-text body. */
export async function readOutboxMessage(deps: Pick<Deps, 'dbh' | 'sealer'>, id: string) {
  const row = await q.outboxMessageById(deps.dbh.db, id);
  if (!row) return undefined;
  const { text_sealed, html_sealed: _html, ...rest } = row;
  let text: string;
  try {
    text = deps.sealer.open(text_sealed);
  } catch {
    text = '(This message cannot be opened: it was sealed with a different encryption key.)';
  }
  return { ...rest, headers: JSON.parse(row.headers_json) as Record<string, string>, text };
}

/**
 * "Send again": a waiting or given-up message goes back to the front of the queue with a fresh
 * count of attempts. Returns false when it was sent or taken by a worker meanwhile.
 */
export async function retryOutboxMessage(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  id: string,
  actorUserId: string,
): Promise<'requeued' | 'not_found' | 'busy'> {
  return deps.dbh.db.transaction().execute(async (tx) => {
    const row = await q.outboxMessageById(tx, id);
    if (!row) return 'not_found';
    if (row.status !== 'queued' && row.status !== 'failed') return 'busy';
    const now = deps.clock.now();
    if (!(await q.requeueMessage(tx, id, row.status, now))) return 'busy';
    await recordAudit(
      tx,
      {
        actorUserId,
        action: 'outbox.retry',
        subject: id,
        detail: { kind: row.kind, previousStatus: row.status, attempts: row.attempts },
      },
      now,
    );
    return 'requeued';
  });
}
