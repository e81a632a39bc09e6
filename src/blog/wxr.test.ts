import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { createTestApp, type TestContext } from '../testing.ts';
import { parseWxr } from './wxr.ts';
import { importWxr } from './wxr-import.ts';

const sample = fs.readFileSync(new URL('./testdata/sample.wxr.xml', import.meta.url), 'utf8');

describe('WXR parsing', () => {
  it('reads posts with dates, status, tags and authors; leaves pages and attachments out', () => {
    const wxr = parseWxr(sample);
    assert.deepEqual(wxr.authors, [
      { login: 'maya', name: 'Maya Ellison' },
      { login: 'guest', name: 'Sam Okafor' },
    ]);
    assert.deepEqual(
      wxr.posts.map((p) => [p.slug, p.status, p.author]),
      [
        ['saying-no', 'published', 'maya'],
        ['sunday-questions', 'published', 'guest'],
        ['half-written-thoughts-on-rest', 'draft', 'maya'],
      ],
    );
    assert.equal(wxr.posts[0]!.publishedAt, Date.UTC(2019, 4, 1, 10, 0, 0));
    assert.deepEqual(wxr.posts[0]!.tags, ['Boundaries', 'Relationships']);
    assert.deepEqual(wxr.posts[1]!.tags, [], '"Uncategorized" is no tag');
    assert.match(
      wxr.posts[0]!.html,
      /<a href="https:\/\/old-practice\.example\/wp-content\/uploads\/2019\/05\/door\.jpg">Image: A half-open door<\/a>/,
    );
    assert.match(wxr.posts[0]!.html, /&amp; a kind one/);
  });

  it('refuses a file that is not an export', () => {
    assert.throws(() => parseWxr('<html><body>hello</body></html>'), /not a WordPress export/);
  });
});

forEachEngine('WXR import', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine, { publicUrl: 'https://coach.example' });
  });
  after(() => t.close());

  it('round-trips the sample export: posts, dates, tags, authors and redirects from the old addresses', async () => {
    const report = await importWxr(t.deps, sample, null);
    assert.deepEqual(report, { imported: 3, skipped: [], redirects: 2 });
    const article = await t.app.inject({ url: '/blog/saying-no' });
    assert.equal(article.statusCode, 200);
    assert.match(article.body, /Practise on small things/);
    assert.match(article.body, /<time datetime="2019-05-01T10:00:00.000Z">/);
    assert.match(article.body, /href="\/blog\/tag\/boundaries"/);
    assert.match(article.body, /By <a href="\/blog\/author\/maya-ellison">Maya Ellison<\/a>/);
    assert.doesNotMatch(article.body, /<img[^>]+old-practice/);
    assert.match((await t.app.inject({ url: '/blog/sunday-questions' })).body, /Sam Okafor/);
    const old = await t.app.inject({ url: '/2019/05/saying-no/' });
    const followed = await t.app.inject({ url: String(old.headers.location) });
    assert.equal(followed.statusCode, 301);
    assert.equal(followed.headers.location, '/blog/saying-no');
    assert.equal(
      (await t.app.inject({ url: '/blog/half-written-thoughts-on-rest' })).statusCode,
      404,
      'a draft stays a draft',
    );
    const cards = await t.deps.dbh.db
      .selectFrom('post_og_images')
      .innerJoin('posts', 'posts.id', 'post_og_images.post_id')
      .select('posts.slug')
      .orderBy('posts.slug')
      .execute();
    assert.deepEqual(
      cards.map((c) => c.slug),
      ['saying-no', 'sunday-questions'],
      'imported articles get their preview cards, drafts none',
    );
    assert.match((await t.app.inject({ url: '/blog/search?q=refusal' })).body, /Saying no without a long explanation/);
    // A second import of the same file adds nothing.
    assert.deepEqual(await importWxr(t.deps, sample, null), {
      imported: 0,
      skipped: ['saying-no', 'sunday-questions', 'half-written-thoughts-on-rest'],
      redirects: 0,
    });
  });
});
