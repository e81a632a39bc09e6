import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { crisisResources, resourcesForCountry } from '../safety/index.ts';
import { defaultSiteSettings } from '../settings/index.ts';
import type { ViewContext } from '../web/index.ts';
import { calmGoalSeeker } from './engine/vignettes.ts';
import {
  evaluate,
  IntakeFields,
  IntakeStopped,
  intakeQuestions,
  intakeVerdict,
  parseAnswers,
  questionsFor,
} from './index.ts';

const ctx: ViewContext = {
  settings: defaultSiteSettings,
  publicUrl: 'https://coach.example',
  path: '/book',
  viewer: null,
  nav: [],
  stylesheet: '/s.css',
  theme: '/t.css',
  csrf: () => 'token',
};
const help = {
  referrals: [
    {
      id: 'r1',
      name: 'Harbour Therapy',
      focus: 'Adults',
      how_to_reach: '555 0100',
      notes: '',
      sort_order: 0,
      created_at: 0,
      updated_at: 0,
    },
  ],
  lines: resourcesForCountry('US', crisisResources),
};
const intake = { ...calmGoalSeeker, 'auditc.1': '1', 'auditc.2': '0', 'auditc.3': '0', 'auditc.sex': 'female' };

describe('intake API for booking', () => {
  it('IntakeFields renders a field named by id for every intake question, with errors and answers kept', () => {
    const parsed = parseAnswers({ ...intake, functioning: undefined }, { mode: 'intake' });
    assert.equal(parsed.ok, false);
    const html = renderToString(<IntakeFields answers={parsed.answers} errors={parsed.ok ? {} : parsed.errors} />);
    for (const q of questionsFor('intake')) assert.ok(html.includes(`name="${q.id}"`), q.id);
    assert.match(html, /We ask everyone these questions/);
    assert.match(html, /Choose how you have been managing day-to-day things/);
    assert.match(html, /name="purpose" value="goal" checked/);
    assert.deepEqual(intakeQuestions.map((p) => p.topic).at(-1), 'drinking');
  });

  it('the intake needs the drinking questions; the guide does not ask them', () => {
    assert.equal(parseAnswers(calmGoalSeeker, { mode: 'intake' }).ok, false);
    assert.equal(parseAnswers(calmGoalSeeker).ok, true);
    assert.equal(parseAnswers(intake, { mode: 'intake' }).ok, true);
  });

  it('intakeVerdict stops therapy, urgent and (unless accepted) minors', () => {
    const ok = evaluate(parseAnswers(intake, { mode: 'intake' }).answers);
    assert.deepEqual(intakeVerdict(ok, { acceptsMinors: false }), { proceed: true, reason: 'ok' });
    const minor = evaluate(parseAnswers({ ...intake, age_18_plus: 'no' }, { mode: 'intake' }).answers);
    assert.equal(intakeVerdict(minor, { acceptsMinors: false }).reason, 'minor');
    assert.equal(intakeVerdict(minor, { acceptsMinors: true }).proceed, true);
    const therapy = evaluate(parseAnswers({ ...intake, areas: 'eating' }, { mode: 'intake' }).answers);
    assert.equal(intakeVerdict(therapy, { acceptsMinors: true }).reason, 'therapy');
  });

  it('IntakeStopped: urgent puts the emergency number and crisis lines first; therapy lists referrals kindly', () => {
    const urgent = evaluate(
      parseAnswers({ ...intake, 'safety.self_harm_now_or_unsafe': 'yes' }, { mode: 'intake' }).answers,
    );
    const u = renderToString(<IntakeStopped evaluation={urgent} ctx={ctx} help={help} />);
    assert.match(u, /data-outcome="urgent"/);
    assert.ok(u.indexOf('tel:911') < u.indexOf('tel:988') && u.indexOf('tel:911') > 0);
    assert.doesNotMatch(u, /Harbour Therapy/);
    const therapy = evaluate(parseAnswers({ ...intake, areas: 'eating' }, { mode: 'intake' }).answers);
    const th = renderToString(<IntakeStopped evaluation={therapy} ctx={ctx} help={help} />);
    assert.match(th, /data-outcome="therapy"/);
    assert.match(th, /Harbour Therapy/);
    assert.match(th, /not a judgement of you/);
    assert.match(th, /not a diagnosis/);
  });
});
