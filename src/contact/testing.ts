import type { FastifyInstance } from 'fastify';
import { CookieJar, getPage, type TestContext } from '../testing.ts';
import { MIN_FILL_MS } from './form-timing.ts';

let lastAddress = 0;
/** A fresh client address per caller, so the form's rate limit only bites where a test wants it. */
export function nextClientAddress(): string {
  lastAddress++;
  return `198.51.100.${lastAddress % 250}`;
}

/** Opens /contact like a visitor: returns the jar, the CSRF token and the signed start time. */
export async function openContactForm(app: FastifyInstance) {
  const jar = new CookieJar();
  const page = await getPage(app, '/contact', jar);
  const started = /name="started" value="([^"]+)"/.exec(page.body)?.[1];
  if (!page.csrf || !started) throw new Error('the contact form has no _csrf or started field');
  return { jar, csrf: page.csrf, started, body: page.body };
}

/** POSTs the contact form from one client address. */
export async function postContact(
  app: FastifyInstance,
  fields: Record<string, string>,
  jar: CookieJar,
  remoteAddress = nextClientAddress(),
) {
  const res = await app.inject({
    method: 'POST',
    url: '/contact',
    remoteAddress,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  return res;
}

/** Fills and sends the form as a person would: open it, take a few seconds, post. */
export async function sendContactForm(
  ctx: Pick<TestContext, 'app' | 'clock'>,
  fields: Record<string, string>,
  remoteAddress?: string,
) {
  const form = await openContactForm(ctx.app);
  ctx.clock.advance(MIN_FILL_MS + 2_000);
  return postContact(
    ctx.app,
    { _csrf: form.csrf, started: form.started, website: '', ...fields },
    form.jar,
    remoteAddress,
  );
}
