import type { ClientSession } from '../booking/index.ts';

// "Add to your calendar": one session as an iCalendar file (RFC 5545), times in UTC so every
// calendar shows them in its own zone. Text is escaped; lines are folded at 75 octets.

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const text = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/[,;]/g, (c) => `\\${c}`);

// A parameter value (CN=…) is quoted; RFC 5545 allows no DQUOTE inside, nor control characters.
const param = (s: string) => `"${s.replace(/["\p{Cc}]/gu, '')}"`;
// An address is checked where it is taken; a line break must never reach the file all the same.
const mailto = (email: string) => `mailto:${email.replace(/\p{Cc}/gu, '')}`;

function fold(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  while (rest.length > 75) {
    let cut = out.length === 0 ? 75 : 74;
    // Never split a UTF-8 character.
    while (cut > 0 && (rest[cut]! & 0xc0) === 0x80) cut--;
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n ');
}

/** The .ics for one of the client's sessions. */
export function sessionIcs(
  s: ClientSession,
  o: {
    practiceName: string;
    publicUrl: string;
    now: number;
    /** Who organises it; by default the practice, at a no-reply address of its domain. */
    organizer?: { name: string; email: string };
  },
): string {
  const host = new URL(o.publicUrl).hostname;
  const organizer = o.organizer ?? { name: o.practiceName, email: `no-reply@${host}` };
  const how =
    s.modality === 'phone'
      ? `By phone: your coach calls you${s.clientPhone ? ` at ${s.clientPhone}` : ''}.`
      : `By video in the session room, which opens shortly before the start: ${o.publicUrl}/room/${s.id} (signed in to your client portal).`;
  const status = s.cancelled ? 'CANCELLED' : s.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED';
  // The client booked it: accepted once confirmed, still open while the coach has not confirmed it.
  const partstat = s.status === 'pending' ? 'NEEDS-ACTION' : 'ACCEPTED';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Client portal//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // The booking's own UID and SEQUENCE, as in its emails: a calendar holding both files keeps one
    // event, and a moved session replaces its old time (the booking's id changes on a move; its UID
    // never does). Old bookings keep the UID they were given.
    `UID:${s.icalUid}`,
    `SEQUENCE:${s.icalSequence}`,
    `DTSTAMP:${stamp(o.now)}`,
    `DTSTART:${stamp(s.startAt)}`,
    `DTEND:${stamp(s.endAt)}`,
    `SUMMARY:${text(`${s.serviceName} with ${o.practiceName}`)}`,
    `DESCRIPTION:${text(how)}`,
    `URL:${o.publicUrl}/portal/sessions`,
    `LOCATION:${text(s.modality === 'phone' ? `Phone: your coach calls you${s.clientPhone ? ` at ${s.clientPhone}` : ''}` : `${o.publicUrl}/room/${s.id}`)}`,
    `ORGANIZER;CN=${param(organizer.name)}:${mailto(organizer.email)}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=FALSE;CN=${param(s.clientName)}:${mailto(s.clientEmail)}`,
    `STATUS:${status}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
