import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';
import { RULES_VERSION, type RuleKind, rules } from '../engine/rules.ts';
import type { GuideCutoffs } from '../engine/settings.ts';
import { cutoffRanges } from '../engine/settings.ts';

const groups: { kinds: RuleKind[]; title: string; intro: string }[] = [
  {
    kinds: ['urgent'],
    title: 'Help right now',
    intro: 'Any one of these shows crisis lines straight away, whatever else you answered.',
  },
  {
    kinds: ['major'],
    title: 'Therapy first',
    intro: 'Any one of these suggests a licensed professional first; coaching can follow, or sit alongside.',
  },
  {
    kinds: ['minor'],
    title: 'Therapy, or therapy with coaching alongside',
    intro: 'With a goal to work on, these suggest both; without one, a professional first.',
  },
  { kinds: ['both'], title: 'Coaching alongside therapy', intro: 'Checked before the “therapy first” rules.' },
  {
    kinds: ['preference'],
    title: 'What you prefer',
    intro: 'Not a sign of anything wrong: only a matter of what you want from support.',
  },
  {
    kinds: ['coaching'],
    title: 'Signs coaching fits',
    intro: 'Shown as reasons; when none of the rules above apply, the suggestion is coaching.',
  },
  {
    kinds: ['info'],
    title: 'Notes that change nothing',
    intro: 'These add help or information; the suggestion stays the same.',
  },
];

/** The public list of every rule in plain words, with the version and the coach's current cut-offs. */
export function HowWeDecidePage({ ctx, cutoffs }: { ctx: ViewContext; cutoffs: GuideCutoffs }) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'How the therapy-or-coaching guide decides',
        description:
          'Every rule the therapy-or-coaching guide follows, in plain words: how it weighs your answers, when it points to urgent help, and where each rule comes from.',
        path: '/guide/how-we-decide',
      }}
      narrow
    >
      <div class="guide">
        <h1>How we decide</h1>
        <p class="lead">
          The guide follows fixed, public rules. Here is every one of them, in the order they are checked. Rules version{' '}
          {RULES_VERSION}.
        </p>
        <p>
          The safety questions come first and are asked of everyone. The rules draw on the referral guidelines of
          coaching bodies and on short, free screening questions used in health care; they do not diagnose anything. A
          licensed clinician should review them before a practice relies on them, and the practice can adjust the
          cut-offs listed at the end.
        </p>
        {groups.map((g) => (
          <section aria-labelledby={`g-${g.kinds[0]}`}>
            <h2 id={`g-${g.kinds[0]}`}>{g.title}</h2>
            <p>{g.intro}</p>
            <table class="data rules">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">When</th>
                  <th scope="col">Based on</th>
                </tr>
              </thead>
              <tbody>
                {rules
                  .filter((r) => g.kinds.includes(r.kind))
                  .map((r) => (
                    <tr id={`rule-${r.id}`}>
                      <th scope="row">{r.id}</th>
                      <td>{r.rule}</td>
                      <td>{r.basis}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
        <h2>The order of the decision</h2>
        <ol>
          <li>Any “help right now” rule: crisis lines.</li>
          <li>Otherwise, already in therapy with a goal (and none of the exceptions): coaching alongside therapy.</li>
          <li>Otherwise, any “therapy first” rule: therapy.</li>
          <li>Otherwise, any rule of the third group: both if you have a goal, therapy if not.</li>
          <li>Otherwise, if your preferences lean towards therapy: therapy.</li>
          <li>Otherwise: coaching.</li>
        </ol>
        <h2>Cut-offs this practice uses</h2>
        <dl class="facts">
          {(Object.keys(cutoffRanges) as (keyof GuideCutoffs)[]).map((k) => (
            <div>
              <dt>{cutoffRanges[k].label}</dt>
              <dd>{cutoffs[k]}</dd>
            </div>
          ))}
        </dl>
        <p>
          <a class="button" href="/guide">
            Go to the guide
          </a>
        </p>
      </div>
    </Layout>
  );
}
