// The jobs module's public face: durable work at a moment, claimed with leases, one way for all modules.

export { jobsListing } from './jobs.queries.ts';
export {
  cancelJob,
  type JobHandler,
  type JobHandlers,
  type JobRequest,
  runDueJobs,
  scheduleJob,
  startJobWorker,
} from './jobs.service.ts';
export type { Job } from './jobs.tables.ts';
export { type Poller, startPolling } from './poller.ts';
