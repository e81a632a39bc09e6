import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { sendContactForm } from './testing.ts';

const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>';

forEachEngine('contact requests in the back office', (engine) => {
  it('are private: refused without a session', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    for (const url of ['/admin/contact', '/admin/contact/some-id']) {
      const res = await getPage(ctx.app, url, new CookieJar());
      // Signed out: sent to sign in (and back here after), never shown the page.
      assert.equal(res.status, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      assert.ok(!res.body.includes('Contact requests'), url);
    }
    const post = await postForm(ctx.app, '/admin/contact/some-id/unread', {}, new CookieJar());
    assert.equal(post.statusCode, 401);
  });

  it('show what a visitor typed as text, mark it read, and can mark it unread again (audited)', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const coach = await signedInCoach(ctx);
    const res = await sendContactForm(ctx, {
      name: `Eve ${attack}`,
      email: 'eve@example.test',
      phone: '',
      message: `Hi!\n\n${attack}\nsecond line`,
    });
    assert.equal(res.statusCode, 303);
    const row = await ctx.deps.dbh.db
      .selectFrom('contact_requests')
      .select(['id', 'read_at'])
      .executeTakeFirstOrThrow();
    assert.equal(row.read_at, null);

    const list = await getPage(ctx.app, '/admin/contact', coach.jar);
    assert.equal(list.status, 200);
    assert.match(list.body, /Unread/);
    assert.match(list.body, /eve@example\.test/);
    // The back office's one way to write an instant (issue 8: it had two).
    assert.match(list.body, /<td>27 Nov 2026, \d{2}:\d{2}<\/td>/);

    const page = await getPage(ctx.app, `/admin/contact/${row.id}`, coach.jar);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes('<script>alert(1)'), 'no raw script');
    assert.ok(!page.body.includes('<img src=x'), 'no raw image tag');
    assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>'), 'shown as text');
    assert.match(page.body, /second line/);
    assert.match(page.body, /href="mailto:eve@example\.test\?subject=/);
    const read = await ctx.deps.dbh.db.selectFrom('contact_requests').select('read_at').executeTakeFirstOrThrow();
    assert.equal(read.read_at, ctx.clock.now());

    // The coach's email carries the same text, escaped in its HTML part.
    const mail = await ctx.deps.dbh.db
      .selectFrom('outbox')
      .select('html_sealed')
      .where('kind', '=', 'contact.to_coach')
      .executeTakeFirstOrThrow();
    const html = ctx.deps.sealer.open(mail.html_sealed);
    assert.ok(!html.includes('<script>') && html.includes('&lt;script>alert(1)'), 'escaped in the email too');

    const noToken = await postForm(ctx.app, `/admin/contact/${row.id}/unread`, {}, coach.jar);
    assert.equal(noToken.statusCode, 403);
    const unread = await postForm(ctx.app, `/admin/contact/${row.id}/unread`, { _csrf: page.csrf! }, coach.jar);
    assert.equal(unread.statusCode, 303);
    const after = await ctx.deps.dbh.db.selectFrom('contact_requests').select('read_at').executeTakeFirstOrThrow();
    assert.equal(after.read_at, null);
    const audit = await ctx.deps.dbh.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'actor_user_id', 'detail_json'])
      .execute();
    assert.deepEqual(audit, [
      { action: 'contact.mark_unread', subject: row.id, actor_user_id: coach.userId, detail_json: '{}' },
    ]);
  });

  it('an unknown request is a 404 page', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const coach = await signedInCoach(ctx);
    assert.equal((await getPage(ctx.app, '/admin/contact/no-such-id', coach.jar)).status, 404);
  });
});
