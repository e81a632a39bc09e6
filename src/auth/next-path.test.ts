import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeDevice } from './device.ts';
import { safeNextPath } from './next-path.ts';

it('accepts same-site paths with their query', () => {
  assert.equal(safeNextPath('/admin'), '/admin');
  assert.equal(safeNextPath('/admin/audit?before=1.x'), '/admin/audit?before=1.x');
  assert.equal(safeNextPath('/admin/../admin/pages'), '/admin/pages');
});

it('refuses anything that could leave the site or loop', () => {
  for (const bad of [
    undefined,
    '',
    'admin',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/admin\\..\\x',
    'javascript:alert(1)',
    '/\tevil',
    '/sign-in',
    '/sign-in/verify?token=x',
    '/sign-out',
    '/' + 'a'.repeat(600),
    // Dot segments and encoded slashes that normalise into another host (issue 9, finding 4).
    '/.//evil.example',
    '/./\\evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
  ]) {
    assert.equal(safeNextPath(bad), null, String(bad));
  }
});

it('names devices in plain words', () => {
  assert.equal(
    describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    'Firefox on Windows',
  );
  assert.equal(
    describeDevice(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ),
    'Safari on an iPhone',
  );
  assert.equal(
    describeDevice(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    ),
    'Edge on a Mac',
  );
  assert.equal(
    describeDevice(
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
    ),
    'Chrome on Android',
  );
  assert.equal(describeDevice(''), 'An unknown browser');
});

it('keeps encoded slashes and backslashes as text in a path on this site', () => {
  for (const raw of ['/.%2F/evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/%5C%5Cevil.example']) {
    const out = safeNextPath(raw);
    if (out !== null) assert.equal(new URL(out, 'https://tandem.example').host, 'tandem.example', raw);
  }
});

it('never returns a path a browser would read as another host, whatever the input (property)', async () => {
  const fc = (await import('fast-check')).default;
  const piece = fc.constantFrom(
    '/',
    '.',
    '..',
    '//',
    '\\',
    '%2F',
    '%2f',
    '%5C',
    '%2e',
    'evil.example',
    'admin',
    '?',
    '#',
    '@',
    ':',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const out = safeNextPath(`/${parts.join('')}`);
      if (out === null) return true;
      const resolved = new URL(out, 'https://tandem.example');
      return resolved.host === 'tandem.example' && out.startsWith('/') && !out.startsWith('//');
    }),
    { numRuns: 2000 },
  );
});
