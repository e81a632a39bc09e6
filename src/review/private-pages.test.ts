import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { createTestApp, signedInCoach, type TestContext } from '../testing.ts';
import { realUrls, registeredRoutes, seedVisitorData } from './routes.ts';

forEachEngine('back-office pages are never kept by the browser', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    await seedVisitorData(t);
  });
  after(() => t.close());

  it("every back-office page (clients' words, bookings, shared results) is sent no-store", async () => {
    const cookie = (await signedInCoach(t)).jar.header();
    const bad: string[] = [];
    for (const r of registeredRoutes(t.app).filter((x) => x.path.startsWith('/admin') && x.methods.includes('GET'))) {
      for (const url of await realUrls(t.deps.dbh.db, r.path)) {
        const res = await t.app.inject({ url, headers: { cookie } });
        if (res.statusCode === 200 && !/no-store/.test(String(res.headers['cache-control'])))
          bad.push(`${url} → ${res.headers['cache-control']}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
