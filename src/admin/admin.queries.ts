import { unreadContactCount } from '../contact/index.ts';
import type { Executor } from '../db/index.ts';
import { outboxCounts } from '../mail/index.ts';
import { pageCount } from '../site/index.ts';

export interface DashboardCounts {
  unreadContactRequests: number;
  outboxWaiting: number;
  outboxFailed: number;
  pages: number;
}

/** The numbers on the dashboard, each a cheap count asked of the module that owns the table. */
export async function dashboardCounts(db: Executor): Promise<DashboardCounts> {
  const [unreadContactRequests, outbox, pages] = await Promise.all([
    unreadContactCount(db),
    outboxCounts(db),
    pageCount(db),
  ]);
  return { unreadContactRequests, outboxWaiting: outbox.waiting, outboxFailed: outbox.failed, pages };
}
