import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { buildApp } from '../app.ts';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { runDueJobs } from '../jobs/index.ts';
import {
  type CookieJar,
  createTestApp,
  getPage,
  postForm,
  signedInCoach,
  TestClock,
  type TestContext,
} from '../testing.ts';
import { jobHandlers } from '../workers.ts';
import { articleForm, idFromLocation, submitPost } from './testing.ts';

const PUBLIC = 'https://coach.example';
const xml = new XMLParser({ ignoreAttributes: false });
const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

forEachEngine('blog: the coach writes', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  before(async () => {
    t = await createTestApp(engine, { publicUrl: PUBLIC });
    await seedDemoContent(t.deps);
    ({ jar } = await signedInCoach(t));
  });
  after(() => t.close());

  it('refuses to publish a placeholder title, and keeps what was typed', async () => {
    for (const title of [
      'Your SEO optimized title page contents',
      'Lorem ipsum dolor sit amet',
      'Untitled',
      '%%title%% %%sep%% %%sitename%%',
      '{{title}}',
      'Rootwork Coaching',
    ]) {
      const res = await submitPost(t, jar, articleForm({ title, slug: 'placeholder-test', action: 'publish' }));
      assert.equal(res.statusCode, 422, title);
      assert.match(res.body, /Must fix before publishing/);
    }
    const dup = await submitPost(
      t,
      jar,
      articleForm({ title: 'Therapy or coaching? Seven ways they differ', slug: 'dup', action: 'publish' }),
    );
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /already has this title/);
    const n = await t.deps.dbh.db
      .selectFrom('posts')
      .select('id')
      .where('slug', 'in', ['placeholder-test', 'dup'])
      .execute();
    assert.equal(n.length, 0);
  });

  it('a new article says what happened to it: published, scheduled, or saved as a draft', async () => {
    const notice = async (location: unknown) => (await getPage(t.app, String(location), jar)).body;
    const published = await submitPost(
      t,
      jar,
      articleForm({
        title: 'Saying no at work without burning bridges',
        slug: 'notice-published',
        excerpt:
          'Saying no is a skill, not a character flaw. Plain ways to turn down extra work kindly, keep the relationship, and protect the time you need for what matters.',
        action: 'publish',
      }),
    );
    assert.equal(published.statusCode, 303);
    const pub = await notice(published.headers.location);
    assert.match(pub, /Published\./);
    assert.doesNotMatch(pub, /Saved as a draft/);
    const draft = await submitPost(
      t,
      jar,
      articleForm({ title: 'Learning to rest without guilt, a draft', slug: 'notice-draft', action: 'save' }),
    );
    assert.match(await notice(draft.headers.location), /Saved as a draft\./);
  });

  it('publishes, then a changed slug answers 301 from the old address; trash answers 410', async () => {
    const created = await submitPost(t, jar, articleForm({ slug: 'rest-without-guilt', action: 'publish' }));
    assert.equal(created.statusCode, 303);
    const id = idFromLocation(created.headers.location);
    assert.equal((await t.app.inject({ url: '/blog/rest-without-guilt' })).statusCode, 200);
    const moved = await submitPost(t, jar, articleForm({ slug: 'resting-without-guilt', action: 'save' }), id);
    assert.equal(moved.statusCode, 303);
    const old = await t.app.inject({ url: '/blog/rest-without-guilt' });
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/blog/resting-without-guilt');
    // A second change: the first old address leads straight to the newest one (no chain).
    assert.equal(
      (await submitPost(t, jar, articleForm({ slug: 'rest-and-no-guilt', action: 'save' }), id)).statusCode,
      303,
    );
    assert.equal((await t.app.inject({ url: '/blog/rest-without-guilt' })).headers.location, '/blog/rest-and-no-guilt');
    assert.equal(
      (await submitPost(t, jar, articleForm({ slug: 'resting-without-guilt', action: 'save' }), id)).statusCode,
      303,
    );
    assert.equal(
      (await t.app.inject({ url: '/blog/rest-and-no-guilt' })).headers.location,
      '/blog/resting-without-guilt',
    );
    assert.equal(
      (await t.app.inject({ url: '/blog/resting-without-guilt' })).statusCode,
      200,
      'a slug taken back is not shadowed by its old redirect',
    );
    const sitemap = (await t.app.inject({ url: '/sitemap-posts.xml' })).body;
    assert.match(sitemap, /resting-without-guilt/);
    assert.doesNotMatch(sitemap, /\/blog\/rest-without-guilt</);
    assert.equal(
      (await submitPost(t, jar, articleForm({ slug: 'resting-without-guilt', action: 'trash' }), id)).statusCode,
      303,
    );
    assert.equal((await t.app.inject({ url: '/blog/resting-without-guilt' })).statusCode, 410);
    assert.equal(
      (await submitPost(t, jar, articleForm({ slug: 'resting-without-guilt', action: 'delete' }), id)).statusCode,
      303,
    );
    assert.equal(
      await t.deps.dbh.db.selectFrom('posts').select('id').where('id', '=', id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      (await t.app.inject({ url: '/blog/resting-without-guilt' })).statusCode,
      410,
      'deleted for good: still 410',
    );
    assert.equal(
      (await t.app.inject({ url: '/blog/rest-without-guilt' })).statusCode,
      301,
      'older addresses lead to the 410',
    );
    assert.doesNotMatch((await t.app.inject({ url: '/blog/feed.xml' })).body, /resting-without-guilt/);
  });

  it('a noindex article is public but says so, and stays out of the sitemap', async () => {
    const res = await submitPost(
      t,
      jar,
      articleForm({
        title: 'A quiet note for existing clients only',
        excerpt:
          'A short practical note for people already working with me, about how to reschedule a session and what happens when you are running late.',
        slug: 'quiet-note',
        noindex: '1',
        action: 'publish',
      }),
    );
    assert.equal(res.statusCode, 303);
    const page = await t.app.inject({ url: '/blog/quiet-note' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<meta name="robots" content="noindex"\/>/);
    assert.doesNotMatch((await t.app.inject({ url: '/sitemap-posts.xml' })).body, /quiet-note/);
  });

  it('a coach-added redirect answers 301, and an empty target 410', async () => {
    const page = await getPage(t.app, '/admin/redirects', jar);
    assert.equal(
      (
        await postForm(
          t.app,
          '/admin/redirects',
          { _csrf: page.csrf!, from: '/2019/05/old-post', to: '/blog/the-weekly-check-in-for-couples' },
          jar,
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (await postForm(t.app, '/admin/redirects', { _csrf: page.csrf!, from: '/old-gone', to: '' }, jar)).statusCode,
      303,
    );
    const r = await t.app.inject({ url: '/2019/05/old-post/' });
    assert.equal(r.statusCode, 301);
    const r2 = await t.app.inject({ url: r.headers.location as string });
    assert.equal(r2.statusCode, 301);
    assert.equal(r2.headers.location, '/blog/the-weekly-check-in-for-couples');
    const gone = await t.app.inject({ url: '/old-gone' });
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /<h1>This page is gone<\/h1>/, 'the 410 page in the site layout');
    assert.equal(
      (await postForm(t.app, '/admin/redirects', { _csrf: page.csrf!, from: '/2018/old/gone', to: '' }, jar))
        .statusCode,
      303,
    );
    const goneDeep = await t.app.inject({ url: '/2018/old/gone' });
    assert.equal(goneDeep.statusCode, 410);
    assert.match(goneDeep.body, /<h1>This page is gone<\/h1>/);
    const loop = await postForm(
      t.app,
      '/admin/redirects',
      { _csrf: page.csrf!, from: '/blog/the-weekly-check-in-for-couples', to: '/2019/05/old-post' },
      jar,
    );
    assert.equal(loop.statusCode, 400, 'a redirect that would loop is refused');
  });

  it('the coach edits her author profile: bio, links and the invitation under her articles', async () => {
    const page = await getPage(t.app, '/admin/author', jar);
    assert.equal(page.status, 200);
    const bad = await postForm(
      t.app,
      '/admin/author',
      {
        _csrf: page.csrf!,
        name: 'Dr. Maya Ellison',
        bio: '',
        photoUrl: '',
        links: 'LinkedIn http://insecure.example',
        cta: 'book',
      },
      jar,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Label \| https:\/\/address/);
    const ok = await postForm(
      t.app,
      '/admin/author',
      {
        _csrf: page.csrf!,
        name: 'Dr. Maya Ellison',
        bio: 'Coach and **researcher** of family change.',
        photoUrl: '/static/coach.svg',
        links: 'Mastodon | https://social.example/@maya',
        cta: 'book',
      },
      jar,
    );
    assert.equal(ok.statusCode, 303);
    const article = (await t.app.inject({ url: '/blog/why-small-steps-beat-big-resolutions' })).body;
    assert.match(article, /<strong>researcher<\/strong>/);
    assert.match(article, /href="https:\/\/social\.example\/@maya" rel="me noopener">Mastodon/);
    assert.match(article, /<a class="button" href="\/book">Book a first session<\/a>/);
  });

  it('neutralises script in Markdown, titles and tags', async () => {
    const res = await submitPost(
      t,
      jar,
      articleForm({
        title: 'Evening rest <script>alert(1)</script> and gentle routines',
        slug: 'xss-check',
        tags: '<img src=x onerror=alert(1)>, Rest',
        body: `${articleForm().body}\n\n<script>alert(2)</script><a href="javascript:alert(3)">x</a><img src="x" onerror="alert(4)"><iframe src="https://evil.example"></iframe>`,
        action: 'publish',
      }),
    );
    assert.equal(res.statusCode, 303);
    const page = (await t.app.inject({ url: '/blog/xss-check' })).body;
    assert.doesNotMatch(page, /<script>alert|javascript:|<[^>]*\sonerror=|<iframe|<img src=x/);
    assert.match(page, /&lt;script>alert\(1\)&lt;\/script>/, 'the title is shown as text');
    // In the feed the title is text (CDATA); the article's HTML must carry no script either.
    const items = arr(xml.parse((await t.app.inject({ url: '/blog/feed.xml' })).body).rss.channel.item) as Record<
      string,
      string
    >[];
    const item = items.find((i) => String(i.link).endsWith('/blog/xss-check'))!;
    assert.ok(item);
    assert.doesNotMatch(String(item['content:encoded']), /<script|onerror|javascript:/i);
  });

  it('a scheduled article is published by the durable job, also by a new app over the same database', async () => {
    const res = await submitPost(
      t,
      jar,
      articleForm({
        title: 'Planning a gentle start to the new year',
        excerpt:
          'January does not need a new you. A calm way to plan the first weeks of the year around what already works, with room for rest and for the people you love.',
        slug: 'gentle-new-year',
        publishAt: '2026-12-01T09:00',
        action: 'schedule',
      }),
    );
    assert.equal(res.statusCode, 303);
    assert.equal((await t.app.inject({ url: '/blog/gentle-new-year' })).statusCode, 404);
    assert.doesNotMatch((await t.app.inject({ url: '/sitemap-posts.xml' })).body, /gentle-new-year/);
    // "Restart": a second handle and app over the same data, with the clock past the time.
    const clock = new TestClock(Date.UTC(2026, 11, 1, 16, 0));
    const dbh = t.db.openAnother();
    const deps = { ...t.deps, dbh, clock, instanceId: 'restarted' };
    const app2 = await buildApp(deps);
    try {
      const ran = await runDueJobs(deps, jobHandlers);
      assert.equal(ran.done, 1);
      assert.equal((await app2.inject({ url: '/blog/gentle-new-year' })).statusCode, 200);
      assert.match((await app2.inject({ url: '/blog/feed.xml' })).body, /gentle-new-year/);
    } finally {
      await app2.close();
      await dbh.close();
    }
  });
});
