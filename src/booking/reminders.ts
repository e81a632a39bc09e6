import { practiceNoticeAddress } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import type { JobHandlers } from '../jobs/index.ts';
import { enqueueMail, kickOutbox } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import * as q from './booking.queries.ts';
import { clientRoomUrl, REMINDER_JOB } from './booking-effects.ts';
import { bookingMails } from './booking-mails.ts';
import { CALENDAR_JOB, calendarRefreshJob } from './external-calendar.ts';

/** Sends one reminder, once: only for a booking still confirmed at the time it was planned for. */
async function sendReminder(deps: Deps, payload: Record<string, unknown>): Promise<void> {
  const { bookingId, offsetMin, startAt } = payload as { bookingId: string; offsetMin: number; startAt: number };
  const sent = await deps.dbh.db.transaction().execute(async (tx) => {
    const b = await q.bookingById(tx, bookingId);
    if (b?.status !== 'confirmed' || b.start_at !== startAt) return false;
    // The mark and the mail commit together: a job run again after a crash finds the mark and stops.
    if (!(await q.markReminderSent(tx, `${bookingId}:${offsetMin}:${startAt}`, deps.clock.now()))) return false;
    const bs = await q.serviceWithRules(tx, { id: b.service_id }, deps.clock.now());
    const settings = await readSiteSettings(tx);
    const ctx = {
      settings,
      publicUrl: deps.config.publicUrl,
      coachEmail: await practiceNoticeAddress(tx, settings.contactEmail),
      serviceName: bs?.service.name ?? 'Session',
      token: null,
      clientRoomUrl: clientRoomUrl(deps, b),
      now: deps.clock.now(),
    };
    for (const draft of bookingMails('reminder', b, ctx)) await enqueueMail(tx, deps, draft);
    return true;
  });
  if (sent) kickOutbox(deps);
}

/** The booking module's background work. */
export const bookingJobHandlers: JobHandlers = {
  // A reminder found more than 15 minutes after its moment (the app was down) is skipped, not sent late.
  [REMINDER_JOB]: { run: sendReminder, lateAfterMs: 15 * 60_000, maxAttempts: 5 },
  // Reading the external calendar records its own failures; a late run is still useful.
  [CALENDAR_JOB]: { run: (deps) => calendarRefreshJob(deps), maxAttempts: 3 },
};
