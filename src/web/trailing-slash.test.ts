import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestContext } from '../testing.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp('sqlite');
});
after(() => t.close());

it('a trailing-slash redirect always stays on this site (issue 9: every redirect is a path here)', async () => {
  for (const url of [
    '//evil.example/',
    '///evil.example//',
    '/.//evil.example/',
    '/%2Fevil.example/',
    '/%5Cevil.example/',
  ]) {
    const res = await t.app.inject({ url });
    const location = res.headers.location;
    if (location === undefined) continue;
    assert.ok(typeof location === 'string' && /^\/(?![/\\])/.test(location), `${url} → ${location}`);
    assert.equal(new URL(location, 'https://tandem.example').host, 'tandem.example', `${url} → ${location}`);
  }
  assert.equal((await t.app.inject({ url: '/blog/' })).headers.location, '/blog');
});
