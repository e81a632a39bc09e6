/**
 * Coded domain errors. Services throw these; the one table below maps a code to an HTTP status,
 * and the error handler renders a page in plain words. A 500 is a bug.
 */
export const errorStatus = {
  bad_input: 400,
  csrf_invalid: 403,
  not_signed_in: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  link_invalid: 400,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const defaultMessages: Record<ErrorCode, { title: string; message: string }> = {
  bad_input: { title: 'Something in the form needs a look', message: 'Please check what you entered and try again.' },
  csrf_invalid: {
    title: 'This form has expired',
    message: 'For your security, forms expire. Nothing was sent. Please go back, reload the page and send it again.',
  },
  not_signed_in: { title: 'Please sign in', message: 'This page is private. Sign in to see it.' },
  forbidden: { title: 'Not available to you', message: 'Your account cannot open this page.' },
  not_found: {
    title: 'Page not found',
    message: 'We could not find that page. It may have moved, or the address may have a typo.',
  },
  gone: { title: 'This page is gone', message: 'It was removed on purpose.' },
  conflict: {
    title: 'That changed in the meantime',
    message: 'Someone else changed this first. Reload and try again.',
  },
  too_large: {
    title: 'That was too much to send',
    message: 'What you sent was larger than we accept. Please shorten it and try again.',
  },
  rate_limited: {
    title: 'Please wait a moment',
    message: 'There were many attempts in a short time. Please try again in a few minutes.',
  },
  link_invalid: {
    title: 'This link no longer works',
    message: 'Links like this work once and expire after a short time. Ask for a new one.',
  },
};

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? defaultMessages[code].message);
    this.name = 'AppError';
    this.status = errorStatus[code];
    this.title = defaultMessages[code].title;
  }
}

/** The page a person sees for a status, when no AppError says more. */
export function describeStatus(status: number): { title: string; message: string } {
  const code = (Object.keys(errorStatus) as ErrorCode[]).find((c) => errorStatus[c] === status);
  if (code) return defaultMessages[code];
  if (status === 405)
    return { title: 'That does not work here', message: 'This address does not accept that kind of request.' };
  if (status === 415) return { title: 'We could not read that', message: 'Please send the form from the page itself.' };
  if (status >= 400 && status < 500) return defaultMessages.bad_input;
  return {
    title: 'Something went wrong on our side',
    message:
      'Sorry, this is our fault, not yours. Nothing you typed was lost on purpose; please try again in a moment.',
  };
}
