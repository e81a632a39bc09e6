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
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/[,;]/g, (c) => `\\${c}`);

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
export function sessionIcs(s: ClientSession, o: { practiceName: string; publicUrl: string; now: number }): string {
  const how =
    s.modality === 'phone'
      ? `By phone: your coach calls you${s.clientPhone ? ` at ${s.clientPhone}` : ''}.`
      : `By video in the session room, which opens shortly before the start: ${o.publicUrl}/room/${s.id} (signed in to your client portal).`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Client portal//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:portal-${s.id}@${new URL(o.publicUrl).hostname}`,
    `DTSTAMP:${stamp(o.now)}`,
    `DTSTART:${stamp(s.startAt)}`,
    `DTEND:${stamp(s.endAt)}`,
    `SUMMARY:${text(`${s.serviceName} with ${o.practiceName}`)}`,
    `DESCRIPTION:${text(how)}`,
    `URL:${o.publicUrl}/portal/sessions`,
    `LOCATION:${text(s.modality === 'phone' ? `Phone: your coach calls you${s.clientPhone ? ` at ${s.clientPhone}` : ''}` : `${o.publicUrl}/room/${s.id}`)}`,
    s.status === 'pending' ? 'STATUS:TENTATIVE' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
