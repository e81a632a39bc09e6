import { type AuditLabels, describeAuditAction } from '../../audit/index.ts';
import type { ViewContext } from '../../web/index.ts';
import { AdminLayout } from '../../web/index.ts';
import { When } from '../format.tsx';

export interface AuditRow {
  id: string;
  at: number;
  action: string;
  subject: string | null;
  detail_json: string;
  actor_name: string | null;
  subject_name: string | null;
}

function details(json: string): string {
  try {
    const d = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(d)
      .map(
        ([k, v]) =>
          `${k
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .replace(/_/g, ' ')
            .toLowerCase()}: ${String(v)}`,
      )
      .join(', ');
  } catch {
    return '';
  }
}

/** The audit log, newest first, a page at a time. */
export function AuditPage({
  ctx,
  rows,
  olderHref,
  isFirstPage,
  labels,
}: {
  ctx: ViewContext;
  rows: AuditRow[];
  olderHref: string | null;
  isFirstPage: boolean;
  labels: AuditLabels;
}) {
  return (
    <AdminLayout ctx={ctx} title="Audit log">
      <p class="lead">Who did what in the back office, and when. Messages and form contents are never kept here.</p>
      {rows.length === 0 ? (
        <p>{isFirstPage ? 'Nothing has happened yet.' : 'There is nothing older.'}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">About</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const extra = details(r.detail_json);
              return (
                <tr>
                  <td data-label="When">
                    <When ms={r.at} ctx={ctx} />
                  </td>
                  <td data-label="Who">{r.actor_name ?? 'Tandem'}</td>
                  <td data-label="What">
                    {describeAuditAction(r.action, labels)}
                    {extra ? <span class="hint"> ({extra})</span> : null}
                  </td>
                  <td data-label="About">{r.subject_name ?? r.subject ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Audit log pages">
        <ul>
          {isFirstPage ? null : (
            <li>
              <a href="/admin/audit">Newest entries</a>
            </li>
          )}
          {olderHref ? (
            <li>
              <a href={olderHref} rel="next">
                Older entries
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </AdminLayout>
  );
}
