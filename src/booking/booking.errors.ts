import type { Slot } from './slots.ts';

/** Why a booking or a change to one was refused; each has words a client can act on. */
export type BookingErrorCode =
  | 'unknown_service'
  | 'in_past'
  | 'too_soon'
  | 'too_far'
  | 'not_offered'
  | 'slot_taken'
  | 'needs_intake'
  | 'inside_notice'
  | 'not_active'
  | 'token_invalid';

const messages: Record<BookingErrorCode, string> = {
  unknown_service: 'We could not find that service. Please choose one from the list.',
  in_past: 'That time has already passed. Please choose a time in the future.',
  too_soon: 'That time is too soon to book. Please choose a later time.',
  too_far: 'That time is too far ahead to book yet. Please choose an earlier date.',
  not_offered: 'That time is not one of the offered start times. Please choose one from the list.',
  slot_taken: 'That time was just taken by someone else. Here are the nearest free times.',
  needs_intake: 'This service starts with a few short questions, which the booking page asks. Please book it there.',
  inside_notice: 'This session is too close to change online. Please write to your coach instead.',
  not_active: 'This booking can no longer be changed: it was cancelled, moved or has already taken place.',
  token_invalid:
    'This link does not open a booking. It may have been replaced by a newer one: please use the link in your latest email.',
};

/** HTTP status of each code, for the JSON API and the error pages. */
export const bookingErrorStatus: Record<BookingErrorCode, number> = {
  unknown_service: 404,
  in_past: 422,
  too_soon: 422,
  too_far: 422,
  not_offered: 422,
  slot_taken: 409,
  needs_intake: 422,
  inside_notice: 409,
  not_active: 409,
  token_invalid: 404,
};

export class BookingError extends Error {
  constructor(
    readonly code: BookingErrorCode,
    /** For 'slot_taken': the nearest free times instead. */
    readonly nearest: Slot[] = [],
  ) {
    super(messages[code]);
    this.name = 'BookingError';
  }
}
