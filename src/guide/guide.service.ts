import { recordAudit } from '../audit/index.ts';
import { practiceNoticeAddress } from '../auth/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { cancelJob, type JobHandlers, scheduleJob } from '../jobs/index.ts';
import { enqueueMail, renderEmail } from '../mail/index.ts';
import { currentCrisisResources, resourcesForCountry } from '../safety/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { type Answers, type Evaluation, evaluate } from './engine/evaluate.ts';
import * as q from './guide.queries.ts';
import { readGuideSettings, SHARED_RESULT_RETENTION_MS } from './guide.settings.ts';
import { outcomeWords } from './pages/admin-results.tsx';
import type { IntakeHelp } from './pages/intake.tsx';

/** What a visitor shares, as sealed at rest. */
export interface SharedContent {
  name: string;
  email: string;
  answers: Answers;
  evaluation: Evaluation;
}

const DELETE_KIND = 'guide.delete_shared_result';

/** The referral list and the practice country's crisis lines, for IntakeStopped and result pages. */
export async function loadIntakeHelp(db: Executor, country: string): Promise<IntakeHelp> {
  const [referrals, all] = await Promise.all([q.referralList(db), currentCrisisResources(db)]);
  return { referrals, lines: resourcesForCountry(country, all) };
}

/** Evaluates answers with the coach's current cut-offs. */
export async function evaluateWithSettings(db: Executor, answers: Answers): Promise<Evaluation> {
  return evaluate(answers, (await readGuideSettings(db)).cutoffs);
}

/**
 * Stores a result the visitor chose to share (sealed), schedules its deletion at the end of the
 * retention period and tells the coach, without any of the answers, in one transaction.
 * Urgent results are never stored (§5.8): the caller must not get here with one.
 */
export async function shareResult(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock' | 'config'>,
  content: SharedContent,
): Promise<{ id: string; expiresAt: number }> {
  if (content.evaluation.outcome === 'urgent') throw new Error('urgent results are never stored');
  const id = newId();
  const now = deps.clock.now();
  const expiresAt = now + SHARED_RESULT_RETENTION_MS;
  await deps.dbh.db.transaction().execute(async (tx) => {
    await q.insertSharedResult(tx, {
      id,
      created_at: now,
      expires_at: expiresAt,
      sealed: deps.sealer.seal(JSON.stringify(content)),
      read_at: null,
      message_sent_at: null,
    });
    await scheduleJob(tx, { kind: DELETE_KIND, payload: { id }, runAt: expiresAt, key: `guide-result:${id}` }, now);
    const settings = await readSiteSettings(tx);
    const coach = await practiceNoticeAddress(tx, settings.contactEmail);
    if (coach) {
      const mail = renderEmail({
        practiceName: settings.practiceName,
        heading: 'A visitor shared a guide result with you',
        paragraphs: [
          'Someone who used the therapy-or-coaching guide chose to share their result with you. It is in the back office; this email carries none of their answers.',
        ],
        button: { label: 'Open shared results', url: `${deps.config.publicUrl}/admin/guide/results/${id}` },
        footer: `Shared results are deleted automatically ${Math.round(SHARED_RESULT_RETENTION_MS / 86_400_000)} days after they arrive.`,
      });
      await enqueueMail(tx, deps, {
        kind: 'guide.shared_to_coach',
        to: coach,
        subject: 'A guide result was shared with you',
        ...mail,
      });
    }
  });
  return { id, expiresAt };
}

/** A shared result opened for the coach (marked read), or undefined when gone or expired. */
export async function openSharedResult(deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>, id: string) {
  const row = await q.sharedResultById(deps.dbh.db, id, deps.clock.now());
  if (!row) return undefined;
  if (row.read_at === null) await q.markSharedResult(deps.dbh.db, id, { read_at: deps.clock.now() });
  let content: SharedContent | null = null;
  try {
    content = JSON.parse(deps.sealer.open(row.sealed)) as SharedContent;
  } catch {
    content = null; // sealed with another key
  }
  return { ...row, content };
}

/** Deletes a shared result at the coach's (or the visitor's) request; audited without content. */
export async function deleteSharedResultNow(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  id: string,
  actorUserId: string,
): Promise<boolean> {
  return deps.dbh.db.transaction().execute(async (tx) => {
    const gone = await q.deleteSharedResult(tx, id);
    if (gone) {
      await cancelJob(tx, `guide-result:${id}`, deps.clock.now());
      await recordAudit(tx, { actorUserId, action: 'guide.result_deleted', subject: id }, deps.clock.now());
    }
    return gone;
  });
}

/** Queues the coach's referral message to the visitor through the outbox; audited without content. */
export async function sendReferralMessage(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>,
  o: { resultId: string; to: string; subject: string; body: string; actorUserId: string },
): Promise<void> {
  await deps.dbh.db.transaction().execute(async (tx) => {
    const settings = await readSiteSettings(tx);
    const paragraphs = o.body
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean);
    const mail = renderEmail({
      practiceName: settings.practiceName,
      heading: o.subject,
      paragraphs,
      footer: 'You get this email because you shared your guide result with us and asked us to be in touch.',
    });
    await enqueueMail(tx, deps, {
      kind: 'guide.referral_message',
      to: o.to,
      replyTo: await practiceNoticeAddress(tx, settings.contactEmail),
      subject: o.subject,
      ...mail,
    });
    await q.markSharedResult(tx, o.resultId, { message_sent_at: deps.clock.now() });
    await recordAudit(
      tx,
      { actorUserId: o.actorUserId, action: 'guide.referral_sent', subject: o.resultId },
      deps.clock.now(),
    );
  });
}

/** Deletes shared results at the end of their retention; safe to run again. */
export const guideJobHandlers: JobHandlers = {
  [DELETE_KIND]: {
    maxAttempts: 10,
    async run(deps, payload) {
      const now = deps.clock.now();
      if (typeof payload.id === 'string')
        await deps.dbh.db
          .deleteFrom('guide_shared_results')
          .where('id', '=', payload.id)
          .where('expires_at', '<=', now)
          .execute();
      // Any other expired result (a job lost to a restore, say) goes too.
      await q.deleteExpiredSharedResults(deps.dbh.db, now);
    },
  },
};

/**
 * The guide results still kept that were shared with this email address (any case), newest
 * first, with their outcome only: for the client's page in the back office. Results are sealed
 * with their address inside, so each kept one (at most a retention period's worth) is opened.
 */
export async function sharedResultsFor(deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>, email: string) {
  const want = email.trim().toLowerCase();
  const out: { id: string; createdAt: number; outcome: string; href: string }[] = [];
  for (const row of await q.sharedResultListing(deps.dbh.db, deps.clock.now())) {
    try {
      const content = JSON.parse(deps.sealer.open(row.sealed)) as SharedContent;
      if (content.email.trim().toLowerCase() === want)
        out.push({
          id: row.id,
          createdAt: row.created_at,
          outcome: outcomeWords[content.evaluation.outcome],
          href: `/admin/guide/results/${row.id}`,
        });
    } catch {
      // sealed with another key: not readable, so not shown
    }
  }
  return out;
}
