// The database layer's public face: engines, the Database type, migrations. Modules import only from here.
export * from './database.ts';
export { migrateToLatest } from './migrate.ts';
export type { Database } from './schema.ts';
