import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { calmGoalSeeker } from '../guide/engine/vignettes.ts';
import { guideResult, hiddenFields, postPairs } from '../guide/guide.testing.ts';
import { CookieJar, getPage, postForm, type TestContext } from '../testing.ts';

/** Every route the app registers, read from Fastify's printed route tree (same reading as src/admin/access.test.ts). */
export function registeredRoutes(app: FastifyInstance): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    if (m[3]) out.push({ path: path.replace(/^\/\//, '/'), methods: m[3].split(', ') });
  }
  return out;
}

/** A concrete URL for a route pattern, every parameter given `value`. */
export function fill(pattern: string, value: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, value).replace(/\*/g, value);
}

/** Every row of every table (as sorted JSON), to prove a refused request changed nothing. */
// biome-ignore lint/suspicious/noExplicitAny: reads every table, whatever its type
export async function snapshot(db: Kysely<any>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await db.introspection.getTables()) {
    if (t.name.startsWith('kysely_') || t.name.startsWith('posts_fts')) continue;
    const rows = await db.selectFrom(t.name).selectAll().execute();
    // A session's last-seen time moves on every request; that is not a change made by the form.
    out[t.name] = rows
      .map((r) => JSON.stringify({ ...r, last_seen_at: undefined }, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
  }
  return out;
}

/** The route with real ids for its parameters (from the seeded data), so a request reaches the code that would act. */
export async function realUrls(db: Kysely<Database>, pattern: string): Promise<string[]> {
  if (!pattern.includes(':')) return [pattern];
  const table: [RegExp, () => Promise<string[]>][] = [
    [/^\/admin\/pages\//, async () => (await db.selectFrom('pages').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/posts\//, async () => (await db.selectFrom('posts').select('id').limit(2).execute()).map((r) => r.id)],
    [/^\/admin\/services\//, async () => (await db.selectFrom('services').select('id').execute()).map((r) => r.id)],
    [
      /^\/admin\/guide\/referrals\//,
      async () => (await db.selectFrom('guide_referrals').select('id').limit(2).execute()).map((r) => r.id),
    ],
    [
      /^\/admin\/guide\/results\//,
      async () => (await db.selectFrom('guide_shared_results').select('id').execute()).map((r) => r.id),
    ],
    [
      /^\/admin\/guide\/crisis-lines\//,
      async () => (await db.selectFrom('guide_crisis_lines').select('key').limit(2).execute()).map((r) => r.key),
    ],
    [/^\/admin\/bookings\//, async () => (await db.selectFrom('bookings').select('id').execute()).map((r) => r.id)],
    [
      /^\/admin\/contact\//,
      async () => (await db.selectFrom('contact_requests').select('id').execute()).map((r) => r.id),
    ],
    [
      /^\/admin\/outbox\//,
      async () => (await db.selectFrom('outbox').select('id').limit(2).execute()).map((r) => r.id),
    ],
    [/^\/book\//, async () => (await db.selectFrom('services').select('slug').execute()).map((r) => r.slug)],
  ];
  const ids = (await table.find(([re]) => re.test(pattern))?.[1]()) ?? [];
  return (ids.length ? ids : ['00000000-0000-4000-8000-000000000000']).map((id) =>
    fill(pattern, encodeURIComponent(id)),
  );
}

/** A booking (by the API), a contact request and a shared guide result from a visitor, so every back-office room has a real row. */
export async function seedVisitorData(t: TestContext, name = 'Vera Visitor'): Promise<void> {
  const db = t.deps.dbh.db;
  const visitor = new CookieJar();
  const contact = await getPage(t.app, '/contact', visitor);
  t.clock.advance(60_000); // the form refuses what is sent faster than a person types
  const started = /name="started" value="([^"]+)"/.exec(contact.body)![1]!;
  const sent = await postForm(
    t.app,
    '/contact',
    {
      _csrf: contact.csrf!,
      started,
      website: '',
      name,
      email: 'vera@example.test',
      message: `Hello from ${name}`,
      phone: '',
      preferred: 'email',
    },
    visitor,
  );
  if (sent.statusCode !== 303) throw new Error(`contact form: ${sent.statusCode}`);
  const svc = await db
    .selectFrom('services')
    .select('id')
    .where('active', '=', 1)
    .orderBy('sort_order')
    .executeTakeFirstOrThrow();
  const slots = await t.app.inject({
    url: `/api/v1/services/${svc.id}/slots?from=2026-11-30&to=2026-12-20&timeZone=Europe/London`,
  });
  const start = (slots.json() as { slots: { start: string }[] }).slots[0]!.start;
  const booked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: {
      serviceId: svc.id,
      start,
      timeZone: 'Europe/London',
      name,
      email: 'vera@example.test',
      phone: '+44 20 7946 0000',
      note: `Note from ${name}`,
    },
  });
  if (![201, 202].includes(booked.statusCode)) throw new Error(`booking: ${booked.body}`);
  const guide = await guideResult(t.app, calmGoalSeeker);
  const shared = await postPairs(
    t.app,
    '/guide/share',
    [
      ...hiddenFields(guide.res.body, '/guide/share'),
      ['name', name],
      ['email', 'vera@example.test'],
      ['consent', 'yes'],
    ],
    guide.jar,
  );
  if (shared.statusCode !== 303) throw new Error(`guide share: ${shared.statusCode}`);
}
