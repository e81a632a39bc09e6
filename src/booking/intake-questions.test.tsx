import assert from 'node:assert/strict';
import { it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { forEachEngine } from '../db/testing.ts';
import { calmGoalSeeker } from '../guide/guide.testing.ts';
import { defaultCutoffs, intakeAnswersForBooking } from '../guide/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { IntakeAnswers } from './pages/intake-answers.tsx';
import { seedCoach, seedService } from './testing.ts';

const calm: Record<string, string> = {
  ...(calmGoalSeeker as Record<string, string>),
  'auditc.sex': 'female',
  'auditc.1': '1',
  'auditc.2': '0',
  'auditc.3': '0',
};
const start = '2026-11-30T08:00:00Z';

async function detailsFields(ctx: TestContext, slug: string, jar: CookieJar) {
  const page = await getPage(
    ctx.app,
    `/book/${slug}/details?start=${encodeURIComponent(start)}&tz=Europe%2FBerlin`,
    jar,
  );
  return {
    _csrf: page.csrf!,
    start,
    tz: 'Europe/Berlin',
    requestId: /name="requestId" value="([^"]+)"/.exec(page.body)![1]!,
    name: 'Kim New',
    email: 'kim@example.test',
    note: '',
  };
}
const hidden = (html: string, name: string) =>
  new RegExp(`type="hidden" name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(html)?.[1];

async function addQuestion(ctx: TestContext, jar: CookieJar, serviceId: string, fields: Record<string, string>) {
  const page = await getPage(ctx.app, `/admin/services/${serviceId}/questions`, jar);
  return postForm(ctx.app, `/admin/services/${serviceId}/questions`, { _csrf: page.csrf!, ...fields }, jar);
}

async function askPhq9(ctx: TestContext, jar: CookieJar, on: boolean) {
  const page = await getPage(ctx.app, '/admin/guide', jar);
  const res = await postForm(
    ctx.app,
    '/admin/guide',
    {
      _csrf: page.csrf!,
      ...Object.fromEntries(Object.entries(defaultCutoffs).map(([k, v]) => [k, String(v)])),
      conflictStatement: 'We earn our living from coaching; the rules are public and fair to both paths.',
      ...(on ? { asksPhq9Item9: 'yes' } : {}),
    },
    jar,
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
}

forEachEngine('intake questions of the coach’s own', (engine) => {
  it('the coach adds, reorders and removes a service’s questions with JavaScript off', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const serviceId = await seedService(db, ctx.clock.now(), { slug: 'plain' });
    const { jar } = await signedInCoach(ctx);

    const bad = await addQuestion(ctx, jar, serviceId, { label: 'Which track?', kind: 'choice', choices: 'Only one' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Write 2 to 12 choices/);
    assert.match(bad.body, /value="Which track\?"/, 'what was typed is shown again');

    for (const f of [
      { label: 'What brings you here?', kind: 'text', required: 'yes' },
      { label: 'Which track?', kind: 'choice', choices: 'Career\nLeadership', required: 'yes' },
      { label: 'Have you had coaching before?', kind: 'yes_no' },
    ] as Record<string, string>[])
      assert.equal((await addQuestion(ctx, jar, serviceId, f)).statusCode, 303);
    let page = await getPage(ctx.app, `/admin/services/${serviceId}/questions`, jar);
    const ids = [...page.body.matchAll(/name="position\.([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 3);
    assert.ok(page.body.indexOf('What brings you here?') < page.body.indexOf('Which track?'));

    const order = await postForm(
      ctx.app,
      `/admin/services/${serviceId}/questions/order`,
      { _csrf: page.csrf!, [`position.${ids[0]}`]: '50', [`position.${ids[1]}`]: '5', [`position.${ids[2]}`]: 'x' },
      jar,
    );
    assert.equal(order.statusCode, 400, 'a position that is not a number is refused, nothing changes');
    await postForm(
      ctx.app,
      `/admin/services/${serviceId}/questions/order`,
      { _csrf: page.csrf!, [`position.${ids[0]}`]: '50', [`position.${ids[1]}`]: '5', [`position.${ids[2]}`]: '60' },
      jar,
    );
    page = await getPage(ctx.app, `/admin/services/${serviceId}/questions`, jar);
    assert.ok(page.body.indexOf('Which track?') < page.body.indexOf('What brings you here?'));

    const removed = await postForm(
      ctx.app,
      `/admin/services/${serviceId}/questions/${ids[2]}/delete`,
      { _csrf: page.csrf! },
      jar,
    );
    assert.equal(removed.statusCode, 303);
    page = await getPage(ctx.app, `/admin/services/${serviceId}/questions`, jar);
    assert.doesNotMatch(page.body, /Have you had coaching before\?/);
    assert.equal(
      (await getPage(ctx.app, `/admin/services/${serviceId}/questions`, new CookieJar())).status !== 200,
      true,
    );
  });

  it('a service without the screen asks them after the details; answers survive errors, are sealed and shown to the coach only', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const serviceId = await seedService(db, ctx.clock.now(), { slug: 'plain', modality: 'video' });
    const coach = await signedInCoach(ctx);
    await addQuestion(ctx, coach.jar, serviceId, { label: 'What brings you here?', kind: 'text', required: 'yes' });
    await addQuestion(ctx, coach.jar, serviceId, {
      label: 'Which track?',
      kind: 'choice',
      choices: 'Career\nLeadership',
      required: 'yes',
    });
    const qids = (await db.selectFrom('intake_questions').select(['id', 'label']).orderBy('position').execute()).map(
      (r) => r.id,
    );

    const jar = new CookieJar();
    const fields = await detailsFields(ctx, 'plain', jar);
    const step = await postForm(ctx.app, '/book/plain/details', fields, jar);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /A few questions first/);
    assert.doesNotMatch(step.body, /name="purpose"/, 'no guide screen on this service');
    assert.match(step.body, new RegExp(`name="iq\\.${qids[0]}"`));

    const words = 'A new job & how to lead a team';
    const missing = await postForm(ctx.app, '/book/plain/intake', { ...fields, [`iq.${qids[0]}`]: words }, jar);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choose an answer to “Which track\?”/);
    assert.match(missing.body, /value="A new job &amp; how to lead a team"/, 'the typed answer is shown again');

    const answered = { ...fields, [`iq.${qids[0]}`]: words, [`iq.${qids[1]}`]: 'Leadership' };
    const confirm = await postForm(ctx.app, '/book/plain/intake', answered, jar);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Check and confirm/);
    assert.equal(hidden(confirm.body, `iq.${qids[1]}`), 'Leadership');

    // Posting the confirmation without a required answer leads back to the questions.
    const skipped = await postForm(ctx.app, '/book/plain/confirm', { ...fields, [`iq.${qids[0]}`]: words }, jar);
    assert.equal(skipped.statusCode, 400);
    assert.match(skipped.body, /A few questions first/);
    assert.match(skipped.body, /value="A new job &amp; how to lead a team"/);

    const done = await postForm(ctx.app, '/book/plain/confirm', answered, jar);
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const booking = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    const stored = await db.selectFrom('intake_answers').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.doesNotMatch(JSON.stringify(stored), /new job|Leadership/, 'sealed at rest');
    const intake = await intakeAnswersForBooking(ctx.deps, booking);
    assert.deepEqual(intake?.answers, [
      { question: 'What brings you here?', answer: words },
      { question: 'Which track?', answer: 'Leadership' },
    ]);
    assert.match(renderToString(<IntakeAnswers intake={intake} />), /Which track\?<\/dt><dd>Leadership/);
    const { jar: coachJar } = await signedInCoach(ctx);
    const coachPage = await getPage(ctx.app, `/admin/bookings/${booking.id}`, coachJar);
    assert.match(coachPage.body, /Which track\?<\/dt><dd>Leadership/, "on the coach's booking page");
    const mail = JSON.stringify(await db.selectFrom('outbox').selectAll().execute());
    assert.doesNotMatch(mail, /new job|Leadership/, 'emails carry no answers');

    // A repeated submit keeps the first answers.
    await postForm(ctx.app, '/book/plain/confirm', { ...answered, [`iq.${qids[1]}`]: 'Career' }, jar);
    assert.equal((await intakeAnswersForBooking(ctx.deps, booking))?.answers[1]?.answer, 'Leadership');
  });

  it('PHQ-9 question 9, when the coach asks it: rule U6 fires from the form; a flagged answer with safety answered books and flags', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const serviceId = await seedService(db, ctx.clock.now(), {
      slug: 'first',
      modality: 'video',
      rules: { intake_required: 1 },
    });
    const coach = await signedInCoach(ctx);
    await addQuestion(ctx, coach.jar, serviceId, {
      label: 'Have you had coaching before?',
      kind: 'yes_no',
      required: 'yes',
    });
    const qid = (await db.selectFrom('intake_questions').select('id').executeTakeFirstOrThrow()).id;
    const jar = new CookieJar();
    const fields = await detailsFields(ctx, 'first', jar);

    // Off by default: the question is not asked, and an answer posted anyway is ignored.
    let step = await postForm(ctx.app, '/book/first/details', fields, jar);
    assert.doesNotMatch(step.body, /name="phq9_item9"/);
    const openSafety = { 'safety.suicidal_thoughts_past_month': 'prefer_not' };
    const ignored = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...calm, ...openSafety, phq9_item9: '2', [`iq.${qid}`]: 'no' },
      jar,
    );
    assert.doesNotMatch(ignored.body, /data-outcome="urgent"/);

    await askPhq9(ctx, coach.jar, true);
    step = await postForm(ctx.app, '/book/first/details', fields, jar);
    assert.match(step.body, /name="phq9_item9"/);
    assert.match(step.body, /better off dead, or of hurting yourself in some way/);
    assert.match(step.body, /We ask everyone these questions/);
    assert.ok(
      step.body.indexOf('name="phq9_item9"') < step.body.indexOf(`name="iq.${qid}"`),
      'the coach’s questions come after the safety screen',
    );

    // "Not at all" with a safety question left open: not urgent (U6 needs a positive answer).
    const notAtAll = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...calm, ...openSafety, phq9_item9: '0', [`iq.${qid}`]: 'no' },
      jar,
    );
    assert.doesNotMatch(notAtAll.body, /data-outcome="urgent"/);
    // "Several days" with it left open: U6 is the only urgent rule that can fire; crisis help, nothing booked.
    const u6 = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...calm, ...openSafety, phq9_item9: '1', [`iq.${qid}`]: 'no' },
      jar,
    );
    assert.equal(u6.statusCode, 200);
    assert.match(u6.body, /data-outcome="urgent"/);
    assert.match(u6.body, /Nothing was booked/);
    // And with the other questions blank too (urgent is checked before validation).
    const { 'safety.behaviour_past_3_months': _gone, ...withoutBehaviour } = calm;
    const blank = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...withoutBehaviour, phq9_item9: '3' },
      jar,
    );
    assert.match(blank.body, /data-outcome="urgent"/);
    assert.equal((await db.selectFrom('bookings').selectAll().execute()).length, 0);
    assert.equal(
      (await db.selectFrom('intake_answers').selectAll().execute()).length,
      0,
      'urgent results are never stored',
    );

    // With every safety question answered: crisis lines shown first, the booking is made and flagged for the coach.
    const flagged = await postForm(
      ctx.app,
      '/book/first/intake',
      { ...fields, ...calm, phq9_item9: '2', [`iq.${qid}`]: 'yes' },
      jar,
    );
    assert.equal(flagged.statusCode, 200, flagged.body.slice(0, 300));
    assert.match(flagged.body, /Check and confirm/);
    assert.match(flagged.body, /data-flag="phq9_item9"/);
    assert.match(flagged.body, /crisis-panel prominent/);
    assert.doesNotMatch(flagged.body, /name="phq2\.1"/, 'the screen’s answers are not carried on');
    const pass = hidden(flagged.body, 'intakePass')!;
    const done = await postForm(
      ctx.app,
      '/book/first/confirm',
      { ...fields, intakePass: pass, phq9_item9: hidden(flagged.body, 'phq9_item9')!, [`iq.${qid}`]: 'yes' },
      jar,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const booking = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    const intake = await intakeAnswersForBooking(ctx.deps, booking);
    assert.deepEqual(intake?.phq9Item9, { value: 2, label: 'More than half the days' });
    const html = renderToString(<IntakeAnswers intake={intake} />);
    assert.match(html, /data-flag="phq9_item9"/);
    assert.match(html, /More than half the days/);
    assert.match(html, /Have you had coaching before\?<\/dt><dd>Yes/);
    assert.doesNotMatch(JSON.stringify(await db.selectFrom('outbox').selectAll().execute()), /half the days|phq9/i);
  });
});
