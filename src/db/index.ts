// The database layer's public face: engines, the Database type, migrations. Modules import only from here.
export { isUniqueViolation } from './constraint-errors.ts';
export * from './database.ts';
export { type LeaseQueue, type LeaseTable, leaseQueue, retryDelayMs } from './lease-queue.ts';
export { migrateToLatest } from './migrate.ts';
export type { Database } from './schema.ts';
export { isDatabaseUnavailable } from './unavailable.ts';
export { changeChannel, openWriteStamp, QUIET_TABLES, type WriteStamp } from './write-stamp.ts';
