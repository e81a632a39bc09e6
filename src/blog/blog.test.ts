import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { type CookieJar, createTestApp, signedInCoach, type TestContext } from '../testing.ts';
import { articleForm, submitPost } from './testing.ts';

const PUBLIC = 'https://coach.example';
const xml = new XMLParser({ ignoreAttributes: false });
const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

forEachEngine('blog for readers and crawlers', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  let published: string[];
  before(async () => {
    t = await createTestApp(engine, { publicUrl: PUBLIC });
    await seedDemoContent(t.deps);
    ({ jar } = await signedInCoach(t));
    // A draft that must stay invisible everywhere.
    const res = await submitPost(
      t,
      jar,
      articleForm({ title: 'Secret draft about sleeping well at night', slug: 'secret-draft' }),
    );
    assert.equal(res.statusCode, 303);
    published = (await t.deps.dbh.db.selectFrom('posts').select('slug').where('status', '=', 'published').execute())
      .map((r) => `${PUBLIC}/blog/${r.slug}`)
      .sort();
    assert.equal(published.length, 6);
  });
  after(() => t.close());

  it('shows the index, an article, a tag page and an author page; drafts are 404', async () => {
    const index = await t.app.inject({ url: '/blog' });
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /Therapy or coaching\? Seven ways they differ/);
    assert.doesNotMatch(index.body, /Secret draft/);
    const article = await t.app.inject({ url: '/blog/therapy-or-coaching-seven-differences' });
    assert.equal(article.statusCode, 200);
    assert.match(article.body, /min read/);
    assert.match(article.body, /<nav class="toc"/, 'a long article has a table of contents');
    assert.match(article.body, /Written by <a href="\/blog\/author\/maya-ellison">/);
    assert.match(article.body, /Related articles/);
    assert.doesNotMatch(
      article.body.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, ''),
      /<script/i,
      'no JavaScript on an article',
    );
    assert.equal((await t.app.inject({ url: '/blog/tag/relationships' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/blog/author/maya-ellison' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/blog/secret-draft' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/blog/no-such-post' })).statusCode, 404);
  });

  it('feeds date an item by its publishing, carry absolute image addresses and the video link', async () => {
    const db = t.deps.dbh.db;
    const slug = 'why-small-steps-beat-big-resolutions';
    const before = await db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    const publishedAt = before.published_at!;
    const editedAt = publishedAt + 5 * 86_400_000;
    const image = '/media/images/0123456789abcdef-1200x800.jpg';
    await db
      .updateTable('posts')
      .set({ updated_at: editedAt, body_md: `${before.body_md}\n\n![A pot of tea on a windowsill](${image})\n` })
      .where('id', '=', before.id)
      .execute();
    const video = await db
      .selectFrom('posts')
      .select(['id', 'slug', 'video_url'])
      .where('video_url', '!=', '')
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('posts')
      .select(['id', 'slug'])
      .where('status', '=', 'published')
      .where('video_url', '=', '')
      .where('slug', '!=', slug)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('posts')
      .set({ video_url: '/media/videos/00112233aabbccdd.mp4' })
      .where('id', '=', other.id)
      .execute();
    try {
      const rss = xml.parse((await t.app.inject({ url: '/blog/feed.xml' })).body);
      const items = arr(rss.rss.channel.item) as Record<string, unknown>[];
      const item = items.find((i) => i.link === `${PUBLIC}/blog/${slug}`)!;
      assert.equal(item.pubDate, new Date(publishedAt).toUTCString(), 'pubDate is when it was published, not edited');
      const content = String(item['content:encoded']);
      assert.match(content, new RegExp(`<img src="${PUBLIC}/media/images/0123456789abcdef-960\\.jpg"`));
      assert.doesNotMatch(content, /(?:src|srcset|href)="\/(?!\/)/, 'no address relative to the site');
      assert.doesNotMatch(content, /<picture>|<source/, 'a plain image for feed readers');
      assert.match(content, /alt="A pot of tea on a windowsill"/);

      const vItem = items.find((i) => i.link === `${PUBLIC}/blog/${video.slug}`)!;
      assert.match(
        String(vItem['content:encoded']),
        /<a href="https:\/\/www\.youtube\.com\/watch\?v=[\w-]{11}">Watch the video on YouTube/,
      );
      const fItem = items.find((i) => i.link === `${PUBLIC}/blog/${other.slug}`)! as Record<
        string,
        Record<string, string>
      >;
      assert.equal(fItem.enclosure!['@_url'], `${PUBLIC}/media/videos/00112233aabbccdd.mp4`);
      assert.equal(fItem.enclosure!['@_type'], 'video/mp4');
      assert.match(
        String(fItem['content:encoded']),
        new RegExp(`href="${PUBLIC}/media/videos/00112233aabbccdd\\.mp4"`),
      );

      const atom = xml.parse((await t.app.inject({ url: '/blog/atom.xml' })).body);
      const entry = (arr(atom.feed.entry) as Record<string, unknown>[]).find((e) =>
        JSON.stringify(e.link).includes(`/blog/${slug}"`),
      )!;
      assert.equal(entry.published, new Date(publishedAt).toISOString());
      assert.equal(entry.updated, new Date(editedAt).toISOString());
      assert.match(
        String((entry.content as Record<string, string>)['#text'] ?? entry.content),
        /0123456789abcdef-960\.jpg/,
      );
      const fEntry = (arr(atom.feed.entry) as Record<string, unknown>[]).find((e) =>
        JSON.stringify(e.link).includes(`/blog/${other.slug}"`),
      )!;
      assert.match(
        JSON.stringify(fEntry.link),
        /"@_rel":"enclosure"[^}]*00112233aabbccdd\.mp4|00112233aabbccdd\.mp4[^}]*"@_rel":"enclosure"/,
      );

      const json = JSON.parse((await t.app.inject({ url: '/blog/feed.json' })).body);
      const jItem = json.items.find((i: { url: string }) => i.url === `${PUBLIC}/blog/${slug}`);
      assert.equal(jItem.date_published, new Date(publishedAt).toISOString());
      assert.equal(jItem.date_modified, new Date(editedAt).toISOString());
      assert.match(jItem.content_html, new RegExp(`src="${PUBLIC}/media/images/0123456789abcdef-960\\.jpg"`));
      const jVideo = json.items.find((i: { url: string }) => i.url === `${PUBLIC}/blog/${video.slug}`);
      assert.match(jVideo.content_html, /youtube\.com\/watch\?v=/);
    } finally {
      await db
        .updateTable('posts')
        .set({ updated_at: before.updated_at, body_md: before.body_md })
        .where('id', '=', before.id)
        .execute();
      await db.updateTable('posts').set({ video_url: '' }).where('id', '=', other.id).execute();
    }
  });

  it('the three feeds parse and list exactly the published articles, with full content', async () => {
    const rss = xml.parse((await t.app.inject({ url: '/blog/feed.xml' })).body);
    const rssLinks = arr(rss.rss.channel.item)
      .map((i: { link: string }) => i.link)
      .sort();
    assert.deepEqual(rssLinks, published);
    assert.ok(
      arr(rss.rss.channel.item).every((i: Record<string, string>) => String(i['content:encoded']).length > 500),
    );
    const atom = xml.parse((await t.app.inject({ url: '/blog/atom.xml' })).body);
    const atomLinks = arr(atom.feed.entry)
      .map((e: { link: { '@_href': string } }) => e.link['@_href'])
      .sort();
    assert.deepEqual(atomLinks, published);
    const json = JSON.parse((await t.app.inject({ url: '/blog/feed.json' })).body);
    assert.equal(json.version, 'https://jsonfeed.org/version/1');
    assert.deepEqual(json.items.map((i: { url: string }) => i.url).sort(), published);
    const tagFeed = xml.parse((await t.app.inject({ url: '/blog/tag/relationships/feed.xml' })).body);
    assert.equal(arr(tagFeed.rss.channel.item).length, 2);
    const page = await t.app.inject({ url: '/blog' });
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json'])
      assert.match(page.body, new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"`));
  });

  it('the sitemap index and its files list exactly the published URLs; robots.txt names it', async () => {
    const index = xml.parse((await t.app.inject({ url: '/sitemap.xml' })).body);
    const files = arr(index.sitemapindex.sitemap).map((s: { loc: string }) => s.loc);
    assert.ok(files.includes(`${PUBLIC}/sitemap-posts.xml`));
    const urls: string[] = [];
    for (const f of files) {
      const res = await t.app.inject({ url: f.replace(PUBLIC, '') });
      assert.equal(res.statusCode, 200, f);
      for (const u of arr(xml.parse(res.body).urlset.url) as { loc: string; lastmod: string }[]) {
        assert.ok(!Number.isNaN(Date.parse(u.lastmod)), 'lastmod is a date');
        urls.push(u.loc);
      }
    }
    assert.deepEqual(urls.filter((u) => /\/blog\/[^/]+$/.test(u) && !u.includes('/tag/')).sort(), published);
    assert.ok(
      urls.includes(`${PUBLIC}/blog/tag/coaching`) &&
        urls.includes(`${PUBLIC}/blog/author/maya-ellison`) &&
        urls.includes(`${PUBLIC}/about`),
    );
    for (const path of ['/contact', '/help', '/help/gb', '/guide', '/guide/how-we-decide', '/book'])
      assert.ok(urls.includes(PUBLIC + path), `the sitemap lists ${path}`);
    // A service's times page is noindex, so the sitemap leaves it out.
    assert.ok(!urls.includes(`${PUBLIC}/book/coaching-session`), 'no noindex page in the sitemap');
    for (const u of urls) assert.equal((await t.app.inject({ url: u.replace(PUBLIC, '') || '/' })).statusCode, 200, u);
    const robots = (await t.app.inject({ url: '/robots.txt' })).body;
    assert.match(robots, new RegExp(`^Sitemap: ${PUBLIC}/sitemap.xml$`, 'm'));
  });

  it('every JSON-LD block parses and has the recommended properties; URLs are absolute from PUBLIC_URL', async () => {
    const video = await t.app.inject({ url: '/blog/five-minute-reset-before-a-hard-conversation' });
    const author = await t.app.inject({ url: '/blog/author/maya-ellison' });
    for (const res of [video, author, await t.app.inject({ url: '/blog' }), await t.app.inject({ url: '/' })]) {
      const blocks = [...res.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
        JSON.parse(m[1]!),
      );
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0]['@context'], 'https://schema.org');
      assert.ok(blocks[0]['@graph'].some((n: { '@type': string }) => n['@type'] === 'WebSite'));
      for (const href of [
        ...res.body.matchAll(/<(?:link rel="canonical"|meta property="og:url") (?:href|content)="([^"]+)"/g),
      ].map((m) => m[1]!))
        assert.ok(href.startsWith(`${PUBLIC}/`), href);
    }
    const graph = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(video.body)![1]!)[
      '@graph'
    ] as Record<string, unknown>[];
    const post = graph.find((n) => n['@type'] === 'BlogPosting')!;
    for (const k of ['headline', 'datePublished', 'dateModified', 'author', 'image', 'publisher', 'mainEntityOfPage'])
      assert.ok(post[k], `BlogPosting.${k}`);
    assert.ok((post.author as { url?: string }).url?.startsWith(PUBLIC));
    const vid = graph.find((n) => n['@type'] === 'VideoObject')!;
    for (const k of ['name', 'description', 'thumbnailUrl', 'uploadDate', 'duration', 'embedUrl'])
      assert.ok(vid[k], `VideoObject.${k}`);
    assert.equal(vid.duration, 'PT5M12S');
    const crumbs = graph.find((n) => n['@type'] === 'BreadcrumbList') as { itemListElement: { item: string }[] };
    assert.deepEqual(
      crumbs.itemListElement.map((i) => i.item),
      [`${PUBLIC}/`, `${PUBLIC}/blog`, `${PUBLIC}/blog/five-minute-reset-before-a-hard-conversation`],
    );
    const profile = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(author.body)![1]!)[
      '@graph'
    ].find((n: { '@type': string }) => n['@type'] === 'ProfilePage');
    assert.equal(profile.mainEntity.name, 'Dr. Maya Ellison');
  });

  it('each article has a generated 1200×630 preview card, named by what it shows', async () => {
    const body = (await t.app.inject({ url: '/blog/the-weekly-check-in-for-couples' })).body;
    const url = /<meta property="og:image" content="([^"]+)"/.exec(body)?.[1];
    assert.ok(url?.startsWith(`${PUBLIC}/blog/the-weekly-check-in-for-couples/og-`), url);
    assert.match(
      body,
      /<meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="630"\/>/,
    );
    assert.match(body, /<meta name="twitter:card" content="summary_large_image"/);
    const png = await t.app.inject({ url: url!.replace(PUBLIC, '') });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.match(String(png.headers['cache-control']), /immutable/);
    const { default: sharp } = await import('sharp');
    const meta = await sharp(png.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 630]);
    const stale = await t.app.inject({ url: '/blog/the-weekly-check-in-for-couples/og-000000000000.png' });
    assert.equal(stale.statusCode, 301);
    assert.equal((await t.app.inject({ url: '/blog/secret-draft/og-000000000000.png' })).statusCode, 404);
  });

  it('the video poster makes no third-party request: no iframe or foreign image on the article', async () => {
    const body = (await t.app.inject({ url: '/blog/five-minute-reset-before-a-hard-conversation' })).body;
    assert.doesNotMatch(body, /<iframe/);
    assert.doesNotMatch(body, /<img[^>]+src="https?:/);
    assert.match(body, /href="\/blog\/five-minute-reset-before-a-hard-conversation\/play"/);
    const play = await t.app.inject({ url: '/blog/five-minute-reset-before-a-hard-conversation/play' });
    assert.match(play.body, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\//);
    assert.match(String(play.headers['content-security-policy']), /frame-src https:\/\/www\.youtube-nocookie\.com/);
  });

  it('searches without JavaScript, and a hostile query is only text', async () => {
    const res = await t.app.inject({ url: '/blog/search?q=couples+check-in' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /The weekly check-in/);
    assert.match(res.body, /<meta name="robots" content="noindex"/);
    for (const q of ['<script>alert(1)</script>', '"unterminated', 'AND OR NOT *', 'title:x NEAR(y)', ')))']) {
      const r = await t.app.inject({ url: `/blog/search?q=${encodeURIComponent(q)}` });
      assert.equal(r.statusCode, 200, q);
      assert.doesNotMatch(r.body, /<script>alert/);
    }
    assert.doesNotMatch((await t.app.inject({ url: '/blog/search?q=sleeping' })).body, /Secret draft/);
  });

  it('one trailing-slash policy: /blog/ answers 301 to /blog', async () => {
    const res = await t.app.inject({ url: '/blog/?page=1' });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/blog?page=1');
    assert.equal((await t.app.inject({ url: '//evil.example/' })).headers.location, '/evil.example');
  });

  it('caches public pages: strong ETag, 304, brotli and gzip; a change is seen at once', async () => {
    const url = '/blog/why-small-steps-beat-big-resolutions';
    const first = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(first.headers['content-encoding'], 'br');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    assert.equal((await t.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 304);
    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const plain = await t.app.inject({ url });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.body, /Why small steps/);
    await t.deps.dbh.db
      .updateTable('posts')
      .set({ title: 'Small steps, changed title', updated_at: t.deps.clock.now() + 5000 })
      .where('slug', '=', 'why-small-steps-beat-big-resolutions')
      .execute();
    const after = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Small steps, changed title/);
    // The stylesheet, the one other request of a page, is precompressed too.
    const css = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(plain.body)![1]!;
    const cssBr = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(cssBr.headers['content-encoding'], 'br');
    assert.ok(cssBr.rawPayload.length < 15 * 1024, 'CSS under 15 KB compressed');
    // A signed-in coach is never served the visitors' copy.
    const coach = await t.app.inject({ url, headers: { cookie: jar.header() } });
    assert.equal(coach.headers.etag, undefined);
    // Invented query strings are answered but not kept; a page number is kept.
    const odd = await t.app.inject({ url: `${url}?utm=${'x'.repeat(20)}` });
    assert.deepEqual([odd.statusCode, odd.headers.etag], [200, undefined]);
    assert.ok((await t.app.inject({ url: '/blog?page=1' })).headers.etag, 'a page number is cached');
  });
});
