import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedCoach, seedService } from '../booking/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';

/**
 * Issue 9, finding 6: an SQLite database that can be read but not written (a read-only file or
 * mount, a full disk). /readyz used to say "ready" and every write became a generic 500.
 * `query_only` makes this connection refuse writes the way a read-only file does (root ignores
 * file permissions, so chmod cannot stand in here).
 */
describe('SQLite that cannot write', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  let booking: Record<string, string>;
  before(async () => {
    await seedCoach(t.deps.dbh.db, t.clock.now());
    const serviceId = await seedService(t.deps.dbh.db, t.clock.now());
    booking = {
      serviceId,
      start: '2026-11-30T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
      name: 'Read Only',
      email: 'read.only@example.test',
      phone: '+49 30 555 0100',
    };
  });

  it('/readyz turns 503, a write is a 503 in plain words, and both recover when it is writable', async () => {
    const sqlite = t.deps.dbh.sqlite!;
    assert.equal((await t.app.inject({ url: '/readyz' })).statusCode, 200);
    const jar = new CookieJar();
    const form = await getPage(t.app, '/contact', jar);
    const started = /name="started" value="([^"]+)"/.exec(form.body)![1]!;
    t.clock.advance(60_000);
    sqlite.pragma('query_only = ON');
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().status, 'database not writable');
      // A booking through the API cannot be stored, and the caller is told why, in plain words.
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { 'content-type': 'application/json' },
        payload: booking,
      });
      assert.equal(res.statusCode, 503, res.body);
      assert.equal(res.json().code, 'temporarily_unavailable');
      assert.match(res.json().detail, /try again/);
      // A form on a page: a 503 page that says so, not the generic "something went wrong".
      const page = await postForm(
        t.app,
        '/contact',
        {
          _csrf: form.csrf!,
          started,
          website: '',
          name: 'Read Only',
          email: 'read.only@example.test',
          phone: '',
          preferred: 'email',
          message: 'Can you hear me?',
        },
        jar,
      );
      assert.equal(page.statusCode, 503, page.body.slice(0, 300));
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.body, /nothing was changed/);
    } finally {
      sqlite.pragma('query_only = OFF');
    }
    assert.equal((await t.app.inject({ url: '/readyz' })).statusCode, 200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'content-type': 'application/json' },
      payload: booking,
    });
    assert.equal(again.statusCode, 201, again.body);
  });
});
