import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../testing.ts';
import { fill, registeredRoutes } from './routes.ts';

/**
 * Issue 9, finding 9: every public POST and every sign-in step is rate-limited. Read from the
 * registered routes, so a new public form without a limit fails here. The back office is behind
 * sign-in (and each coach action is audited); the API's reads have their own limit.
 */
// The sign-in form itself is a plain page; its POST is limited. These pages check a token.
const signInSteps = ['/sign-in/verify', '/setup'];

describe('rate limits', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  it('every public POST and every sign-in page answers with a limit', async () => {
    const checked: string[] = [];
    for (const route of registeredRoutes(t.app)) {
      const isPublicPost = route.methods.includes('POST') && !route.path.startsWith('/admin');
      const isSignInStep = route.methods.includes('GET') && signInSteps.includes(route.path);
      for (const method of [...(isPublicPost ? ['POST'] : []), ...(isSignInStep ? ['GET'] : [])]) {
        const res = await t.app.inject({
          method: method as 'GET' | 'POST',
          url: fill(route.path, 'x'),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          ...(method === 'POST' ? { payload: 'a=1' } : {}),
        });
        assert.ok(
          res.headers['x-ratelimit-limit'],
          `${method} ${route.path} has no rate limit (status ${res.statusCode})`,
        );
        checked.push(`${method} ${route.path}`);
      }
    }
    assert.ok(checked.length >= 15, `checked only ${checked.join(', ')}`);
  });
});
