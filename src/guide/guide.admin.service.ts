import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import {
  type CrisisResource,
  crisisLineEdits,
  crisisResources,
  deleteCrisisLineEdit,
  upsertCrisisLineEdit,
} from '../safety/index.ts';
import { newId } from '../security/index.ts';
import type { CrisisLineForm, GuideSettingsForm, ReferralForm } from './guide.admin.forms.ts';
import * as q from './guide.queries.ts';
import { writeGuideSettings } from './guide.settings.ts';
import type { LineStatus, ListedLine } from './pages/admin-crisis.tsx';

type AdminDeps = Pick<Deps, 'dbh' | 'clock'>;

/** Saves the guide's settings (cut-offs, conflict statement, minors) with an audit entry, in one transaction. */
export async function saveGuideSettings(deps: AdminDeps, actorUserId: string, form: GuideSettingsForm): Promise<void> {
  const now = deps.clock.now();
  const { conflictStatement, acceptsMinors, asksPhq9Item9, ...cutoffs } = form;
  await deps.dbh.db.transaction().execute(async (tx) => {
    await writeGuideSettings(
      tx,
      { cutoffs, conflictStatement, acceptsMinors: acceptsMinors === 'yes', asksPhq9Item9: asksPhq9Item9 === 'yes' },
      now,
    );
    await recordAudit(
      tx,
      {
        actorUserId,
        action: 'guide.settings_update',
        detail: { ...cutoffs, acceptsMinors: acceptsMinors === 'yes', asksPhq9Item9: asksPhq9Item9 === 'yes' },
      },
      now,
    );
  });
}

/** Adds a referral to the list; returns its id. */
export async function addReferral(deps: AdminDeps, actorUserId: string, form: ReferralForm): Promise<string> {
  const now = deps.clock.now();
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await q.insertReferral(tx, { id, ...form, created_at: now, updated_at: now });
    await recordAudit(tx, { actorUserId, action: 'guide.referral_add', subject: id }, now);
  });
  return id;
}

/** Changes a referral. */
export async function changeReferral(deps: AdminDeps, actorUserId: string, id: string, form: ReferralForm) {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await q.updateReferral(tx, id, { ...form, updated_at: now });
    await recordAudit(tx, { actorUserId, action: 'guide.referral_update', subject: id }, now);
  });
}

/** Removes a referral. */
export async function removeReferral(deps: AdminDeps, actorUserId: string, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await q.deleteReferral(tx, id);
    await recordAudit(tx, { actorUserId, action: 'guide.referral_delete', subject: id }, now);
  });
}

/** Every crisis line as the back office lists it: shipped (maybe edited or hidden), then the coach's own. */
export async function listedCrisisLines(db: Executor): Promise<ListedLine[]> {
  const edits = await crisisLineEdits(db);
  const byKey = new Map(edits.map((e) => [e.key, e]));
  const shipped: ListedLine[] = crisisResources.map((d) => {
    const e = byKey.get(d.key);
    if (!e) return { line: d, status: 'shipped' };
    const line = e.data_json ? { ...d, ...(JSON.parse(e.data_json) as CrisisResource), key: d.key } : d;
    return { line, status: e.hidden ? 'hidden' : 'edited' };
  });
  const own: ListedLine[] = edits
    .filter((e) => e.key.startsWith('own-') && e.data_json)
    .map((e) => ({ line: { ...(JSON.parse(e.data_json!) as CrisisResource), key: e.key }, status: 'own' }));
  return [...shipped, ...own];
}

/**
 * Saves the coach's version of a crisis line: an edit of a shipped line (which keeps its key and
 * country, and may be hidden) or a line of her own (a new key).
 */
export async function saveCrisisLine(
  deps: AdminDeps,
  actorUserId: string,
  found: ListedLine | undefined,
  d: CrisisLineForm,
): Promise<void> {
  const now = deps.clock.now();
  const status: LineStatus | 'new' = found?.status ?? 'new';
  const storedKey = found ? found.line.key : `own-${newId()}`;
  const country = found ? found.line.country : d.country;
  const line: CrisisResource = {
    key: storedKey,
    country,
    kind: d.kind,
    name: d.name,
    phone: d.phone || null,
    sms: d.smsNumber ? { number: d.smsNumber, keyword: d.smsKeyword || null } : null,
    chatUrl: d.chatUrl || null,
    email: d.email || null,
    hours: d.hours,
    audience: d.audience,
    whatToExpect: d.whatToExpect,
    notes: d.notes || null,
    sourceUrl: d.sourceUrl,
    verifiedOn: d.verifiedOn,
  };
  await deps.dbh.db.transaction().execute(async (tx) => {
    await upsertCrisisLineEdit(tx, {
      key: storedKey,
      country,
      data_json: JSON.stringify(line),
      hidden: d.hidden === 'yes' && status !== 'own' && status !== 'new' ? 1 : 0,
      updated_at: now,
    });
    await recordAudit(tx, { actorUserId, action: 'guide.crisis_line_update', subject: storedKey }, now);
  });
}

/** Drops the coach's edit of a line: a shipped line is shown as shipped again, an own line is gone. */
export async function restoreCrisisLine(deps: AdminDeps, actorUserId: string, key: string): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await deleteCrisisLineEdit(tx, key);
    await recordAudit(tx, { actorUserId, action: 'guide.crisis_line_restore', subject: key }, now);
  });
}
