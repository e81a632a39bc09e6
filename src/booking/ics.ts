import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

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
}

/** One event as an iCalendar file: METHOD:REQUEST for a new or moved booking, METHOD:CANCEL to withdraw it. Times in UTC. */
export function bookingIcs(e: IcsEvent, stamp: number): string {
  const cal = ical({
    prodId: { company: 'Tandem', product: 'Booking', language: 'EN' },
    method: e.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
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
    attendees: [{ name: e.attendee.name, email: e.attendee.email, rsvp: false }],
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

/** A calendar feed of many events (the coach's private subscription). */
export function feedIcs(name: string, events: Omit<IcsEvent, 'organizer' | 'attendee'>[], stamp: number): string {
  const cal = ical({ name, prodId: { company: 'Tandem', product: 'Booking feed', language: 'EN' } });
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
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
