import type { WebContributions } from '../web/index.ts';

// The portal module's public face: other modules import only from here.

export { DIGEST_JOB, portalJobHandlers, scheduleDigestSweep, sendDueDigests } from './digest.ts';
export { type PortalAccess, portalClient } from './portal.guard.ts';
export { portalRoutes } from './portal.routes.tsx';
export { enqueueDeletionDoneMail, notifyClientOfMessage } from './portal-mails.ts';
export { portalLinkOnServer } from './server-link.ts';

/** The portal's stylesheet, installed by app.ts (the portal adds no header link: its emails and the booking pages link to it). */
export const portalWeb: WebContributions = {
  stylesheets: [new URL('./portal.css', import.meta.url)],
};
