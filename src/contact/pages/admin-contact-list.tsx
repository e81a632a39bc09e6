import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, coachFormat } from '../../web/index.ts';
import type { ContactRequest } from '../contact.tables.ts';

interface Props {
  ctx: ViewContext;
  rows: Pick<ContactRequest, 'id' | 'name' | 'email' | 'created_at' | 'read_at'>[];
  notice?: string | undefined;
  olderThan?: number | undefined;
}

/** Messages from the contact form, newest first, unread ones marked. */
export function AdminContactListPage({ ctx, rows, notice, olderThan }: Props) {
  const tz = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  const unread = rows.filter((r) => r.read_at === null).length;
  return (
    <AdminLayout ctx={ctx} title="Contact requests" notice={notice}>
      <p>
        {rows.length === 0
          ? 'No messages yet. When someone writes through the contact form, it appears here and in your email.'
          : unread === 0
            ? 'All read.'
            : `${unread} unread.`}
      </p>
      {rows.length > 0 ? (
        <table class="data">
          <caption class="visually-hidden">Contact requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{f.when(r.created_at, tz)}</td>
                <td>
                  <a href={`/admin/contact/${encodeURIComponent(r.id)}`}>{r.name}</a>
                </td>
                <td>{r.email}</td>
                <td>{r.read_at === null ? <strong>Unread</strong> : 'Read'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {olderThan !== undefined ? (
        <p>
          <a href={`/admin/contact?before=${olderThan}`}>Older messages</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}
