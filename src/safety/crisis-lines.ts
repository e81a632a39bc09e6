import type { Executor } from '../db/index.ts';
import { type CrisisResource, crisisResources } from './crisis-resources.ts';

/** One stored edit of the coach (table guide_crisis_lines, owned with the guide's settings). */
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
