import type { Executor } from '../db/index.ts';
import type { ActionItemRow, GoalRow, GoalStatus } from './clients.tables.ts';

// Goals and action items: Kysely only. Every query names the client, so an id from another
// client's page finds nothing.

/** Writes a goal. */
export async function insertGoal(db: Executor, row: GoalRow): Promise<void> {
  await db.insertInto('client_goals').values(row).execute();
}

/** One goal of this client. */
export async function goalOf(db: Executor, clientId: string, goalId: string): Promise<GoalRow | undefined> {
  return db
    .selectFrom('client_goals')
    .selectAll()
    .where('id', '=', goalId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** A client's goals in their order. */
export async function goalsOf(db: Executor, clientId: string): Promise<GoalRow[]> {
  return db
    .selectFrom('client_goals')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/** The next sort position for a client's goals. */
export async function nextGoalOrder(db: Executor, clientId: string): Promise<number> {
  const r = await db
    .selectFrom('client_goals')
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 10;
}

/** Changes a goal's title, detail or status, within its client. */
export async function updateGoal(
  db: Executor,
  clientId: string,
  goalId: string,
  changes: Partial<Pick<GoalRow, 'title_sealed' | 'detail_sealed' | 'status' | 'achieved_at' | 'updated_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('client_goals')
    .set(changes)
    .where('id', '=', goalId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a goal's status from one to another (compare-and-swap). */
export async function swapGoalStatus(
  db: Executor,
  clientId: string,
  goalId: string,
  from: readonly GoalStatus[],
  to: GoalStatus,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('client_goals')
    .set({ status: to, achieved_at: to === 'achieved' ? now : null, updated_at: now })
    .where('id', '=', goalId)
    .where('client_id', '=', clientId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a goal (its action items go with it). */
export async function deleteGoal(db: Executor, clientId: string, goalId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('client_goals')
    .where('id', '=', goalId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Writes an action item. */
export async function insertActionItem(db: Executor, row: ActionItemRow): Promise<void> {
  await db.insertInto('client_action_items').values(row).execute();
}

/** The next sort position within a goal. */
export async function nextItemOrder(db: Executor, goalId: string): Promise<number> {
  const r = await db
    .selectFrom('client_action_items')
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .where('goal_id', '=', goalId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 10;
}

/** A client's action items, by goal and order. */
export async function actionItemsOf(db: Executor, clientId: string): Promise<ActionItemRow[]> {
  return db
    .selectFrom('client_action_items')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('goal_id')
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/** A client's open action items with a due date (what a digest may name). */
export async function openDatedItemsOf(db: Executor, clientId: string): Promise<ActionItemRow[]> {
  return db
    .selectFrom('client_action_items')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('done_at', 'is', null)
    .where('due_date', 'is not', null)
    .execute();
}

/**
 * Ticks an item off or back on, as a compare-and-swap on done_at: ticking twice (a form sent
 * again) changes nothing the second time, and keeps the first tick's time.
 */
export async function setItemDone(
  db: Executor,
  clientId: string,
  itemId: string,
  done: boolean,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('client_action_items')
    .set({ done_at: done ? now : null, updated_at: now })
    .where('id', '=', itemId)
    .where('client_id', '=', clientId)
    .where('done_at', done ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True when this client has an action item with this id. */
export async function hasItem(db: Executor, clientId: string, itemId: string): Promise<boolean> {
  const r = await db
    .selectFrom('client_action_items')
    .select('id')
    .where('id', '=', itemId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r !== undefined;
}

/** Changes an item's title or due date, within its client. */
export async function updateItem(
  db: Executor,
  clientId: string,
  itemId: string,
  changes: Partial<Pick<ActionItemRow, 'title_sealed' | 'due_date' | 'reminded_at' | 'updated_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('client_action_items')
    .set(changes)
    .where('id', '=', itemId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes an action item, within its client. */
export async function deleteItem(db: Executor, clientId: string, itemId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('client_action_items')
    .where('id', '=', itemId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Marks items as named in a digest. */
export async function markItemsReminded(
  db: Executor,
  clientId: string,
  ids: readonly string[],
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('client_action_items')
    .set({ reminded_at: now })
    .where('client_id', '=', clientId)
    .where('id', 'in', ids)
    .execute();
}
