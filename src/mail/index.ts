// The mail module's public face: other modules import only from here.
export { deliverDueMail, enqueueMail, type MailDraft } from './outbox.service.ts';
export { outboxAdminRoutes } from './outbox.routes.tsx';
export { renderEmail, type EmailContent } from './render-email.tsx';
export { kickOutbox, startOutboxWorker, type OutboxWorker } from './worker.ts';
