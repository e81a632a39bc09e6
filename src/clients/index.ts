// The clients module's public face: other modules import only from here.

export { clientsAuditLabels } from './audit-labels.ts';
export { CADENCE_CHOICES, type Cadence, type CheckInState } from './check-in-cadence.ts';
export {
  addTracker,
  type CheckIn,
  checkInOverview,
  checkInsFor,
  retireTracker,
  submitCheckIn,
  type Tracker,
  trackersFor,
} from './check-ins.service.ts';
export { ClientsError, type ClientsErrorCode, clientsErrors } from './clients.errors.ts';
export {
  accessLogForClient,
  addClient,
  addNote,
  archiveClient,
  type ClientInput,
  type ClientsDeps,
  type CoachActor,
  clientByEmail,
  clientCounts,
  clientForUser,
  editNote,
  findOrCreateClient,
  LIMITS,
  linkClientUser,
  listClients,
  type Note,
  normaliseEmail,
  notesForCoach,
  recordAccess,
  removeNote,
  requireClient,
  restoreClient,
  setCheckInCadence,
  setReminderPreferences,
  sharedNotesForClient,
  touchClientActivity,
  updateClientDetails,
} from './clients.service.ts';
export type { AccessWhat, Client, ClientStatus, NoteKind, Party } from './clients.tables.ts';
export {
  type ClientExport,
  carryOutDeletion,
  DELETION_DAYS,
  type DeletionPlan,
  type DeletionRequest,
  deleteClient,
  deletionRequestsFor,
  exportClientData,
  pendingDeletions,
  type RemovedCounts,
  requestDeletion,
  stateLegalHold,
  whatDeletionRemoves,
  withdrawDeletionRequest,
} from './data-rights.service.ts';
export { seedDemoClients } from './demo-clients.ts';
export { type DigestPlan, markDigestSent, planDigest } from './digest.service.ts';
export { MAX_FILE_BYTES } from './file-policy.ts';
export {
  fileForDownload,
  filesForClient,
  filesForEveryone,
  removeFile,
  type SharedFile,
  storeFile,
} from './files.service.ts';
export {
  type ActionItem,
  addActionItem,
  addGoal,
  editActionItem,
  editGoal,
  type Goal,
  goalsWithItems,
  overallProgress,
  removeActionItem,
  removeGoal,
  setActionItemDone,
  setGoalStatus,
} from './goals.service.ts';
export {
  conversation,
  MAX_MESSAGE,
  type Message,
  markConversationRead,
  sendMessage,
  unreadCount,
  unreadForCoach,
} from './messages.service.ts';
export { checkInSeries, type Progress } from './progress.ts';
