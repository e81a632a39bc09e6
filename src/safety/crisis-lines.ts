import type { Insertable } from 'kysely';
import type { Executor } from '../db/index.ts';
import { type CrisisResource, crisisResources } from './crisis-resources.ts';
import type { GuideCrisisLinesTable } from './safety.tables.ts';

/** One stored edit of the coach (table guide_crisis_lines, owned here; edited from the guide's settings). */
export interface CrisisLineEdit {
  key: string;
  country: string;
  data_json: string | null;
  hidden: number;
}

/**
 * The shipped lines with the coach's edits applied: an edit replaces the shipped line of the same
 * key, `hidden` removes it, and an edit with a key of its own adds a line. Pure.
 */
export function mergeCrisisLines(
  defaults: readonly CrisisResource[],
  edits: readonly CrisisLineEdit[],
): CrisisResource[] {
  const byKey = new Map(edits.map((e) => [e.key, e]));
  const out: CrisisResource[] = [];
  for (const d of defaults) {
    const e = byKey.get(d.key);
    if (e?.hidden) continue;
    out.push(
      e?.data_json ? { ...d, ...(JSON.parse(e.data_json) as CrisisResource), key: d.key, country: d.country } : d,
    );
  }
  const shipped = new Set(defaults.map((d) => d.key));
  for (const e of edits) {
    if (shipped.has(e.key) || e.hidden || !e.data_json) continue;
    out.push({ ...(JSON.parse(e.data_json) as CrisisResource), key: e.key, country: e.country });
  }
  return out;
}

/** When each of the coach's edits was made (the help pages' last change, for the sitemap). */
export async function crisisLineEditTimes(db: Executor): Promise<number[]> {
  return (await db.selectFrom('guide_crisis_lines').select('updated_at').execute()).map((e) => e.updated_at);
}

/** Every crisis line as the site shows it: the shipped defaults merged with the coach's edits. */
export async function currentCrisisResources(db: Executor): Promise<CrisisResource[]> {
  const edits = await db.selectFrom('guide_crisis_lines').select(['key', 'country', 'data_json', 'hidden']).execute();
  return mergeCrisisLines(crisisResources, edits);
}

/** Stores (or replaces) the coach's edit of one crisis line. */
export async function upsertCrisisLineEdit(db: Executor, row: Insertable<GuideCrisisLinesTable>): Promise<void> {
  const { key: _key, ...set } = row;
  await db
    .insertInto('guide_crisis_lines')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet(set))
    .execute();
}

/** Drops the coach's edit of a line (a shipped line comes back as shipped); true when there was one. */
export async function deleteCrisisLineEdit(db: Executor, key: string): Promise<boolean> {
  const r = await db.deleteFrom('guide_crisis_lines').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Every stored edit of a crisis line (changed, hidden or the coach's own). */
export async function crisisLineEdits(db: Executor) {
  return db.selectFrom('guide_crisis_lines').selectAll().execute();
}

/** The keys the coach has edited. */
export async function editedCrisisLineKeys(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('guide_crisis_lines').select('key').execute();
  return new Set(rows.map((r) => r.key));
}
