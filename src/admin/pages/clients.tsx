import type { Client } from '../../clients/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Select,
  type ViewContext,
} from '../../web/index.ts';

export type StatusFilter = 'active' | 'archived' | 'all';

export interface ClientListRow {
  client: Client;
  unread: number;
  /** The next upcoming session's start, when booking can say. */
  nextSession: number | null;
  deletionRequested: boolean;
}

interface ListProps {
  ctx: ViewContext;
  rows: ClientListRow[];
  search: string;
  status: StatusFilter;
  /** Pending deletion requests across every client. */
  pendingDeletions: number;
  /** Whether booking can say each client's next session. */
  showsSessions: boolean;
  state: FormState;
  zones: string[];
  notice?: string | undefined;
  /** More rows than shown: the search should be narrowed. */
  more: boolean;
}

const statusWords: Record<StatusFilter, string> = {
  active: 'Active clients',
  archived: 'Archived clients',
  all: 'All clients',
};

export const newClientLabels = { name: 'Name', email: 'Email', phone: 'Phone', timeZone: 'Time zone' };

/** The back office's list of clients: search by name or email, filter by status, add one by hand. */
export function ClientsPage(p: ListProps) {
  const f = coachFormat(p.ctx);
  const zone = p.ctx.settings.timeZone;
  return (
    <AdminLayout ctx={p.ctx} title="Clients" notice={p.notice}>
      {p.pendingDeletions > 0 ? (
        <p class="notice warning" role="status">
          {p.pendingDeletions === 1
            ? 'One client has asked for their data to be deleted.'
            : `${p.pendingDeletions} clients have asked for their data to be deleted.`}{' '}
          Each is marked below; open the client to carry it out or state a legal hold.
        </p>
      ) : null}
      <form method="get" action="/admin/clients" class="client-search">
        <div class="field">
          <label for="f-q">Name or email</label>
          <input id="f-q" name="q" type="search" value={p.search} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-status">Show</label>
          <select id="f-status" name="status">
            {(['active', 'archived', 'all'] as const).map((s) => (
              <option value={s} selected={s === p.status}>
                {statusWords[s]}
              </option>
            ))}
          </select>
        </div>
        <FormActions>
          <button type="submit" class="button secondary">
            Search
          </button>
        </FormActions>
      </form>
      <section aria-labelledby="list-title">
        <h2 id="list-title">
          {statusWords[p.status]}
          {p.search ? ` matching “${p.search}”` : ''}
        </h2>
        {p.rows.length === 0 ? (
          <p>{p.search ? 'No client matches that name or email.' : 'No clients here yet.'}</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">
              {statusWords[p.status]}, most recently active first. Times in {zone.replace(/_/g, ' ')}.
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                {p.showsSessions ? <th scope="col">Next session</th> : null}
                <th scope="col">Last activity</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map(({ client: c, unread, nextSession, deletionRequested }) => (
                <tr>
                  <td data-label="Name">
                    <a href={`/admin/clients/${c.id}`}>{c.name}</a>
                    {unread > 0 ? (
                      <span class="tag">{unread === 1 ? '1 unread message' : `${unread} unread messages`}</span>
                    ) : null}
                    {deletionRequested ? <span class="tag">Asked for deletion</span> : null}
                  </td>
                  <td data-label="Email">{c.email}</td>
                  {p.showsSessions ? (
                    <td data-label="Next session">
                      {nextSession === null ? 'None booked' : f.when(nextSession, zone)}
                    </td>
                  ) : null}
                  <td data-label="Last activity">{f.when(c.last_activity_at, zone)}</td>
                  <td data-label="Status">{c.status === 'active' ? 'Active' : 'Archived'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {p.more ? <p class="hint">Only the most recently active are shown; search to find others.</p> : null}
      </section>
      <section aria-labelledby="new-title">
        <h2 id="new-title">Add a client</h2>
        <p class="hint">
          Clients are also added by a first booking and from a contact request. One record per email address.
        </p>
        <ErrorSummary errors={p.state.errors} labels={newClientLabels} />
        <form method="post" action="/admin/clients" novalidate>
          <CsrfField ctx={p.ctx} />
          <Field name="name" label={newClientLabels.name} state={p.state} required maxLength={200} autocomplete="off" />
          <Field
            name="email"
            label={newClientLabels.email}
            type="email"
            state={p.state}
            required
            maxLength={320}
            autocomplete="off"
          />
          <Field
            name="phone"
            label={newClientLabels.phone}
            type="tel"
            state={p.state}
            maxLength={40}
            autocomplete="off"
          />
          <Select
            name="timeZone"
            label={newClientLabels.timeZone}
            state={p.state}
            required
            value={p.ctx.settings.timeZone}
            options={p.zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          />
          <FormActions>
            <button type="submit" class="button">
              Add client
            </button>
          </FormActions>
        </form>
      </section>
    </AdminLayout>
  );
}
