import { toIsoUtc } from '../time/index.ts';
import { CodedError, errorTable } from '../web/index.ts';
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
  | 'once_per_client'
  | 'inside_notice'
  | 'not_active'
  | 'token_invalid';

/** Each code's status, title and words a client can act on; app.ts adds this table to the registry. */
export const bookingErrors = errorTable<BookingErrorCode>({
  unknown_service: {
    status: 404,
    title: 'That service is not offered',
    message: 'We could not find that service. Please choose one from the list.',
  },
  in_past: {
    status: 422,
    title: 'That time has passed',
    message: 'That time has already passed. Please choose a time in the future.',
  },
  too_soon: {
    status: 422,
    title: 'That time is too soon',
    message: 'That time is too soon to book. Please choose a later time.',
  },
  too_far: {
    status: 422,
    title: 'That time is too far ahead',
    message: 'That time is too far ahead to book yet. Please choose an earlier date.',
  },
  not_offered: {
    status: 422,
    title: 'That time is not offered',
    message: 'That time is not one of the offered start times. Please choose one from the list.',
  },
  slot_taken: {
    status: 409,
    title: 'That time was just taken',
    message: 'That time was just taken by someone else. Here are the nearest available times.',
  },
  needs_intake: {
    status: 422,
    title: 'A few questions come first',
    message: 'This service starts with a few short questions, which the booking page asks. Please book it there.',
  },
  once_per_client: {
    status: 409,
    title: 'Booked once already',
    message:
      'This session is offered once per client, and there is already one under this email address. To talk again, choose another service or write to your coach.',
  },
  inside_notice: {
    status: 409,
    title: 'Too close to change online',
    message: 'This session is too close to change online. Please write to your coach instead.',
  },
  not_active: {
    status: 409,
    title: 'This booking can no longer be changed',
    message: 'This booking can no longer be changed: it was cancelled, moved or has already taken place.',
  },
  token_invalid: {
    status: 404,
    title: 'This link does not open a booking',
    message:
      'This link does not open a booking. It may have been replaced by a newer one: please use the link in your latest email.',
  },
});

/** A refused booking or change; for 'slot_taken' it carries the nearest free times (also as problem details). */
export class BookingError extends CodedError<BookingErrorCode> {
  constructor(
    code: BookingErrorCode,
    /** For 'slot_taken': the nearest free times instead. */
    readonly nearest: Slot[] = [],
    o: { message?: string } = {},
  ) {
    super(bookingErrors, code, {
      ...o,
      ...(nearest.length
        ? { extra: { nearest: nearest.map((s) => ({ start: toIsoUtc(s.start), end: toIsoUtc(s.end) })) } }
        : {}),
    });
    this.name = 'BookingError';
  }
}
