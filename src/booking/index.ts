// The booking module's public face: other modules import only from here.
export { bookingRoutes } from './booking.routes.tsx';
export { bookingJobHandlers } from './reminders.ts';
export { bookSession, cancelBooking, rescheduleBooking, type BookRequest } from './booking.service.ts';
export { BookingError, type BookingErrorCode } from './booking.errors.ts';
