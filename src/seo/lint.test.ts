import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentTitle, MAX_TITLE_LENGTH } from '../web/index.ts';
import { hasErrors, type LintInput, lintPage, placeholderIn, TITLE_RANGE } from './lint.ts';

const body = `<h1>Title</h1><p>${'word '.repeat(320)}</p><p><a href="/services">Services</a></p>`;
const good: LintInput = {
  path: '/blog/a',
  title: 'How to rest without feeling guilty',
  description:
    'Rest is part of the work, not a reward for finishing it. Practical ways to stop feeling guilty about slowing down in the evening and at weekends.',
  html: body,
  siteName: 'Rootwork Coaching',
  siteOrigin: 'https://coach.example',
  others: [{ path: '/blog/b', title: 'Another article entirely', description: 'Something else.' }],
};
const codes = (input: Partial<LintInput>) => lintPage({ ...good, ...input }).map((f) => `${f.level}:${f.code}`);

describe('SEO lint', () => {
  it('passes a good page without findings', () => {
    assert.deepEqual(lintPage(good), []);
  });

  it('refuses placeholder titles, descriptions and template tokens', () => {
    for (const title of [
      'Your SEO optimized title page contents',
      '  your seo OPTIMIZED title   page contents ',
      'Lorem ipsum dolor',
      'Untitled',
      '%%title%% %%sep%% %%sitename%%',
      '{{title}} | Blog',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder left in a title is what the lint must catch
      '${title}',
      'undefined',
    ]) {
      assert.ok(codes({ title }).includes('error:title_placeholder'), title);
    }
    assert.ok(
      codes({ description: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.' }).includes(
        'error:description_placeholder',
      ),
    );
    assert.equal(placeholderIn('Untitled thoughts on patience'), undefined, 'a real title may contain the word');
  });

  it('refuses empty fields, the bare site name, and a title or description used by another page', () => {
    assert.ok(codes({ title: '' }).includes('error:title_empty'));
    assert.ok(codes({ description: ' ' }).includes('error:description_empty'));
    assert.ok(codes({ title: 'rootwork coaching' }).includes('error:title_is_site_name'));
    assert.ok(codes({ title: 'Another  article entirely' }).includes('error:title_duplicate'));
    assert.ok(codes({ description: 'something else.' }).includes('error:description_duplicate'));
    assert.ok(
      !codes({ others: [{ path: '/blog/a', title: good.title, description: good.description }] }).some((c) =>
        c.startsWith('error'),
      ),
      'its own old copy is no duplicate',
    );
  });

  it('refuses placeholder alt text and warns about missing alt text', () => {
    assert.ok(codes({ html: `${body}<img src="/a.jpg" alt="Lorem ipsum">` }).includes('error:alt_placeholder'));
    assert.ok(codes({ html: `${body}<img src="/a.jpg" alt="IMG_2041.jpg">` }).includes('error:alt_placeholder'));
    assert.ok(codes({ html: `${body}<img src="/a.jpg">` }).includes('warning:alt_missing'));
    assert.ok(
      !codes({ html: `${body}<img src="/a.jpg" alt>` }).includes('warning:alt_missing'),
      'a bare alt marks a decorative image',
    );
    assert.ok(!hasErrors(lintPage({ ...good, html: `${body}<img src="/a.jpg" alt="A pot of tea on a windowsill">` })));
  });

  it('warns on lengths, short text, heading count and missing internal links, without blocking', () => {
    const f = codes({
      title: 'Too short',
      description: 'Short.',
      html: '<h1>a</h1><h1>b</h1><p>few words <a href="https://elsewhere.example/">x</a></p>',
    });
    for (const c of [
      'warning:title_length',
      'warning:description_length',
      'warning:body_short',
      'warning:h1_count',
      'warning:no_internal_link',
    ])
      assert.ok(f.includes(c), c);
    assert.ok(!hasErrors(lintPage({ ...good, title: 'Too short but real', description: 'Short but real.' })));
    assert.ok(
      !codes({ html: body.replace('href="/services"', 'href="https://coach.example/services"') }).includes(
        'warning:no_internal_link',
      ),
    );
  });

  it('measures the title as search results show it, practice name included, and warns past 60', () => {
    const title = 'How to rest without feeling guilty';
    assert.deepEqual(codes({ documentTitle: `${title} · Rootwork Coaching` }), []);
    const long = lintPage({ ...good, documentTitle: `${title} at the end of a long week · Rootwork Coaching` });
    assert.deepEqual(
      long.map((f) => f.code),
      ['title_length'],
    );
    assert.match(long[0]!.message, /with the practice name; search results cut titles after 60/);
    assert.ok(codes({ title: 'x'.repeat(61) }).includes('warning:title_length'), 'without a suffix the title itself');
    assert.ok(!codes({ title: 'x'.repeat(60) }).includes('warning:title_length'));
    assert.ok(codes({ title: 'Services', documentTitle: 'Services · Ann Co' }).includes('warning:title_length'));
  });

  it('judges the words of written pages only, not of listings and tools', () => {
    const short = '<h1>Articles tagged “Career”</h1><p>Two articles. <a href="/blog">All articles</a></p>';
    assert.ok(codes({ html: short }).includes('warning:body_short'));
    assert.ok(codes({ html: short, kind: 'text' }).includes('warning:body_short'));
    assert.deepEqual(codes({ html: short, kind: 'app' }), []);
    assert.ok(
      codes({ html: '<p>no heading</p>', kind: 'app' }).includes('warning:h1_count'),
      'other rules still apply',
    );
  });
});

describe('document titles', () => {
  it('adds the practice name when it fits in 60 characters and drops it otherwise', () => {
    assert.equal(
      documentTitle({ title: 'About Dr. Maya Ellison' }, 'Rootwork Coaching'),
      'About Dr. Maya Ellison · Rootwork Coaching',
    );
    const long = 'Therapy or coaching? Seven ways they differ';
    assert.equal(documentTitle({ title: long }, 'Rootwork Coaching'), long);
    assert.equal(documentTitle({ title: 'Home page title', fullTitle: true }, 'Rootwork Coaching'), 'Home page title');
    assert.equal(MAX_TITLE_LENGTH, TITLE_RANGE[1]);
    for (let n = 1; n <= 60; n++) {
      const shown = documentTitle({ title: 'x'.repeat(n) }, 'A practice with a rather long name');
      assert.ok(shown.length <= 60, `a ${n}-character title stays within 60 (${shown.length})`);
    }
  });
});
