import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import { canonicalOf, countMatches, metaDescription, titleOf } from './html-testing.ts';

forEachEngine('public site', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
    assert.equal(await seedDemoContent(t.deps), true);
  });
  after(() => t.close());

  const pages: [path: string, title: string, description: RegExp][] = [
    ['/', 'Rootwork Coaching: relationship and life coaching', /^One-to-one relationship and life coaching/],
    ['/about', 'About Maya · Rootwork Coaching', /^Dr\. Maya Ellison is a relationship and life coach/],
    [
      '/services',
      'Coaching services with Dr. Maya Ellison · Rootwork Coaching',
      /^One-to-one coaching with Dr\. Maya Ellison/,
    ],
    ['/privacy', 'Privacy policy · Rootwork Coaching', /^What Rootwork Coaching stores about you/],
    ['/terms', 'Terms of coaching · Rootwork Coaching', /^The agreement between you and Rootwork Coaching/],
    ['/questions', 'Common questions · Rootwork Coaching', /^Answers to the questions people ask most/],
  ];

  for (const [path, title, description] of pages) {
    it(`${path} has its title, description, canonical URL and one h1`, async () => {
      const res = await getPage(t.app, path, new CookieJar());
      assert.equal(res.status, 200);
      assert.equal(titleOf(res.body), title);
      assert.match(metaDescription(res.body) ?? '', description);
      assert.equal(canonicalOf(res.body), t.deps.config.publicUrl + path);
      assert.equal(countMatches(res.body, /<h1\b/), 1);
      assert.match(res.body, /<meta property="og:title"/);
      assert.match(res.body, /class="help-now" href="\/help"/);
      assert.doesNotMatch(res.body, /<script(?! type="application\/ld\+json")/i, 'no JavaScript; JSON-LD data only');
    });
  }

  it('the home page introduces the coach, says coaching is not therapy, lists services and offers a next step', async () => {
    const { body } = await getPage(t.app, '/', new CookieJar());
    assert.match(body, /Dr\. Maya Ellison · Relationship and life coach/);
    assert.match(body, /<img class="portrait" src="\/static\/coach.svg" alt="Illustration in place of a photo/);
    assert.match(body, /Coaching is not/);
    assert.match(body, /therapy, counselling or medical care/);
    assert.match(body, /<a href="\/help">see crisis lines<\/a>/);
    assert.match(body, /Introductory call[\s\S]*Coaching session[\s\S]*Three-month package/);
    assert.match(body, /<a class="button" href="\/contact">/);
    // Body text from the home page row, rendered from Markdown.
    assert.match(body, /<p>Most people who come to me/);
  });

  it('the services page gives length, price in the currency and how each one happens', async () => {
    const { body } = await getPage(t.app, '/services', new CookieJar());
    assert.match(body, /<dd>20 minutes<\/dd>[\s\S]*<dd>Free<\/dd>[\s\S]*<dd>By phone<\/dd>/);
    assert.match(body, /<dd>\$140<\/dd>[\s\S]*<dd>By video in your private portal<\/dd>/);
    assert.match(body, /<dd>\$780<\/dd>[\s\S]*<dd>By phone or video — you choose<\/dd>/);
    assert.match(body, /id="three-month-package"/);
    assert.match(body, /<strong>What is included<\/strong>/);
  });

  it('an inactive service is not shown', async () => {
    await t.deps.dbh.db.updateTable('services').set({ active: 0 }).where('slug', '=', 'coaching-session').execute();
    try {
      const { body } = await getPage(t.app, '/services', new CookieJar());
      assert.doesNotMatch(body, /Coaching session/);
      assert.match(body, /Three-month package/);
    } finally {
      await t.deps.dbh.db.updateTable('services').set({ active: 1 }).where('slug', '=', 'coaching-session').execute();
    }
  });

  it('the about page shows the profile from the settings and the page text', async () => {
    const { body } = await getPage(t.app, '/about', new CookieJar());
    assert.match(body, /<p class="profile-name">Dr\. Maya Ellison<\/p>/);
    assert.match(body, /Professional Certified Coach/);
    assert.match(body, /alt="Illustration in place of a photo/);
    assert.match(body, /<h2>How I work<\/h2>/);
  });

  it('pages marked for the header appear in it, others do not', async () => {
    const { body } = await getPage(t.app, '/', new CookieJar());
    const nav = /<nav class="main-nav" aria-label="Main">([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
    assert.match(nav, /href="\/questions">Common questions</);
    assert.match(nav, /href="\/about">About</);
    assert.doesNotMatch(nav, /\/privacy/);
    assert.equal(countMatches(nav, /href="\/about"/), 1);
  });

  it('an unknown or malformed address is a 404 page inside the layout', async () => {
    for (const path of ['/no-such-page', '/Not_A_Slug', '/home/extra']) {
      const res = await getPage(t.app, path, new CookieJar());
      assert.equal(res.status, 404, path);
      assert.match(res.body, /class="site-header"/);
      assert.match(res.body, /Page not found/);
      assert.equal(countMatches(res.body, /<h1\b/), 1);
    }
  });

  it('/home sends people to the one home address', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/home' });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/');
  });
});

forEachEngine('public site before any content', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
  });
  after(() => t.close());

  it('home and about still render from the default settings; missing pages are 404', async () => {
    const home = await getPage(t.app, '/', new CookieJar());
    assert.equal(home.status, 200);
    assert.equal(countMatches(home.body, /<h1\b/), 1);
    assert.equal((await getPage(t.app, '/about', new CookieJar())).status, 200);
    assert.equal((await getPage(t.app, '/services', new CookieJar())).status, 200);
    assert.equal((await getPage(t.app, '/privacy', new CookieJar())).status, 404);
  });
});
