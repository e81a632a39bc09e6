import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * PostgreSQL refuses text holding a NUL character, so a `%00` in an address or a form would end
 * in a 500 there (SQLite stores it). No name, note or id of ours ever needs one: it is removed from
 * path parameters, the query string and the body before any route sees them, on both engines.
 */
async function noNulPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    request.params = withoutNul(request.params) as typeof request.params;
    request.query = withoutNul(request.query) as typeof request.query;
    request.body = withoutNul(request.body) as typeof request.body;
  });
}

function withoutNul(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (value && typeof value === 'object') {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  if (Array.isArray(value)) return value.map((v) => withoutNul(v, seen));
  // Parsed maps (their prototypes vary by parser); uploads (streams, buffers) are left as they are.
  if (
    value &&
    typeof value === 'object' &&
    !ArrayBuffer.isView(value) &&
    typeof (value as { pipe?: unknown }).pipe !== 'function'
  ) {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = withoutNul(v, seen);
  }
  return value;
}

export const noNul = fp(noNulPlugin, { name: 'tandem-no-nul' });
