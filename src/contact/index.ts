import type { WebContributions } from '../web/index.ts';

// The contact module's public face: other modules import only from here.
export { unreadContactCount } from './contact.queries.ts';
export { contactRoutes } from './contact.routes.tsx';
export { contactRequestsForClient } from './contact.service.ts';

/** The contact link closes the header. */
export const contactWeb: WebContributions = { nav: [{ href: '/contact', label: 'Contact', order: 90 }] };
