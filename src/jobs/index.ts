// The jobs module's public face: durable work at a moment, claimed with leases, one way for all modules.
export { cancelJob, retryDelayMs, runDueJobs, scheduleJob, startJobWorker, type JobHandler, type JobHandlers, type JobRequest } from './jobs.service.ts';
export { jobsListing } from './jobs.queries.ts';
export { startPolling, type Poller } from './poller.ts';
export type { Job } from './jobs.tables.ts';
