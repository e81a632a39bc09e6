import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { bookSession, insertRecordedSessions } from '../booking/index.ts';
import { seedCoach, seedService } from '../booking/testing.ts';
import { seedClient } from '../clients/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';

const H = 3_600_000;

forEachEngine('the dashboard starts the day', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    ({ jar } = await signedInCoach(t));
  });
  after(() => t.close());

  it("lists today's sessions with a way in, the next ones, and the requests waiting for approval", async () => {
    const db = t.deps.dbh.db;
    const now = t.clock.now(); // Friday 27 November 2026, 09:00 UTC = 10:00 in Berlin
    await seedCoach(db, now);
    const video = await seedService(db, now, { modality: 'video' });
    const phone = await seedService(db, now, { modality: 'phone' });
    const approval = await seedService(db, now, { modality: 'video', rules: { approval_required: 1 } });
    const ana = await seedClient(t.deps, { name: 'Ana Today', email: 'ana@example.test' });
    const ben = await seedClient(t.deps, { name: 'Ben Phone', email: 'ben@example.test' });
    const cleo = await seedClient(t.deps, { name: 'Cleo Later', email: 'cleo@example.test' });
    const session = (
      clientId: string,
      c: { name: string; email: string; phone?: string | null },
      serviceId: string,
      start: number,
      modality: 'video' | 'phone',
    ) => ({
      serviceId,
      clientId,
      clientName: c.name,
      clientEmail: c.email,
      clientPhone: c.phone ?? null,
      timeZone: 'Europe/Berlin',
      start,
      durationMinutes: 50,
      modality,
      status: 'confirmed' as const,
    });
    await insertRecordedSessions(
      db,
      [
        session(ana.id, ana, video, now + 2 * H, 'video'),
        session(ben.id, { ...ben, phone: '+49 30 1234567' }, phone, now + 4 * H, 'phone'),
        session(cleo.id, cleo, video, now + 74 * H, 'video'),
      ],
      now,
    );
    const pending = await bookSession(t.deps, {
      serviceId: approval,
      start: Date.UTC(2026, 10, 30, 10, 0),
      timeZone: 'Europe/Berlin',
      name: 'Dana Request',
      email: 'dana@example.test',
      phone: null,
      note: null,
      modality: null,
      requestId: 'dashboard-pending',
      createdBy: 'client',
    });
    assert.equal(pending.booking.status, 'pending');

    const { body } = await getPage(t.app, '/admin', jar);
    const today = /<section aria-labelledby="today-title">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    assert.match(today, /12:00–12:50<\/span> <a href="\/admin\/bookings\/[^"]+">Ana Today<\/a>/);
    assert.match(today, /<a href="\/room\/[^"]+">Video: join/);
    assert.match(today, /Ben Phone<\/a>, Session [^·]+· Phone: call <a href="tel:\+49301234567">\+49 30 1234567<\/a>/);
    const coming = today.split('<h3>Coming up</h3>')[1] ?? '';
    assert.match(coming, /Cleo Later/, 'the next days under "Coming up"');
    assert.doesNotMatch(today.split('<h3>Coming up</h3>')[0]!, /Cleo Later/);
    const waiting = /<section aria-labelledby="pending-title">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    assert.match(waiting, /Waiting for your approval/);
    assert.match(waiting, /Dana Request/);
  });
});
