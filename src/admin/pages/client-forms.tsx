import type { ActionItem, Client, DeletionPlan, Goal, Message, Note, RemovedCounts } from '../../clients/index.ts';
import { canonicalTimeZone } from '../../time/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Select,
  TextArea,
  type ViewContext,
} from '../../web/index.ts';
import { ButtonForm } from './client.tsx';

// The client's smaller pages: edit details, one note, one goal with its action items, one action
// item, what deletion removes, and the whole conversation.

const back = (c: Client) => (
  <p>
    <a href={`/admin/clients/${c.id}`}>Back to {c.name}</a>
  </p>
);

export const detailsLabels = { name: 'Name', email: 'Email', phone: 'Phone', timeZone: 'Time zone' };

/** Corrects a client's name, email, phone or zone. */
export function ClientDetailsPage(p: { ctx: ViewContext; client: Client; state: FormState; zones: string[] }) {
  const c = p.client;
  return (
    <AdminLayout ctx={p.ctx} title={`Edit details: ${c.name}`}>
      <ErrorSummary errors={p.state.errors} labels={detailsLabels} />
      <form method="post" action={`/admin/clients/${c.id}/details`} novalidate>
        <CsrfField ctx={p.ctx} />
        <Field name="name" label="Name" state={p.state} value={c.name} required maxLength={200} />
        <Field name="email" label="Email" type="email" state={p.state} value={c.email} required maxLength={320} />
        <Field name="phone" label="Phone" type="tel" state={p.state} value={c.phone ?? ''} maxLength={40} />
        <Select
          name="timeZone"
          label="Time zone"
          state={p.state}
          value={canonicalTimeZone(c.time_zone) ?? c.time_zone}
          required
          options={p.zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
        />
        <FormActions>
          <button type="submit" class="button">
            Save details
          </button>
        </FormActions>
      </form>
      {back(c)}
    </AdminLayout>
  );
}

/** One note: rewrite it or remove it. */
export function ClientNotePage(p: { ctx: ViewContext; client: Client; note: Note; state: FormState }) {
  const c = p.client;
  const { note } = p;
  const kind = note.kind === 'private' ? 'Private note' : 'Shared note';
  const action = `/admin/clients/${c.id}/notes/${note.id}`;
  return (
    <AdminLayout ctx={p.ctx} title={`${kind} about ${c.name}`}>
      <p class="hint">
        {note.kind === 'private'
          ? 'A private note: yours alone, never shown to the client.'
          : 'A shared note: the client reads it in the portal.'}
      </p>
      <ErrorSummary errors={p.state.errors} labels={{ body: kind }} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={p.ctx} />
        <TextArea name="body" label={kind} state={p.state} value={note.body} required rows={8} />
        <FormActions>
          <button type="submit" class="button">
            Save note
          </button>
        </FormActions>
      </form>
      <p>
        <ButtonForm ctx={p.ctx} action={`${action}/remove`} label="Remove this note" cls="button danger" />
      </p>
      {back(c)}
    </AdminLayout>
  );
}

const statusWords = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' } as const;

/** One goal: edit it, mark it achieved or dropped, and its action items. */
export function ClientGoalPage(p: {
  ctx: ViewContext;
  client: Client;
  goal: Goal;
  form?: { name: 'goal' | 'item'; state: FormState } | undefined;
  notice?: string | undefined;
}) {
  const c = p.client;
  const g = p.goal;
  const fmt = coachFormat(p.ctx);
  const base = `/admin/clients/${c.id}`;
  const goalState = p.form?.name === 'goal' ? p.form.state : { values: {}, errors: {} };
  const itemState = p.form?.name === 'item' ? p.form.state : { values: {}, errors: {} };
  return (
    <AdminLayout ctx={p.ctx} title={`Goal: ${g.title}`} notice={p.notice}>
      <p>
        {statusWords[g.status]}. Set by {g.createdBy === 'coach' ? 'you' : 'the client'} on{' '}
        {fmt.date(g.createdAt, p.ctx.settings.timeZone)}. {g.progress.done} of {g.progress.total} action items done (
        {g.progress.percent}%).
      </p>
      <p class="admin-actions">
        {(['active', 'achieved', 'dropped'] as const)
          .filter((s) => s !== g.status)
          .map((s) => (
            <>
              <ButtonForm
                ctx={p.ctx}
                action={`${base}/goals/${g.id}/status`}
                hidden={{ to: s }}
                label={s === 'active' ? 'Make active again' : s === 'achieved' ? 'Mark achieved' : 'Mark dropped'}
              />{' '}
            </>
          ))}
      </p>
      <section aria-labelledby="items-title">
        <h2 id="items-title">Action items</h2>
        {g.items.length === 0 ? <p>None yet.</p> : null}
        <ul class="item-list">
          {g.items.map((i) => (
            <li>
              {i.doneAt !== null ? <span class="tag">Done</span> : null} {i.title}
              {i.dueDate ? ` (due ${fmt.day(i.dueDate)})` : ''}{' '}
              <ButtonForm
                ctx={p.ctx}
                action={`${base}/items/${i.id}/done`}
                hidden={{ done: i.doneAt === null ? '1' : '0' }}
                label={i.doneAt === null ? 'Tick off' : 'Not done yet'}
                cls="link-button"
                describe={i.title}
              />{' '}
              <a href={`${base}/items/${i.id}`}>
                Edit or remove<span class="visually-hidden"> {i.title}</span>
              </a>
            </li>
          ))}
        </ul>
        <ErrorSummary errors={itemState.errors} labels={{ title: 'Action item', due: 'Due date' }} />
        <form method="post" action={`${base}/goals/${g.id}/items`} novalidate>
          <CsrfField ctx={p.ctx} />
          <Field name="title" label="New action item" state={itemState} required maxLength={300} />
          <Field name="due" label="Due date" type="date" state={itemState} hint="On the client’s calendar." />
          <FormActions>
            <button type="submit" class="button">
              Add action item
            </button>
          </FormActions>
        </form>
      </section>
      <section aria-labelledby="edit-goal-title">
        <h2 id="edit-goal-title">Edit the goal</h2>
        <ErrorSummary errors={goalState.errors} labels={{ goal_title: 'Goal', goal_detail: 'More about it' }} />
        <form method="post" action={`${base}/goals/${g.id}`} novalidate>
          <CsrfField ctx={p.ctx} />
          <Field name="goal_title" label="Goal" state={goalState} value={g.title} required maxLength={300} />
          <TextArea name="goal_detail" label="More about it" state={goalState} value={g.detail ?? ''} rows={3} />
          <FormActions>
            <button type="submit" class="button">
              Save goal
            </button>
          </FormActions>
        </form>
        <p>
          <ButtonForm
            ctx={p.ctx}
            action={`${base}/goals/${g.id}/remove`}
            label="Remove this goal and its action items"
            cls="button danger"
          />
        </p>
      </section>
      {back(c)}
    </AdminLayout>
  );
}

/** One action item: rewrite it, change its due date, or remove it. */
export function ClientItemPage(p: { ctx: ViewContext; client: Client; item: ActionItem; state: FormState }) {
  const c = p.client;
  const i = p.item;
  const action = `/admin/clients/${c.id}/items/${i.id}`;
  return (
    <AdminLayout ctx={p.ctx} title={`Action item: ${i.title}`}>
      <ErrorSummary errors={p.state.errors} labels={{ title: 'Action item', due: 'Due date' }} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={p.ctx} />
        <Field name="title" label="Action item" state={p.state} value={i.title} required maxLength={300} />
        <Field
          name="due"
          label="Due date"
          type="date"
          state={p.state}
          value={i.dueDate ?? ''}
          hint="On the client’s calendar. Leave empty for none."
        />
        <FormActions>
          <button type="submit" class="button">
            Save action item
          </button>
        </FormActions>
      </form>
      <p>
        <ButtonForm ctx={p.ctx} action={`${action}/remove`} label="Remove this action item" cls="button danger" />
      </p>
      <p>
        <a href={`/admin/clients/${c.id}/goals/${i.goalId}`}>Back to the goal</a>
      </p>
    </AdminLayout>
  );
}

export const removedWords: Record<keyof RemovedCounts, [string, string]> = {
  notes: ['note (shared and private)', 'notes (shared and private)'],
  goals: ['goal', 'goals'],
  actionItems: ['action item', 'action items'],
  trackers: ['tracker', 'trackers'],
  checkIns: ['check-in', 'check-ins'],
  messages: ['message', 'messages'],
  files: ['file shared with this client alone or sent by them', 'files shared with this client alone or sent by them'],
  accessLogEntries: ['access-log entry', 'access-log entries'],
};

/** What deleting the client removes and keeps, said before anything goes; the button that does it. */
export function ClientDeletePage(p: {
  ctx: ViewContext;
  plan: DeletionPlan;
  /** The pending deletion request this carries out, if any. */
  requestId: string | null;
  error?: string | undefined;
}) {
  const { plan } = p;
  const keys = Object.keys(removedWords) as (keyof RemovedCounts)[];
  return (
    <AdminLayout ctx={p.ctx} title={`Delete ${plan.client.name}?`}>
      {p.error ? (
        <p class="notice warning" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.requestId ? <p>This carries out the client’s request for deletion.</p> : null}
      <h2>What deletion removes, for good</h2>
      <ul>
        <li>
          The client record of {plan.client.name} ({plan.client.email})
        </li>
        {keys.map((k) => {
          const n = plan.removes[k];
          return (
            <li>
              {n} {removedWords[k][n === 1 ? 0 : 1]}
            </li>
          );
        })}
      </ul>
      <h2>What stays</h2>
      <ul>
        {plan.keeps.map((k) => (
          <li>{k}</li>
        ))}
      </ul>
      <form method="post" action={`/admin/clients/${plan.client.id}/delete`}>
        <CsrfField ctx={p.ctx} />
        {p.requestId ? <input type="hidden" name="request" value={p.requestId} /> : null}
        {keys.map((k) => (
          <input type="hidden" name={k} value={String(plan.removes[k])} />
        ))}
        <FormActions>
          <button type="submit" class="button danger">
            Delete {plan.client.name} and all of the above
          </button>
          <a class="button secondary" href={`/admin/clients/${plan.client.id}`}>
            Keep the client
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** The whole conversation, a page at a time, oldest first. */
export function ClientMessagesPage(p: {
  ctx: ViewContext;
  client: Client;
  messages: Message[];
  earlierHref: string | null;
}) {
  const c = p.client;
  const fmt = coachFormat(p.ctx);
  const zone = p.ctx.settings.timeZone;
  return (
    <AdminLayout ctx={p.ctx} title={`Messages with ${c.name}`}>
      {p.earlierHref ? (
        <p>
          <a href={p.earlierHref}>Earlier messages</a>
        </p>
      ) : null}
      {p.messages.length === 0 ? <p>No messages.</p> : null}
      <ol class="conversation">
        {p.messages.map((m) => (
          <li class={m.from === 'coach' ? 'from-coach' : 'from-client'}>
            <p class="hint">
              <strong>{m.from === 'coach' ? 'You' : c.name}</strong>, {fmt.when(m.at, zone)}
            </p>
            <p class="message-body">{m.body}</p>
          </li>
        ))}
      </ol>
      <p>
        <a href={`/admin/clients/${c.id}#messages-title`}>Reply on {c.name}’s page</a>
      </p>
    </AdminLayout>
  );
}
