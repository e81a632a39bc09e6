import type {
  AccessWhat,
  CheckIn,
  CheckInState,
  Client,
  DeletionRequest,
  Goal,
  Message,
  Note,
  Progress,
  SharedFile,
  Tracker,
} from '../../clients/index.ts';
import type { Formatter } from '../../time/index.ts';
import {
  AdminLayout,
  CheckInChart,
  CsrfField,
  coachFormat,
  ErrorSummary,
  emptyForm,
  Field,
  FormActions,
  type FormState,
  Radios,
  TextArea,
  type ViewContext,
} from '../../web/index.ts';

/** A session as booking tells it about one client (booking's ClientSession fits). */
export interface ClientSessionView {
  id: string;
  serviceName: string;
  modality: string;
  status: string;
  startAt: number;
  endAt: number;
  timeZone: string;
}

/** A contact request linked to the client, as contact tells it. */
export interface ClientContactRequestView {
  id: string;
  createdAt: number;
  /** The start of the message, opened. */
  excerpt: string;
  read: boolean;
}

/** The forms on the client page; the one that was sent comes back with what was typed. */
export type ClientForm =
  | 'shared_note'
  | 'private_note'
  | 'goal'
  | 'tracker'
  | 'cadence'
  | 'message'
  | 'file'
  | 'hold'
  | 'status';

export interface ClientPageData {
  client: Client;
  notes: Note[];
  goals: Goal[];
  progress: Progress;
  trackers: Tracker[];
  checkIns: CheckIn[];
  checkInDue: string | null;
  checkInState: CheckInState;
  messages: Message[];
  olderMessages: boolean;
  files: SharedFile[];
  deletionRequests: DeletionRequest[];
  accessLog: { at: number; who: string; what: AccessWhat }[];
  /** null: booking cannot say yet. */
  sessions: ClientSessionView[] | null;
  /** null: contact cannot say yet. */
  contactRequests: ClientContactRequestView[] | null;
  /** Guide results shared with this client's address, still kept. */
  guideResults: { id: string; createdAt: number; outcome: string; href: string }[];
  cadenceChoices: readonly number[];
  maxFileMb: number;
  now: number;
}

interface Props {
  ctx: ViewContext;
  data: ClientPageData;
  form?: { name: ClientForm; state: FormState } | undefined;
  notice?: string | undefined;
}

export const accessWords: Record<AccessWhat, string> = {
  record: 'the client record',
  notes: 'notes',
  messages: 'messages',
  check_ins: 'check-ins',
  files: 'files',
  file: 'a file',
  export: 'the data export',
};

const sessionStatusWords: Record<string, string> = {
  pending: 'Waiting for approval',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  declined: 'Declined',
  completed: 'Completed',
  no_show: 'No-show',
};

const goalStatusWords = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' } as const;
const checkInStateWords: Record<CheckInState, string> = {
  not_asked: 'No check-ins asked for.',
  upcoming: 'Next check-in due',
  due: 'A check-in is due today',
  overdue: 'A check-in is overdue since',
};

const sizeWords = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A one-button form posting to the client's address (archive, remove, tick off). */
export function ButtonForm(p: {
  ctx: ViewContext;
  action: string;
  label: string;
  cls?: string;
  hidden?: Record<string, string>;
  /** Words for screen readers when the button's label alone is ambiguous ("Remove" which note). */
  describe?: string;
}) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <CsrfField ctx={p.ctx} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.cls ?? 'button secondary'}>
        {p.label}
        {p.describe ? <span class="visually-hidden"> {p.describe}</span> : null}
      </button>
    </form>
  );
}

/** The state of one form on the page; a message about the whole form is shown at the top instead. */
function stateFor(form: Props['form'], name: ClientForm): FormState {
  if (form?.name !== name) return emptyForm;
  const { _form, ...errors } = form.state.errors;
  return { values: form.state.values, errors };
}

function NotesColumn(p: {
  ctx: ViewContext;
  client: Client;
  kind: 'shared' | 'private';
  notes: Note[];
  state: FormState;
  f: Formatter;
}) {
  const zone = p.ctx.settings.timeZone;
  const base = `/admin/clients/${p.client.id}`;
  const field = `${p.kind}_note`;
  const title = p.kind === 'private' ? 'Private notes' : 'Shared notes';
  return (
    <section class={`card notes-${p.kind}`} aria-labelledby={`${p.kind}-notes-title`}>
      <h3 id={`${p.kind}-notes-title`}>{title}</h3>
      <p class="hint">
        {p.kind === 'private'
          ? 'Yours alone: never shown to the client, in the portal or in their data export.'
          : 'The client reads these in the portal.'}
      </p>
      {p.notes.length === 0 ? <p>None yet.</p> : null}
      <ul class="note-list">
        {p.notes.map((n, i) => (
          <li>
            <p class="note-body">{n.body}</p>
            <p class="hint">
              {p.f.when(n.createdAt, zone)}
              {n.updatedAt !== n.createdAt ? `, edited ${p.f.when(n.updatedAt, zone)}` : ''}{' '}
              <a href={`${base}/notes/${n.id}`}>
                Edit or remove<span class="visually-hidden"> {`${p.kind} note ${i + 1}`}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      <ErrorSummary
        errors={p.state.errors}
        labels={{ [field]: p.kind === 'private' ? 'Private note' : 'Shared note' }}
      />
      <form method="post" action={`${base}/notes/${p.kind}`} novalidate>
        <CsrfField ctx={p.ctx} />
        <TextArea
          name={field}
          label={p.kind === 'private' ? 'New private note' : 'New shared note'}
          state={p.state}
          required
          rows={4}
          hint={p.kind === 'private' ? 'Only you will see this.' : 'The client will see this.'}
        />
        <FormActions>
          <button type="submit" class="button">
            {p.kind === 'private' ? 'Add private note' : 'Add shared note'}
          </button>
        </FormActions>
      </form>
    </section>
  );
}

/** One client, everything in one place: details, sessions, goals, check-ins, messages, files, notes, deletion. */
export function ClientPage({ ctx, data: d, form, notice }: Props) {
  const c = d.client;
  const fmt = coachFormat(ctx);
  const zone = ctx.settings.timeZone;
  const base = `/admin/clients/${c.id}`;
  const pending = d.deletionRequests.find((r) => r.status === 'open' || r.status === 'held');
  const formMessage = form?.state.errors._form;
  const upcoming = (d.sessions ?? []).filter((s) => s.endAt > d.now).sort((a, b) => a.startAt - b.startAt);
  const past = (d.sessions ?? []).filter((s) => s.endAt <= d.now).sort((a, b) => b.startAt - a.startAt);
  const shared = d.notes.filter((n) => n.kind === 'shared');
  const privates = d.notes.filter((n) => n.kind === 'private');
  const ownFiles = d.files.filter((x) => x.clientId !== null);
  const everyoneFiles = d.files.filter((x) => x.clientId === null);
  const cadenceState = stateFor(form, 'cadence');
  return (
    <AdminLayout ctx={ctx} title={c.name} notice={notice}>
      <p class="hint">
        Opening this page is written in the client’s access log, which they can read in the portal.{' '}
        <a href="/admin/clients">All clients</a>
      </p>
      {formMessage ? (
        <p class="notice warning" role="alert">
          {formMessage}
        </p>
      ) : null}
      {pending ? (
        <section class="notice warning" aria-labelledby="deletion-title">
          <h2 id="deletion-title">Deletion requested</h2>
          <p>
            {pending.requestedBy === 'client' ? 'The client' : 'You'} asked on {fmt.date(pending.requestedAt, zone)} for
            this client’s data to be deleted. Please carry it out by {fmt.date(pending.dueAt, zone)}.
          </p>
          {pending.holdStatement ? (
            <p>
              Your legal hold, as the client reads it: <q>{pending.holdStatement}</q>
            </p>
          ) : null}
          <p>
            <a class="button danger" href={`${base}/delete`}>
              See what deletion removes, then carry it out
            </a>
          </p>
          <ErrorSummary errors={stateFor(form, 'hold').errors} labels={{ hold: 'Legal hold' }} />
          <form method="post" action={`${base}/deletion-requests/${pending.id}/hold`} novalidate>
            <CsrfField ctx={ctx} />
            <TextArea
              name="hold"
              label={pending.holdStatement ? 'Change the legal hold' : 'State a legal hold'}
              state={stateFor(form, 'hold')}
              value={pending.holdStatement ?? ''}
              required
              rows={3}
              hint="What must be kept and why (for example invoices, kept by law). The client reads this beside their request; the rest is still deleted when you carry it out."
            />
            <FormActions>
              <button type="submit" class="button secondary">
                {pending.holdStatement ? 'Save the legal hold' : 'State the legal hold'}
              </button>
            </FormActions>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl class="facts">
          <div>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{c.phone ?? 'None given'}</dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{c.time_zone.replace(/_/g, ' ')}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {c.status === 'active' ? 'Active' : `Archived ${c.archived_at ? fmt.date(c.archived_at, zone) : ''}`}
            </dd>
          </div>
          <div>
            <dt>Client since</dt>
            <dd>{fmt.date(c.created_at, zone)}</dd>
          </div>
          <div>
            <dt>Last activity</dt>
            <dd>{fmt.when(c.last_activity_at, zone)}</dd>
          </div>
          <div>
            <dt>Portal account</dt>
            <dd>{c.user_id ? 'Yes' : 'Not yet'}</dd>
          </div>
        </dl>
        <p class="admin-actions">
          <a class="button secondary" href={`${base}/details`}>
            Edit details
          </a>{' '}
          {c.status === 'active' ? (
            <ButtonForm ctx={ctx} action={`${base}/archive`} label="Archive" />
          ) : (
            <ButtonForm ctx={ctx} action={`${base}/restore`} label="Restore to active" />
          )}
        </p>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {d.sessions === null ? (
          <p class="hint">
            Sessions are in <a href="/admin/bookings">Bookings</a>.
          </p>
        ) : d.sessions.length === 0 ? (
          <p>No sessions booked.</p>
        ) : (
          <>
            <SessionTable title="Upcoming" rows={upcoming} fmt={fmt} zone={zone} id="upcoming" />
            <SessionTable title="Past" rows={past} fmt={fmt} zone={zone} id="past" />
          </>
        )}
        <p>
          <a href="/admin/bookings/new">Book a session for a client</a>
        </p>
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">Notes</h2>
        <div class="two-col">
          <NotesColumn
            ctx={ctx}
            client={c}
            kind="private"
            notes={privates}
            state={stateFor(form, 'private_note')}
            f={fmt}
          />
          <NotesColumn
            ctx={ctx}
            client={c}
            kind="shared"
            notes={shared}
            state={stateFor(form, 'shared_note')}
            f={fmt}
          />
        </div>
      </section>

      <section aria-labelledby="goals-title">
        <h2 id="goals-title">Goals and action items</h2>
        {d.goals.length === 0 ? (
          <p>No goals yet.</p>
        ) : (
          <>
            <p>
              Progress on active goals: {d.progress.done} of {d.progress.total} action items done ({d.progress.percent}
              %).
            </p>
            <ul class="goal-list">
              {d.goals.map((g) => (
                <li>
                  <h3>
                    <a href={`${base}/goals/${g.id}`}>{g.title}</a>
                    <span class="tag">{goalStatusWords[g.status]}</span>
                  </h3>
                  {g.detail ? <p>{g.detail}</p> : null}
                  <p class="hint">
                    Set by {g.createdBy === 'coach' ? 'you' : 'the client'}. {g.progress.done} of {g.progress.total}{' '}
                    action items done.
                  </p>
                  {g.items.length > 0 ? (
                    <ul>
                      {g.items.map((i) => (
                        <li>
                          {i.doneAt !== null ? <span class="tag">Done</span> : null} {i.title}
                          {i.dueDate ? ` (due ${fmt.day(i.dueDate)})` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
        <ErrorSummary errors={stateFor(form, 'goal').errors} labels={{ goal_title: 'Goal', goal_detail: 'Detail' }} />
        <form method="post" action={`${base}/goals`} novalidate>
          <CsrfField ctx={ctx} />
          <Field name="goal_title" label="New goal" state={stateFor(form, 'goal')} required maxLength={300} />
          <TextArea name="goal_detail" label="More about it" state={stateFor(form, 'goal')} rows={2} />
          <FormActions>
            <button type="submit" class="button">
              Add goal
            </button>
          </FormActions>
        </form>
        <p class="hint">Open a goal to edit it, add action items, tick them off or remove them.</p>
      </section>

      <section aria-labelledby="checkins-title">
        <h2 id="checkins-title">Check-ins</h2>
        <p>
          {checkInStateWords[d.checkInState]}
          {d.checkInDue && d.checkInState !== 'due' && d.checkInState !== 'not_asked'
            ? ` ${fmt.day(d.checkInDue)}`
            : ''}
          {d.checkInState === 'not_asked' ? '' : '.'}{' '}
          {c.check_in_every_days ? `Every ${c.check_in_every_days} days, on the client’s calendar.` : ''}
        </p>
        <CheckInChart trackers={d.trackers} checkIns={d.checkIns} zone={c.time_zone} format={fmt} />
        <div class="two-col">
          <section class="card" aria-labelledby="trackers-title">
            <h3 id="trackers-title">What the client scores</h3>
            {d.trackers.filter((t) => t.active).length === 0 ? <p>Nothing yet: add something to track.</p> : null}
            <ul>
              {d.trackers
                .filter((t) => t.active)
                .map((t) => (
                  <li>
                    {t.label}{' '}
                    <ButtonForm
                      ctx={ctx}
                      action={`${base}/trackers/${t.id}/retire`}
                      label="Stop asking"
                      cls="link-button"
                      describe={`about ${t.label}`}
                    />
                  </li>
                ))}
            </ul>
            <ErrorSummary errors={stateFor(form, 'tracker').errors} labels={{ tracker: 'Something to track' }} />
            <form method="post" action={`${base}/trackers`} novalidate>
              <CsrfField ctx={ctx} />
              <Field
                name="tracker"
                label="Something to track"
                state={stateFor(form, 'tracker')}
                required
                maxLength={80}
                hint="Scored 1 to 10 at each check-in, e.g. “energy” or “calm in hard talks”. Up to 8."
              />
              <FormActions>
                <button type="submit" class="button secondary">
                  Add
                </button>
              </FormActions>
            </form>
          </section>
          <section class="card" aria-labelledby="cadence-title">
            <h3 id="cadence-title">How often to check in</h3>
            <ErrorSummary errors={cadenceState.errors} labels={{ every: 'How often' }} />
            <form method="post" action={`${base}/cadence`} novalidate>
              <CsrfField ctx={ctx} />
              <Radios
                name="every"
                label="Ask for a check-in"
                state={cadenceState}
                required
                value={c.check_in_every_days === null ? 'none' : String(c.check_in_every_days)}
                options={[
                  { value: 'none', label: 'Not at all' },
                  ...d.cadenceChoices.map((n) => ({
                    value: String(n),
                    label: n === 7 ? 'Every week' : `Every ${n} days`,
                  })),
                  ...(c.check_in_every_days !== null && !d.cadenceChoices.includes(c.check_in_every_days)
                    ? [{ value: String(c.check_in_every_days), label: `Every ${c.check_in_every_days} days` }]
                    : []),
                ]}
              />
              <FormActions>
                <button type="submit" class="button secondary">
                  Save how often
                </button>
              </FormActions>
            </form>
          </section>
        </div>
      </section>

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        {d.olderMessages ? (
          <p>
            <a href={`${base}/messages`}>Earlier messages</a>
          </p>
        ) : null}
        {d.messages.length === 0 ? <p>No messages yet.</p> : null}
        <ol class="conversation">
          {d.messages.map((m) => (
            <li class={m.from === 'coach' ? 'from-coach' : 'from-client'}>
              <p class="hint">
                <strong>{m.from === 'coach' ? 'You' : c.name}</strong>, {fmt.when(m.at, zone)}
                {m.from === 'coach' ? (m.readAt ? ', read' : ', not read yet') : ''}
              </p>
              <p class="message-body">{m.body}</p>
              {m.fileId ? (
                <p>
                  <a href={`${base}/files/${m.fileId}`}>The file sent with this message</a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        <ErrorSummary errors={stateFor(form, 'message').errors} labels={{ message: 'Reply' }} />
        <form method="post" action={`${base}/messages`} novalidate>
          <CsrfField ctx={ctx} />
          <TextArea
            name="message"
            label="Reply"
            state={stateFor(form, 'message')}
            required
            rows={4}
            hint="The client gets an email saying there is a new message, without its words."
          />
          <FormActions>
            <button type="submit" class="button">
              Send
            </button>
          </FormActions>
        </form>
      </section>

      <section aria-labelledby="files-title">
        <h2 id="files-title">Files</h2>
        <FileTable ctx={ctx} title="This client’s files" rows={ownFiles} base={base} fmt={fmt} zone={zone} id="own" />
        <FileTable
          ctx={ctx}
          title="Shared with every client"
          rows={everyoneFiles}
          base={base}
          fmt={fmt}
          zone={zone}
          id="everyone"
        />
        <ErrorSummary errors={stateFor(form, 'file').errors} labels={{ file: 'File', share: 'Share with' }} />
        <form method="post" action={`${base}/files`} enctype="multipart/form-data" novalidate>
          <CsrfField ctx={ctx} />
          <div class={stateFor(form, 'file').errors.file ? 'field has-error' : 'field'}>
            <label for="f-file">A file to share</label>
            <p class="hint" id="h-file">
              A PDF, an image (PNG, JPEG or WebP), a plain text file or a Word, Excel or OpenDocument file, up to{' '}
              {d.maxFileMb} MB.
            </p>
            {stateFor(form, 'file').errors.file ? (
              <p class="field-error" id="e-file">
                <span class="visually-hidden">Error: </span>
                {stateFor(form, 'file').errors.file}
              </p>
            ) : null}
            <input
              id="f-file"
              name="file"
              type="file"
              required
              aria-describedby={stateFor(form, 'file').errors.file ? 'h-file e-file' : 'h-file'}
            />
          </div>
          <Radios
            name="share"
            label="Share with"
            state={stateFor(form, 'file')}
            required
            value="client"
            options={[
              { value: 'client', label: `${c.name} only` },
              { value: 'everyone', label: 'Every client' },
            ]}
          />
          <FormActions>
            <button type="submit" class="button">
              Share file
            </button>
          </FormActions>
        </form>
      </section>

      {d.contactRequests !== null ? (
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">Contact requests</h2>
          {d.contactRequests.length === 0 ? (
            <p>None linked to this client.</p>
          ) : (
            <ul>
              {d.contactRequests.map((r) => (
                <li>
                  <a href={`/admin/contact/${r.id}`}>{fmt.when(r.createdAt, zone)}</a>
                  {r.read ? null : <span class="tag">Unread</span>}: {r.excerpt}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {d.guideResults.length > 0 ? (
        <section aria-labelledby="guide-title">
          <h2 id="guide-title">Guide results they shared</h2>
          <ul>
            {d.guideResults.map((r) => (
              <li>
                <a href={r.href}>{fmt.when(r.createdAt, zone)}</a>: {r.outcome}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="access-title">
        <h2 id="access-title">Access log</h2>
        <p class="hint">Who opened this client’s record and when, as the client reads it in the portal.</p>
        {d.accessLog.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ul>
            {d.accessLog.map((a) => (
              <li>
                {fmt.when(a.at, zone)}: {a.who} opened {accessWords[a.what]}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete this client</h2>
        <p>
          Deleting removes the record and everything in it for good. You will see what goes, and what stays, before
          anything is deleted.
        </p>
        <p>
          <a href={`${base}/delete`}>See what deletion removes</a>
        </p>
      </section>
    </AdminLayout>
  );
}

function SessionTable(p: { title: string; rows: ClientSessionView[]; fmt: Formatter; zone: string; id: string }) {
  if (p.rows.length === 0)
    return (
      <>
        <h3>{p.title}</h3>
        <p>None.</p>
      </>
    );
  return (
    <>
      <h3 id={`sessions-${p.id}`}>{p.title}</h3>
      <table class="data" aria-labelledby={`sessions-${p.id}`}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Service</th>
            <th scope="col">How</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((s) => (
            <tr>
              <td data-label="When">
                <a href={`/admin/bookings/${s.id}`}>{p.fmt.when(s.startAt, p.zone)}</a>
              </td>
              <td data-label="Service">{s.serviceName}</td>
              <td data-label="How">{s.modality === 'phone' ? 'Phone' : 'Video'}</td>
              <td data-label="Status">{sessionStatusWords[s.status] ?? s.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function FileTable(p: {
  ctx: ViewContext;
  title: string;
  rows: SharedFile[];
  base: string;
  fmt: Formatter;
  zone: string;
  id: string;
}) {
  return (
    <>
      <h3 id={`files-${p.id}`}>{p.title}</h3>
      {p.rows.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="data" aria-labelledby={`files-${p.id}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">From</th>
              <th scope="col">Size</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((x) => (
              <tr>
                <td data-label="Name">
                  <a href={`${p.base}/files/${x.id}`} download={x.name}>
                    {x.name}
                  </a>
                </td>
                <td data-label="From">{x.owner === 'coach' ? 'You' : 'The client'}</td>
                <td data-label="Size">{sizeWords(x.sizeBytes)}</td>
                <td data-label="Added">{p.fmt.when(x.createdAt, p.zone)}</td>
                <td data-label="Actions">
                  <ButtonForm
                    ctx={p.ctx}
                    action={`${p.base}/files/${x.id}/remove`}
                    label={x.clientId === null ? 'Remove for every client' : 'Remove'}
                    cls="link-button"
                    describe={x.name}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
