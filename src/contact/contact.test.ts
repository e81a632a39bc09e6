import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { forEachEngine } from '../db/testing.ts';
import { deliverDueMail } from '../mail/index.ts';
import { addressOf, startCaptureServer } from '../mail/testing.ts';
import { defaultSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { CookieJar, createTestApp, createTestDeps, getPage, signedInCoach } from '../testing.ts';
import { sendContactForm } from './testing.ts';

const visitor = {
  name: 'Rosa Delgado',
  email: 'rosa@example.test',
  phone: '+1 555 010 2233',
  preferred: 'phone',
  message: 'I keep putting off a career change.\nCould coaching help me decide? unique-words-7f3a9c',
};

forEachEngine('contact form', (engine) => {
  it('reaches the coach with Reply-To set, acknowledges the visitor, and stores everything sealed', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const ctx = await createTestApp(engine, { mailUrl: smtp.url, publicUrl: 'https://coach.example' });
    t.after(() => ctx.close());
    await writeSiteSettings(
      ctx.deps.dbh.db,
      {
        ...defaultSiteSettings,
        practiceName: 'Northern Lights Coaching',
        coachName: 'Mara',
        contactEmail: 'inbox@coach.example',
      },
      ctx.clock.now(),
    );

    const res = await sendContactForm(ctx, visitor);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/contact/sent');
    const thanks = await getPage(ctx.app, '/contact/sent', new CookieJar());
    assert.equal(thanks.status, 200);
    assert.match(thanks.body, /<h1>Thank you/);

    // Sealed at rest: the message is in no row and not in the SQLite file.
    const dump = JSON.stringify([
      await ctx.deps.dbh.db.selectFrom('contact_requests').selectAll().execute(),
      await ctx.deps.dbh.db.selectFrom('outbox').selectAll().execute(),
    ]);
    assert.ok(dump.includes('rosa@example.test'), 'the rows are really there');
    assert.ok(!dump.includes('unique-words-7f3a9c'));
    if (ctx.deps.dbh.file) {
      const bytes = Buffer.concat(
        [ctx.deps.dbh.file, `${ctx.deps.dbh.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
      );
      assert.ok(bytes.includes('rosa@example.test'), 'the files hold the rows');
      assert.ok(!bytes.includes('unique-words-7f3a9c'), 'but no message text');
    }

    assert.deepEqual(await deliverDueMail(ctx.deps), { sent: 2, failed: 0 });
    await smtp.waitFor(2);
    const toCoach = smtp.messages.find((m) => addressOf(m.to) === 'inbox@coach.example');
    const toVisitor = smtp.messages.find((m) => addressOf(m.to) === 'rosa@example.test');
    assert.ok(toCoach && toVisitor, 'one mail to the coach, one to the visitor');

    assert.equal(addressOf(toCoach.replyTo), 'rosa@example.test');
    assert.equal(toCoach.from?.value[0]?.name, 'Northern Lights Coaching');
    for (const part of [toCoach.text ?? '', String(toCoach.html)]) {
      assert.match(part, /Rosa Delgado/);
      assert.match(part, /rosa@example\.test/);
      assert.match(part, /\+1 555 010 2233/);
      assert.match(part, /Phone/);
      assert.match(part, /unique-words-7f3a9c/);
      assert.match(part, /Northern Lights Coaching/);
    }

    assert.equal(toVisitor.from?.value[0]?.name, 'Northern Lights Coaching');
    assert.ok(toVisitor.text && toVisitor.html, 'both parts');
    assert.match(toVisitor.text, /two working days/);
    assert.match(toVisitor.text, /https:\/\/coach\.example\/help/);
    assert.ok(
      !toVisitor.text.includes('unique-words-7f3a9c') && !String(toVisitor.html).includes('unique-words-7f3a9c'),
      'the message is not echoed',
    );
    assert.ok(!/<img|src=/i.test(String(toVisitor.html) + String(toCoach.html)), 'no images or remote resources');
  });

  it("writes to the owner's address when the practice has no contact email", async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    await signedInCoach(ctx, 'owner@coach.example');
    assert.equal((await sendContactForm(ctx, visitor)).statusCode, 303);
    const recipients = await ctx.deps.dbh.db
      .selectFrom('outbox')
      .select(['to_address', 'reply_to', 'kind', 'status'])
      .orderBy('kind')
      .execute();
    assert.deepEqual(recipients, [
      { to_address: 'rosa@example.test', reply_to: null, kind: 'contact.acknowledgement', status: 'queued' },
      { to_address: 'owner@coach.example', reply_to: 'rosa@example.test', kind: 'contact.to_coach', status: 'queued' },
    ]);
  });
});

forEachEngine('contact form logs', (engine) => {
  it('never contain what a visitor typed, whatever happens to the post', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const made = await createTestDeps(engine, { mailUrl: smtp.url });
    const deps = { ...made.deps, log: pino({ level: 'trace' }, sink) };
    const app = await buildApp(deps);
    t.after(async () => {
      await app.close();
      deps.mail?.close();
      await made.db.destroy();
    });
    const ctx = { app, clock: made.clock };
    await signedInCoach({ deps }, 'owner@coach.example');
    const typed = {
      name: 'Quill Marker-Name',
      email: 'quill-marker@example.test',
      phone: '+1 555 010 9999',
      message: 'body-marker-51d2 what I wrote',
    };

    assert.equal((await sendContactForm(ctx, typed)).statusCode, 303);
    assert.equal((await sendContactForm(ctx, { ...typed, email: 'bad' })).statusCode, 400);
    assert.equal((await sendContactForm(ctx, { ...typed, website: 'spam' })).statusCode, 303);
    assert.equal((await sendContactForm(ctx, { ...typed, _csrf: 'forged' })).statusCode, 403);
    assert.deepEqual(await deliverDueMail(deps), { sent: 2, failed: 0 });
    assert.equal((await app.inject({ url: '/contact?t=query-marker-77' })).statusCode, 200);

    const log = lines.join('');
    assert.match(log, /"path":"\/contact"/, 'requests were logged');
    assert.ok(!log.includes('query-marker-77'), 'query strings are never logged');
    assert.ok(!log.includes('incoming request'), 'one line per request, when it is answered');
    const requestLines = lines
      .join('')
      .split('\n')
      .filter((l) => l.includes('"msg":"request"'));
    assert.ok(
      requestLines.every((l) => /"status":\d{3}/.test(l) && /"ms":/.test(l)),
      'each line has the status and time',
    );
    assert.match(log, /mail sent/, 'deliveries were logged');
    for (const secret of ['body-marker-51d2', 'Quill', 'quill-marker', '555 010 9999'])
      assert.ok(!log.includes(secret), `the logs do not contain ${secret}`);
  });
});
