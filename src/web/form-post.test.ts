import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { CodedError, ErrorRegistry, errorTable } from './errors.ts';
import { type FormPost, handleForm } from './form-post.ts';

const shopErrors = errorTable({
  sold_out: { status: 409, title: 'Sold out', message: 'That one is sold out.' },
  closed: { status: 423, title: 'Closed', message: 'The shop is closed.' },
});
const schema = z.object({ name: z.string().trim().min(1, 'Enter a name.') });
type Form = FormPost<typeof schema>;

/** A bare app with what the form helper needs: a CSRF verdict, the registry, an error handler. */
async function shop(
  run: (name: string, reply: FastifyReply) => ReturnType<Form['run']>,
  before?: (values: Record<string, string>, reply: FastifyReply) => ReturnType<NonNullable<Form['before']>>,
) {
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'warn', stream: sink } });
  await app.register(formbody);
  app.decorate('errorRegistry', new ErrorRegistry().add('shop', shopErrors));
  app.decorateRequest('csrfOk', true);
  app.addHook('preHandler', async (request) => {
    request.csrfOk = (request.body as Record<string, string>)._csrf === 'ok';
  });
  app.setErrorHandler((err: Error, _request, reply) =>
    reply.code(err instanceof CodedError ? err.status : 500).send(`error page: ${err.message}`),
  );
  let runs = 0;
  app.post('/buy', async (request, reply) =>
    handleForm(request, reply, {
      schema,
      expired: 'This form had expired.',
      render: (state, status) => reply.code(status).send({ state }),
      ...(before ? { before: (values: Record<string, string>) => before(values, reply) } : {}),
      run: ({ name }) => {
        runs++;
        return run(name, reply);
      },
      refusals: { sold_out: { field: 'name', message: 'Choose another.' } },
    }),
  );
  await app.ready();
  const post = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/buy',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'ok', ...fields }).toString(),
    });
  return { post, logged, runs: () => runs };
}

describe('handleForm, the one way to handle a form post', () => {
  it('shows an expired form again with what was typed (403) and runs nothing', async () => {
    const s = await shop(() => '/done');
    const res = await s.post({ _csrf: 'stale', name: 'Ada' });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json().state, { values: { name: 'Ada' }, errors: { _form: 'This form had expired.' } });
    assert.equal(s.runs(), 0);
  });

  it('shows the schema’s messages (400); a good form runs the use case and goes on (303)', async () => {
    const s = await shop(() => '/done');
    const bad = await s.post({ name: ' ' });
    assert.deepEqual([bad.statusCode, bad.json().state.errors, s.runs()], [400, { name: 'Enter a name.' }, 0]);
    const good = await s.post({ name: 'Ada' });
    assert.deepEqual([good.statusCode, good.headers.location, s.runs()], [303, '/done', 1]);
  });

  it('shows a refusal the form knows beside its field; any other code shows its error page', async () => {
    const s = await shop((name) => ({ ok: false, reason: name === 'late' ? 'closed' : 'sold_out' }));
    const sold = await s.post({ name: 'Ada' });
    assert.deepEqual([sold.statusCode, sold.json().state.errors], [409, { name: 'Choose another.' }]);
    const closed = await s.post({ name: 'late' });
    assert.deepEqual([closed.statusCode, closed.body], [423, 'error page: The shop is closed.']);
  });

  it('treats a coded error the use case throws the same way', async () => {
    const s = await shop(() => {
      throw new CodedError(shopErrors, 'sold_out');
    });
    const res = await s.post({ name: 'Ada' });
    assert.deepEqual([res.statusCode, res.json().state.errors], [409, { name: 'Choose another.' }]);
  });

  it('lets a step send its own page, and then does nothing more', async () => {
    const preview = await shop(
      () => '/saved',
      (values, reply) => (values.name === 'peek' ? reply.code(200).send({ preview: true }) : undefined),
    );
    const peek = await preview.post({ name: 'peek' });
    assert.deepEqual([peek.statusCode, peek.json(), preview.runs()], [200, { preview: true }, 0]);
    const own = await shop(async (_name, reply) => reply.code(202).send({ own: true }));
    const res = await own.post({ name: 'Ada' });
    assert.deepEqual([res.statusCode, res.json()], [202, { own: true }]);
    assert.deepEqual([...preview.logged, ...own.logged], [], 'no "reply already sent" or other warnings');
  });
});
