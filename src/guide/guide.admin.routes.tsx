import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { coveredCountries } from '../safety/index.ts';
import { allServices } from '../site/index.ts';
import {
  AppError,
  type FormState,
  handleForm,
  idParams,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  splitFormMessage,
  viewContext,
} from '../web/index.ts';
import { crisisLineForm, guideSettingsForm, referralForm, referralMessageForm } from './guide.admin.forms.ts';
import {
  addReferral,
  changeReferral,
  listedCrisisLines,
  removeReferral,
  restoreCrisisLine,
  saveCrisisLine,
  saveGuideSettings,
} from './guide.admin.service.ts';
import * as q from './guide.queries.ts';
import { deleteSharedResultNow, openSharedResult, type SharedContent, sendReferralMessage } from './guide.service.ts';
import { readGuideSettings } from './guide.settings.ts';
import { intakeQuestionAdminRoutes } from './intake-questions.routes.tsx';
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
const noticeQuery = z.object({ saved: queryValue, done: queryValue, deleted: queryValue, sent: queryValue });
const countryQuery = z.object({ country: queryValue });
const keyParams = z.object({ key: z.string().regex(/^[a-z0-9-]{2,120}$/) });

/** guide's audit actions in plain words (the audit page shows them). */
export const guideAuditLabels: AuditLabels = {
  'guide.settings_update': 'Changed the guide settings',
  'guide.referral_add': 'Added a referral',
  'guide.referral_update': 'Changed a referral',
  'guide.referral_delete': 'Removed a referral',
  'guide.crisis_line_update': 'Changed a crisis line',
  'guide.crisis_line_restore': 'Restored a crisis line',
  'guide.result_deleted': 'Deleted a shared guide result',
  'guide.referral_sent': 'Sent a referral message',
  'guide.intake_question_add': 'Added an intake question to a service',
  'guide.intake_question_delete': 'Removed an intake question from a service',
  'guide.intake_question_reorder': 'Reordered a service’s intake questions',
};

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
        ...(s.asksPhq9Item9 ? { asksPhq9Item9: 'yes' } : {}),
      },
      errors: {},
    };
  }
  app.get('/admin/guide', async (request, reply) => {
    requireCoach(request);
    const notice = parseQuery(noticeQuery, request).saved === '1' ? 'Guide settings saved.' : undefined;
    return sendPage(
      reply,
      <AdminGuideSettingsPage
        ctx={await ctxOf(request, reply)}
        state={await settingsState()}
        notice={notice}
        services={await allServices(db)}
      />,
    );
  });
  app.post('/admin/guide', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await ctxOf(request, reply);
    return handleForm(request, reply, {
      schema: guideSettingsForm,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(reply, <AdminGuideSettingsPage ctx={ctx} state={state} problem={message} />, status);
      },
      run: async (form) => {
        await saveGuideSettings(deps, viewer.userId, form);
        return '/admin/guide?saved=1';
      },
    });
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
    const notice = parseQuery(noticeQuery, request).done === '1' ? 'Referral list updated.' : undefined;
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
    return handleForm(request, reply, {
      schema: referralForm,
      expired: EXPIRED,
      render: (state, status) =>
        sendPage(reply, <AdminReferralsPage ctx={ctx} referrals={referrals} state={state} />, status),
      run: async (form) => {
        await addReferral(deps, viewer.userId, form);
        return '/admin/guide/referrals?done=1';
      },
    });
  });
  app.get('/admin/guide/referrals/:id', async (request, reply) => {
    requireCoach(request);
    const r = await q.referralById(db, parseParams(idParams, request).id);
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
    const r = await q.referralById(db, parseParams(idParams, request).id);
    if (!r) throw new AppError('not_found');
    const ctx = await ctxOf(request, reply);
    return handleForm(request, reply, {
      schema: referralForm,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(reply, <AdminReferralPage ctx={ctx} referral={r} state={state} problem={message} />, status);
      },
      run: async (form) => {
        await changeReferral(deps, viewer.userId, r.id, form);
        return '/admin/guide/referrals?done=1';
      },
    });
  });
  app.post('/admin/guide/referrals/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const r = await q.referralById(db, parseParams(idParams, request).id);
    if (!r) throw new AppError('not_found');
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: async (state, status) =>
        sendPage(
          reply,
          <AdminReferralPage
            ctx={await ctxOf(request, reply)}
            referral={r}
            state={{ values: referralValues(r), errors: {} }}
            problem={state.errors._form}
          />,
          status,
        ),
      run: async () => {
        await removeReferral(deps, viewer.userId, r.id);
        return '/admin/guide/referrals?done=1';
      },
    });
  });

  // ---- crisis lines ----
  const listedLines = () => listedCrisisLines(db);
  async function findLine(key: string): Promise<ListedLine | undefined> {
    return (await listedLines()).find((l) => l.line.key === key);
  }
  app.get('/admin/guide/crisis-lines', async (request, reply) => {
    requireCoach(request);
    const notice = parseQuery(noticeQuery, request).done === '1' ? 'Crisis lines updated.' : undefined;
    return sendPage(
      reply,
      <AdminCrisisLinesPage ctx={await ctxOf(request, reply)} lines={await listedLines()} notice={notice} />,
    );
  });
  app.get('/admin/guide/crisis-lines/:key', async (request, reply) => {
    requireCoach(request);
    const { key } = parseParams(keyParams, request);
    const ctx = await ctxOf(request, reply);
    if (key === 'new') {
      const asked = (parseQuery(countryQuery, request).country ?? ctx.settings.country).toUpperCase();
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
    const { key } = parseParams(keyParams, request);
    const found = key === 'new' ? undefined : await findLine(key);
    if (key !== 'new' && !found) throw new AppError('not_found');
    const status: LineStatus | 'new' = found?.status ?? 'new';
    const ctx = await ctxOf(request, reply);
    return handleForm(request, reply, {
      schema: crisisLineForm,
      expired: EXPIRED,
      render: (typed, code) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(
          reply,
          <AdminCrisisLinePage ctx={ctx} lineKey={key} status={status} state={state} problem={message} />,
          code,
        );
      },
      run: async (form) => {
        await saveCrisisLine(deps, viewer.userId, found, form);
        return '/admin/guide/crisis-lines?done=1';
      },
    });
  });
  app.post('/admin/guide/crisis-lines/:key/restore', async (request, reply) => {
    const viewer = requireCoach(request);
    const { key } = parseParams(keyParams, request);
    const found = await findLine(key);
    if (!found) throw new AppError('not_found');
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: async (state, status) =>
        sendPage(
          reply,
          <AdminCrisisLinePage
            ctx={await ctxOf(request, reply)}
            lineKey={key}
            status={found.status}
            state={{ values: lineValues(found.line, found.status === 'hidden'), errors: {} }}
            problem={state.errors._form}
          />,
          status,
        ),
      run: async () => {
        await restoreCrisisLine(deps, viewer.userId, key);
        return '/admin/guide/crisis-lines?done=1';
      },
    });
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
    const notice = parseQuery(noticeQuery, request).deleted === '1' ? 'Result deleted.' : undefined;
    return sendPage(reply, <AdminResultsPage ctx={await ctxOf(request, reply)} rows={rows} notice={notice} />);
  });
  async function resultPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { message?: FormState; notice?: string; problem?: string; status?: number } = {},
  ) {
    const { id } = parseParams(idParams, request);
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
    const sent = parseQuery(noticeQuery, request).sent === '1';
    return resultPage(request, reply, sent ? { notice: 'Message queued in the outbox.' } : {});
  });
  app.post('/admin/guide/results/:id/message', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(idParams, request);
    return handleForm(request, reply, {
      schema: referralMessageForm,
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return resultPage(request, reply, { message: state, status, ...(message ? { problem: message } : {}) });
      },
      run: async (form) => {
        const row = await openSharedResult(deps, id);
        if (!row?.content) throw new AppError('not_found');
        await sendReferralMessage(deps, {
          resultId: id,
          to: row.content.email,
          subject: form.subject,
          body: form.body,
          actorUserId: viewer.userId,
        });
        kickOutbox(deps);
        return `/admin/guide/results/${encodeURIComponent(id)}?sent=1`;
      },
    });
  });
  app.post('/admin/guide/results/:id/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const { id } = parseParams(idParams, request);
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (state, status) =>
        resultPage(request, reply, { ...(state.errors._form ? { problem: state.errors._form } : {}), status }),
      run: async () => {
        if (!(await deleteSharedResultNow(deps, id, viewer.userId))) throw new AppError('not_found');
        return '/admin/guide/results?deleted=1';
      },
    });
  });

  await intakeQuestionAdminRoutes(app, { deps });
}
