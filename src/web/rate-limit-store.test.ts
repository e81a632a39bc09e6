import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildApp } from '../app.ts';
import { forEachEngine } from '../db/testing.ts';
import { createTestDeps, CookieJar, getPage, postForm } from '../testing.ts';

forEachEngine('rate limits shared by app instances', (engine) => {
  it('two instances over one database count sign-in attempts together, per window', async () => {
    const { deps, db, clock } = await createTestDeps(engine);
    const other = db.openAnother();
    const appA = await buildApp(deps);
    const appB = await buildApp({ ...deps, dbh: other, instanceId: 'instance-b' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? appA : appB;
        const jar = new CookieJar();
        const page = await getPage(app, '/sign-in', jar);
        const res = await postForm(app, '/sign-in', { _csrf: page.csrf!, email: `nobody${i}@example.com` }, jar);
        statuses.push(res.statusCode);
      }
      // Five per window for one address, across both instances: the sixth is refused.
      assert.deepEqual(statuses.slice(0, 5).every((s) => s < 400), true, `first five pass: ${statuses}`);
      assert.equal(statuses[5], 429);
      const rows = await db.db.selectFrom('rate_limits').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.hits, 6);
      // A new window starts once the old one has run out.
      clock.advance(16 * 60_000);
      const jar = new CookieJar();
      const page = await getPage(appB, '/sign-in', jar);
      assert.ok((await postForm(appB, '/sign-in', { _csrf: page.csrf!, email: 'later@example.com' }, jar)).statusCode < 400);
    } finally {
      await appA.close();
      await appB.close();
      await other.close();
      await db.destroy();
    }
  });
});
