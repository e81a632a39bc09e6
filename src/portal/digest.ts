import { listClients, markDigestSent, planDigest } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { type JobHandlers, scheduleJob } from '../jobs/index.ts';
import { kickOutbox } from '../mail/index.ts';
import { enqueueDigestMail } from './portal-mails.ts';

// The daily digest (the only reminder email): a sweep every half hour asks clients' notification
// budget (`planDigest`) for each active client and sends the digests that are due now. The budget
// keeps it to one a day on the client's calendar, outside their quiet hours, none when they turned
// reminders off, each action item named once. The email names no title: "2 action items are due".

export const DIGEST_JOB = 'portal.digest';
/** How often the sweep runs; a digest goes at most this long after the client's quiet hours end. */
export const DIGEST_SWEEP_MS = 30 * 60_000;
// Two keys that schedule each other: a running job's own key cannot be moved (jobs leaves a
// running row alone), and one chain of two rows never grows the jobs table.
const KEYS = ['portal.digest:a', 'portal.digest:b'] as const;
const PAGE = 200;

/** Sends every digest the budget lets go now; returns how many were queued. */
export async function sendDueDigests(deps: Pick<Deps, 'dbh' | 'clock' | 'sealer' | 'config'>): Promise<number> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const clients: { id: string; email: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listClients(db, { status: 'active', limit: PAGE, offset });
    clients.push(...page.map((c) => ({ id: c.id, email: c.email })));
    if (page.length < PAGE) break;
  }
  let sent = 0;
  for (const c of clients) {
    const plan = await planDigest(db, c.id, now);
    if (plan.sendAt === null || plan.sendAt > now) continue;
    await db.transaction().execute(async (tx) => {
      // Asked again inside the transaction that spends the day's budget, so it is spent once.
      const again = await planDigest(tx, c.id, now);
      if (again.sendAt === null || again.sendAt > now) return;
      await markDigestSent(tx, c.id, again.itemIds, now);
      await enqueueDigestMail(tx, deps, { to: c.email, items: again.itemIds.length, checkInDue: again.checkInDue });
      sent++;
    });
  }
  return sent;
}

/** Starts (or moves to now) the sweep's chain; the workers call it once when they start. */
export async function scheduleDigestSweep(deps: Pick<Deps, 'dbh' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  await scheduleJob(deps.dbh.db, { kind: DIGEST_JOB, payload: {}, runAt: now, key: KEYS[0] }, now);
}

/** The digest sweep, for src/workers.ts. */
export const portalJobHandlers: JobHandlers = {
  [DIGEST_JOB]: {
    async run(deps, _payload, job) {
      const now = deps.clock.now();
      // The next sweep first: a sweep that fails does not end the chain.
      const next = job.dedupe_key === KEYS[0] ? KEYS[1] : KEYS[0];
      await scheduleJob(deps.dbh.db, { kind: DIGEST_JOB, payload: {}, runAt: now + DIGEST_SWEEP_MS, key: next }, now);
      if ((await sendDueDigests(deps)) > 0) kickOutbox(deps);
    },
    maxAttempts: 3,
  },
};
