import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../app.ts';
import { BookingError } from '../booking/index.ts';
import { createTestDeps } from '../testing.ts';
import { ErrorRegistry, errorTable, parseParams } from '../web/index.ts';

describe('the error registry', () => {
  it('refuses a code two modules both declare, and a code that would be a 500', () => {
    const a = errorTable({ taken: { status: 409, title: 'Taken', message: 'Taken.' } });
    assert.throws(() => new ErrorRegistry().add('one', a).add('two', a), /declared by both one and two/);
    assert.throws(() => errorTable({ broke: { status: 500, title: 'Broke', message: 'Broke.' } }), /4xx/);
  });
});

describe('no coded error becomes a 500', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  before(async () => {
    const made = await createTestDeps('sqlite');
    app = await buildApp(made.deps);
    // Routes that throw whichever registered code they are asked for, as a page and as the JSON API.
    const codeParams = z.object({ code: z.string() });
    const thrower = async (request: Parameters<typeof parseParams>[1]) => {
      throw app.errorRegistry.error(parseParams(codeParams, request).code);
    };
    app.get('/test-throw/:code', thrower);
    app.post('/test-throw/:code', thrower);
    app.get('/api/test-throw/:code', thrower);
    app.get('/test-booking-error', async () => {
      throw new BookingError('slot_taken');
    });
    await app.ready();
    close = async () => {
      await app.close();
      await made.db.destroy();
    };
  });
  after(() => close());

  it('knows the codes of every module', () => {
    const modules = new Set(app.errorRegistry.all().map((c) => c.module));
    for (const m of ['web', 'auth', 'blog', 'booking']) assert.ok(modules.has(m), `${m} registered its codes`);
  });

  it('answers every registered code with its own 4xx status, as a page and as problem details', async () => {
    const bad: string[] = [];
    for (const c of app.errorRegistry.all()) {
      assert.ok(c.status >= 400 && c.status < 500, `${c.code} is ${c.status}`);
      const page = await app.inject({ method: 'POST', url: `/test-throw/${c.code}` });
      if (page.statusCode !== c.status) bad.push(`page ${c.code}: ${page.statusCode}, expected ${c.status}`);
      if (!page.body.includes(c.title.replace(/'/g, '&#39;'))) bad.push(`page ${c.code}: no title "${c.title}"`);
      const get = await app.inject({ url: `/test-throw/${c.code}` });
      const expected = c.code === 'not_signed_in' ? 303 : c.status; // a private page sends you to sign in
      if (get.statusCode !== expected) bad.push(`GET ${c.code}: ${get.statusCode}, expected ${expected}`);
      const api = await app.inject({ url: `/api/test-throw/${c.code}` });
      if (api.statusCode !== c.status) bad.push(`api ${c.code}: ${api.statusCode}`);
      if (!/^application\/problem\+json/.test(String(api.headers['content-type'])))
        bad.push(`api ${c.code}: ${api.headers['content-type']}`);
      const p = api.json();
      if (p.code !== c.code || p.status !== c.status || p.title !== c.title || typeof p.detail !== 'string')
        bad.push(`api ${c.code}: ${api.body}`);
      const doc = await app.inject({ url: `/problems/${c.code}` });
      if (doc.statusCode !== 200) bad.push(`/problems/${c.code}: ${doc.statusCode}`);
    }
    assert.deepEqual(bad, []);
  });

  it("answers a module's own error class from its table (an uncaught BookingError was a 500)", async () => {
    const res = await app.inject({ url: '/test-booking-error' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /That time was just taken/);
  });

  it('answers an unknown address, as JSON, with problem details too', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'not_found');
    assert.equal((await app.inject({ url: '/problems/no-such-code' })).statusCode, 404);
  });
});
