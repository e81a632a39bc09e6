import type { AuditLabels } from '../audit/index.ts';

/** clients' audit actions in plain words (the audit page shows them; app.ts collects every module's). */
export const clientsAuditLabels: AuditLabels = {
  'clients.add': 'Added a client',
  'clients.update': 'Changed a client’s details',
  'clients.archive': 'Archived a client',
  'clients.restore': 'Restored an archived client',
  'clients.delete': 'Deleted a client',
  'clients.deletion_hold': 'Stated a legal hold on a deletion request',
};
