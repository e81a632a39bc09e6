import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { CookieJar, getPage, postForm } from '../testing.ts';
import type { UsersTable } from './auth.tables.ts';
import { SESSION_COOKIE, startSession } from './sessions.ts';

/** Adds an account with the given role. */
export async function addUser(
  deps: Deps,
  email: string,
  role: UsersTable['role'],
  name = 'Test Person',
): Promise<string> {
  const id = newId();
  await deps.dbh.db.insertInto('users').values({ id, email, name, role, created_at: deps.clock.now() }).execute();
  return id;
}

/** A jar signed in as an existing user (a fresh session each call, like another browser). */
export async function jarFor(deps: Deps, userId: string, userAgent = 'test'): Promise<CookieJar> {
  const token = await startSession(deps.dbh.db, userId, userAgent, deps.clock.now());
  const jar = new CookieJar();
  jar.store(`${SESSION_COOKIE}=${token}; Path=/`);
  return jar;
}

/** Asks for a sign-in link through the form, as a browser would. */
export async function askForLink(app: FastifyInstance, email: string, opts: { next?: string; jar?: CookieJar } = {}) {
  const jar = opts.jar ?? new CookieJar();
  const page = await getPage(app, opts.next ? `/sign-in?next=${encodeURIComponent(opts.next)}` : '/sign-in', jar);
  const fields: Record<string, string> = { _csrf: page.csrf ?? '', email };
  const hiddenNext = /name="next" value="([^"]*)"/.exec(page.body)?.[1];
  if (hiddenNext !== undefined) fields.next = hiddenNext.replace(/&amp;/g, '&');
  return postForm(app, '/sign-in', fields, jar);
}

/** The sign-in links emailed to an address, read back from the sealed outbox text. */
export async function linksInOutbox(deps: Deps, to: string): Promise<URL[]> {
  const rows = await deps.dbh.db
    .selectFrom('outbox')
    .select(['text_sealed'])
    .where('to_address', '=', to)
    .where('kind', '=', 'auth.sign_in_link')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const m = /https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(deps.sealer.open(r.text_sealed));
    if (!m) throw new Error('no sign-in link in the email');
    return new URL(m[0]);
  });
}

/** Opens a sign-in link and presses its button; returns the final response and the jar. */
export async function followLink(app: FastifyInstance, link: URL, jar = new CookieJar()) {
  const page = await getPage(app, link.pathname + link.search, jar);
  if (page.status !== 200) return { res: { statusCode: page.status, body: page.body, headers: page.headers }, jar };
  const fields: Record<string, string> = { _csrf: page.csrf ?? '', token: link.searchParams.get('token') ?? '' };
  const next = link.searchParams.get('next');
  if (next) fields.next = next;
  const res = await postForm(app, '/sign-in/verify', fields, jar);
  return { res: { statusCode: res.statusCode, body: res.body, headers: res.headers as Record<string, unknown> }, jar };
}

/** The 6-digit codes emailed to an address, oldest first, read back from the sealed outbox text. */
export async function codesInOutbox(deps: Deps, to: string): Promise<string[]> {
  const rows = await deps.dbh.db
    .selectFrom('outbox')
    .select(['text_sealed'])
    .where('to_address', '=', to)
    .where('kind', '=', 'auth.sign_in_link')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const m = /type this code: (\d{6})/.exec(deps.sealer.open(r.text_sealed));
    if (!m) throw new Error('no sign-in code in the email');
    return m[1]!;
  });
}

/** Types an address and a code into /sign-in/code, as a browser would (from `ip` when given). */
export async function postCode(
  app: FastifyInstance,
  email: string,
  code: string,
  opts: { jar?: CookieJar; ip?: string; next?: string } = {},
) {
  const jar = opts.jar ?? new CookieJar();
  const page = await getPage(app, '/sign-in/code', jar);
  const fields: Record<string, string> = { _csrf: page.csrf ?? '', email, code };
  if (opts.next) fields.next = opts.next;
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in/code',
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  return { res, jar };
}
