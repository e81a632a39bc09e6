import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, CsrfField, coachFormat } from '../../web/index.ts';
import type { OutboxMessage } from '../mail.tables.ts';

export type OutboxRow = Pick<
  OutboxMessage,
  | 'id'
  | 'kind'
  | 'to_address'
  | 'subject'
  | 'status'
  | 'attempts'
  | 'next_attempt_at'
  | 'last_error'
  | 'created_at'
  | 'sent_at'
>;

/** The statuses in the coach's words. */
export const statusLabels: Record<OutboxMessage['status'], string> = {
  queued: 'Waiting to send',
  sending: 'Sending now',
  sent: 'Sent',
  failed: 'Not sent (gave up)',
};

interface Props {
  ctx: ViewContext;
  rows: OutboxRow[];
  mailConfigured: boolean;
  notice?: string | undefined;
  /** Where the next page starts, when there are older messages. */
  olderThan?: number | undefined;
}

/** The back-office outbox: every email, newest first, and a way to send one again. */
export function OutboxListPage({ ctx, rows, mailConfigured, notice, olderThan }: Props) {
  const tz = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  return (
    <AdminLayout ctx={ctx} title="Outbox" notice={notice}>
      <p>
        Every email the site sends waits here first, then goes out. If sending fails, it is tried again later on its
        own.
      </p>
      {mailConfigured ? null : (
        <p class="notice warning">
          Email sending is not set up yet (there is no MAIL_URL), so messages stay here. Open a message to read it.
        </p>
      )}
      {rows.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">Emails, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Next attempt</th>
              <th scope="col">Last error</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td data-label="Created">{f.when(m.created_at, tz)}</td>
                <td data-label="To">{m.to_address}</td>
                <td data-label="Subject">
                  <a href={`/admin/outbox/${encodeURIComponent(m.id)}`}>{m.subject || '(no subject)'}</a>
                </td>
                <td data-label="Kind">{m.kind}</td>
                <td data-label="Status">
                  {m.status === 'sent' && m.sent_at !== null ? `Sent ${f.when(m.sent_at, tz)}` : statusLabels[m.status]}
                </td>
                <td data-label="Attempts">{m.attempts}</td>
                <td data-label="Next attempt">{m.status === 'queued' ? f.when(m.next_attempt_at, tz) : '—'}</td>
                <td data-label="Last error">{m.last_error ?? '—'}</td>
                <td data-label="Action">
                  {m.status === 'queued' || m.status === 'failed' ? (
                    <form
                      method="post"
                      action={`/admin/outbox/${encodeURIComponent(m.id)}/send-again`}
                      class="inline-form"
                    >
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="button secondary" aria-label={`Send again: ${m.subject}`}>
                        Send again
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {olderThan !== undefined ? (
        <p>
          <a href={`/admin/outbox?before=${olderThan}`}>Older emails</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}
