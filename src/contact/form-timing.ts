import crypto from 'node:crypto';

/**
 * A spam check that needs no third party: the form carries the time it was shown, signed so it
 * cannot be forged. People take more than a few seconds to write; scripts post at once.
 */
export const MIN_FILL_MS = 3_000;

function mac(secret: string, shownAt: number): string {
  return crypto.createHmac('sha256', secret).update(`contact-form-shown:${shownAt}`).digest('base64url');
}

/** The hidden `started` value for a form shown now. */
export function signStarted(secret: string, now: number): string {
  return `${now}.${mac(secret, now)}`;
}

export type StartedCheck = 'ok' | 'too_fast' | 'invalid';

/** Whether a post came long enough after its form was shown, by a value we signed ourselves. */
export function checkStarted(secret: string, value: string | undefined, now: number): StartedCheck {
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return 'invalid';
  const shownAt = Number(m[1]);
  const expected = Buffer.from(mac(secret, shownAt));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'invalid';
  return now - shownAt >= MIN_FILL_MS ? 'ok' : 'too_fast';
}
