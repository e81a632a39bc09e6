import crypto from 'node:crypto';
import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { toIsoUtc } from '../time/index.ts';

export interface IcsEvent {
  /** Stable across every change of one booking (a reschedule keeps it). */
  uid: string;
  /** Raised on every change, so calendar apps replace their copy instead of adding one. */
  sequence: number;
  start: number;
  end: number;
  summary: string;
  description: string;
  url?: string;
  /** Where the session happens: the room's address, or the phone arrangement. */
  location?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  cancelled?: boolean;
  /** A request the coach has not confirmed yet: the event is tentative and the client's answer open. */
  pending?: boolean;
}

/**
 * A new booking's calendar UID: unique, and under the practice's own domain (RFC 5545 §3.8.4.7),
 * so it cannot collide with another practice's events in one calendar. Rows made before this
 * (`…@tandem`) keep their stored UID: a UID never changes for an event.
 */
export function newIcalUid(publicUrl: string): string {
  return `${crypto.randomUUID()}@${new URL(publicUrl).hostname}`;
}

/**
 * One event as an iCalendar file: METHOD:REQUEST for a new or moved booking sent by email,
 * METHOD:CANCEL to withdraw it, METHOD:PUBLISH for a file the client downloads. Times in UTC.
 */
export function bookingIcs(e: IcsEvent, stamp: number, o: { publish?: boolean } = {}): string {
  const cal = ical({
    prodId: { company: 'Tandem', product: 'Booking', language: 'EN' },
    method: o.publish
      ? ICalCalendarMethod.PUBLISH
      : e.cancelled
        ? ICalCalendarMethod.CANCEL
        : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    start: new Date(e.start),
    end: new Date(e.end),
    stamp: new Date(stamp),
    summary: e.summary,
    description: e.description,
    url: e.url ?? null,
    location: e.location ?? null,
    organizer: e.organizer,
    attendees: [
      {
        name: e.attendee.name,
        email: e.attendee.email,
        rsvp: false,
        // The client booked the time, so a confirmed booking is accepted; a pending one still waits.
        // A cancellation carries no answer of theirs.
        status: e.cancelled ? null : e.pending ? ICalAttendeeStatus.NEEDSACTION : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: e.cancelled ? ICalEventStatus.CANCELLED : e.pending ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

/** How often a subscribed calendar app should read the feed again. */
export const FEED_REFRESH_SECONDS = 3600;

/** A calendar feed of many events (the coach's private subscription), with a refresh hint of an hour. */
export function feedIcs(name: string, events: Omit<IcsEvent, 'organizer' | 'attendee'>[], stamp: number): string {
  // `ttl` writes both REFRESH-INTERVAL;VALUE=DURATION (RFC 7986) and X-PUBLISHED-TTL (Outlook's).
  const cal = ical({
    name,
    prodId: { company: 'Tandem', product: 'Booking feed', language: 'EN' },
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const e of events) {
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new Date(e.start),
      end: new Date(e.end),
      stamp: new Date(stamp),
      summary: e.summary,
      description: e.description,
      url: e.url ?? null,
      location: e.location ?? null,
      status: e.cancelled
        ? ICalEventStatus.CANCELLED
        : e.pending
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

// '20261127T080000Z': iCalendar's basic form, which Google's template takes.
const utcStamp = (ms: number) => toIsoUtc(ms).replace(/[-:]/g, '');

export interface CalendarLinkEvent {
  start: number;
  end: number;
  title: string;
  details: string;
  location?: string;
}

/** "Add to Google Calendar": Google's event template, times in UTC (YYYYMMDDTHHMMSSZ/…). */
export function googleCalendarUrl(e: CalendarLinkEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${utcStamp(e.start)}/${utcStamp(e.end)}`,
    details: e.details,
    ...(e.location ? { location: e.location } : {}),
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

/** "Add to Outlook": Outlook.com's compose form, times as ISO-8601 UTC. */
export function outlookCalendarUrl(e: CalendarLinkEvent): string {
  const q = new URLSearchParams({
    subject: e.title,
    startdt: toIsoUtc(e.start),
    enddt: toIsoUtc(e.end),
    body: e.details,
    ...(e.location ? { location: e.location } : {}),
  });
  return `https://outlook.live.com/calendar/0/action/compose?${q.toString()}`;
}
