import { practiceNoticeAddress } from '../auth/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { cancelJob, scheduleJob } from '../jobs/index.ts';
import { enqueueMail } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Booking } from './booking.tables.ts';
import { type BookingMailKind, bookingMails } from './booking-mails.ts';
import { manageCapability, roomPath } from './client-sessions.ts';

/** What a change to a booking sets off, in the same transaction: its emails and its reminders. */

const MIN = 60_000;
export const REMINDER_JOB = 'booking.reminder';

/** A service's reminder offsets in minutes (JSON in the rules row). */
export function offsetsOf(json: string): number[] {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
}

/** The job key of one reminder: a booking's reminders move and drop by it. */
export function reminderKey(bookingId: string, offsetMin: number): string {
  return `booking-reminder:${bookingId}:${offsetMin}`;
}

export async function planReminders(tx: Executor, b: Booking, offsets: number[], now: number): Promise<void> {
  for (const offsetMin of offsets) {
    const runAt = b.start_at - offsetMin * MIN;
    // A reminder whose moment has already passed is not sent at all.
    if (runAt > now)
      await scheduleJob(
        tx,
        {
          kind: REMINDER_JOB,
          payload: { bookingId: b.id, offsetMin, startAt: b.start_at },
          runAt,
          key: reminderKey(b.id, offsetMin),
        },
        now,
      );
  }
}

export async function dropReminders(tx: Executor, b: Booking, offsets: number[], now: number): Promise<void> {
  for (const offsetMin of offsets) await cancelJob(tx, reminderKey(b.id, offsetMin), now);
}

/**
 * The session room's address for the client, carrying the booking's capability rather than the
 * manage token: reminders (which cannot know the token) then link to it too.
 */
export function clientRoomUrl(deps: Pick<Deps, 'config' | 'secrets'>, b: Booking): string | null {
  return b.modality === 'video'
    ? `${deps.config.publicUrl}${roomPath(b.id, manageCapability(deps.secrets, b.id))}`
    : null;
}

/** Queues the emails of a change, in the same transaction as the change. */
export async function notify(
  tx: Executor,
  deps: Pick<Deps, 'sealer' | 'clock' | 'config' | 'secrets'>,
  kind: BookingMailKind,
  b: Booking,
  serviceName: string,
  token: string | null,
  message?: string,
): Promise<void> {
  const settings = await readSiteSettings(tx);
  const coachEmail = await practiceNoticeAddress(tx, settings.contactEmail);
  const ctx = {
    settings,
    publicUrl: deps.config.publicUrl,
    coachEmail,
    serviceName,
    token,
    clientRoomUrl: clientRoomUrl(deps, b),
    now: deps.clock.now(),
    ...(message ? { message } : {}),
  };
  for (const draft of bookingMails(kind, b, ctx)) await enqueueMail(tx, deps, draft);
}
