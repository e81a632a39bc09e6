import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { AppError } from './errors.ts';
import { withoutNul } from './no-nul.ts';

forEachEngine('a NUL character in a request', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
  });
  after(() => t.close());

  it('is dropped from a form, so the message is still received (PostgreSQL refuses it in text)', async () => {
    const jar = new CookieJar();
    const page = await getPage(t.app, '/contact', jar);
    t.clock.advance(60_000);
    const started = /name="started" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await postForm(
      t.app,
      '/contact',
      {
        _csrf: page.csrf!,
        started,
        website: '',
        name: 'Nul\u0000 Person',
        email: 'nul@example.test',
        phone: '',
        preferred: 'email',
        message: 'Hello\u0000 there',
      },
      jar,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const row = await t.deps.dbh.db.selectFrom('contact_requests').select('name').executeTakeFirstOrThrow();
    assert.equal(row.name, 'Nul Person');
  });

  it('in an address or a query is a plain "not found", never a server error', async () => {
    const { jar } = await signedInCoach(t);
    for (const url of [
      '/admin/contact/%00',
      '/admin/bookings/a%00b',
      '/book/%00',
      '/api/v1/services/%00/slots?from=2026-12-01&to=2026-12-02&timeZone=UTC',
      '/blog/unsubscribe?s=%00&t=%00',
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: jar.header() } });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`);
    }
  });

  it('a body nested thousands deep is a 400 in plain words, never a stack overflow (issue 9, finding 5)', async () => {
    const deep = `${'['.repeat(3000)}"x"${']'.repeat(3000)}`;
    const deepObject = `${'{"a":'.repeat(3000)}"x"${'}'.repeat(3000)}`;
    for (const url of ['/api/v1/bookings', '/contact', '/sign-in', '/guide/share']) {
      for (const payload of [deep, deepObject, `{"name":${deep}}`]) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload,
        });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`);
      }
    }
  });
});

it('withoutNul strips NUL at every depth a form can have, and refuses absurd depth', () => {
  const body = { a: 'x\u0000y', list: ['p\u0000', { deeper: ['q\u0000r'] }] };
  assert.deepEqual(withoutNul(body), { a: 'xy', list: ['p', { deeper: ['qr'] }] });
  let nested: unknown = 'leaf';
  for (let i = 0; i < 100_000; i++) nested = [nested];
  assert.throws(
    () => withoutNul(nested),
    (err: unknown) => err instanceof AppError && err.status === 400,
  );
});
