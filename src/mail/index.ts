// STUB for the mail module, to be replaced by its implementation.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { FastifyInstance } from 'fastify';

export interface MailDraft {
  kind: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}
export async function enqueueMail(_db: Executor, _deps: Pick<Deps, 'sealer' | 'clock'>, _draft: MailDraft): Promise<string> {
  throw new Error('TODO');
}
export function startOutboxWorker(_deps: Deps): { stop(): Promise<void>; kick(): void } {
  return { stop: async () => {}, kick: () => {} };
}
export async function outboxAdminRoutes(_app: FastifyInstance, _o: { deps: Deps }): Promise<void> {}
