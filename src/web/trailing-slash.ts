import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One address per page: never a trailing slash (except the home page). '/blog/' answers 301 to
 * '/blog', query kept, so links and canonicals agree and crawlers see one URL.
 */
async function trailingSlashPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const [path = '/', query] = request.url.split(/\?(.*)/s, 2);
    if (path.length <= 1 || !path.endsWith('/')) return;
    const bare = path.replace(/\/+$/, '') || '/';
    // '//evil.example' must never become a redirect to another host.
    // Nor may '/\\evil.example': browsers read a backslash after the first slash as another slash.
    const target = bare.replace(/^[/\\]+/, '/') + (query !== undefined ? `?${query}` : '');
    return reply.redirect(target, 301);
  });
}

export const trailingSlash = fp(trailingSlashPlugin, { name: 'tandem-trailing-slash' });
