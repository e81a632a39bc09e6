import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { realUrls, registeredRoutes, seedVisitorData, snapshot } from './routes.ts';

forEachEngine('every form post refuses a missing or forged CSRF token', (engine) => {
  let t: TestContext;
  let posts: string[];
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    await seedVisitorData(t);
    posts = registeredRoutes(t.app)
      .filter((r) => r.methods.includes('POST') && !r.path.startsWith('/api/'))
      .map((r) => r.path);
    // Opening a page may record that it was seen (the practice's calendar row is made, a request is marked read); the
    // refused form shows its page again, so open every page once now, and that is not mistaken for a change.
    const cookie = (await signedInCoach(t)).jar.header();
    for (const r of registeredRoutes(t.app).filter((x) => x.path.startsWith('/admin') && x.methods.includes('GET'))) {
      for (const url of await realUrls(t.deps.dbh.db, r.path))
        await t.app.inject({ method: 'GET', url, headers: { cookie } });
    }
  });
  after(() => t.close());

  it('finds the form posts', () => {
    assert.ok(
      posts.includes('/contact') && posts.includes('/admin/settings') && posts.includes('/book/:slug/confirm'),
      posts.join(' '),
    );
  });

  for (const who of ['coach', 'visitor'] as const) {
    it(`refuses each post from a ${who} without a valid token and changes nothing`, async () => {
      const jar = who === 'coach' ? (await signedInCoach(t)).jar : new CookieJar();
      await getPage(t.app, '/contact', jar); // sets the CSRF secret cookie, as a real browser would have it
      const bad: string[] = [];
      for (const pattern of posts) {
        for (const url of await realUrls(t.deps.dbh.db, pattern)) {
          for (const token of [undefined, 'forged-token']) {
            const before = await snapshot(t.deps.dbh.db);
            const fields = new URLSearchParams({
              name: 'Mallory',
              email: 'm@example.test',
              message: 'hello',
              title: 'x',
              body_md: 'x',
              status: 'confirmed',
            });
            if (token) fields.set('_csrf', token);
            const res = await t.app.inject({
              method: 'POST',
              url,
              headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
              payload: fields.toString(),
            });
            const after = await snapshot(t.deps.dbh.db);
            // The coach's back-office forms must say "expired" (403); elsewhere a missing link token may be refused first (400).
            const okStatus =
              who === 'coach' && url.startsWith('/admin/')
                ? res.statusCode === 403 || (res.statusCode === 404 && url.includes('00000000-'))
                : res.statusCode >= 400 && res.statusCode < 500;
            // Signing out a visitor who has no session changes nothing.
            if (url === '/sign-out' && who === 'visitor' && res.statusCode === 303) continue;
            if (!okStatus) bad.push(`${url} (${token ?? 'no token'}) answered ${res.statusCode}`);
            for (const name of Object.keys(after)) {
              if (JSON.stringify(before[name]) !== JSON.stringify(after[name]))
                bad.push(`${url} (${token ?? 'no token'}) changed ${name}`);
            }
          }
        }
      }
      assert.deepEqual(bad, []);
    });
  }
});
