import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

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

/** No form or API body of ours nests deeper than this; past it the request is refused with a 400. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Removes NUL from every string, walking with an explicit stack: a body nested thousands deep
 * used to overflow the call stack here and end in a 500 (issue 9, finding 5).
 */
export function withoutNul(root: unknown): unknown {
  if (typeof root === 'string') return stripped(root);
  const seen = new WeakSet<object>();
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (!walkable(value) || seen.has(value)) continue;
    seen.add(value);
    if (depth >= MAX_INPUT_DEPTH) {
      throw new AppError(
        'bad_input',
        'What was sent is nested far deeper than any form of ours; please send it again from the page.',
      );
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [k, v] of entries) {
      if (typeof v === 'string') (value as Record<string | number, unknown>)[k] = stripped(v);
      else if (walkable(v)) stack.push({ value: v, depth: depth + 1 });
    }
  }
  return root;
}

function stripped(v: string): string {
  return v.includes('\0') ? v.replaceAll('\0', '') : v;
}

// Parsed maps and arrays (their prototypes vary by parser); uploads (streams, buffers) are left as they are.
function walkable(value: unknown): value is object {
  return (
    !!value &&
    typeof value === 'object' &&
    !ArrayBuffer.isView(value) &&
    typeof (value as { pipe?: unknown }).pipe !== 'function'
  );
}

export const noNul = fp(noNulPlugin, { name: 'tandem-no-nul' });
