import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { fieldValue, titleOf } from './html-testing.ts';
import { pageBySlug } from './site.queries.ts';

forEachEngine('page editor', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    ({ jar } = await signedInCoach(t));
  });
  after(() => t.close());

  const newPage = (over: Record<string, string> = {}) => ({
    title: 'Group programmes',
    slug: 'group-programmes',
    description: 'Small groups that meet online for six weeks.',
    body: '## How it works\n\nWe meet **weekly**.',
    inNav: '1',
    navOrder: '30',
    action: 'save',
    ...over,
  });

  async function csrfFor(path: string): Promise<string> {
    const page = await getPage(t.app, path, jar);
    assert.equal(page.status, 200, path);
    assert.ok(page.csrf, `a form token on ${path}`);
    return page.csrf!;
  }

  async function auditActions(): Promise<string[]> {
    return (await t.deps.dbh.db.selectFrom('audit_log').select('action').orderBy('at').execute()).map((r) => r.action);
  }

  it('requires a signed-in coach', async () => {
    const anon = new CookieJar();
    for (const url of ['/admin/pages', '/admin/pages/new', '/admin/settings']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: anon.header() } });
      assert.notEqual(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /Group programmes|name="practiceName"/);
    }
    const about = await pageBySlug(t.deps.dbh.db, 'about');
    for (const url of [
      '/admin/pages',
      `/admin/pages/${about!.id}`,
      `/admin/pages/${about!.id}/delete`,
      '/admin/settings',
    ]) {
      const res = await postForm(t.app, url, newPage(), anon);
      assert.notEqual(res.statusCode, 200, url);
      assert.notEqual(res.statusCode, 303, url);
    }
    assert.equal(await pageBySlug(t.deps.dbh.db, 'group-programmes'), undefined);
  });

  it('lists the pages', async () => {
    const { status, body } = await getPage(t.app, '/admin/pages', jar);
    assert.equal(status, 200);
    assert.match(body, /About Maya/);
    assert.match(body, /Privacy/);
    assert.match(body, /href="\/admin\/pages\/new"/);
  });

  it('preview shows the rendered Markdown and saves nothing', async () => {
    const _csrf = await csrfFor('/admin/pages/new');
    const res = await postForm(t.app, '/admin/pages', { ...newPage({ action: 'preview', title: '' }), _csrf }, jar);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Preview \(not saved yet\)/);
    assert.match(res.body, /<h2>How it works<\/h2>/);
    assert.match(res.body, /<strong>weekly<\/strong>/);
    assert.equal(fieldValue(res.body, 'body'), newPage().body);
    assert.equal(await pageBySlug(t.deps.dbh.db, 'group-programmes'), undefined);
  });

  it('creates a page that shows on the site and in the header, with an audit entry', async () => {
    const _csrf = await csrfFor('/admin/pages/new');
    const res = await postForm(t.app, '/admin/pages', { ...newPage(), _csrf }, jar);
    assert.equal(res.statusCode, 303);
    const page = await pageBySlug(t.deps.dbh.db, 'group-programmes');
    assert.ok(page);
    assert.equal(res.headers.location, `/admin/pages/${page.id}?created=1`);
    const pub = await getPage(t.app, '/group-programmes', new CookieJar());
    assert.equal(pub.status, 200);
    assert.equal(titleOf(pub.body), 'Group programmes · Rootwork Coaching');
    assert.match(pub.body, /<strong>weekly<\/strong>/);
    assert.match(
      pub.body,
      /<nav class="main-nav"[\s\S]*href="\/group-programmes"[^>]*>Group programmes<[\s\S]*<\/nav>/,
    );
    assert.ok((await auditActions()).includes('page.create'));
  });

  for (const [name, over, field, message] of [
    ['empty title', { title: '  ' }, 'title', /Give the page a title/],
    ['bad slug', { slug: 'Group Programmes!' }, 'slug', /lowercase letters, numbers and single hyphens/],
    ['reserved slug', { slug: 'admin' }, 'slug', /used by the site itself/],
    ['slug in use', { slug: 'privacy' }, 'slug', /Another page already uses this address/],
    ['missing description', { description: '' }, 'description', /Write a short description/],
  ] as const) {
    it(`refuses a ${name} with a 400, the message and every typed value`, async () => {
      const _csrf = await csrfFor('/admin/pages/new');
      const sent = newPage({ slug: 'another-page', body: 'Typed <b>text</b> & more', ...over });
      const res = await postForm(t.app, '/admin/pages', { ...sent, _csrf }, jar);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`id="e-${field}"`));
      assert.match(res.body, /class="error-summary"/);
      assert.equal(fieldValue(res.body, 'body'), sent.body);
      assert.equal(fieldValue(res.body, 'slug'), sent.slug);
      assert.equal(fieldValue(res.body, 'description'), sent.description);
      assert.equal(await pageBySlug(t.deps.dbh.db, 'another-page'), undefined);
    });
  }

  it('without a valid form token: 403, values kept, nothing saved', async () => {
    const sent = newPage({ slug: 'csrf-page', title: 'Kept title' });
    const res = await postForm(t.app, '/admin/pages', sent, jar);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /This form expired/);
    assert.equal(fieldValue(res.body, 'title'), 'Kept title');
    assert.equal(fieldValue(res.body, 'body'), sent.body);
    assert.equal(await pageBySlug(t.deps.dbh.db, 'csrf-page'), undefined);
  });

  it('edits a built-in page: the change is live, its address stays', async () => {
    const about = (await pageBySlug(t.deps.dbh.db, 'about'))!;
    const edit = await getPage(t.app, `/admin/pages/${about.id}`, jar);
    assert.equal(edit.status, 200);
    assert.equal(fieldValue(edit.body, 'version'), String(about.updated_at));
    const res = await postForm(
      t.app,
      `/admin/pages/${about.id}`,
      {
        _csrf: edit.csrf!,
        version: String(about.updated_at),
        title: 'About me',
        slug: 'hijacked',
        description: 'Who I am.',
        body: 'I *love* this work.',
        navOrder: '1',
        action: 'save',
      },
      jar,
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/pages/${about.id}?saved=1`);
    const pub = await getPage(t.app, '/about', new CookieJar());
    assert.equal(titleOf(pub.body), 'About me · Rootwork Coaching');
    assert.match(pub.body, /I <em>love<\/em> this work\./);
    assert.equal((await pageBySlug(t.deps.dbh.db, 'about'))?.id, about.id);
    assert.equal(await pageBySlug(t.deps.dbh.db, 'hijacked'), undefined);
    assert.ok((await auditActions()).includes('page.update'));
  });

  it('preview while editing leaves the stored page as it was', async () => {
    const terms = (await pageBySlug(t.deps.dbh.db, 'terms'))!;
    const edit = await getPage(t.app, `/admin/pages/${terms.id}`, jar);
    const res = await postForm(
      t.app,
      `/admin/pages/${terms.id}`,
      {
        _csrf: edit.csrf!,
        version: String(terms.updated_at),
        title: 'New terms',
        description: 'x',
        body: 'Draft **only**',
        navOrder: '0',
        action: 'preview',
      },
      jar,
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Draft <strong>only<\/strong>/);
    assert.deepEqual(await pageBySlug(t.deps.dbh.db, 'terms'), terms);
  });

  it('refuses to overwrite a page someone saved in the meantime (409, text kept)', async () => {
    const privacy = (await pageBySlug(t.deps.dbh.db, 'privacy'))!;
    const edit = await getPage(t.app, `/admin/pages/${privacy.id}`, jar);
    const form = {
      _csrf: edit.csrf!,
      title: 'Privacy',
      description: 'd',
      body: 'My newer words',
      navOrder: '0',
      action: 'save',
    };
    const first = await postForm(
      t.app,
      `/admin/pages/${privacy.id}`,
      { ...form, version: String(privacy.updated_at), body: 'First save' },
      jar,
    );
    assert.equal(first.statusCode, 303);
    const stale = await postForm(
      t.app,
      `/admin/pages/${privacy.id}`,
      { ...form, version: String(privacy.updated_at) },
      jar,
    );
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone saved this page after you opened it/);
    assert.equal(fieldValue(stale.body, 'body'), 'My newer words');
    assert.equal((await pageBySlug(t.deps.dbh.db, 'privacy'))?.body_md, 'First save');
  });

  it('deletes a custom page after asking, but never a built-in one', async () => {
    const page = (await pageBySlug(t.deps.dbh.db, 'group-programmes'))!;
    const confirm = await getPage(t.app, `/admin/pages/${page.id}/delete`, jar);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /cannot be undone/);
    const noToken = await postForm(t.app, `/admin/pages/${page.id}/delete`, {}, jar);
    assert.equal(noToken.statusCode, 403);
    assert.ok(await pageBySlug(t.deps.dbh.db, 'group-programmes'));
    const res = await postForm(t.app, `/admin/pages/${page.id}/delete`, { _csrf: confirm.csrf! }, jar);
    assert.equal(res.statusCode, 303);
    assert.equal((await getPage(t.app, '/group-programmes', new CookieJar())).status, 404);
    assert.ok((await auditActions()).includes('page.delete'));

    const home = (await pageBySlug(t.deps.dbh.db, 'home'))!;
    assert.equal((await getPage(t.app, `/admin/pages/${home.id}/delete`, jar)).status, 400);
    const refused = await postForm(t.app, `/admin/pages/${home.id}/delete`, { _csrf: confirm.csrf! }, jar);
    assert.equal(refused.statusCode, 400);
    assert.ok(await pageBySlug(t.deps.dbh.db, 'home'));
  });
});
