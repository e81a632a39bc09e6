import type { FastifyInstance } from 'fastify';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { dashboardRoutes } from './admin.routes.tsx';
import { clientsAdminRoutes } from './clients.routes.tsx';
import { sessionsRoutes } from './sessions.routes.tsx';

export {
  BackupError,
  backupPostgres,
  backupSqlite,
  checkSqliteBackup,
  restorePostgres,
  restoreSqlite,
} from './backup.ts';

/**
 * The back office's own rooms: dashboard, clients, signed-in devices, audit log. Other rooms live with
 * their modules. `auditLabels` are every module's audit actions in plain words.
 */
export async function adminRoutes(app: FastifyInstance, opts: { deps: Deps; auditLabels: AuditLabels }): Promise<void> {
  await app.register(dashboardRoutes, opts);
  await app.register(sessionsRoutes, { deps: opts.deps });
  await app.register(clientsAdminRoutes, { deps: opts.deps });
}
