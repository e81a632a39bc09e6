import { blogJobHandlers } from './blog/index.ts';
import { bookingJobHandlers } from './booking/index.ts';
import type { Deps } from './deps.ts';
import { guideJobHandlers } from './guide/index.ts';
import { type JobHandlers, startJobWorker } from './jobs/index.ts';
import { startOutboxWorker } from './mail/index.ts';
import { portalJobHandlers, scheduleDigestSweep } from './portal/index.ts';

/** Every kind of job the app knows, by module. A module adds its handlers here. */
export const jobHandlers: JobHandlers = {
  ...bookingJobHandlers,
  ...blogJobHandlers,
  ...guideJobHandlers,
  ...portalJobHandlers,
};

export interface Workers {
  stop(): Promise<void>;
}

/** Starts the background workers of one app instance: the outbox and the jobs loop. */
export function startWorkers(deps: Deps): Workers {
  const outbox = startOutboxWorker(deps);
  const jobs = startJobWorker(deps, jobHandlers);
  // The portal's digest sweep schedules itself from here on; starting it again only moves it to now.
  scheduleDigestSweep(deps).catch((err: unknown) => deps.log.warn({ err }, 'could not schedule the digest sweep'));
  return {
    async stop() {
      await Promise.all([outbox.stop(), jobs.stop()]);
    },
  };
}
