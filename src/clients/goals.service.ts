import { newId } from '../security/index.ts';
import { isLocalDate, type LocalDate } from '../time/index.ts';
import { ClientsError } from './clients.errors.ts';
import { type ClientsDeps, LIMITS, requireClient, requireText, touchClientActivity } from './clients.service.ts';
import type { GoalStatus, Party } from './clients.tables.ts';
import * as q from './goals.queries.ts';
import { type Progress, progressOf } from './progress.ts';
import { openSealed, openSealedOrNull } from './sealed.ts';

// Goals and action items: the coach or the client sets a goal, each goal has action items (not
// "tasks") with optional due dates on the client's calendar, the client ticks them off, both see
// the progress. Titles are sealed like every other free text about a client.

export interface ActionItem {
  id: string;
  goalId: string;
  title: string;
  dueDate: LocalDate | null;
  doneAt: number | null;
  createdBy: Party;
}

export interface Goal {
  id: string;
  title: string;
  detail: string | null;
  status: GoalStatus;
  createdBy: Party;
  createdAt: number;
  achievedAt: number | null;
  items: ActionItem[];
  progress: Progress;
}

function dueDateOf(due: string | null | undefined): LocalDate | null {
  if (due === null || due === undefined || due === '') return null;
  if (!isLocalDate(due))
    throw new ClientsError('client_text_invalid', { message: 'Please give the due date as a date.' });
  return due;
}

/** Sets a goal for a client, by the coach or by the client; returns its id. */
export async function addGoal(
  deps: ClientsDeps,
  by: Party,
  clientId: string,
  input: { title: string; detail?: string | null },
): Promise<string> {
  const title = requireText(input.title, LIMITS.title);
  const detail = input.detail?.trim() ? requireText(input.detail, LIMITS.detail) : null;
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await requireClient(tx, clientId);
    await q.insertGoal(tx, {
      id,
      client_id: clientId,
      title_sealed: deps.sealer.seal(title),
      detail_sealed: detail === null ? null : deps.sealer.seal(detail),
      status: 'active',
      created_by: by,
      sort_order: await q.nextGoalOrder(tx, clientId),
      created_at: now,
      updated_at: now,
      achieved_at: null,
    });
    if (by === 'client') await touchClientActivity(tx, clientId, now);
  });
  return id;
}

/** Rewrites a goal's title and detail. */
export async function editGoal(
  deps: ClientsDeps,
  clientId: string,
  goalId: string,
  input: { title: string; detail?: string | null },
): Promise<void> {
  const title = requireText(input.title, LIMITS.title);
  const detail = input.detail?.trim() ? requireText(input.detail, LIMITS.detail) : null;
  const ok = await q.updateGoal(deps.dbh.db, clientId, goalId, {
    title_sealed: deps.sealer.seal(title),
    detail_sealed: detail === null ? null : deps.sealer.seal(detail),
    updated_at: deps.clock.now(),
  });
  if (!ok) throw new ClientsError('client_item_not_found');
}

/** Marks a goal achieved, dropped or active again; false when it already was. */
export async function setGoalStatus(
  deps: ClientsDeps,
  clientId: string,
  goalId: string,
  to: GoalStatus,
): Promise<boolean> {
  const db = deps.dbh.db;
  if (!(await q.goalOf(db, clientId, goalId))) throw new ClientsError('client_item_not_found');
  const from = (['active', 'achieved', 'dropped'] as const).filter((s) => s !== to);
  return q.swapGoalStatus(db, clientId, goalId, from, to, deps.clock.now());
}

/** Removes a goal and its action items. */
export async function removeGoal(deps: ClientsDeps, clientId: string, goalId: string): Promise<void> {
  if (!(await q.deleteGoal(deps.dbh.db, clientId, goalId))) throw new ClientsError('client_item_not_found');
}

/** Adds an action item to one of the client's goals; returns its id. */
export async function addActionItem(
  deps: ClientsDeps,
  by: Party,
  clientId: string,
  goalId: string,
  input: { title: string; dueDate?: string | null },
): Promise<string> {
  const title = requireText(input.title, LIMITS.title);
  const due = dueDateOf(input.dueDate);
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    if (!(await q.goalOf(tx, clientId, goalId))) throw new ClientsError('client_item_not_found');
    await q.insertActionItem(tx, {
      id,
      goal_id: goalId,
      client_id: clientId,
      title_sealed: deps.sealer.seal(title),
      due_date: due,
      done_at: null,
      created_by: by,
      sort_order: await q.nextItemOrder(tx, goalId),
      created_at: now,
      updated_at: now,
      reminded_at: null,
    });
    if (by === 'client') await touchClientActivity(tx, clientId, now);
  });
  return id;
}

/** Rewrites an action item's title and due date; a new due date earns a new reminder. */
export async function editActionItem(
  deps: ClientsDeps,
  clientId: string,
  itemId: string,
  input: { title: string; dueDate?: string | null },
): Promise<void> {
  const ok = await q.updateItem(deps.dbh.db, clientId, itemId, {
    title_sealed: deps.sealer.seal(requireText(input.title, LIMITS.title)),
    due_date: dueDateOf(input.dueDate),
    reminded_at: null,
    updated_at: deps.clock.now(),
  });
  if (!ok) throw new ClientsError('client_item_not_found');
}

/**
 * Ticks an action item off (or back on). Idempotent: true when this call changed it, false when
 * it already was so. Another client's item is client_item_not_found.
 */
export async function setActionItemDone(
  deps: ClientsDeps,
  by: Party,
  clientId: string,
  itemId: string,
  done: boolean,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const changed = await q.setItemDone(tx, clientId, itemId, done, now);
    if (!changed && !(await q.hasItem(tx, clientId, itemId))) throw new ClientsError('client_item_not_found');
    if (changed && by === 'client') await touchClientActivity(tx, clientId, now);
    return changed;
  });
}

/** Removes an action item. */
export async function removeActionItem(deps: ClientsDeps, clientId: string, itemId: string): Promise<void> {
  if (!(await q.deleteItem(deps.dbh.db, clientId, itemId))) throw new ClientsError('client_item_not_found');
}

/** A client's goals with their action items and progress, opened; active goals first. */
export async function goalsWithItems(deps: ClientsDeps, clientId: string): Promise<Goal[]> {
  const db = deps.dbh.db;
  const [goals, items] = await Promise.all([q.goalsOf(db, clientId), q.actionItemsOf(db, clientId)]);
  const byGoal = new Map<string, ActionItem[]>();
  for (const i of items) {
    const list = byGoal.get(i.goal_id) ?? [];
    list.push({
      id: i.id,
      goalId: i.goal_id,
      title: openSealed(deps.sealer, i.title_sealed),
      dueDate: i.due_date,
      doneAt: i.done_at,
      createdBy: i.created_by,
    });
    byGoal.set(i.goal_id, list);
  }
  const rank: Record<GoalStatus, number> = { active: 0, achieved: 1, dropped: 2 };
  return goals
    .map((g) => {
      const list = byGoal.get(g.id) ?? [];
      return {
        id: g.id,
        title: openSealed(deps.sealer, g.title_sealed),
        detail: openSealedOrNull(deps.sealer, g.detail_sealed),
        status: g.status,
        createdBy: g.created_by,
        createdAt: g.created_at,
        achievedAt: g.achieved_at,
        items: list,
        progress: progressOf(list),
      };
    })
    .sort((a, b) => rank[a.status] - rank[b.status]);
}

/** Progress over all of a client's active goals, for the coach's list and the portal's home. */
export function overallProgress(goals: readonly Goal[]): Progress {
  return progressOf(goals.filter((g) => g.status === 'active').flatMap((g) => g.items));
}
