import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { TestDb } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { systemClock } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { lintSite } from './index.ts';

/** The demo practice is what a new coach sees first: search engines must find nothing to fault (issue 12). */
let app: FastifyInstance;
let db: TestDb;
let publicUrl: string;
before(async () => {
  const made = await createTestDeps('sqlite', { publicUrl: 'https://coach.example' }, systemClock);
  db = made.db;
  publicUrl = made.deps.config.publicUrl;
  await seedDemoContent(made.deps);
  app = await buildApp(made.deps);
});
after(async () => {
  await app.close();
  await db.destroy();
});

it('the demo content passes the SEO lint with no error and no warning', async () => {
  const reports = await lintSite(app, db.db, publicUrl);
  assert.ok(reports.length >= 50, `checked ${reports.length} pages`);
  const findings = reports.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.level}: ${f.message}`));
  assert.deepEqual(findings, []);
});
