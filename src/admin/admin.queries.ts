import { bookingsBetween } from '../booking/index.ts';
import { clientCounts, pendingDeletions, unreadForCoach } from '../clients/index.ts';
import { unreadContactCount } from '../contact/index.ts';
import type { Executor } from '../db/index.ts';
import { outboxCounts } from '../mail/index.ts';
import { pageCount } from '../site/index.ts';
import { addDays, localDateAt, wallToInstant } from '../time/index.ts';

export interface DashboardCounts {
  unreadContactRequests: number;
  outboxWaiting: number;
  outboxFailed: number;
  pages: number;
  activeClients: number;
  /** Clients with messages the coach has not read. */
  clientsWithUnread: number;
  pendingDeletions: number;
}

/** The numbers on the dashboard, each a cheap count asked of the module that owns the table. */
export async function dashboardCounts(db: Executor): Promise<DashboardCounts> {
  const [unreadContactRequests, outbox, pages, clients, unread, deletions] = await Promise.all([
    unreadContactCount(db),
    outboxCounts(db),
    pageCount(db),
    clientCounts(db),
    unreadForCoach(db),
    pendingDeletions(db),
  ]);
  return {
    unreadContactRequests,
    outboxWaiting: outbox.waiting,
    outboxFailed: outbox.failed,
    pages,
    activeClients: clients.active,
    clientsWithUnread: unread.size,
    pendingDeletions: deletions.length,
  };
}

/** One session as the dashboard lists it. */
export interface DaySession {
  id: string;
  startAt: number;
  endAt: number;
  clientName: string;
  serviceName: string;
  modality: 'video' | 'phone';
  phone: string | null;
  status: string;
}

/** What the coach's day holds: today's sessions, the next ones after today, and requests to approve. */
export interface TheDay {
  today: DaySession[];
  next: DaySession[];
  pending: DaySession[];
}

/** Today's sessions (in the coach's zone), the next five after today, and bookings awaiting approval. */
export async function sessionsForTheDay(db: Executor, now: number, zone: string): Promise<TheDay> {
  const today = localDateAt(now, zone);
  const dayStart = wallToInstant(today, 0, zone);
  const tomorrow = wallToInstant(addDays(today, 1), 0, zone);
  // A practice books weeks ahead, not years: a year covers every pending request worth showing.
  const rows = await bookingsBetween(db, dayStart, now + 366 * 86_400_000, { activeOnly: true });
  const toDay = (b: (typeof rows)[number]): DaySession => ({
    id: b.id,
    startAt: b.start_at,
    endAt: b.end_at,
    clientName: b.client_name,
    serviceName: b.service_name,
    modality: b.modality,
    phone: b.client_phone,
    status: b.status,
  });
  return {
    today: rows.filter((b) => b.start_at < tomorrow).map(toDay),
    next: rows
      .filter((b) => b.start_at >= tomorrow && b.status === 'confirmed')
      .slice(0, 5)
      .map(toDay),
    pending: rows.filter((b) => b.status === 'pending' && b.end_at > now).map(toDay),
  };
}
