/**
 * Coded errors and the one registry that says, for every code of every module, which status it
 * answers with, the page's title and the message a person reads. Services throw a `CodedError`
 * (or return `{ ok: false, reason }`); each module declares its codes in one table
 * (`errorTable`), and app.ts adds every module's table to the app's registry. The error handler
 * renders pages and problem details from it; the form helper turns codes into form messages. A
 * code always means a 4xx: a 500 is a bug.
 */

/** What a person is told about one code, and the HTTP status it answers with. */
export interface ErrorText {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

export type ErrorTable<C extends string = string> = Readonly<Record<C, ErrorText>>;

/** Declares a module's codes. A code is something a person can act on, so its status is 4xx. */
export function errorTable<C extends string>(table: Record<C, ErrorText>): ErrorTable<C> {
  for (const [code, text] of Object.entries<ErrorText>(table)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code ${code}: use lowercase words joined by _`);
    if (!(text.status >= 400 && text.status < 500)) throw new Error(`error code ${code}: a code answers 4xx`);
  }
  return Object.freeze({ ...table });
}

export interface CodedErrorOptions {
  /** Says more than the table's message, for this one case. */
  message?: string;
  /** Problem-details extension members for the JSON API (e.g. the nearest free times). */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

/** The base of every coded error: its code, with status, title and message from its module's table. */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;
  readonly status: number;
  readonly title: string;
  readonly extra: Record<string, unknown>;
  constructor(table: ErrorTable<C>, code: C, o: CodedErrorOptions = {}) {
    const text = table[code];
    super(o.message ?? text.message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'CodedError';
    this.code = code;
    this.status = text.status;
    this.title = text.title;
    this.extra = { ...o.extra };
  }
}

/** A use case's refusal returned rather than thrown; `reason` is a registered code. */
export interface Refusal<C extends string = string> {
  ok: false;
  reason: C;
}

/** The codes every module may use: the web layer's own and the generic ones. */
export const webErrors = errorTable({
  bad_input: {
    status: 400,
    title: 'Something in the form needs a look',
    message: 'Please check what you entered and try again.',
  },
  csrf_invalid: {
    status: 403,
    title: 'This form has expired',
    message: 'For your security, forms expire. Nothing was sent. Please go back, reload the page and send it again.',
  },
  not_signed_in: { status: 401, title: 'Please sign in', message: 'This page is private. Sign in to see it.' },
  forbidden: { status: 403, title: 'Not available to you', message: 'Your account cannot open this page.' },
  not_found: {
    status: 404,
    title: 'Page not found',
    message: 'We could not find that page. It may have moved, or the address may have a typo.',
  },
  gone: { status: 410, title: 'This page is gone', message: 'It was removed on purpose.' },
  changed: {
    status: 409,
    title: 'That changed in the meantime',
    message: 'Someone else changed this first. Reload and try again.',
  },
  too_large: {
    status: 413,
    title: 'That was too much to send',
    message: 'What you sent was larger than we accept. Please shorten it and try again.',
  },
  rate_limited: {
    status: 429,
    title: 'Please wait a moment',
    message: 'There were many attempts in a short time. Please try again in a few minutes.',
  },
  link_invalid: {
    status: 400,
    title: 'This link no longer works',
    message: 'Links like this work once and expire after a short time. Ask for a new one.',
  },
  method_not_allowed: {
    status: 405,
    title: 'That does not work here',
    message: 'This address does not accept that kind of request.',
  },
  unsupported_media_type: {
    status: 415,
    title: 'We could not read that',
    message: 'Please send the form from the page itself.',
  },
  slug_taken: {
    status: 409,
    title: 'That address is taken',
    message: 'Another page already uses this address. Choose a different one.',
  },
});

export type ErrorCode = keyof typeof webErrors;

export class AppError extends CodedError<ErrorCode> {
  constructor(code: ErrorCode, message?: string, extra?: Record<string, unknown>) {
    super(webErrors, code, { ...(message === undefined ? {} : { message }), ...(extra ? { extra } : {}) });
    this.name = 'AppError';
  }
}

const serverError: ErrorText = {
  status: 500,
  title: 'Something went wrong on our side',
  message: 'Sorry, this is our fault, not yours. Nothing you typed was lost on purpose; please try again in a moment.',
};

/** A code as the registry knows it, with the module that declared it. */
export interface RegisteredCode extends ErrorText {
  code: string;
  module: string;
}

/**
 * Every code of every module, one app's worth (tests build many apps in one process, so nothing
 * here is global). Two modules may not declare the same code: a code means one thing.
 */
export class ErrorRegistry {
  readonly #codes = new Map<string, RegisteredCode>();

  constructor() {
    this.add('web', webErrors);
  }

  /** Adds a module's table; called by app.ts, once per module. */
  add(module: string, table: ErrorTable): this {
    for (const [code, text] of Object.entries<ErrorText>(table)) {
      const known = this.#codes.get(code);
      if (known && known.module !== module)
        throw new Error(`error code ${code} is declared by both ${known.module} and ${module}`);
      this.#codes.set(code, { code, module, status: text.status, title: text.title, message: text.message });
    }
    return this;
  }

  get(code: string): RegisteredCode | undefined {
    return this.#codes.get(code);
  }

  /** Every registered code, in the order the modules were added. */
  all(): RegisteredCode[] {
    return [...this.#codes.values()];
  }

  /** The error for a code a use case returned (`{ ok: false, reason }`); an unknown code is a bug. */
  error(code: string, o: CodedErrorOptions = {}): CodedError {
    const known = this.#codes.get(code);
    if (!known) throw new Error(`error code ${code} is not registered`, { cause: o.cause });
    return new CodedError({ [code]: known }, code, o);
  }

  /** What to say for a bare status (Fastify's own 404, 413, 429 …): the first generic code with it. */
  forStatus(status: number): { code: string } & ErrorText {
    for (const c of this.#codes.values()) if (c.module === 'web' && c.status === status) return c;
    if (status >= 400 && status < 500) return { ...webErrors.bad_input, code: 'bad_input', status };
    return { ...serverError, code: 'server_error', status: Math.max(status, 500) };
  }
}
