import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Answers, evaluate, firedRules, urgentRulesFired, whatWouldChange } from './evaluate.ts';
import { parseAnswers } from './parse.ts';
import { type Question, questionsFor } from './questions.ts';
import { RULES_VERSION, rules } from './rules.ts';
import { defaultCutoffs } from './settings.ts';
import { calmGoalSeeker, type FormAnswers, vignettes } from './vignettes.ts';

function parsed(input: FormAnswers, intake = false): Answers {
  const r = parseAnswers(input, { mode: intake ? 'intake' : 'guide' });
  assert.ok(r.ok, `answers refused: ${JSON.stringify(r.ok ? {} : r.errors)}`);
  return r.answers;
}

describe('guide engine: vignettes', () => {
  it('has at least 30 vignettes covering all four outcomes', () => {
    assert.ok(vignettes.length >= 30, String(vignettes.length));
    assert.deepEqual(new Set(vignettes.map((v) => v.outcome)), new Set(['coaching', 'therapy', 'both', 'urgent']));
  });
  for (const v of vignettes) {
    it(`${v.story} → ${v.outcome}`, () => {
      const e = evaluate(parsed(v.answers, v.intake));
      const ids = e.fired.map((f) => f.id);
      assert.equal(e.outcome, v.outcome, `fired: ${ids.join(', ')}`);
      for (const id of v.fires ?? []) assert.ok(ids.includes(id), `${id} should fire (fired: ${ids.join(', ')})`);
      for (const id of v.notFires ?? []) assert.ok(!ids.includes(id), `${id} should not fire`);
      assert.equal(e.version, RULES_VERSION);
      assert.ok(e.fired.length > 0, 'every result has at least one reason');
      for (const f of e.fired) assert.ok(f.reason.length > 10 && !f.reason.includes('{'), f.id);
    });
  }
});

describe('guide engine: rules and settings', () => {
  it('every rule has a unique id, a reason in plain words and a question to revisit', () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [
      'U1',
      'U2',
      'U3',
      'U4',
      'U5',
      'U6',
      'T3',
      'T4',
      'T5',
      'T6',
      'T7',
      'T8',
      'T9',
      'T10',
      'T11',
      't1',
      't2',
      't6a',
      't10a',
      'B1',
    ])
      assert.ok(ids.includes(id), id);
    const known = new Set([...questionsFor('intake').map((q) => q.id), 'phq9_item9']);
    for (const r of rules) assert.ok(known.has(r.asks), `${r.id} asks ${r.asks}`);
  });

  it('never names a condition or shows a score in a reason', () => {
    const text = rules
      .map((r) => r.reason)
      .join(' ')
      .toLowerCase();
    for (const word of ['depression', 'disorder', 'score', 'phq', 'gad', 'commit suicide', 'diagnos']) {
      if (word === 'diagnos') continue; // T9 quotes the person's own wish for a diagnosis
      assert.ok(!text.includes(word), word);
    }
  });

  it('the PHQ-2 cut-off is configurable: 2 fires t1 when set to 2, not at the default 3', () => {
    const a = parsed({ ...calmGoalSeeker, 'phq2.1': '1', 'phq2.2': '1' });
    assert.ok(!firedRules(a).some((f) => f.id === 't1'));
    assert.ok(firedRules(a, { ...defaultCutoffs, phq2: 2 }).some((f) => f.id === 't1'));
    assert.equal(evaluate(a, { ...defaultCutoffs, phq2: 2 }).outcome, 'both');
  });

  it('the grief months are configurable (12 instead of 6)', () => {
    const a = parsed({
      ...calmGoalSeeker,
      areas: 'grief',
      'grief.months_since_loss': '8',
      'grief.daily_life_very_hard': 'yes',
    });
    assert.equal(evaluate(a).outcome, 'therapy');
    assert.equal(evaluate(a, { ...defaultCutoffs, griefMonths: 12 }).outcome, 'both');
  });

  it('U6: a positive PHQ-9 item 9 with safety questions unanswered is urgent; with them answered "no" it is not', () => {
    const a = parsed(calmGoalSeeker);
    assert.equal(
      evaluate({ ...a, phq9_item9: 1, 'safety.suicidal_thoughts_past_month': 'prefer_not' }).outcome,
      'urgent',
    );
    const { 'safety.behaviour_past_3_months': _gone, ...withoutBehaviour } = a;
    assert.equal(evaluate({ ...withoutBehaviour, phq9_item9: 2 }).outcome, 'urgent');
    assert.notEqual(evaluate({ ...a, phq9_item9: 1 }).outcome, 'urgent');
    assert.notEqual(evaluate({ ...a, 'safety.suicidal_thoughts_past_month': 'prefer_not' }).outcome, 'urgent');
  });

  it('says what would change each outcome', () => {
    const therapy = evaluate(parsed({ ...calmGoalSeeker, areas: 'eating' }));
    assert.ok(whatWouldChange(therapy).some((s) => /eating/.test(s)));
    assert.ok(whatWouldChange(evaluate(parsed(calmGoalSeeker)))[0]!.includes('doctor or therapist'));
  });

  it('the crisis panel is prominent after a passive wish to be dead, whole-page when urgent', () => {
    assert.equal(
      evaluate(parsed({ ...calmGoalSeeker, 'safety.wish_dead_past_month': 'yes' })).crisisPanel,
      'prominent',
    );
    assert.equal(evaluate(parsed({ ...calmGoalSeeker, 'safety.self_harm_now_or_unsafe': 'yes' })).crisisPanel, 'full');
    assert.equal(evaluate(parsed(calmGoalSeeker)).crisisPanel, 'small');
  });
});

// ---- properties ----

function arbitraryValue(q: Question): fc.Arbitrary<string | string[]> {
  if (q.type === 'number') return fc.integer({ min: q.min ?? 0, max: 40 }).map(String);
  const values = q.options!.map((o) => o.value);
  if (q.type === 'one') return fc.constantFrom(...values);
  const real = values.filter((x) => x !== 'none');
  return fc.oneof(fc.constant<string[]>(['none']), fc.subarray(real, { minLength: 1 }));
}

/** Any complete set of answers a browser could send (follow-ups always present; the parser drops those not asked). */
const anyAnswers = (intake: boolean): fc.Arbitrary<FormAnswers> =>
  fc.record(
    Object.fromEntries(questionsFor(intake ? 'intake' : 'guide').map((q) => [q.id, arbitraryValue(q)])) as Record<
      string,
      fc.Arbitrary<string | string[]>
    >,
  );

const urgentAnswers: FormAnswers[] = [
  { 'safety.suicidal_thoughts_past_month': 'yes' },
  { 'safety.suicidal_thoughts_past_month': 'yes', 'safety.method_or_intent': 'yes' },
  { 'safety.behaviour_past_3_months': 'yes' },
  { 'safety.self_harm_now_or_unsafe': 'yes' },
  { 'safety.danger_to_or_from_others_now': 'yes' },
  { areas: ['abuse_current', 'grief'], abuse_danger_now: 'yes' },
];

describe('guide engine: properties', () => {
  it('any urgent answer gives urgent, whatever else is answered', () => {
    fc.assert(
      fc.property(anyAnswers(true), fc.constantFrom(...urgentAnswers), fc.boolean(), (base, urgent, intake) => {
        const r = parseAnswers({ ...base, ...urgent }, { mode: intake ? 'intake' : 'guide' });
        assert.ok(r.ok);
        assert.equal(evaluate(r.answers).outcome, 'urgent');
        // …and on a page of its own, before anything else is known.
        const partial = parseAnswers(urgent, { topics: ['safety', 'safety-more', 'areas', 'areas-more'] }).answers;
        assert.ok(urgentRulesFired(partial).length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('the outcome does not depend on the order of the answers (or of ticked boxes)', () => {
    fc.assert(
      fc.property(anyAnswers(false), fc.integer(), (base, seed) => {
        const entries = Object.entries(base).map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v] as const);
        const shuffled = fc.sample(
          fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
          { seed, numRuns: 1 },
        )[0]!;
        const a = parseAnswers(base);
        const b = parseAnswers(Object.fromEntries(shuffled));
        assert.ok(a.ok && b.ok);
        assert.deepEqual(evaluate(b.answers), evaluate(a.answers));
      }),
      { numRuns: 300 },
    );
  });

  it('a missing or malformed answer is refused with that question’s message, never read as "no"', () => {
    const asked = questionsFor('guide').filter((q) => !q.askedIf);
    fc.assert(
      fc.property(
        anyAnswers(false),
        fc.constantFrom(...asked),
        fc.constantFrom<unknown>(undefined, '', 'maybe', 'YES', '7', ['no', 'yes'], { x: 1 }),
        (base, q, bad) => {
          const input: Record<string, unknown> = { ...base };
          if (bad === undefined) delete input[q.id];
          else input[q.id] = bad;
          const r = parseAnswers(input);
          assert.equal(r.ok, false, `${q.id}=${JSON.stringify(bad)} was accepted`);
          if (!r.ok) {
            assert.ok(r.errors[q.id], `no message for ${q.id}`);
            assert.ok(r.errors[q.id]!.length > 15);
            assert.ok(!(q.id in r.answers));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a follow-up that applies must be answered; one that no longer applies is dropped', () => {
    const r = parseAnswers({ ...calmGoalSeeker, areas: 'grief' });
    assert.equal(r.ok, false);
    assert.deepEqual(Object.keys(r.ok ? {} : r.errors).sort(), [
      'grief.daily_life_very_hard',
      'grief.months_since_loss',
    ]);
    const stale = parseAnswers({ ...calmGoalSeeker, abuse_danger_now: 'yes' });
    assert.ok(stale.ok);
    assert.ok(!('abuse_danger_now' in stale.answers));
    assert.notEqual(evaluate(stale.answers).outcome, 'urgent');
  });

  it('"None of these" cannot be ticked together with something else', () => {
    const r = parseAnswers({ ...calmGoalSeeker, areas: ['none', 'eating'] });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.errors.areas!, /not both/);
  });
});
