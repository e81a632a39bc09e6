import { clientCounts, pendingDeletions, unreadForCoach } from '../clients/index.ts';
import { unreadContactCount } from '../contact/index.ts';
import type { Executor } from '../db/index.ts';
import { outboxCounts } from '../mail/index.ts';
import { pageCount } from '../site/index.ts';

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
