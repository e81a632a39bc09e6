import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuditLabels, decodeAuditCursor, encodeAuditCursor, recentAuditEntries } from '../audit/index.ts';
import { userNames } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { openRooms } from '../video/index.ts';
import { parseQuery, queryValue, requireCoach, sendPage, viewContext } from '../web/index.ts';
import { dashboardCounts, sessionsForTheDay } from './admin.queries.ts';
import { setupChecklist } from './checklist.ts';
import { greetingFor } from './format.tsx';
import { AuditPage } from './pages/audit.tsx';
import { DashboardPage } from './pages/dashboard.tsx';

const AUDIT_PAGE_SIZE = 50;
const auditQuery = z.object({ before: queryValue });

/** Back-office pages are private: never stored by a browser or a proxy. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** The dashboard and the audit log (its actions named by every module's labels, passed in by app.ts). */
export async function dashboardRoutes(
  app: FastifyInstance,
  { deps, auditLabels }: { deps: Deps; auditLabels: AuditLabels },
): Promise<void> {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);

  app.get('/admin', async (request, reply) => {
    const viewer = requireCoach(request);
    const now = deps.clock.now();
    const [ctx, counts, rooms] = await Promise.all([
      ctxOf(request, reply),
      dashboardCounts(deps.dbh.db),
      openRooms(deps),
    ]);
    const day = await sessionsForTheDay(deps.dbh.db, now, ctx.settings.timeZone);
    const firstName = viewer.name.split(/\s+/)[0] || viewer.name;
    const greeting = `${greetingFor(deps.clock.now(), ctx.settings.timeZone)}, ${firstName}`;
    const checklist = setupChecklist(deps.config, ctx.settings);
    return sendPage(
      noStore(reply),
      <DashboardPage
        ctx={ctx}
        greeting={greeting}
        counts={counts}
        checklist={checklist}
        rooms={rooms}
        day={day}
        now={now}
      />,
    );
  });

  app.get('/admin/audit', async (request, reply) => {
    requireCoach(request);
    const before = decodeAuditCursor(parseQuery(auditQuery, request).before);
    // One extra row tells whether an "older" link is needed.
    const rows = await recentAuditEntries(deps.dbh.db, AUDIT_PAGE_SIZE + 1, before);
    // Who acted, and the account an entry is about when it is one: names read better than ids.
    const names = await userNames(
      deps.dbh.db,
      rows.flatMap((r) => [r.actor_user_id, r.subject]).filter((id): id is string => id !== null),
    );
    const page = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
      ...r,
      actor_name: r.actor_user_id === null ? null : (names.get(r.actor_user_id) ?? null),
      subject_name: r.subject === null ? null : (names.get(r.subject) ?? null),
    }));
    const last = page.at(-1);
    const olderHref = rows.length > AUDIT_PAGE_SIZE && last ? `/admin/audit?before=${encodeAuditCursor(last)}` : null;
    const ctx = await ctxOf(request, reply);
    return sendPage(
      noStore(reply),
      <AuditPage ctx={ctx} rows={page} olderHref={olderHref} isFirstPage={before === undefined} labels={auditLabels} />,
    );
  });
}
