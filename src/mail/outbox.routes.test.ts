import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { deliverDueMail, enqueueMail } from './index.ts';

const draft = {
  kind: 'test.note',
  to: 'client@example.test',
  replyTo: 'asker@example.test',
  subject: 'Your session on Friday',
  text: 'See you on Friday.\nBring <your questions> & notes.',
  html: '<p>See you on Friday.</p>',
};

forEachEngine('outbox in the back office', (engine) => {
  it('is private: refused without a session', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    for (const url of ['/admin/outbox', '/admin/outbox/some-id']) {
      const res = await getPage(ctx.app, url, new CookieJar());
      // Signed out: sent to sign in (and back here after), never shown the page.
      assert.equal(res.status, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      assert.ok(!res.body.includes('Your session on Friday'));
    }
    assert.equal((await postForm(ctx.app, '/admin/outbox/some-id/send-again', {}, new CookieJar())).statusCode, 401);
  });

  it('without MAIL_URL, mail waits as queued and the coach can read it there', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const coach = await signedInCoach(ctx);
    const id = await enqueueMail(ctx.deps.dbh.db, ctx.deps, draft);
    assert.deepEqual(await deliverDueMail(ctx.deps), { sent: 0, failed: 0 });

    const list = await getPage(ctx.app, '/admin/outbox', coach.jar);
    assert.equal(list.status, 200);
    assert.match(list.body, /Email sending is not set up yet/);
    assert.match(list.body, new RegExp(`href="/admin/outbox/${id}">Your session on Friday</a>`));
    assert.match(list.body, /client@example\.test/);
    assert.match(list.body, /Waiting to send/);

    const page = await getPage(ctx.app, `/admin/outbox/${id}`, coach.jar);
    assert.equal(page.status, 200);
    assert.match(page.body, /See you on Friday\.\nBring &lt;your questions> &amp; notes\./);
    assert.match(page.body, /asker@example\.test/);
    assert.match(page.body, new RegExp(`&lt;${id}@localhost>`), 'the Message-ID');
    assert.match(page.body, /&quot;My coaching practice&quot; &lt;no-reply@localhost>/, 'the From header');
    assert.equal((await getPage(ctx.app, '/admin/outbox/no-such-id', coach.jar)).status, 404);
  });

  it('"Send again" puts a given-up message back in the queue, once, with CSRF, and audits it', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const coach = await signedInCoach(ctx);
    const id = await enqueueMail(ctx.deps.dbh.db, ctx.deps, draft);
    await ctx.deps.dbh.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 12, last_error: 'ECONNREFUSED: connect refused' })
      .execute();
    ctx.clock.advance(3600_000);

    const list = await getPage(ctx.app, '/admin/outbox', coach.jar);
    assert.match(list.body, /Not sent \(gave up\)/);
    assert.match(list.body, /ECONNREFUSED: connect refused/);
    assert.match(list.body, new RegExp(`action="/admin/outbox/${id}/send-again"`));

    const refused = await postForm(ctx.app, `/admin/outbox/${id}/send-again`, {}, coach.jar);
    assert.equal(refused.statusCode, 403);
    assert.equal(
      (await ctx.deps.dbh.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status,
      'failed',
    );

    const res = await postForm(ctx.app, `/admin/outbox/${id}/send-again`, { _csrf: list.csrf! }, coach.jar);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/outbox?retried=1');
    const row = await ctx.deps.dbh.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'next_attempt_at'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'queued', attempts: 0, next_attempt_at: ctx.clock.now() });
    const audit = await ctx.deps.dbh.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'actor_user_id', 'detail_json'])
      .execute();
    assert.deepEqual(
      audit.map((a) => ({ ...a, detail: JSON.parse(a.detail_json) as unknown, detail_json: undefined })),
      [
        {
          action: 'outbox.retry',
          subject: id,
          actor_user_id: coach.userId,
          detail_json: undefined,
          detail: { kind: 'test.note', previousStatus: 'failed', attempts: 12 },
        },
      ],
    );

    await ctx.deps.dbh.db.updateTable('outbox').set({ status: 'sent', sent_at: ctx.clock.now() }).execute();
    const again = await postForm(ctx.app, `/admin/outbox/${id}/send-again`, { _csrf: list.csrf! }, coach.jar);
    assert.equal(again.headers.location, '/admin/outbox?busy=1', 'a sent message is not sent twice');
    assert.equal((await ctx.deps.dbh.db.selectFrom('audit_log').select('id').execute()).length, 1);
  });
});
