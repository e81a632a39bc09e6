import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addUser, jarFor } from '../auth/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, type TestContext } from '../testing.ts';
import { adminSections } from '../web/index.ts';

/**
 * Every route the app registers, read from Fastify's own route tree, so a room added later by
 * any module is checked without anyone remembering to list it here.
 */
function registeredRoutes(printed: string): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    if (m[3]) out.push({ path, methods: m[3].split(', ') });
  }
  return out;
}

/** A concrete URL for a route pattern: parameters get a made-up id. */
function urlFor(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'anything');
}

forEachEngine('back-office access', (engine) => {
  let t: TestContext;
  let adminGets: string[];
  let adminPosts: string[];
  let client: CookieJar;
  let coach: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.path === '/admin' || r.path.startsWith('/admin/'),
    );
    adminGets = routes.filter((r) => r.methods.includes('GET')).map((r) => urlFor(r.path));
    adminPosts = routes
      .filter((r) => r.methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)))
      .map((r) => urlFor(r.path));
    client = await jarFor(t.deps, await addUser(t.deps, 'client@example.test', 'client'));
    coach = await jarFor(t.deps, await addUser(t.deps, 'coach@example.test', 'owner'));
  });
  after(() => t.close());

  it('finds the back-office routes, including every room in the navigation', () => {
    assert.ok(
      adminGets.includes('/admin/audit') && adminPosts.includes('/admin/sessions/sign-out'),
      adminGets.join(' '),
    );
    for (const s of adminSections)
      assert.ok(adminGets.includes(s.href), `${s.href} is in the navigation but no route answers it`);
  });

  it('sends an anonymous GET of every back-office page to sign in', async () => {
    for (const url of adminGets) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
    }
  });

  it('refuses every back-office page to a signed-in client', async () => {
    for (const url of adminGets) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.header() } });
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /Not available to you/, url);
    }
  });

  it('refuses every back-office form post to anonymous visitors and clients', async () => {
    for (const url of adminPosts) {
      const anon = await t.app.inject({ method: 'POST', url, payload: {} });
      assert.equal(anon.statusCode, 401, url);
      const res = await t.app.inject({ method: 'POST', url, payload: {}, headers: { cookie: client.header() } });
      assert.equal(res.statusCode, 403, url);
    }
  });

  it('opens every back-office page (without parameters) to the coach', async () => {
    for (const url of adminGets.filter((u) => !u.includes('00000000-'))) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: coach.header() } });
      assert.equal(res.statusCode, 200, url);
    }
  });
});
