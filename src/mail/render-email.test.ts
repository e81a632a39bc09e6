import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderEmail } from './index.ts';

describe('renderEmail', () => {
  const content = {
    practiceName: 'Tide & Timber <Coaching>',
    heading: 'Your session is booked',
    paragraphs: ['See you on <Friday> & bring questions.', 'Second paragraph.'],
    facts: [{ label: 'When', value: 'Friday 10:00' }],
    quote: { label: 'You wrote', text: 'line one\n<script>alert(1)</script>' },
    button: { label: 'Open your booking', url: 'https://coach.example/booking?id=1&x=2' },
    footer: 'Sent because you booked.',
  };

  it('says the same in both parts, escaped in the HTML', () => {
    const { text, html } = renderEmail(content);
    for (const s of [
      'Your session is booked',
      'Second paragraph.',
      'When: Friday 10:00',
      'https://coach.example/booking?id=1&x=2',
      'Sent because you booked.',
    ]) {
      assert.ok(text.includes(s), `text has ${s}`);
    }
    assert.ok(text.includes('See you on <Friday> & bring questions.'), 'text is left as written');
    assert.ok(text.includes('line one\n<script>alert(1)</script>'));
    assert.ok(text.includes('Tide & Timber <Coaching>'));
    assert.ok(html.startsWith('<!doctype html><html lang="en">'));
    assert.ok(html.includes('See you on &lt;Friday> &amp; bring questions.'));
    assert.ok(html.includes('Tide &amp; Timber &lt;Coaching>'));
    assert.ok(!html.includes('<script>'), 'no markup from content');
    assert.ok(html.includes('href="https://coach.example/booking?id=1&amp;x=2"'), 'the link as written, not rewritten');
  });

  it('loads nothing remote and tracks nothing', () => {
    const { html } = renderEmail(content);
    assert.ok(!/<img|<link|<script|url\(|@import/i.test(html));
    assert.deepEqual(
      [...html.matchAll(/https?:\/\/[^"\s<]+/g)].map((m) => m[0]),
      ['https://coach.example/booking?id=1&amp;x=2'],
    );
  });

  it('refuses a button link that is not an absolute web address', () => {
    assert.throws(() => renderEmail({ ...content, button: { label: 'x', url: 'javascript:alert(1)' } }));
    assert.throws(() => renderEmail({ ...content, button: { label: 'x', url: '/relative' } }));
  });

  it('works with only a heading and paragraphs', () => {
    const { text, html } = renderEmail({ practiceName: 'P', heading: 'H', paragraphs: ['One.'] });
    assert.equal(text, 'H\n\nOne.\n\n-- \nP\n');
    assert.match(html, /<h1[^>]*>H<\/h1>/);
  });
});
