import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { type CookieJar, createTestApp, signedInCoach, type TestContext } from '../testing.ts';
import { fill, registeredRoutes, seedVisitorData } from './routes.ts';

/**
 * Issue 9: no input can make a 5xx. fast-check generates query strings, bodies and headers for
 * every registered route — deep nesting, huge strings, odd encodings, every zone-like string —
 * and the app must answer each below 500. A failure prints the smallest input that breaks it.
 */
/** encodeURIComponent refuses lone surrogates; send their raw UTF-8 escape instead, as a browser might. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};
const zoneLike = fc.constantFrom(
  '2026-01-01T00:00Z',
  '2026-01-01T00:00:00+05:30[Asia/Kolkata]',
  '+05:30',
  '-00:00',
  'UTC+1',
  'GMT-14',
  'Etc/GMT+5',
  'etc/gmt-14',
  'Europe/berlin',
  'Asia/Calcutta',
  'America/Argentina/ComodRivadavia',
  'Z',
  'utc',
  'Mars/Olympus',
  '../../etc/passwd',
  'Europe/London\u0000',
  'x'.repeat(70),
);
const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '-1', '1e309', 'NaN', '99999999999999999999', '%', '%E0%A4%A', '\uD800', '<b>x</b>', '{}'),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  zoneLike,
);
const keys = fc.constantFrom(
  'tz',
  'timeZone',
  'from',
  'to',
  'start',
  'date',
  'page',
  'next',
  't',
  'token',
  'key',
  'q',
  'before',
  's',
  'month',
  'week',
  'slot',
  'email',
  'name',
  '_csrf',
  'a[b]',
);
const query = fc
  .array(fc.tuple(keys, oddText), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddText,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const deep = fc
  .integer({ min: 33, max: 5_000 })
  .chain((n) => fc.constantFrom(`${'['.repeat(n)}1${']'.repeat(n)}`, `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
const body = fc.oneof(
  query.map((q) => ({ type: 'application/x-www-form-urlencoded', payload: q })),
  json.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })),
  deep.map((payload) => ({ type: 'application/json', payload })),
  oddText.map((payload) => ({ type: 'application/json', payload })),
  oddText.map((payload) => ({ type: 'text/plain; charset=utf-7', payload })),
);
const headers = fc.record({
  accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'application/problem+json', '', 'x/y;q=abc'),
  'accept-language': fc.oneof(fc.constantFrom('en-GB', 'de-DE,de;q=0.9', '*', 'x'.repeat(3000), ''), oddText),
  'accept-encoding': fc.constantFrom('br;q=0, gzip', 'gzip', 'br', 'identity', '*', 'x;q=-1'),
});

forEachEngine('generated input never makes a 5xx', (engine) => {
  let t: TestContext;
  let routes: { path: string; methods: string[] }[];
  let coach: CookieJar;
  let real: string[];
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    await seedVisitorData(t);
    routes = registeredRoutes(t.app).filter((r) => r.methods.includes('GET') || r.methods.includes('POST'));
    coach = (await signedInCoach(t)).jar;
    // Real slugs and ids, so generated queries reach the code behind them (a booking page's zone).
    const db = t.deps.dbh.db;
    real = [
      ...(await db.selectFrom('services').select('slug').execute()).map((r) => r.slug),
      ...(await db.selectFrom('services').select('id').execute()).map((r) => r.id),
      ...(await db.selectFrom('posts').select('slug').limit(3).execute()).map((r) => r.slug),
    ];
  });
  after(() => t.close());

  it('over every registered route, signed in or not', async () => {
    const param = fc.oneof(fc.constantFrom(...real), fc.constantFrom('x', '..', '%2e%2e', '%00'), oddText.map(enc));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        param,
        query,
        body,
        headers,
        fc.boolean(),
        async (route, p, q, b, h, signedIn) => {
          const url = `${fill(route.path, p.slice(0, 2_000))}${q ? `?${q}` : ''}`;
          const post = route.methods.includes('POST') && (!route.methods.includes('GET') || b.payload.length % 2 === 0);
          const res = await t.app.inject({
            method: post ? 'POST' : 'GET',
            url,
            headers: {
              ...h,
              ...(signedIn ? { cookie: coach.header() } : {}),
              ...(post ? { 'content-type': b.type } : {}),
            },
            ...(post ? { payload: b.payload } : {}),
          });
          assert.ok(res.statusCode < 500, `${post ? 'POST' : 'GET'} ${url.slice(0, 160)} → ${res.statusCode}`);
        },
      ),
      { numRuns: engine === 'sqlite' ? 600 : 200, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100_000) },
    );
  });
});
