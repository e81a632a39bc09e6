import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

/** Said when a query string cannot be read; most odd values are ignored instead (see `queryValue`). */
export const QUERY_UNREADABLE =
  'Part of this address could not be read. Please go back and follow the link again, or start from the menu.';

/**
 * The query string read with zod. A value the page cannot do without answers 400 in plain words;
 * schemas give friendly defaults with `.catch()` where ignoring a value is the kinder answer
 * (`?saved=1`). With `issueMessages`, the first issue's own message is the detail (the JSON API).
 */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  request: FastifyRequest,
  o: { issueMessages?: boolean } = {},
): z.output<S> {
  const parsed = schema.safeParse(request.query ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError(
    'bad_input',
    o.issueMessages ? (parsed.error.issues[0]?.message ?? QUERY_UNREADABLE) : QUERY_UNREADABLE,
  );
}

/** The path's parameters read with zod; an address that cannot name anything is a 404. */
export function parseParams<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const parsed = schema.safeParse(request.params ?? {});
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

/** A query value friendlier ignored than refused (`?saved=1`, `?done=trash`): anything odd reads as absent. */
export const queryValue = z.string().max(500).optional().catch(undefined);

/** The `:id` of a back-office address. */
export const idParams = z.object({ id: z.string().min(1).max(100) });
