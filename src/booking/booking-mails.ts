import type { MailDraft } from '../mail/index.ts';
import { renderEmail } from '../mail/index.ts';
import type { SiteSettings } from '../settings/index.ts';
import { formatterFor } from '../time/index.ts';
import type { Booking } from './booking.tables.ts';
import { bookingIcs } from './ics.ts';

export type BookingMailKind = 'booked' | 'pending' | 'moved' | 'cancelled' | 'reminder';

export interface BookingMailContext {
  settings: SiteSettings;
  publicUrl: string;
  /** Where the coach's copies go; null when the practice has no address yet. */
  coachEmail: string | null;
  serviceName: string;
  /** The manage link's token for the client (null: no link, e.g. after a cancellation). */
  token: string | null;
  /** The client's way into the session room (a video session); the coach's needs her sign-in. */
  clientRoomUrl: string | null;
  /** The coach's words to the client (her reason, when she cancels). */
  message?: string;
  now: number;
}

const clientHeadings: Record<BookingMailKind, string> = {
  booked: 'Your session is booked',
  pending: 'Your request is with your coach',
  moved: 'Your session has moved',
  cancelled: 'Your session is cancelled',
  reminder: 'A reminder of your session',
};
const coachHeadings: Record<BookingMailKind, string> = {
  booked: 'New booking',
  pending: 'A booking waits for your approval',
  moved: 'A booking has moved',
  cancelled: 'A booking was cancelled',
  reminder: '',
};

/** The manage link clients use to reschedule or cancel. */
export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/book/manage?t=${encodeURIComponent(token)}`;
}

/** Where a client signs in to the portal (with the address the booking was made with). */
export function portalUrl(publicUrl: string): string {
  return `${publicUrl}/portal/sign-in`;
}

/** How the session happens, in the client's words. */
export function howItHappens(b: Pick<Booking, 'modality' | 'client_phone'>): string {
  return b.modality === 'phone'
    ? `Your coach will call you at ${b.client_phone ?? 'the number you gave'}.`
    : 'By video in your browser, with nothing to install: the session room opens shortly before the start. Use the room link in your booking email, or sign in to your client portal with this email address.';
}

/** The coach's address of a session's room (she is signed in). */
export function coachRoomUrl(publicUrl: string, bookingId: string): string {
  return `${publicUrl}/room/${bookingId}`;
}

/** The emails a change to a booking sends: one to the client and (except reminders) one to the coach, each in the reader's own time zone. */
export function bookingMails(kind: BookingMailKind, b: Booking, c: BookingMailContext): MailDraft[] {
  const { settings, publicUrl } = c;
  // Both readers get the coach's locale; each gets their own zone. (Issue 12: the client's own locale.)
  const f = formatterFor(settings);
  const noIcs = kind === 'reminder' || kind === 'pending';
  const ics = noIcs ? undefined : bookingIcsFile(kind, b, c, 'client');
  const coachIcs = noIcs ? undefined : bookingIcsFile(kind, b, c, 'coach');
  const clientWhen = `${f.fullWhen(b.start_at, b.client_time_zone)} (${b.client_time_zone})`;
  const paragraphs = [`${c.serviceName} with ${settings.coachName}: ${clientWhen}.`];
  if (kind === 'cancelled')
    paragraphs.push('The time is open again. You are welcome to book another one whenever it suits you.');
  else if (kind === 'pending') paragraphs.push('Your coach will confirm it soon; you will get another email then.');
  else paragraphs.push(howItHappens(b));
  if (c.message)
    paragraphs.push(
      kind === 'cancelled'
        ? `${settings.coachName}'s reason: ${c.message}`
        : `A message from ${settings.coachName}: ${c.message}`,
    );
  const client = renderEmail({
    practiceName: settings.practiceName,
    heading: clientHeadings[kind],
    paragraphs,
    ...(kind === 'cancelled'
      ? {}
      : {
          facts: [
            ...(b.modality === 'video' && c.clientRoomUrl ? [{ label: 'Video room', value: c.clientRoomUrl }] : []),
            { label: 'Your client portal', value: portalUrl(publicUrl) },
          ],
        }),
    ...(c.token
      ? { button: { label: 'Reschedule or cancel', url: manageUrl(publicUrl, c.token) } }
      : kind === 'cancelled'
        ? { button: { label: 'Book again', url: `${publicUrl}/book` } }
        : {}),
    footer: 'You receive this email because of a booking made with this address.',
  });
  const mails: MailDraft[] = [
    {
      kind: `booking.${kind}`,
      to: b.client_email,
      replyTo: c.coachEmail,
      subject: `${clientHeadings[kind]}: ${f.fullWhen(b.start_at, b.client_time_zone)}`,
      ...client,
      ...(ics ? { attachments: [ics] } : {}),
    },
  ];
  if (kind !== 'reminder' && c.coachEmail) {
    const coachWhen = `${f.fullWhen(b.start_at, settings.timeZone)} (${settings.timeZone})`;
    const coach = renderEmail({
      practiceName: settings.practiceName,
      heading: coachHeadings[kind],
      paragraphs: [`${c.serviceName}: ${coachWhen}.`, howItHappensForCoach(b)],
      facts: [
        ...(b.modality === 'video' ? [{ label: 'Video room', value: coachRoomUrl(publicUrl, b.id) }] : []),
        { label: 'Client', value: b.client_name },
        { label: 'Email', value: b.client_email },
        ...(b.client_phone ? [{ label: 'Phone', value: b.client_phone }] : []),
        { label: 'Client time zone', value: b.client_time_zone },
      ],
      button: { label: 'Open in the back office', url: `${publicUrl}/admin/bookings/${b.id}` },
    });
    mails.push({
      kind: `booking.${kind}.coach`,
      to: c.coachEmail,
      replyTo: b.client_email,
      subject: `${coachHeadings[kind]}: ${b.client_name}, ${f.fullWhen(b.start_at, settings.timeZone)}`,
      ...coach,
      ...(coachIcs ? { attachments: [coachIcs] } : {}),
    });
  }
  return mails;
}

/** How the session happens, in the coach's words (her calendar file). */
function howItHappensForCoach(b: Pick<Booking, 'modality' | 'client_name' | 'client_phone'>): string {
  return b.modality === 'phone'
    ? `Call ${b.client_name} at ${b.client_phone ?? '(no number)'}.`
    : 'By video in the session room (signed in to the back office).';
}

/**
 * The calendar file, for the client (with their own links) or for the coach (without them: her
 * copy never carries the client's manage token, only the back office's address). The manage page's
 * download is the client's file of the same booking: one UID and SEQUENCE, so a calendar that has
 * both keeps one event.
 */
export function bookingIcsFile(
  kind: BookingMailKind,
  b: Booking,
  c: BookingMailContext,
  reader: 'client' | 'coach',
): { filename: string; content: string; contentType: string } {
  const cancelled = kind === 'cancelled';
  const location =
    b.modality === 'phone'
      ? reader === 'coach'
        ? `Phone: call ${b.client_name} at ${b.client_phone ?? 'their number'}`
        : `Phone: your coach calls you at ${b.client_phone ?? 'your number'}`
      : reader === 'coach'
        ? coachRoomUrl(c.publicUrl, b.id)
        : (c.clientRoomUrl ?? undefined);
  const content = bookingIcs(
    {
      uid: b.ical_uid,
      sequence: b.ical_sequence,
      start: b.start_at,
      end: b.end_at,
      summary:
        reader === 'coach' ? `${c.serviceName}: ${b.client_name}` : `${c.serviceName} with ${c.settings.coachName}`,
      description: reader === 'coach' ? howItHappensForCoach(b) : howItHappens(b),
      ...(reader === 'client' && c.token ? { url: manageUrl(c.publicUrl, c.token) } : {}),
      ...(reader === 'coach' ? { url: `${c.publicUrl}/admin/bookings/${b.id}` } : {}),
      ...(location ? { location } : {}),
      organizer: { name: c.settings.coachName, email: c.coachEmail ?? `no-reply@${new URL(c.publicUrl).hostname}` },
      attendee: { name: b.client_name, email: b.client_email },
      cancelled,
      pending: b.status === 'pending',
    },
    c.now,
  );
  return {
    filename: cancelled ? 'cancelled.ics' : 'session.ics',
    content,
    contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`,
  };
}
