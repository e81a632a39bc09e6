// The booking module's public face: other modules import only from here.

export { BookingError, type BookingErrorCode, bookingErrors } from './booking.errors.ts';
export { bookingRoutes } from './booking.routes.tsx';
export { type BookRequest, bookSession, cancelBooking, rescheduleBooking } from './booking.service.ts';
export { bookingJobHandlers } from './reminders.ts';
