import type { Goal } from '../../clients/index.ts';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  Field,
  FormActions,
  type FormState,
  Select,
  TextArea,
  visitorFormat,
} from '../../web/index.ts';
import { DueWords } from './parts.tsx';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export const goalLabels = { goal_title: 'New goal', goal_detail: 'What reaching it looks like' } as const;
export const itemLabels = { goal: 'For the goal', item_title: 'New action item', item_due: 'Due date' } as const;

export interface GoalsData {
  today: string;
  zone: string;
  goals: Goal[];
  /** The form shown again with what was typed: which one, and its state. */
  form?: { name: 'goal' | 'item' | 'tick'; state: FormState };
}

const STATUS_WORDS = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' } as const;

/** Goals with their action items and progress; tick items off with a button each (no script). */
export function PortalGoalsPage({ frame, d, notice }: { frame: PortalFrame; d: GoalsData; notice?: string }) {
  const fmt = visitorFormat(frame.ctx);
  const { ctx } = frame;
  const stateOf = (name: 'goal' | 'item') => (d.form?.name === name ? d.form.state : emptyForm);
  const active = d.goals.filter((g) => g.status === 'active');
  const tickError = d.form?.name === 'tick' ? d.form.state.errors._form : undefined;
  return (
    <PortalLayout frame={frame} title="Your goals" notice={notice}>
      <h1>Your goals</h1>
      {tickError ? (
        <p class="notice warning" role="alert">
          {tickError}
        </p>
      ) : null}
      {d.goals.length === 0 ? <p>No goals yet. Set your first one below, or talk it over with your coach.</p> : null}
      {d.goals.map((g) => (
        <section class="card portal-goal" aria-labelledby={`goal-${g.id}`}>
          <h2 id={`goal-${g.id}`}>
            {g.title}
            {g.status !== 'active' ? <span class="tag">{STATUS_WORDS[g.status]}</span> : null}
          </h2>
          {g.detail ? <p class="portal-text">{g.detail}</p> : null}
          {g.items.length > 0 ? (
            <>
              <p>
                <progress max={g.progress.total} value={g.progress.done} aria-labelledby={`progress-${g.id}`} />{' '}
                <span id={`progress-${g.id}`}>
                  {g.progress.done} of {g.progress.total} action items done
                </span>
              </p>
              <ul class="portal-items">
                {g.items.map((i) => (
                  <li class={i.doneAt ? 'done' : undefined}>
                    <form method="post" action={`/portal/items/${i.id}/done`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <input type="hidden" name="done" value={i.doneAt ? '0' : '1'} />
                      <button type="submit" class="button secondary small">
                        {i.doneAt ? 'Undo' : 'Tick off'}
                        <span class="visually-hidden">: {i.title}</span>
                      </button>
                    </form>{' '}
                    <span class="item-title">{i.doneAt ? <s>{i.title}</s> : i.title}</span>
                    {i.doneAt ? <span class="visually-hidden"> (done)</span> : null}{' '}
                    <span class="hint">
                      {i.doneAt ? (
                        `done ${fmt.shortDate(i.doneAt, d.zone)}`
                      ) : i.dueDate ? (
                        <DueWords due={i.dueDate} today={d.today} fmt={fmt} />
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No action items yet.</p>
          )}
        </section>
      ))}

      {active.length > 0 ? (
        <section aria-labelledby="add-item-title">
          <h2 id="add-item-title">Add an action item</h2>
          <ErrorSummary errors={stateOf('item').errors} labels={itemLabels} />
          <form method="post" action="/portal/items" novalidate>
            <CsrfField ctx={ctx} />
            {active.length > 1 ? (
              <Select
                name="goal"
                label={itemLabels.goal}
                state={stateOf('item')}
                required
                options={active.map((g) => ({ value: g.id, label: g.title }))}
              />
            ) : (
              <input type="hidden" name="goal" value={active[0]!.id} />
            )}
            <Field
              name="item_title"
              label={itemLabels.item_title}
              state={stateOf('item')}
              required
              maxLength={300}
              hint={active.length === 1 ? `A step towards “${active[0]!.title}”.` : undefined}
            />
            <Field
              name="item_due"
              label={itemLabels.item_due}
              type="date"
              state={stateOf('item')}
              hint="On your calendar, for example 2026-12-31. You get one reminder email when it is near, if reminders are on."
            />
            <FormActions>
              <button type="submit" class="button">
                Add action item
              </button>
            </FormActions>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="add-goal-title">
        <h2 id="add-goal-title">Set a goal</h2>
        <ErrorSummary errors={stateOf('goal').errors} labels={goalLabels} />
        <form method="post" action="/portal/goals" novalidate>
          <CsrfField ctx={ctx} />
          <Field name="goal_title" label={goalLabels.goal_title} state={stateOf('goal')} required maxLength={300} />
          <TextArea name="goal_detail" label={goalLabels.goal_detail} state={stateOf('goal')} rows={3} />
          <FormActions>
            <button type="submit" class="button">
              Add goal
            </button>
          </FormActions>
        </form>
        <p class="hint">Your coach sees your goals and how far along you are.</p>
      </section>
    </PortalLayout>
  );
}
