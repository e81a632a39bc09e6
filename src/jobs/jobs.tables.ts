import type { Selectable } from 'kysely';

/**
 * A job: work to do at a moment (a reminder, publishing a scheduled post, refreshing a calendar
 * feed), claimed by one worker at a time with a lease, like outbox messages.
 */
export interface JobsTable {
  id: string;
  kind: string;
  payload_json: string;
  run_at: number;
  status: 'queued' | 'running' | 'done' | 'failed' | 'skipped' | 'cancelled';
  attempts: number;
  /** Unique when set: the same key cannot be scheduled twice while it is queued or running (see scheduleJob). */
  dedupe_key: string | null;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface JobsTables {
  jobs: JobsTable;
}

export type Job = Selectable<JobsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends JobsTables {}
}
