import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { articleForm, submitPost } from './testing.ts';

forEachEngine('blog: subscribe by email', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine, { publicUrl: 'https://coach.example' });
    await seedDemoContent(t.deps);
  });
  after(() => t.close());

  const outbox = (kind: string) => t.deps.dbh.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();
  const status = async (email: string) =>
    (await t.deps.dbh.db.selectFrom('blog_subscribers').select('status').where('email', '=', email).executeTakeFirst())
      ?.status;
  const linkIn = (sealed: string, path: string) => {
    const m = new RegExp(`https://coach\\.example(${path}\\?s=[^\\s"&]+&(?:amp;)?t=[A-Za-z0-9_-]+)`).exec(
      t.deps.sealer.open(sealed),
    );
    assert.ok(m, `a ${path} link in the email`);
    return m[1]!.replace('&amp;', '&');
  };

  it('double opt-in: the address is active only after the confirm button is pressed', async () => {
    const jar = new CookieJar();
    const form = await getPage(t.app, '/blog/subscribe', jar);
    const bad = await postForm(t.app, '/blog/subscribe', { _csrf: form.csrf!, email: 'not an address' }, jar);
    assert.equal(bad.statusCode, 400);
    const res = await postForm(t.app, '/blog/subscribe', { _csrf: form.csrf!, email: 'Reader@Example.com' }, jar);
    assert.equal(res.statusCode, 303);
    assert.equal(await status('reader@example.com'), 'pending');
    const [mail] = await outbox('blog.confirm_subscription');
    assert.equal(mail!.to_address, 'reader@example.com');
    const confirm = linkIn(mail!.text_sealed, '/blog/subscribe/confirm');
    // Opening the link (a mail scanner does) changes nothing.
    const page = await getPage(t.app, confirm, jar);
    assert.equal(page.status, 200);
    assert.equal(await status('reader@example.com'), 'pending');
    const q = new URL(confirm, 'https://x').searchParams;
    assert.equal(
      (
        await postForm(
          t.app,
          '/blog/subscribe/confirm',
          { _csrf: page.csrf!, s: q.get('s')!, t: q.get('t')! + 'x' },
          jar,
        )
      ).statusCode,
      400,
    );
    assert.equal(
      (await postForm(t.app, '/blog/subscribe/confirm', { _csrf: page.csrf!, s: q.get('s')!, t: q.get('t')! }, jar))
        .statusCode,
      200,
    );
    assert.equal(await status('reader@example.com'), 'active');
  });

  it('a new article goes out through the outbox with one-click unsubscribe headers that work', async () => {
    const { jar } = await signedInCoach(t);
    assert.match((await getPage(t.app, '/admin/posts', jar)).body, /One reader receives new articles by email/);
    const res = await submitPost(t, jar, articleForm({ slug: 'news-for-subscribers', action: 'publish' }));
    assert.equal(res.statusCode, 303);
    const sent = await outbox('blog.new_post');
    assert.equal(sent.length, 1);
    const headers = JSON.parse(sent[0]!.headers_json) as Record<string, string>;
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    const url = /^<(https:\/\/coach\.example\/blog\/unsubscribe\?[^>]+)>$/.exec(headers['List-Unsubscribe']!)?.[1];
    assert.ok(url, headers['List-Unsubscribe']);
    // Saving the published article again does not mail anyone twice.
    const again = await submitPost(
      t,
      jar,
      articleForm({ slug: 'news-for-subscribers', action: 'save' }),
      /\/admin\/posts\/([^?]+)/.exec(String(res.headers.location))![1],
    );
    assert.equal(again.statusCode, 303);
    assert.equal((await outbox('blog.new_post')).length, 1);
    // The mail provider's one-click POST: no cookie, no form token.
    const path = url.replace('https://coach.example', '');
    const one = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(one.statusCode, 200);
    assert.equal(await status('reader@example.com'), 'unsubscribed');
    assert.equal(
      (await t.app.inject({ method: 'POST', url: path.replace(/t=[^&]+/, 't=forged'), payload: '' })).statusCode,
      400,
    );
  });
});
