import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders the usual Markdown', () => {
    const html = renderMarkdown(
      '## Hello\n\nSome *soft* and **strong** words.\n\n- one\n- two\n\n> a quote\n\n---\n\n`code`',
    );
    assert.match(html, /<h2>Hello<\/h2>/);
    assert.match(html, /<em>soft<\/em>/);
    assert.match(html, /<strong>strong<\/strong>/);
    assert.match(html, /<ul>\s*<li>one<\/li>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<hr \/>|<hr>/);
    assert.match(html, /<code>code<\/code>/);
  });

  it('keeps one h1 per page by moving body headings down a level', () => {
    const html = renderMarkdown('# Big\n\ntext');
    assert.doesNotMatch(html, /<h1/);
    assert.match(html, /<h2>Big<\/h2>/);
  });

  it('renders tables without inline styles', () => {
    const html = renderMarkdown('| a | b |\n|--:|---|\n| 1 | 2 |');
    assert.match(html, /<table>/);
    assert.match(html, /<td>1<\/td>/);
    assert.doesNotMatch(html, /style=/);
  });

  it('strips script and style elements with their contents', () => {
    const html = renderMarkdown(
      'Hi\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n<iframe src="https://evil.example"></iframe>',
    );
    assert.doesNotMatch(html, /<script|alert\(1\)|<style|display:none|<iframe/i);
    assert.match(html, /Hi/);
  });

  it('strips event handler attributes', () => {
    const html = renderMarkdown(
      '<img src="/static/a.png" onerror="alert(1)" alt="a">\n\n<p onclick="alert(2)">x</p>\n\n<svg onload="alert(3)"></svg>',
    );
    assert.doesNotMatch(html, /onerror|onclick|onload|alert/i);
    assert.match(html, /<img src="\/static\/a.png" alt="a" \/>|<img src="\/static\/a.png" alt="a">/);
  });

  it('refuses javascript: and data: links, however they are written', () => {
    for (const src of [
      '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">click</a>',
      '<a href="JaVaScRiPt:alert(1)">click</a>',
      '<a href="java&#x09;script:alert(1)">click</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    ]) {
      const html = renderMarkdown(src);
      // A refused link may stay as text or as an <a> with no address; it must never point anywhere.
      assert.doesNotMatch(html, /href=/i, src);
    }
  });

  it('keeps http, https, mailto, tel and relative links; external ones get rel="noopener"', () => {
    const html = renderMarkdown(
      '[a](https://example.org/x) [b](mailto:hi@example.org) [c](tel:+15551234567) [d](/about) [e](https://coach.example/services)',
      { siteOrigin: 'https://coach.example' },
    );
    assert.match(html, /<a href="https:\/\/example.org\/x" rel="noopener">a<\/a>/);
    assert.match(html, /<a href="mailto:hi@example.org">b<\/a>/);
    assert.match(html, /<a href="tel:\+15551234567">c<\/a>/);
    assert.match(html, /<a href="\/about">d<\/a>/);
    assert.match(html, /<a href="https:\/\/coach.example\/services">e<\/a>/);
  });

  it('does not let a writer choose rel or target', () => {
    const html = renderMarkdown('<a href="/x" rel="opener" target="_blank">x</a>');
    assert.equal(html.trim(), '<p><a href="/x">x</a></p>');
  });

  it('only shows images from this site', () => {
    const html = renderMarkdown(
      '![far](https://tracker.example/pixel.gif) ![proto](//tracker.example/p.gif) ![near](/static/coach.svg)',
    );
    assert.doesNotMatch(html, /tracker/);
    assert.match(html, /<img src="\/static\/coach.svg" alt="near"/);
  });

  it('renders footnotes with working links, and lets no other id or class through', () => {
    const html = renderMarkdown(
      'A claim.[^1]\n\n<li id="main" class="x">x</li><a id="skip" class="button" href="/a">a</a>\n\n[^1]: The source.',
    );
    assert.match(html, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
    assert.match(
      html,
      /<li id="fn1" class="footnote-item"><p>The source\. <a href="#fnref1" class="footnote-backref">/,
    );
    assert.doesNotMatch(html, /id="main"|id="skip"|class="x"|class="button"/);
  });
});
