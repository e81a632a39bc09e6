// The mail module's public face: other modules import only from here.

export { outboxCounts } from './outbox.queries.ts';
export { outboxAdminRoutes } from './outbox.routes.tsx';
export { deliverDueMail, enqueueMail, type MailDraft } from './outbox.service.ts';
export { type EmailContent, renderEmail } from './render-email.tsx';
export { createMailTransport, type MailTransport, type OutgoingMail } from './transport.ts';
export { kickOutbox, type OutboxWorker, startOutboxWorker } from './worker.ts';
