import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from '../db/index.ts';
import { forEachEngine } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { defaultSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { createTestDeps } from '../testing.ts';
import { MAX_ATTEMPTS } from './backoff.ts';
import { deliverDueMail, enqueueMail, type MailDraft, startOutboxWorker } from './index.ts';
import { addressOf, startCaptureServer, unusedPort } from './testing.ts';
import { createMailTransport } from './transport.ts';

const draft = (n: number): MailDraft => ({
  kind: 'test.note',
  to: `person${n}@example.test`,
  subject: `Note ${n}`,
  text: `Plain words number ${n}, secret-marker-${n}`,
  html: `<p>Plain words number ${n}, secret-marker-${n}</p>`,
});

/** Lets other promises run a few microtask turns first. */
async function pause(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

async function rows(deps: Deps) {
  return deps.dbh.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();
}

describe('retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, then every 2 h', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 11].map((a) => retryDelayMs(a) / 60_000);
    assert.deepEqual(minutes, [0.5, 2, 10, 30, 60, 120, 120, 120]);
  });
});

forEachEngine('outbox', (engine) => {
  it('sends a queued message once, with both parts, the practice name, our Message-ID and its outbox id', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const { deps, db, clock } = await createTestDeps(engine, { mailUrl: smtp.url, publicUrl: 'https://coach.example' });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    await writeSiteSettings(db.db, { ...defaultSiteSettings, practiceName: 'Harbour "Light" Coaching' }, clock.now());
    const id = await enqueueMail(db.db, deps, {
      ...draft(1),
      replyTo: 'asker@example.test',
      headers: { 'Auto-Submitted': 'auto-generated' },
    });

    const [stored] = await rows(deps);
    assert.equal(stored?.status, 'queued');
    assert.ok(!JSON.stringify(stored).includes('secret-marker-1'), 'bodies are sealed at rest');

    assert.deepEqual(await deliverDueMail(deps), { sent: 1, failed: 0 });
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 });
    assert.equal(smtp.messages.length, 1);
    const mail = smtp.messages[0]!;
    assert.equal(addressOf(mail.to), 'person1@example.test');
    assert.equal(addressOf(mail.replyTo), 'asker@example.test');
    assert.equal(mail.from?.value[0]?.name, 'Harbour "Light" Coaching');
    assert.equal(addressOf(mail.from), 'no-reply@coach.example');
    assert.equal(mail.messageId, `<${id}@coach.example>`);
    assert.equal(mail.headers.get('x-tandem-outbox-id'), id);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.text ?? '', /secret-marker-1/);
    assert.match(String(mail.html), /<p>Plain words number 1, secret-marker-1<\/p>/);

    const [after] = await rows(deps);
    assert.equal(after?.status, 'sent');
    assert.equal(after?.sent_at, clock.now());
    assert.equal(after?.lease_owner, null);
  });

  it('uses MAIL_FROM when set, adding the practice name when it has none', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const { deps, db } = await createTestDeps(engine, { mailUrl: smtp.url, mailFrom: 'hello@practice.example' });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    await enqueueMail(db.db, deps, draft(1));
    await deliverDueMail(deps);
    const from = smtp.messages[0]?.from?.value[0];
    assert.deepEqual(
      { name: from?.name, address: from?.address },
      { name: defaultSiteSettings.practiceName, address: 'hello@practice.example' },
    );
  });

  it('keeps mail queued through an outage and delivers each message once when the server is back', async (t) => {
    const port = await unusedPort();
    const { deps, db, clock } = await createTestDeps(engine, { mailUrl: `smtp://127.0.0.1:${port}` });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    const ids = [await enqueueMail(db.db, deps, draft(1)), await enqueueMail(db.db, deps, draft(2))];

    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 2 });
    for (const row of await rows(deps)) {
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.equal(row.next_attempt_at, clock.now() + 30_000);
      assert.ok(row.last_error && row.last_error.length <= 200, 'a short reason is kept');
      assert.ok(!row.last_error.includes('secret-marker'));
    }
    // Not due yet: nothing is tried.
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 });

    const smtp = await startCaptureServer(port);
    t.after(() => smtp.stop());
    clock.advance(30_000);
    assert.deepEqual(await deliverDueMail(deps), { sent: 2, failed: 0 });
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 });
    assert.deepEqual(smtp.messages.map((m) => m.headers.get('x-tandem-outbox-id')).sort(), [...ids].sort());
    assert.deepEqual(
      (await rows(deps)).map((r) => r.status),
      ['sent', 'sent'],
    );
  });

  it('gives up after twelve attempts, then leaves the message alone', async (t) => {
    const port = await unusedPort();
    const { deps, db, clock } = await createTestDeps(engine, { mailUrl: `smtp://127.0.0.1:${port}` });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    await enqueueMail(db.db, deps, draft(1));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 1 }, `attempt ${attempt}`);
      const [row] = await rows(deps);
      assert.equal(row?.attempts, attempt);
      if (attempt < MAX_ATTEMPTS) clock.advance(retryDelayMs(attempt));
    }
    const [row] = await rows(deps);
    assert.equal(row?.status, 'failed');
    clock.advance(24 * 3600_000);
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 });
  });

  it('takes over a message whose sender crashed once its lease has run out', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const { deps, db, clock } = await createTestDeps(engine, { mailUrl: smtp.url });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    const id = await enqueueMail(db.db, deps, draft(1));
    await db.db
      .updateTable('outbox')
      .set({ status: 'sending', lease_owner: 'crashed-instance', lease_until: clock.now() + 60_000 })
      .execute();
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 }, 'the lease still holds');
    clock.advance(60_001);
    assert.deepEqual(await deliverDueMail(deps), { sent: 1, failed: 0 });
    assert.equal(smtp.messages[0]?.headers.get('x-tandem-outbox-id'), id);
  });

  it('sends each message exactly once when two app instances deliver at the same time', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const a = await createTestDeps(engine, { mailUrl: smtp.url });
    const otherDb = a.db.openAnother();
    const b: Deps = { ...a.deps, dbh: otherDb, mail: createMailTransport(smtp.url), instanceId: 'second-instance' };
    t.after(async () => {
      a.deps.mail?.close();
      b.mail?.close();
      await otherDb.close();
      await a.db.destroy();
    });
    const total = 30;
    for (let i = 0; i < total; i++) await enqueueMail(a.db.db, a.deps, draft(i));

    // Each round starts both instances on the same due messages, in varying order and with
    // varying head starts, so their claims overlap in as many ways as the event loop allows.
    let sent = 0;
    for (let round = 0; round < 20 && sent < total; round++) {
      const start = (deps: Deps, yields: number) => pause(yields).then(() => deliverDueMail(deps, { limit: 7 }));
      const results = await Promise.all(
        round % 2 ? [start(a.deps, round * 3), start(b, 0)] : [start(b, round * 3), start(a.deps, 0)],
      );
      sent += results.reduce((n, r) => n + r.sent, 0);
    }
    assert.equal(sent, total);
    const outboxIds = smtp.messages.map((m) => m.headers.get('x-tandem-outbox-id'));
    assert.equal(outboxIds.length, total);
    assert.equal(new Set(outboxIds).size, total);
    assert.ok((await rows(a.deps)).every((r) => r.status === 'sent'));
  });

  it('without MAIL_URL sends nothing and keeps messages queued', async (t) => {
    const { deps, db } = await createTestDeps(engine);
    t.after(() => db.destroy());
    await enqueueMail(db.db, deps, draft(1));
    assert.deepEqual(await deliverDueMail(deps), { sent: 0, failed: 0 });
    const [row] = await rows(deps);
    assert.deepEqual({ status: row?.status, attempts: row?.attempts }, { status: 'queued', attempts: 0 });
  });

  it('the worker loop sends soon after a kick and stops cleanly', async (t) => {
    const smtp = await startCaptureServer();
    t.after(() => smtp.stop());
    const { deps, db } = await createTestDeps(engine, { mailUrl: smtp.url });
    t.after(async () => {
      deps.mail?.close();
      await db.destroy();
    });
    const worker = startOutboxWorker(deps, { pollMs: 60_000 });
    t.after(() => worker.stop());
    await enqueueMail(db.db, deps, draft(1));
    worker.kick();
    await smtp.waitFor(1);
    await worker.stop();
    assert.equal(smtp.messages.length, 1);
  });
});
