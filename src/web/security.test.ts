import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';

forEachEngine('security headers', (engine) => {
  let http: TestContext;
  let https: TestContext;
  before(async () => {
    http = await createTestApp(engine);
    https = await createTestApp(engine, { publicUrl: 'https://coach.example', secureCookies: true });
  });
  after(async () => {
    await http.close();
    await https.close();
  });

  it('sends a strict CSP and the other protective headers on pages, errors and assets', async () => {
    for (const url of ['/', '/contact', '/no-such-page', '/healthz']) {
      const res = await http.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or foreign script`);
      assert.match(csp, /style-src 'self'(;|$)/, `${url}: no inline style`);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
      assert.match(String(res.headers['permissions-policy']), /camera=\(\), microphone=\(\)/, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
    }
  });

  it('sends HSTS only when the public URL is https', async () => {
    assert.equal((await http.app.inject({ url: '/' })).headers['strict-transport-security'], undefined);
    assert.match(
      String((await https.app.inject({ url: '/' })).headers['strict-transport-security']),
      /max-age=31536000/,
    );
  });

  it('sets the CSRF cookie HttpOnly and SameSite=Lax, and Secure on https', async () => {
    const plain = await http.app.inject({ url: '/contact' });
    const c1 = [plain.headers['set-cookie']].flat().join('\n');
    assert.match(c1, /tandem_csrf=.*HttpOnly/i);
    assert.match(c1, /SameSite=Lax/i);
    assert.doesNotMatch(c1, /Secure/i);
    const secure = await https.app.inject({ url: '/contact' });
    assert.match([secure.headers['set-cookie']].flat().join('\n'), /tandem_csrf=.*Secure/i);
  });

  it('a form token from one browser does not work with another browser’s cookie', async () => {
    const a = new CookieJar();
    const b = new CookieJar();
    const tokenA = (await getPage(http.app, '/contact', a)).csrf!;
    await getPage(http.app, '/contact', b);
    const res = await http.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: b.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: tokenA, email: 'x@example.com' }).toString(),
    });
    assert.equal(res.statusCode, 403);
  });

  it('serves the stylesheet under a hashed name with a year-long immutable cache', async () => {
    const page = await http.app.inject({ url: '/' });
    const href = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    assert.ok(href, 'the page links a hashed stylesheet');
    const css = await http.app.inject({ url: href });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['cache-control']), /max-age=31536000, immutable/);
    assert.equal((await http.app.inject({ url: '/assets/theme.zzzzzz.000000.css' })).statusCode, 404);
  });
});
