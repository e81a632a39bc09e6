import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import type { TestDb } from '../db/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { runDueJobs } from '../jobs/index.ts';
import { CookieJar, createTestDeps, getPage, signedInCoach, type TestClock } from '../testing.ts';
import { RULES_VERSION, rules } from './engine/rules.ts';
import { calmGoalSeeker, vignettes } from './engine/vignettes.ts';
import { guideJobHandlers } from './guide.service.ts';
import { guideResult, hiddenFields, outcomeOf, postPairs, walkGuide } from './guide.testing.ts';

/** Rows in every table, by name: the proof that a step wrote nothing. */
async function rowCounts(deps: Deps): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await deps.dbh.db.introspection.getTables()) {
    const r = await (deps.dbh.db as any)
      .selectFrom(t.name)
      .select((eb: any) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    out[t.name] = Number(r.n);
  }
  return out;
}

forEachEngine('guide pages', (engine) => {
  let app: FastifyInstance;
  let deps: Deps;
  let db: TestDb;
  let clock: TestClock;
  const logged: string[] = [];
  before(async () => {
    const made = await createTestDeps(engine);
    db = made.db;
    clock = made.clock;
    // The app's logger, at its most talkative, written where the test can read it.
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged.push(String(chunk));
        done();
      },
    });
    deps = { ...made.deps, log: pino({ level: 'trace' }, sink) };
    app = await buildApp(deps);
    await app.ready();
  });
  after(async () => {
    await app.close();
    await db.destroy();
  });

  it('the intro says what the guide is and is not, links "How we decide", and is in the header', async () => {
    const { status, body, headers } = await getPage(app, '/guide', new CookieJar());
    assert.equal(status, 200);
    assert.equal(headers['cache-control'], 'no-store');
    assert.match(body, /Not a diagnosis/);
    assert.match(body, /Nothing you answer is saved/);
    assert.match(body, /Who made this guide/);
    assert.match(body, /href="\/guide\/how-we-decide"/);
    assert.match(body, /<a href="\/guide"[^>]*>Therapy or coaching\?<\/a>/);
    assert.match(
      (await getPage(app, '/', new CookieJar())).body,
      /<a href="\/guide">Try our short therapy-or-coaching guide<\/a>/,
    );
  });

  for (const outcome of ['coaching', 'therapy', 'both'] as const) {
    it(`reaches "${outcome}" page by page, answers only in POST bodies, responses no-store`, async () => {
      const v = vignettes.find((x) => x.outcome === outcome && !x.intake)!;
      const { res, visited } = await guideResult(app, v.answers);
      assert.equal(res.statusCode, 200);
      assert.equal(outcomeOf(res.body), outcome);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.deepEqual(visited.slice(0, 2), ['purpose', 'safety']);
      assert.match(res.body, /Because you said/);
      assert.match(res.body, /What would change this suggestion/);
      assert.match(res.body, new RegExp(`Rules version ${RULES_VERSION.replace(/[()]/g, '\\$&')}`));
      assert.doesNotMatch(res.body, /<form[^>]+action="[^"]*\?/, 'no form puts anything in a URL');
      assert.doesNotMatch(res.body, /<form[^>]+method="get"/i);
      assert.match(res.body, /name="consent" value="yes"/);
      assert.doesNotMatch(res.body, /name="consent"[^>]*checked/, 'the opt-in is not ticked');
      if (outcome === 'therapy') assert.doesNotMatch(res.body, /Book a first session/);
      else assert.match(res.body, /href="\/services">\s*Book a first session/);
    });
  }

  it('an urgent safety answer shows the crisis page on that same request', async () => {
    const { res, visited } = await walkGuide(app, { ...calmGoalSeeker, 'safety.self_harm_now_or_unsafe': 'yes' });
    assert.deepEqual(visited, ['purpose', 'safety']);
    assert.equal(res.statusCode, 200);
    assert.equal(outcomeOf(res.body), 'urgent');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /You deserve support right now/);
    assert.match(res.body, /href="tel:911"/);
    assert.match(res.body, /href="tel:988"/);
    assert.doesNotMatch(res.body, /Book a first session|name="consent"/);
  });

  it('danger from someone at home puts the domestic-abuse lines first and offers a quick exit', async () => {
    const { res, visited } = await walkGuide(app, {
      ...calmGoalSeeker,
      areas: 'abuse_current',
      abuse_danger_now: 'yes',
    });
    assert.equal(visited.at(-1), 'areas-more');
    assert.equal(outcomeOf(res.body), 'urgent');
    assert.ok(
      res.body.indexOf('National Domestic Violence Hotline') < res.body.indexOf('988 Suicide'),
      'abuse line before the crisis line',
    );
    assert.match(res.body, /Leave this site quickly/);
  });

  it('a missing answer is refused with its own message and the page comes back', async () => {
    const jar = new CookieJar();
    const intro = await getPage(app, '/guide', jar);
    let res = await postPairs(
      app,
      '/guide/answer',
      [
        ['_csrf', intro.csrf!],
        ['at', 'intro'],
      ],
      jar,
    );
    res = await postPairs(app, '/guide/answer', [...hiddenFields(res.body), ['purpose', 'goal']], jar);
    assert.match(res.body, /name="at" value="safety"/);
    res = await postPairs(
      app,
      '/guide/answer',
      [...hiddenFields(res.body), ['safety.wish_dead_past_month', 'no'], ['safety.suicidal_thoughts_past_month', 'no']],
      jar,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /name="at" value="safety"/);
    assert.match(res.body, /Answer the question about the past 3 months/);
    assert.match(res.body, /Answer whether you are hurting yourself/);
    assert.match(res.body, /value="no" checked/, 'what was answered stays ticked');
  });

  it('malformed or missing answers at the result are refused, never read as "no"', async () => {
    const walked = await walkGuide(app, calmGoalSeeker);
    const pairs = hiddenFields(walked.res.body, '/guide/result')
      .filter(([k]) => k !== 'functioning')
      .map(([k, v]): [string, string] => (k === 'phq2.1' ? [k, '9'] : [k, v]));
    const res = await postPairs(app, '/guide/result', pairs, walked.jar);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Check your answers/);
    assert.match(res.body, /Choose how you have been managing day-to-day things/);
    assert.match(res.body, /That answer is not one of the choices/);
    assert.equal(outcomeOf(res.body), undefined);
  });

  it('a changed answer from the check page comes back to the check page', async () => {
    const walked = await walkGuide(app, calmGoalSeeker);
    let res = await postPairs(
      app,
      '/guide/answer',
      [...hiddenFields(walked.res.body), ['edit', 'day-to-day']],
      walked.jar,
    );
    assert.match(res.body, /name="at" value="day-to-day"/);
    const pairs = hiddenFields(res.body).concat([
      ['functioning', 'struggling_most_days'],
      ['phq2.1', '0'],
      ['phq2.2', '0'],
      ['gad2.1', '0'],
      ['gad2.2', '0'],
    ]);
    res = await postPairs(app, '/guide/answer', pairs, walked.jar);
    assert.match(res.body, /Check your answers/);
    res = await postPairs(app, '/guide/result', hiddenFields(res.body, '/guide/result'), walked.jar);
    assert.equal(outcomeOf(res.body), 'therapy');
  });

  it('an expired form keeps the answers (403); the answer pages cannot be opened by address', async () => {
    const walked = await walkGuide(app, calmGoalSeeker);
    const res = await postPairs(
      app,
      '/guide/result',
      hiddenFields(walked.res.body, '/guide/result').filter(([k]) => k !== '_csrf'),
      new CookieJar(),
    );
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /had expired/);
    assert.match(res.body, /name="purpose" value="goal"/);
    for (const url of ['/guide/answer', '/guide/result', '/guide/share']) {
      const r = await app.inject({ method: 'GET', url: `${url}?purpose=goal` });
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/guide');
    }
  });

  it('without consent nothing is written to the database and nothing of the answers reaches the logs', async () => {
    const before = await rowCounts(deps);
    logged.length = 0;
    const answers = {
      ...calmGoalSeeker,
      functioning: 'struggling_most_days',
      areas: ['grief', 'eating'],
      'grief.months_since_loss': '7',
      'grief.daily_life_very_hard': 'yes',
    };
    const { res, jar } = await guideResult(app, answers);
    assert.equal(outcomeOf(res.body), 'therapy');
    const share = await postPairs(
      app,
      '/guide/share',
      [...hiddenFields(res.body, '/guide/share'), ['name', 'Robin Private'], ['email', 'robin@example.test']],
      jar,
    );
    assert.equal(share.statusCode, 400);
    assert.match(share.body, /Tick the box to agree/);
    assert.deepEqual(await rowCounts(deps), before);
    const log = logged.join('');
    assert.ok(log.includes('/guide/answer'), 'the requests were logged (so the check can fail)');
    for (const secret of ['struggling_most_days', 'grief', 'eating', 'wish_dead', 'phq2', 'Robin', 'robin@example'])
      assert.ok(!log.includes(secret), `the logs mention ${secret}`);
  });

  it('with consent the result is kept sealed, the coach is told without the answers, and it is deleted after 90 days', async () => {
    const { res, jar } = await guideResult(app, { ...calmGoalSeeker, areas: 'eating' });
    const share = await postPairs(
      app,
      '/guide/share',
      [
        ...hiddenFields(res.body, '/guide/share'),
        ['name', 'Sam Shares'],
        ['email', 'sam@example.test'],
        ['consent', 'yes'],
      ],
      jar,
    );
    assert.equal(share.statusCode, 303);
    assert.equal(share.headers.location, '/guide/shared');
    const rows = await deps.dbh.db.selectFrom('guide_shared_results').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.doesNotMatch(rows[0]!.sealed, /Sam Shares|sam@example\.test|eating/);
    assert.match(deps.sealer.open(rows[0]!.sealed), /eating/);
    const mail = await deps.dbh.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'guide.shared_to_coach')
      .execute();
    for (const m of mail) assert.doesNotMatch(deps.sealer.open(m.text_sealed), /eating|Sam/);

    const { jar: coach } = await signedInCoach({ deps });
    const list = await getPage(app, '/admin/guide/results', coach);
    assert.match(list.body, /Sam Shares/);
    assert.match(list.body, /a screen, not a diagnosis/i);

    clock.advance(89 * 86_400_000);
    await runDueJobs(deps, guideJobHandlers);
    assert.equal(
      (await deps.dbh.db.selectFrom('guide_shared_results').selectAll().execute()).length,
      1,
      'kept within 90 days',
    );
    clock.advance(2 * 86_400_000);
    await runDueJobs(deps, guideJobHandlers);
    assert.equal(
      (await deps.dbh.db.selectFrom('guide_shared_results').selectAll().execute()).length,
      0,
      'deleted after 90 days',
    );
  });

  it('an urgent result is never stored, even with consent ticked', async () => {
    const before = await rowCounts(deps);
    const jar = new CookieJar();
    const page = await getPage(app, '/guide', jar);
    const pairs = Object.entries({ ...calmGoalSeeker, 'safety.danger_to_or_from_others_now': 'yes' }).map(
      ([k, v]) => [k, String(v)] as [string, string],
    );
    const res = await postPairs(
      app,
      '/guide/share',
      [['_csrf', page.csrf!], ...pairs, ['name', 'X'], ['email', 'x@example.test'], ['consent', 'yes']],
      jar,
    );
    assert.equal(outcomeOf(res.body), 'urgent');
    assert.deepEqual(await rowCounts(deps), before);
  });

  it('"How we decide" lists every rule with its id and the rules version; the shared page says how long', async () => {
    const { status, body } = await getPage(app, '/guide/how-we-decide', new CookieJar());
    assert.equal(status, 200);
    for (const r of rules) assert.match(body, new RegExp(`<th scope="row">${r.id}</th>`), r.id);
    assert.ok(body.includes(RULES_VERSION));
    assert.match((await getPage(app, '/guide/shared', new CookieJar())).body, /deleted automatically after 90 days/);
  });
});
