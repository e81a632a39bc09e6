import assert from 'node:assert/strict';
import { it } from 'node:test';
import ICAL from 'ical.js';
import { defaultSiteSettings } from '../settings/index.ts';
import type { Booking } from './booking.tables.ts';
import { type BookingMailContext, bookingMails } from './booking-mails.ts';
import { bookingIcs, feedIcs, googleCalendarUrl, newIcalUid, outlookCalendarUrl } from './ics.ts';
import { calendarLinkEvent } from './pages/manage.tsx';

const START = Date.UTC(2026, 10, 30, 8, 0, 0);
const END = START + 3_600_000;
const TOKEN = 'manage-token-abcdefghijklmnopqrstuvwxyz';

/** The one VEVENT of an .ics, read by ical.js (an independent parser). */
function vevent(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, ev: cal.getFirstSubcomponent('vevent')! };
}
const partstatOf = (ev: ICAL.Component) => ev.getFirstProperty('attendee')?.getParameter('partstat');
const attachments = (m: { attachments?: { content: string | Buffer }[] }) =>
  (m.attachments ?? []).map((a) => String(a.content));

function booking(o: Partial<Booking> = {}): Booking {
  return {
    id: 'b0000000-0000-4000-8000-000000000001',
    coach_id: 'coach',
    service_id: 's1',
    series_id: null,
    status: 'confirmed',
    start_at: START,
    end_at: END,
    block_start_at: START,
    block_end_at: END,
    modality: 'phone',
    client_name: 'Ana Client',
    client_email: 'ana@example.test',
    client_phone: '+49 30 1234567',
    client_time_zone: 'Europe/Berlin',
    client_id: 'c1',
    note_sealed: null,
    request_id: 'r1',
    manage_token_hash: 'h',
    spent_token_hash: null,
    ical_uid: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9@coach.example',
    ical_sequence: 2,
    rescheduled_from: null,
    created_by: 'client',
    cancel_reason: null,
    cancel_message_sealed: null,
    created_at: START - 86_400_000,
    updated_at: START - 86_400_000,
    cancelled_at: null,
    ...o,
  };
}

function mailContext(o: Partial<BookingMailContext> = {}): BookingMailContext {
  return {
    settings: { ...defaultSiteSettings, coachName: 'Maya Test', timeZone: 'Europe/Berlin' },
    publicUrl: 'https://coach.example',
    coachEmail: 'coach@coach.example',
    serviceName: 'Coaching',
    token: TOKEN,
    clientRoomUrl: 'https://coach.example/room/b0000000-0000-4000-8000-000000000001?t=c.capability',
    now: START - 86_400_000,
    ...o,
  };
}

it('a new calendar UID is a UUID under the practice’s domain', () => {
  assert.match(
    newIcalUid('https://coach.example'),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@coach\.example$/,
  );
  assert.match(newIcalUid('http://localhost:3000/'), /@localhost$/);
  assert.notEqual(newIcalUid('https://coach.example'), newIcalUid('https://coach.example'));
});

it('the attendee has accepted a confirmed booking; a pending one waits for an answer and is tentative', () => {
  const base = {
    uid: 'u@coach.example',
    sequence: 0,
    start: START,
    end: END,
    summary: 'Coaching with Maya',
    description: 'By phone.',
    organizer: { name: 'Maya Test', email: 'coach@coach.example' },
    attendee: { name: 'Ana Client', email: 'ana@example.test' },
  };
  const confirmed = vevent(bookingIcs(base, START)).ev;
  assert.equal(partstatOf(confirmed), 'ACCEPTED');
  assert.equal(confirmed.getFirstPropertyValue('status'), 'CONFIRMED');
  assert.equal(confirmed.getFirstPropertyValue('attendee'), 'MAILTO:ana@example.test');
  const pending = vevent(bookingIcs({ ...base, pending: true }, START)).ev;
  assert.equal(partstatOf(pending), 'NEEDS-ACTION');
  assert.equal(pending.getFirstPropertyValue('status'), 'TENTATIVE');
  const cancelled = vevent(bookingIcs({ ...base, cancelled: true }, START));
  assert.equal(cancelled.cal.getFirstPropertyValue('method'), 'CANCEL');
  assert.equal(cancelled.ev.getFirstPropertyValue('status'), 'CANCELLED');
});

it('the private feed tells calendar apps to read it again every hour', () => {
  const text = feedIcs(
    'Practice bookings',
    [{ uid: 'u@coach.example', sequence: 0, start: START, end: END, summary: 'Coaching: Ana', description: 'x' }],
    START,
  );
  const cal = new ICAL.Component(ICAL.parse(text));
  const refresh = cal.getFirstProperty('refresh-interval')!;
  // ical.js reads VALUE=DURATION into the property's type.
  assert.equal(refresh.type, 'duration');
  assert.equal(String(refresh.getFirstValue()), 'PT1H');
  assert.equal(String(cal.getFirstPropertyValue('x-published-ttl')), 'PT1H');
  assert.match(text, /\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n/);
});

it('the client’s file carries their manage link and where the session happens; the coach’s carries neither the link nor its token', () => {
  for (const modality of ['phone', 'video'] as const) {
    const b = booking({ modality, client_phone: modality === 'phone' ? '+49 30 1234567' : null });
    const [toClient, toCoach] = bookingMails('booked', b, mailContext());
    const [clientIcs] = attachments(toClient!);
    const [coachIcs] = attachments(toCoach!);
    assert.ok(clientIcs && coachIcs, modality);

    const client = vevent(clientIcs).ev;
    assert.equal(client.getFirstPropertyValue('uid'), b.ical_uid, 'the stored UID, kept');
    assert.equal(client.getFirstPropertyValue('sequence'), 2);
    assert.equal(client.getFirstPropertyValue('url'), `https://coach.example/book/manage?t=${TOKEN}`);
    assert.equal(partstatOf(client), 'ACCEPTED');
    assert.equal(
      client.getFirstPropertyValue('location'),
      modality === 'phone'
        ? 'Phone: your coach calls you at +49 30 1234567'
        : 'https://coach.example/room/b0000000-0000-4000-8000-000000000001?t=c.capability',
    );

    const coach = vevent(coachIcs).ev;
    assert.equal(coach.getFirstPropertyValue('uid'), b.ical_uid);
    assert.equal(coach.getFirstPropertyValue('url'), `https://coach.example/admin/bookings/${b.id}`);
    assert.equal(partstatOf(coach), 'ACCEPTED');
    assert.equal(
      coach.getFirstPropertyValue('location'),
      modality === 'phone'
        ? 'Phone: call Ana Client at +49 30 1234567'
        : 'https://coach.example/room/b0000000-0000-4000-8000-000000000001',
    );
    // Unfolded, so a token split across a folded line would still be found.
    const flat = coachIcs.replace(/\r\n[ \t]/g, '');
    assert.doesNotMatch(flat, /t=/, `${modality}: no token in the coach's copy`);
    assert.doesNotMatch(flat, /\/book\/manage/, `${modality}: no manage link in the coach's copy`);
    assert.ok(!flat.includes(TOKEN) && !flat.includes('c.capability'));
  }
});

it('a booking made before UIDs carried the domain keeps its stored UID in every file', () => {
  const old = booking({ ical_uid: '6a1c2b3d-0000-4000-8000-000000000000@tandem' });
  for (const m of bookingMails('moved', old, mailContext()))
    for (const ics of attachments(m))
      assert.equal(vevent(ics).ev.getFirstPropertyValue('uid'), '6a1c2b3d-0000-4000-8000-000000000000@tandem');
});

it('Google and Outlook links carry the time in UTC and what the event needs, never the token or the phone number', () => {
  for (const modality of ['phone', 'video'] as const) {
    const b = booking({ modality });
    const event = calendarLinkEvent(b, {
      serviceName: 'Coaching',
      coachName: 'Maya Test',
      publicUrl: 'https://coach.example',
    });
    const google = new URL(googleCalendarUrl(event));
    assert.equal(`${google.origin}${google.pathname}`, 'https://calendar.google.com/calendar/render');
    assert.equal(google.searchParams.get('action'), 'TEMPLATE');
    assert.equal(google.searchParams.get('text'), 'Coaching with Maya Test');
    assert.equal(google.searchParams.get('dates'), '20261130T080000Z/20261130T090000Z');
    const outlook = new URL(outlookCalendarUrl(event));
    assert.equal(`${outlook.origin}${outlook.pathname}`, 'https://outlook.live.com/calendar/0/action/compose');
    assert.equal(outlook.searchParams.get('subject'), 'Coaching with Maya Test');
    assert.equal(outlook.searchParams.get('startdt'), '2026-11-30T08:00:00Z');
    assert.equal(outlook.searchParams.get('enddt'), '2026-11-30T09:00:00Z');
    assert.equal(
      outlook.searchParams.get('location'),
      modality === 'video' ? `https://coach.example/room/${b.id}` : 'Phone: your coach calls you',
    );
    assert.equal(google.searchParams.get('location'), outlook.searchParams.get('location'));
    assert.equal(google.searchParams.get('details'), outlook.searchParams.get('body'));
    for (const u of [google, outlook]) {
      assert.ok(!u.href.includes('t%3D') && !/[?&]t=/.test(u.href), 'no token');
      assert.ok(!decodeURIComponent(u.href).includes('1234567'), 'no phone number');
    }
  }
  const pending = calendarLinkEvent(booking({ status: 'pending' }), {
    serviceName: 'Coaching',
    coachName: 'Maya Test',
    publicUrl: 'https://coach.example',
  });
  assert.match(pending.details, /^Requested: your coach will confirm it/);
});
