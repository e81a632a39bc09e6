import type { WebContributions } from '../web/index.ts';
import { bookingSitemap } from './booking.routes.tsx';

// The booking module's public face: other modules import only from here.

export { bookingAuditLabels } from './admin.routes.tsx';
export { BookingError, type BookingErrorCode, bookingErrors } from './booking.errors.ts';
export { bookingById, bookingsBetween, replaceWeeklyHours, setServiceRules } from './booking.queries.ts';
export { bookingRoutes } from './booking.routes.tsx';
export {
  type BookRequest,
  bookingForToken,
  bookSession,
  cancelBooking,
  rescheduleBooking,
} from './booking.service.ts';
export type { Booking } from './booking.tables.ts';
export {
  type ClientSession,
  clientManageHref,
  insertRecordedSessions,
  manageCapability,
  type RecordedSession,
  roomPath,
  sessionsForClient,
} from './client-sessions.ts';
export { bookingJobHandlers } from './reminders.ts';

/** Booking's header link and stylesheet, installed by app.ts. */
export const bookingWeb: WebContributions = {
  nav: [{ href: '/book', label: 'Book', order: 85 }],
  stylesheets: [new URL('./booking.css', import.meta.url)],
  sitemap: bookingSitemap,
};
