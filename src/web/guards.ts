import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { Viewer } from './view.ts';

/**
 * Guard for the back office: the coach (owner or coach role) must be signed in. It lives in web/,
 * not auth/, because every module's back-office routes need it and auth itself sends mail: a guard
 * in auth/ would tie the mail module back to auth in a circle.
 */
export function requireCoach(request: FastifyRequest): Viewer {
  const v = request.viewer;
  if (!v) throw new AppError('not_signed_in');
  if (v.role !== 'owner' && v.role !== 'coach') throw new AppError('forbidden');
  return v;
}
