import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { buildApp } from '../app.ts';
import { forEachEngine } from '../db/testing.ts';
import { runDueJobs } from '../jobs/index.ts';
import { readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { type CookieJar, createTestApp, signedInCoach, type TestContext } from '../testing.ts';
import { jobHandlers } from '../workers.ts';
import { articleForm, idFromLocation, submitPost } from './testing.ts';

const PUBLIC = 'https://coach.example';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

forEachEngine('blog: the preview card is made at publish and stored', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  before(async () => {
    t = await createTestApp(engine, { publicUrl: PUBLIC });
    ({ jar } = await signedInCoach(t));
  });
  after(() => t.close());

  const stored = (postId: string) =>
    t.deps.dbh.db.selectFrom('post_og_images').selectAll().where('post_id', '=', postId).executeTakeFirst();
  const ogUrl = async (slug: string) => {
    const body = (await t.app.inject({ url: `/blog/${slug}` })).body;
    assert.match(
      body,
      /<meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="630"\/>/,
    );
    return /<meta property="og:image" content="([^"]+)"/.exec(body)?.[1] ?? '';
  };

  it('publishing stores a real 1200×630 PNG, served after a restart; a new title makes a new card', async () => {
    const res = await submitPost(t, jar, articleForm({ slug: 'rest-card', action: 'save' }));
    const id = idFromLocation(res.headers.location);
    assert.equal(await stored(id), undefined, 'a draft has no card yet');
    assert.equal((await submitPost(t, jar, articleForm({ slug: 'rest-card', action: 'publish' }), id)).statusCode, 303);
    const row = await stored(id);
    assert.ok(row, 'the card is stored at publish');
    const png = Buffer.from(row.png);
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, row.width, row.height], ['png', 1200, 630, 1200, 630]);
    const url = await ogUrl('rest-card');
    assert.equal(url, `${PUBLIC}/blog/rest-card/og-${row.version}.png`);

    // "Restart": a second handle and app over the same database serve the stored bytes.
    const dbh = t.db.openAnother();
    const app2 = await buildApp({ ...t.deps, dbh, instanceId: 'restarted' });
    try {
      const got = await app2.inject({ url: url.replace(PUBLIC, '') });
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'image/png');
      assert.match(String(got.headers['cache-control']), /max-age=31536000, immutable/);
      assert.deepEqual(got.rawPayload, png);
    } finally {
      await app2.close();
      await dbh.close();
    }

    const renamed = await submitPost(
      t,
      jar,
      articleForm({ slug: 'rest-card', title: 'Resting without guilt when the workday ends', action: 'publish' }),
      id,
    );
    assert.equal(renamed.statusCode, 303);
    const row2 = await stored(id);
    assert.ok(row2);
    assert.notEqual(row2.version, row.version);
    assert.notDeepEqual(Buffer.from(row2.png), png);
    assert.equal(await ogUrl('rest-card'), `${PUBLIC}/blog/rest-card/og-${row2.version}.png`);
    assert.equal(
      (await t.app.inject({ url: url.replace(PUBLIC, '') })).statusCode,
      301,
      'the old card points to the new one',
    );
  });

  it('an uploaded preview image wins: no card is stored and the head names the upload', async () => {
    const upload = '/media/images/0123456789abcdef-1200x630.jpg';
    const res = await submitPost(
      t,
      jar,
      articleForm({
        title: 'Choosing one small habit for the month',
        slug: 'own-card',
        excerpt:
          'One habit, chosen with care and kept for a month, changes more than a long list of resolutions that are dropped by the second week.',
        ogImageUrl: upload,
        ogImageAlt: 'A calm desk by a window',
        action: 'publish',
      }),
    );
    assert.equal(res.statusCode, 303);
    const id = idFromLocation(res.headers.location);
    assert.equal(await stored(id), undefined);
    assert.equal(await ogUrl('own-card'), `${PUBLIC}${upload}`);
  });

  it('the scheduled-publish job stores the card; renaming the practice gives a new, stored card', async () => {
    const res = await submitPost(
      t,
      jar,
      articleForm({
        title: 'Planning a calm first week of spring',
        slug: 'spring-card',
        excerpt:
          'Spring invites big plans. A gentler way to begin the season: keep what already works, add one thing, and leave room for the people you love.',
        publishAt: '2026-12-01T09:00',
        action: 'schedule',
      }),
    );
    const id = idFromLocation(res.headers.location);
    assert.equal(await stored(id), undefined);
    t.clock.t = Date.UTC(2026, 11, 1, 16, 0);
    assert.equal((await runDueJobs(t.deps, jobHandlers)).done, 1);
    const row = await stored(id);
    assert.ok(row, 'the job stored the card');

    const settings = await readSiteSettings(t.deps.dbh.db);
    await writeSiteSettings(t.deps.dbh.db, { ...settings, practiceName: 'Riverbend Coaching Studio' }, t.clock.now());
    const url = await ogUrl('spring-card');
    assert.ok(!url.endsWith(`og-${row.version}.png`), 'the address follows the new name');
    const got = await t.app.inject({ url: url.replace(PUBLIC, '') });
    assert.equal(got.statusCode, 200);
    const row2 = await stored(id);
    assert.ok(row2 && url.endsWith(`og-${row2.version}.png`), 'the new card is stored');
    assert.deepEqual(got.rawPayload, Buffer.from(row2.png));
  });
});
