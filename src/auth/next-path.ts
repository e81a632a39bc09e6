/**
 * Where to go after signing in. Only a path on this site is accepted: an absolute URL, a
 * protocol-relative "//host" or a backslash trick would turn the sign-in page into an open
 * redirect, so anything doubtful falls back to the back office.
 */
export const DEFAULT_AFTER_SIGN_IN = '/admin';
/** Where a client goes after signing in when nothing else was asked for. */
export const DEFAULT_CLIENT_AFTER_SIGN_IN = '/portal';

/** A same-site path (with its query) to return to, or null when the input is not one. */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 500) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // Control characters and backslashes are never in a path we made ourselves.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  const base = 'http://tandem.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  // Check what we would return, not what came in: `/.//evil.example` normalises to `//evil.example`,
  // which a browser reads as another host.
  const path = url.pathname + url.search;
  if (path.startsWith('//') || path.startsWith('/\\') || /[\\]/.test(path)) return null;
  // Sending someone back to the sign-in pages after signing in would only loop.
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/') || url.pathname === '/sign-out') return null;
  return path;
}
