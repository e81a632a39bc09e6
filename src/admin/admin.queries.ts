import type { Executor } from '../db/index.ts';

export interface DashboardCounts {
  unreadContactRequests: number;
  outboxWaiting: number;
  outboxFailed: number;
  pages: number;
}

/** The numbers on the dashboard, each a cheap count. */
export async function dashboardCounts(db: Executor): Promise<DashboardCounts> {
  const [contact, outbox, pages] = await Promise.all([
    db
      .selectFrom('contact_requests')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('status', '!=', 'sent')
      .groupBy('status')
      .execute(),
    db
      .selectFrom('pages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const byStatus = (s: string) => Number(outbox.find((r) => r.status === s)?.n ?? 0);
  return {
    unreadContactRequests: Number(contact.n),
    outboxWaiting: byStatus('queued') + byStatus('sending'),
    outboxFailed: byStatus('failed'),
    pages: Number(pages.n),
  };
}
