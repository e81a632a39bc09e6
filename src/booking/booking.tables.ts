import type { Selectable } from 'kysely';

/** How a service may be booked; one row per service (the service itself is the site module's). */
export interface ServiceBookingRulesTable {
  service_id: string;
  buffer_before_min: number;
  buffer_after_min: number;
  /** Minimum notice before a start time. */
  notice_min: number;
  /** How many days ahead clients may book. */
  horizon_days: number;
  /** Distance between offered start times; 0 = the session's length. */
  step_min: number;
  daily_limit: number | null;
  /** 1 when a new client answers the guide's intake screen first. */
  intake_required: number;
  /** 1 when a new client's booking waits for the coach's approval ('pending'). */
  approval_required: number;
  /** Inside this many minutes before the start, clients cannot reschedule or cancel themselves. */
  cancel_notice_min: number;
  /** Minutes before the start at which reminders go out, as a JSON array. */
  reminder_offsets_json: string;
  /** How many sessions one booking books: 1 for a single session, more for a package. */
  series_count: number;
  /** A package's rhythm. */
  series_repeat: 'weekly' | 'fortnightly' | 'monthly';
  /** 1 when a client may book the service only once (the coach may still book another). */
  once_per_client: number;
  updated_at: number;
}

/** Weekly hours in the coach's zone: minutes since local midnight, several ranges a day allowed. */
export interface AvailabilityWeeklyTable {
  id: string;
  weekday: number;
  start_min: number;
  end_min: number;
}

/** One date's own hours ('[]' = closed), replacing the weekly ones. */
export interface AvailabilityOverridesTable {
  date: string;
  ranges_json: string;
  note: string;
}

export interface TimeOffTable {
  id: string;
  from_date: string;
  to_date: string;
  note: string;
}

/** The private feed's secret and the cached busy times of an external calendar (one row, id 'practice'). */
export interface BookingCalendarTable {
  id: string;
  feed_token: string;
  external_url: string | null;
  external_busy_json: string;
  external_fetched_at: number | null;
  external_error: string | null;
  updated_at: number;
}

export type BookingStatus = 'pending' | 'confirmed' | 'cancelled' | 'declined' | 'completed' | 'no_show';

/** A booking: one session at one time for one client. Never deleted; its status moves by compare-and-swap. */
export interface BookingsTable {
  id: string;
  coach_id: string;
  service_id: string;
  series_id: string | null;
  status: BookingStatus;
  start_at: number;
  end_at: number;
  block_start_at: number;
  block_end_at: number;
  modality: 'video' | 'phone';
  client_name: string;
  client_email: string;
  client_phone: string | null;
  client_time_zone: string;
  /** The client record (clients') the booking belongs to; null once that client is deleted. */
  client_id: string | null;
  note_sealed: string | null;
  /** Unique: the same form sent twice makes one booking. */
  request_id: string;
  /** SHA-256 of the manage link's token; null once the booking can no longer be managed. */
  manage_token_hash: string | null;
  /** The manage token's hash once the booking ended (cancelled, declined, moved): the old link says so. */
  spent_token_hash: string | null;
  ical_uid: string;
  ical_sequence: number;
  rescheduled_from: string | null;
  created_by: 'client' | 'coach' | 'api';
  /** 'client', 'coach', 'rescheduled' (the row a move left behind), or another code. */
  cancel_reason: string | null;
  /** The coach's reason for cancelling, sealed; shown to the client. */
  cancel_message_sealed: string | null;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
}

export interface BookingTables {
  service_booking_rules: ServiceBookingRulesTable;
  availability_weekly: AvailabilityWeeklyTable;
  availability_overrides: AvailabilityOverridesTable;
  time_off: TimeOffTable;
  booking_calendar: BookingCalendarTable;
  bookings: BookingsTable;
  booking_reminders_sent: { key: string; sent_at: number };
}

export type Booking = Selectable<BookingsTable>;
export type ServiceBookingRules = Selectable<ServiceBookingRulesTable>;
/** Statuses that hold their time (the PostgreSQL exclusion constraint uses the same list). */
export const ACTIVE_STATUSES = ['pending', 'confirmed', 'completed', 'no_show'] as const;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends BookingTables {}
}
