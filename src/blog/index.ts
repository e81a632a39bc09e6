// The blog module's public face: the only file other modules import.
import type { JobHandlers } from '../jobs/index.ts';
import { kickOutbox } from '../mail/index.ts';
import type { WebContributions } from '../web/index.ts';
import { PUBLISH_JOB, publishIfDue } from './blog.service.ts';

export { blogAuditLabels } from './blog.admin.routes.tsx';
export { blogErrors } from './blog.errors.ts';
export { anyPostExists } from './blog.queries.ts';
export { blogRoutes } from './blog.routes.tsx';

import { blogSitemap } from './blog.routes.tsx';

export { type IncomingPost, insertPublishedPosts, PUBLISH_JOB, publishIfDue, savePost } from './blog.service.ts';
export { renderPost, slugify } from './post-rules.ts';
export { linkToken } from './subscribers.ts';
export { type ImportReport, importWxr } from './wxr-import.ts';

/** The durable job that publishes a scheduled article on time (also after a restart). */
export const blogJobHandlers: JobHandlers = {
  [PUBLISH_JOB]: {
    async run(deps, payload) {
      if (typeof payload.postId === 'string' && (await publishIfDue(deps, payload.postId))) kickOutbox(deps);
    },
  },
};

/** The blog's header link, stylesheet and cacheable pages, installed by app.ts. */
export const blogWeb: WebContributions = {
  nav: [{ href: '/blog', label: 'Blog', order: 40 }],
  stylesheets: [new URL('./blog.css', import.meta.url)],
  cacheable: ['/blog', '/blog/:slug', '/blog/tag/:slug', '/blog/author/:slug'],
  sitemap: blogSitemap,
};
