import type { z } from 'zod';
import type { Executor } from '../db/index.ts';

/**
 * The document stored under `key`, parsed by `schema` over `defaults`: the defaults when nothing
 * is stored or the stored document no longer passes the schema. A schema that accepts a partial
 * document (`schema.partial()`) lets newly added fields take their defaults.
 */
export async function readSettingsDocument<T extends object>(
  db: Executor,
  key: string,
  schema: z.ZodType<Partial<T>>,
  defaults: T,
): Promise<T> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  if (!row) return defaults;
  const parsed = schema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? { ...defaults, ...parsed.data } : defaults;
}

/** Stores the document under `key` (already validated), replacing what was there. */
export async function writeSettingsDocument(db: Executor, key: string, value: unknown, now: number): Promise<void> {
  const value_json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value_json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: now }))
    .execute();
}

/**
 * Stores the document under `key` only when none is there yet, and says whether it did. The
 * primary key lets exactly one caller in, so it doubles as a claim (the demo seed uses it).
 */
export async function insertSettingsDocumentIfAbsent(
  db: Executor,
  key: string,
  value: unknown,
  now: number,
): Promise<boolean> {
  const result = await db
    .insertInto('settings')
    .values({ key, value_json: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** When any of these documents last changed (pages drawn from them changed then), or undefined. */
export async function settingsChangedAt(db: Executor, ...keys: string[]): Promise<number | undefined> {
  const rows = await db.selectFrom('settings').select('updated_at').where('key', 'in', keys).execute();
  return rows.length ? Math.max(...rows.map((r) => r.updated_at)) : undefined;
}
