import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { fill, registeredRoutes, snapshot } from './routes.ts';

/** Real ids for route parameters, so a forged post reaches the code that would change something. */
async function urlsFor(t: TestContext, pattern: string): Promise<string[]> {
  if (!pattern.includes(':')) return [pattern];
  const db = t.deps.dbh.db;
  const table: [RegExp, () => Promise<string[]>][] = [
    [/^\/admin\/pages\//, async () => (await db.selectFrom('pages').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/posts\//, async () => (await db.selectFrom('posts').select('id').limit(2).execute()).map((r) => r.id)],
    [/^\/admin\/services\//, async () => (await db.selectFrom('services').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/guide\/referrals\//, async () => (await db.selectFrom('guide_referrals').select('id').limit(2).execute()).map((r) => r.id)],
    [/^\/admin\/guide\/results\//, async () => (await db.selectFrom('guide_shared_results').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/guide\/crisis-lines\//, async () => (await db.selectFrom('guide_crisis_lines').select('key').limit(2).execute()).map((r) => r.key)],
    [/^\/admin\/bookings\//, async () => (await db.selectFrom('bookings').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/contact\//, async () => (await db.selectFrom('contact_requests').select('id').execute()).map((r) => r.id)],
    [/^\/admin\/outbox\//, async () => (await db.selectFrom('outbox').select('id').limit(2).execute()).map((r) => r.id)],
    [/^\/book\//, async () => (await db.selectFrom('services').select('slug').execute()).map((r) => r.slug)],
  ];
  const ids = (await table.find(([re]) => re.test(pattern))?.[1]()) ?? [];
  return (ids.length ? ids : ['00000000-0000-4000-8000-000000000000']).map((id) => fill(pattern, encodeURIComponent(id)));
}

forEachEngine('every form post refuses a missing or forged CSRF token', (engine) => {
  let t: TestContext;
  let posts: string[];
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    posts = registeredRoutes(t.app)
      .filter((r) => r.methods.includes('POST') && !r.path.startsWith('/api/'))
      .map((r) => r.path);
    // The practice's calendar row is made on first sight of the availability page; make it now so it is not mistaken for a change.
    await t.app.inject({ method: 'GET', url: '/admin/availability', headers: { cookie: (await signedInCoach(t)).jar.header() } });
  });
  after(() => t.close());

  it('finds the form posts', () => {
    assert.ok(posts.includes('/contact') && posts.includes('/admin/settings') && posts.includes('/book/:slug/confirm'), posts.join(' '));
  });

  for (const who of ['coach', 'visitor'] as const) {
    it(`refuses each post from a ${who} without a valid token and changes nothing`, async () => {
      const jar = who === 'coach' ? (await signedInCoach(t)).jar : new CookieJar();
      await getPage(t.app, '/contact', jar); // sets the CSRF secret cookie, as a real browser would have it
      const bad: string[] = [];
      for (const pattern of posts) {
        for (const url of await urlsFor(t, pattern)) {
          for (const token of [undefined, 'forged-token']) {
            const before = await snapshot(t.deps.dbh.db);
            const fields = new URLSearchParams({ name: 'Mallory', email: 'm@example.test', message: 'hello', title: 'x', body_md: 'x', status: 'confirmed' });
            if (token) fields.set('_csrf', token);
            const res = await t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
            const after = await snapshot(t.deps.dbh.db);
            // The coach's back-office forms must say "expired" (403); elsewhere a missing link token may be refused first (400).
            const okStatus = who === 'coach' && url.startsWith('/admin/') ? res.statusCode === 403 || (res.statusCode === 404 && url.includes('00000000-')) : res.statusCode >= 400 && res.statusCode < 500;
            // Signing out a visitor who has no session changes nothing.
            if (url === '/sign-out' && who === 'visitor' && res.statusCode === 303) continue;
            if (!okStatus) bad.push(`${url} (${token ?? 'no token'}) answered ${res.statusCode}`);
            for (const name of Object.keys(after)) {
              if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) bad.push(`${url} (${token ?? 'no token'}) changed ${name}`);
            }
          }
        }
      }
      assert.deepEqual(bad, []);
    });
  }
});
