import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { calmGoalSeeker } from '../guide/guide.testing.ts';
import { CookieJar, createTestApp, getPage, postForm } from '../testing.ts';
import { seedCoach, seedService } from './testing.ts';

// The guide's calm goal-seeker, plus the drinking questions the intake adds.
const calm: Record<string, string> = {
  ...(calmGoalSeeker as Record<string, string>),
  'auditc.sex': 'female',
  'auditc.1': '1',
  'auditc.2': '0',
  'auditc.3': '0',
};

forEachEngine('booking intake step', (engine) => {
  it('a first session asks the intake questions: an urgent answer stops kindly and keeps nothing; a calm one books', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    await seedService(db, ctx.clock.now(), { slug: 'first', modality: 'video', rules: { intake_required: 1 } });
    const jar = new CookieJar();
    const start = '2026-11-30T08:00:00Z';
    const details = await getPage(
      ctx.app,
      `/book/first/details?start=${encodeURIComponent(start)}&tz=Europe%2FBerlin`,
      jar,
    );
    const requestId = /name="requestId" value="([^"]+)"/.exec(details.body)![1]!;
    const fields = {
      _csrf: details.csrf!,
      start,
      tz: 'Europe/Berlin',
      requestId,
      name: 'Kim New',
      email: 'kim@example.test',
      note: '',
    };
    const intake = await postForm(ctx.app, '/book/first/details', fields, jar);
    assert.equal(intake.statusCode, 200);
    assert.match(intake.body, /A few questions first/);
    assert.match(intake.body, /name="purpose"/);

    // Skipping the confirm page's intake step is not possible: without the signed pass, the booking is refused.
    const sneaky = await postForm(ctx.app, '/book/first/confirm', fields, jar);
    assert.match(sneaky.body, /A few questions first/);

    const urgent = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...calm, 'safety.self_harm_now_or_unsafe': 'yes' },
      jar,
    );
    assert.equal(urgent.statusCode, 200);
    assert.match(urgent.body, /data-outcome="urgent"/);
    assert.match(urgent.body, /Nothing was booked/);
    assert.equal((await db.selectFrom('bookings').selectAll().execute()).length, 0);

    const incomplete = await postForm(ctx.app, '/book/first/intake', { ...fields, purpose: 'goal' }, jar);
    assert.equal(incomplete.statusCode, 400);

    const passed = await postForm(ctx.app, '/book/first/intake', { ...fields, ...calm }, jar);
    assert.equal(passed.statusCode, 200, passed.body.slice(0, 200));
    assert.match(passed.body, /Check and confirm/);
    assert.doesNotMatch(passed.body, /name="phq2.1"/, 'the answers are not carried on');
    const pass = /name="intakePass" value="([^"]+)"/.exec(passed.body)![1]!;
    assert.equal(
      (await postForm(ctx.app, '/book/first/confirm', { ...fields, intakePass: pass.slice(0, -2) + 'xx' }, jar))
        .statusCode,
      200,
      'a forged pass leads back to the questions',
    );
    // Multibyte passes are longer in bytes than in characters: once a 500 (issue 9, finding 5).
    for (const odd of ['é'.repeat(43), '😀'.repeat(30), 'ü', 'x'.repeat(5000)]) {
      const res = await postForm(ctx.app, '/book/first/confirm', { ...fields, intakePass: odd }, jar);
      assert.equal(res.statusCode, 200, `a pass of ${odd.length} odd characters leads back to the questions`);
    }
    const done = await postForm(ctx.app, '/book/first/confirm', { ...fields, intakePass: pass }, jar);
    assert.equal(done.statusCode, 303);
    assert.equal((await db.selectFrom('bookings').selectAll().execute()).length, 1);
  });
});
