import type { Kysely } from 'kysely';

// STUB: to be written by its module before release. Frozen once released.

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
