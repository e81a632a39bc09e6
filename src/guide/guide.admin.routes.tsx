import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addAuditLabels, recordAudit } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { type CrisisResource, coveredCountries, crisisResources } from '../safety/index.ts';
import { newId } from '../security/index.ts';
import { AppError, type FormState, parseForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { crisisLineForm, guideSettingsForm, referralForm, referralMessageForm } from './guide.admin.forms.ts';
import * as q from './guide.queries.ts';
import { deleteSharedResultNow, openSharedResult, type SharedContent, sendReferralMessage } from './guide.service.ts';
import { readGuideSettings, writeGuideSettings } from './guide.settings.ts';
import {
  AdminCrisisLinePage,
  AdminCrisisLinesPage,
  type LineStatus,
  type ListedLine,
  lineValues,
} from './pages/admin-crisis.tsx';
import { AdminGuideSettingsPage, AdminReferralPage, AdminReferralsPage } from './pages/admin-guide.tsx';
import { AdminResultPage, AdminResultsPage, draftReferralMessage } from './pages/admin-results.tsx';

const EXPIRED = 'For your security this page had expired, so nothing changed. Please press the button once more.';
const idParams = z.object({ id: z.string().min(1).max(100) });
const keyParams = z.object({ key: z.string().regex(/^[a-z0-9-]{2,120}$/) });

addAuditLabels({
  'guide.settings_update': 'Changed the guide settings',
  'guide.referral_add': 'Added a referral',
  'guide.referral_update': 'Changed a referral',
  'guide.referral_delete': 'Removed a referral',
  'guide.crisis_line_update': 'Changed a crisis line',
  'guide.crisis_line_restore': 'Restored a crisis line',
  'guide.result_deleted': 'Deleted a shared guide result',
  'guide.referral_sent': 'Sent a referral message',
});

function param<T>(schema: z.ZodType<T>, params: unknown): T {
  const p = schema.safeParse(params);
  if (!p.success) throw new AppError('not_found');
  return p.data;
}

/** The guide's rooms in the back office: settings, referrals, crisis lines, shared results. */
export async function guideAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);
  const now = () => deps.clock.now();

  // ---- settings ----
  async function settingsState(): Promise<FormState> {
    const s = await readGuideSettings(db);
    return {
      values: {
        ...Object.fromEntries(Object.entries(s.cutoffs).map(([k, v]) => [k, String(v)])),
        conflictStatement: s.conflictStatement,
        ...(s.acceptsMinors ? { acceptsMinors: 'yes' } : {}),
      },
      errors: {},
    };
  }
  app.get('/admin/guide', async (request, reply) => {
    requireCoach(request);
    const notice = (request.query as Record<string, unknown>)?.saved === '1' ? 'Guide settings saved.' : undefined;
    return sendPage(
      reply,
      <AdminGuideSettingsPage ctx={await ctxOf(request, reply)} state={await settingsState()} notice={notice} />,
    );
  });
  app.post('/admin/guide', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await ctxOf(request, reply);
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminGuideSettingsPage
          ctx={ctx}
          state={{ values: typedValues(request.body), errors: {} }}
          problem={EXPIRED}
        />,
        403,
      );
    const parsed = parseForm(guideSettingsForm, request.body);
    if (!parsed.ok) return sendPage(reply, <AdminGuideSettingsPage ctx={ctx} state={parsed.state} />, 400);
    const { conflictStatement, acceptsMinors, ...cutoffs } = parsed.data;
    await db.transaction().execute(async (tx) => {
      await writeGuideSettings(tx, { cutoffs, conflictStatement, acceptsMinors: acceptsMinors === 'yes' }, now());
      await recordAudit(
        tx,
        {
          actorUserId: viewer.userId,
          action: 'guide.settings_update',
          detail: { ...cutoffs, acceptsMinors: acceptsMinors === 'yes' },
        },
        now(),
      );
    });
    return reply.redirect('/admin/guide?saved=1', 303);
  });

  // ---- referrals ----
  const referralValues = (r: {
    name: string;
    focus: string;
    how_to_reach: string;
    notes: string;
    sort_order: number;
  }) => ({
    name: r.name,
    focus: r.focus,
    how_to_reach: r.how_to_reach,
    notes: r.notes,
    sort_order: String(r.sort_order),
  });
  app.get('/admin/guide/referrals', async (request, reply) => {
    requireCoach(request);
    const notice = (request.query as Record<string, unknown>)?.done === '1' ? 'Referral list updated.' : undefined;
    return sendPage(
      reply,
      <AdminReferralsPage
        ctx={await ctxOf(request, reply)}
        referrals={await q.referralList(db)}
        state={{ values: {}, errors: {} }}
        notice={notice}
      />,
    );
  });
  app.post('/admin/guide/referrals', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await ctxOf(request, reply);
    const referrals = await q.referralList(db);
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminReferralsPage
          ctx={ctx}
          referrals={referrals}
          state={{ values: typedValues(request.body), errors: { _form: EXPIRED } }}
        />,
        403,
      );
    const parsed = parseForm(referralForm, request.body);
    if (!parsed.ok)
      return sendPage(reply, <AdminReferralsPage ctx={ctx} referrals={referrals} state={parsed.state} />, 400);
    const id = newId();
    await db.transaction().execute(async (tx) => {
      await q.insertReferral(tx, { id, ...parsed.data, created_at: now(), updated_at: now() });
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'guide.referral_add', subject: id }, now());
    });
    return reply.redirect('/admin/guide/referrals?done=1', 303);
  });
  app.get('/admin/guide/referrals/:id', async (request, reply) => {
    requireCoach(request);
    const r = await q.referralById(db, param(idParams, request.params).id);
    if (!r) throw new AppError('not_found');
    return sendPage(
      reply,
      <AdminReferralPage
        ctx={await ctxOf(request, reply)}
        referral={r}
        state={{ values: referralValues(r), errors: {} }}
      />,
    );
  });
  app.post('/admin/guide/referrals/:id', async (request, reply) => {
    const viewer = requireCoach(request);
    const r = await q.referralById(db, param(idParams, request.params).id);
    if (!r) throw new AppError('not_found');
    const ctx = await ctxOf(request, reply);
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminReferralPage
          ctx={ctx}
          referral={r}
          state={{ values: typedValues(request.body), errors: {} }}
          problem={EXPIRED}
        />,
        403,
      );
    const parsed = parseForm(referralForm, request.body);
    if (!parsed.ok) return sendPage(reply, <AdminReferralPage ctx={ctx} referral={r} state={parsed.state} />, 400);
    await db.transaction().execute(async (tx) => {
      await q.updateReferral(tx, r.id, { ...parsed.data, updated_at: now() });
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'guide.referral_update', subject: r.id }, now());
    });
    return reply.redirect('/admin/guide/referrals?done=1', 303);
  });
  app.post('/admin/guide/referrals/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const r = await q.referralById(db, param(idParams, request.params).id);
    if (!r) throw new AppError('not_found');
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminReferralPage
          ctx={await ctxOf(request, reply)}
          referral={r}
          state={{ values: referralValues(r), errors: {} }}
          problem={EXPIRED}
        />,
        403,
      );
    await db.transaction().execute(async (tx) => {
      await q.deleteReferral(tx, r.id);
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'guide.referral_delete', subject: r.id }, now());
    });
    return reply.redirect('/admin/guide/referrals?done=1', 303);
  });

  // ---- crisis lines ----
  async function listedLines(): Promise<ListedLine[]> {
    const edits = await db.selectFrom('guide_crisis_lines').selectAll().execute();
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
  async function findLine(key: string): Promise<ListedLine | undefined> {
    return (await listedLines()).find((l) => l.line.key === key);
  }
  app.get('/admin/guide/crisis-lines', async (request, reply) => {
    requireCoach(request);
    const notice = (request.query as Record<string, unknown>)?.done === '1' ? 'Crisis lines updated.' : undefined;
    return sendPage(
      reply,
      <AdminCrisisLinesPage ctx={await ctxOf(request, reply)} lines={await listedLines()} notice={notice} />,
    );
  });
  app.get('/admin/guide/crisis-lines/:key', async (request, reply) => {
    requireCoach(request);
    const { key } = param(keyParams, request.params);
    const ctx = await ctxOf(request, reply);
    if (key === 'new') {
      const asked = String((request.query as Record<string, unknown>)?.country ?? ctx.settings.country).toUpperCase();
      const country = Object.hasOwn(coveredCountries, asked) ? asked : 'US';
      return sendPage(
        reply,
        <AdminCrisisLinePage
          ctx={ctx}
          lineKey="new"
          status="new"
          state={{
            values: { country, kind: 'crisis', verifiedOn: new Date(now()).toISOString().slice(0, 10) },
            errors: {},
          }}
        />,
      );
    }
    const found = await findLine(key);
    if (!found) throw new AppError('not_found');
    return sendPage(
      reply,
      <AdminCrisisLinePage
        ctx={ctx}
        lineKey={key}
        status={found.status}
        state={{ values: lineValues(found.line, found.status === 'hidden'), errors: {} }}
      />,
    );
  });
  app.post('/admin/guide/crisis-lines/:key', async (request, reply) => {
    const viewer = requireCoach(request);
    const { key } = param(keyParams, request.params);
    const found = key === 'new' ? undefined : await findLine(key);
    if (key !== 'new' && !found) throw new AppError('not_found');
    const status: LineStatus | 'new' = found?.status ?? 'new';
    const ctx = await ctxOf(request, reply);
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminCrisisLinePage
          ctx={ctx}
          lineKey={key}
          status={status}
          state={{ values: typedValues(request.body), errors: {} }}
          problem={EXPIRED}
        />,
        403,
      );
    const parsed = parseForm(crisisLineForm, request.body);
    if (!parsed.ok)
      return sendPage(reply, <AdminCrisisLinePage ctx={ctx} lineKey={key} status={status} state={parsed.state} />, 400);
    const d = parsed.data;
    const storedKey = found ? key : `own-${newId()}`;
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
    await db.transaction().execute(async (tx) => {
      await q.upsertCrisisLineEdit(tx, {
        key: storedKey,
        country,
        data_json: JSON.stringify(line),
        hidden: d.hidden === 'yes' && status !== 'own' && status !== 'new' ? 1 : 0,
        updated_at: now(),
      });
      await recordAudit(
        tx,
        { actorUserId: viewer.userId, action: 'guide.crisis_line_update', subject: storedKey },
        now(),
      );
    });
    return reply.redirect('/admin/guide/crisis-lines?done=1', 303);
  });
  app.post('/admin/guide/crisis-lines/:key/restore', async (request, reply) => {
    const viewer = requireCoach(request);
    const { key } = param(keyParams, request.params);
    const found = await findLine(key);
    if (!found) throw new AppError('not_found');
    if (!request.csrfOk)
      return sendPage(
        reply,
        <AdminCrisisLinePage
          ctx={await ctxOf(request, reply)}
          lineKey={key}
          status={found.status}
          state={{ values: lineValues(found.line, found.status === 'hidden'), errors: {} }}
          problem={EXPIRED}
        />,
        403,
      );
    await db.transaction().execute(async (tx) => {
      await q.deleteCrisisLineEdit(tx, key);
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'guide.crisis_line_restore', subject: key }, now());
    });
    return reply.redirect('/admin/guide/crisis-lines?done=1', 303);
  });

  // ---- shared results ----
  app.get('/admin/guide/results', async (request, reply) => {
    requireCoach(request);
    await q.deleteExpiredSharedResults(db, now()); // belt and braces: the job does this too
    const rows = (await q.sharedResultListing(db, now())).map((r) => {
      let content: SharedContent | null = null;
      try {
        content = JSON.parse(deps.sealer.open(r.sealed)) as SharedContent;
      } catch {
        content = null;
      }
      return { ...r, content };
    });
    const notice = (request.query as Record<string, unknown>)?.deleted === '1' ? 'Result deleted.' : undefined;
    return sendPage(reply, <AdminResultsPage ctx={await ctxOf(request, reply)} rows={rows} notice={notice} />);
  });
  async function resultPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { message?: FormState; notice?: string; problem?: string; status?: number } = {},
  ) {
    const { id } = param(idParams, request.params);
    const row = await openSharedResult(deps, id);
    if (!row) throw new AppError('not_found');
    const ctx = await ctxOf(request, reply);
    const draft = row.content
      ? draftReferralMessage(row.content, ctx.settings.coachName, await q.referralList(db))
      : { subject: '', body: '' };
    return sendPage(
      reply,
      <AdminResultPage
        ctx={ctx}
        row={row}
        message={o.message ?? { values: draft, errors: {} }}
        notice={o.notice}
        problem={o.problem}
      />,
      o.status ?? 200,
    );
  }
  app.get('/admin/guide/results/:id', async (request, reply) => {
    requireCoach(request);
    const sent = (request.query as Record<string, unknown>)?.sent === '1';
    return resultPage(request, reply, sent ? { notice: 'Message queued in the outbox.' } : {});
  });
  app.post('/admin/guide/results/:id/message', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = param(idParams, request.params);
    if (!request.csrfOk)
      return resultPage(request, reply, {
        message: { values: typedValues(request.body), errors: {} },
        problem: EXPIRED,
        status: 403,
      });
    const parsed = parseForm(referralMessageForm, request.body);
    if (!parsed.ok) return resultPage(request, reply, { message: parsed.state, status: 400 });
    const row = await openSharedResult(deps, id);
    if (!row?.content) throw new AppError('not_found');
    await sendReferralMessage(deps, {
      resultId: id,
      to: row.content.email,
      subject: parsed.data.subject,
      body: parsed.data.body,
      actorUserId: viewer.userId,
    });
    kickOutbox(deps);
    return reply.redirect(`/admin/guide/results/${encodeURIComponent(id)}?sent=1`, 303);
  });
  app.post('/admin/guide/results/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = param(idParams, request.params);
    if (!request.csrfOk) return resultPage(request, reply, { problem: EXPIRED, status: 403 });
    if (!(await deleteSharedResultNow(deps, id, viewer.userId))) throw new AppError('not_found');
    return reply.redirect('/admin/guide/results?deleted=1', 303);
  });
}
