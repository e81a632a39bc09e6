import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from './db/testing.ts';
import { createTestApp } from './testing.ts';

forEachEngine('health checks', (engine) => {
  it('/healthz says alive; /readyz says ready, then 503 once the database is gone', async () => {
    const ctx = await createTestApp(engine);
    try {
      const alive = await ctx.app.inject({ url: '/healthz' });
      assert.equal(alive.statusCode, 200);
      assert.equal(alive.headers['cache-control'], 'no-store');
      const ready = await ctx.app.inject({ url: '/readyz' });
      assert.deepEqual([ready.statusCode, ready.json().engine], [200, engine]);
      await ctx.deps.dbh.close();
      const down = await ctx.app.inject({ url: '/readyz' });
      assert.equal(down.statusCode, 503);
      assert.equal((await ctx.app.inject({ url: '/healthz' })).statusCode, 200, 'alive even when the database is not');
    } finally {
      await ctx.app.close();
      await ctx.db.destroy().catch(() => {});
    }
  });
});
