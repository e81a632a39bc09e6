import type { GuideCutoffs } from './settings.ts';

/**
 * The decision rules (research guide §5.4) as data: an id, a kind, a condition, the reason shown
 * to the person, what would change it, and where it comes from. `evaluate` interprets them; the
 * public "How we decide" page prints them. Change a rule → move RULES_VERSION.
 */
export const RULES_VERSION = '1.0.0 (27 November 2026)';

/** A condition over the answers. `fired` refers to rules earlier in the list. */
export type Condition =
  | { q: string; is: string | readonly string[] }
  | { q: string; has: string }
  | { q: string; hasAnyBut: string }
  | { q: string; unanswered: true }
  | { q: string; atLeast: number | keyof GuideCutoffs }
  | { sum: readonly string[]; atLeast: number | keyof GuideCutoffs }
  | { preferenceBelow: number }
  | { fired: readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/**
 * urgent: crisis help now. major: therapy first. minor: therapy, or both with a coaching goal.
 * preference: therapy because of what the person prefers, not because of illness. both: coaching
 * alongside current treatment. coaching: a reason coaching fits. info: changes nothing, adds help.
 */
export type RuleKind = 'urgent' | 'major' | 'minor' | 'preference' | 'both' | 'coaching' | 'info';

export interface Rule {
  id: string;
  kind: RuleKind;
  when: Condition;
  /** Shown to the person, in their words; `{needs}` is replaced by what they ticked. */
  reason: string;
  /** The condition in plain words for "How we decide". */
  rule: string;
  /** The answer to revisit to change this reason (its question id). */
  asks: string;
  /** What would have to be different for this rule not to apply. */
  change?: string;
  basis: string;
}

const yes = (q: string): Condition => ({ q, is: 'yes' });
const HAS_GOAL: Condition = { q: 'purpose', is: ['goal', 'both'] };
const URGENT = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] as const;
const SAFETY_ITEMS = [
  'safety.wish_dead_past_month',
  'safety.suicidal_thoughts_past_month',
  'safety.behaviour_past_3_months',
];

export const rules: readonly Rule[] = Object.freeze([
  {
    id: 'U1',
    kind: 'urgent',
    when: yes('safety.suicidal_thoughts_past_month'),
    asks: 'safety.suicidal_thoughts_past_month',
    rule: 'Thoughts of ending your life in the past month.',
    reason: 'You said you’ve had thoughts of ending your life in the past month.',
    basis: 'Columbia screener item 2; kept urgent because no clinician reviews the answers.',
  },
  {
    id: 'U2',
    kind: 'urgent',
    when: yes('safety.method_or_intent'),
    asks: 'safety.method_or_intent',
    rule: 'Having thought about how, or intending to act on those thoughts.',
    reason: 'You said you’ve thought about how, or might act on those thoughts.',
    basis: 'Columbia screener items 3 to 5, the most worrying answers.',
  },
  {
    id: 'U3',
    kind: 'urgent',
    when: yes('safety.behaviour_past_3_months'),
    asks: 'safety.behaviour_past_3_months',
    rule: 'Doing or preparing something to end your life in the past 3 months.',
    reason: 'You said you’ve done or prepared something to end your life in the last 3 months.',
    basis: 'Columbia screener behaviour question, among the most worrying answers.',
  },
  {
    id: 'U4',
    kind: 'urgent',
    when: yes('safety.self_harm_now_or_unsafe'),
    asks: 'safety.self_harm_now_or_unsafe',
    rule: 'Hurting yourself now, or feeling you may not be able to stay safe.',
    reason: 'You said you’re hurting yourself, or may not be able to keep yourself safe.',
    basis: 'ICF guidance for emergencies.',
  },
  {
    id: 'U5',
    kind: 'urgent',
    when: { any: [yes('safety.danger_to_or_from_others_now'), yes('abuse_danger_now')] },
    asks: 'safety.danger_to_or_from_others_now',
    rule: 'Being in danger now, or afraid you may seriously hurt someone.',
    reason: 'You said you’re in danger, or afraid you may seriously hurt someone.',
    basis: 'ICF guidance for emergencies.',
  },
  {
    id: 'U6',
    kind: 'urgent',
    asks: 'phq9_item9',
    rule: 'Where a practice asks PHQ-9 question 9: any thoughts of death or self-harm, when the safety questions were not answered.',
    when: {
      all: [
        { q: 'phq9_item9', atLeast: 1 },
        {
          any: [
            ...SAFETY_ITEMS.map((q) => ({ q, is: 'prefer_not' })),
            ...SAFETY_ITEMS.map((q) => ({ q, unanswered: true as const })),
          ],
        },
      ],
    },
    reason: 'One of your answers was about thoughts of death or self-harm, and we couldn’t check it further.',
    basis: 'PHQ-9 item 9 predicts later attempts; a fail-safe.',
  },
  {
    id: 'T3',
    kind: 'major',
    when: { all: [yes('safety.wish_dead_past_month'), { not: { fired: URGENT } }] },
    asks: 'safety.wish_dead_past_month',
    rule: 'Wishing you were dead in the past month.',
    reason:
      'You said you’ve sometimes wished you were dead. That is worth talking through with a licensed professional soon.',
    change: 'If those wishes have passed, coaching may fit later; a professional can help you judge that.',
    basis: 'The ASQ treats any yes as needing a clinician’s follow-up; Columbia screener item 1.',
  },
  {
    id: 'T4',
    kind: 'major',
    when: { q: 'functioning', is: 'struggling_most_days' },
    asks: 'functioning',
    rule: 'Struggling to manage daily life on most days.',
    reason: 'You said that most days you’re struggling to manage daily life.',
    change: 'If day-to-day life became mostly manageable again.',
    basis: 'ICF referral guidelines: the problem interferes with daily functioning.',
  },
  {
    id: 'T5',
    kind: 'major',
    when: { q: 'areas', has: 'trauma_memories' },
    asks: 'areas',
    rule: 'Upsetting memories or flashbacks of something traumatic.',
    reason: 'You mentioned upsetting memories or flashbacks.',
    change: 'If you were already working on this with a therapist and have a goal, coaching alongside could fit.',
    basis: 'Trauma work belongs with a therapist (ICF; the seed article).',
  },
  {
    id: 'T6',
    kind: 'major',
    when: { q: 'areas', has: 'substances_out_of_control' },
    asks: 'areas',
    rule: 'Alcohol or drugs feeling out of control or causing problems.',
    reason: 'You said alcohol or drugs feel out of control or are causing problems.',
    change: 'Once alcohol or drugs no longer feel out of control.',
    basis: 'Substance misuse is therapy territory (ICF; the seed article).',
  },
  {
    id: 'T7',
    kind: 'major',
    when: { q: 'areas', has: 'eating' },
    asks: 'areas',
    rule: 'Problems with eating.',
    reason: 'You mentioned problems with eating.',
    change: 'Once eating is no longer a problem, or is well looked after by a professional.',
    basis: 'Eating disorders are on ICF’s list for referral.',
  },
  {
    id: 'T8',
    kind: 'major',
    when: { q: 'areas', has: 'unusual_experiences_or_mood_swings' },
    asks: 'areas',
    rule: 'Unusual experiences, or mood swings that disrupt life.',
    reason: 'You mentioned experiences or mood swings that disrupt your life.',
    change: 'If you were already working on this with a professional and have a goal, coaching alongside could fit.',
    basis: 'Thought disorders and marked mood change are on ICF’s list for referral.',
  },
  {
    id: 'T9',
    kind: 'major',
    when: { q: 'needs', hasAnyBut: 'none' },
    asks: 'needs',
    rule: 'Needing a diagnosis, treatment, help with medication, a clinical letter or insured care.',
    reason: 'You’re looking for {needs}, which a coach can’t provide.',
    change: 'If you didn’t need these, or already had them from a professional.',
    basis: 'Coaches cannot diagnose or treat (the seed article).',
  },
  {
    id: 'T10',
    kind: 'major',
    when: {
      all: [
        { q: 'areas', has: 'grief' },
        { q: 'grief.months_since_loss', atLeast: 'griefMonths' },
        yes('grief.daily_life_very_hard'),
      ],
    },
    asks: 'grief.months_since_loss',
    rule: 'Grief that makes daily life very hard, at least the configured number of months after the loss (6 by default).',
    reason: 'You’re grieving intensely some time after the loss, and it’s making daily life very hard.',
    change: 'If the grief eased enough that daily life was manageable.',
    basis: 'ICD-11 prolonged grief uses at least 6 months; other criteria use up to 12.',
  },
  {
    id: 'T11',
    kind: 'major',
    when: { all: [{ q: 'areas', has: 'abuse_current' }, { not: yes('abuse_danger_now') }] },
    asks: 'areas',
    rule: 'Someone hurting, threatening or controlling you.',
    reason:
      'You mentioned someone hurting, threatening or controlling you. Relationship coaching isn’t the right tool while that is happening.',
    change: 'Once you are safe from that person, with support.',
    basis: 'Couples work is not advised while abuse is going on.',
  },
  {
    id: 't1',
    kind: 'minor',
    when: { sum: ['phq2.1', 'phq2.2'], atLeast: 'phq2' },
    asks: 'phq2.1',
    rule: 'Feeling down or losing interest on many days (PHQ-2 at or above the cut-off, 3 by default).',
    reason: 'You’ve felt down or lost interest in things on many days recently.',
    change: 'If low mood and loss of interest came less often.',
    basis: 'PHQ-2 (Kroenke 2003; Arroll 2010).',
  },
  {
    id: 't2',
    kind: 'minor',
    when: { sum: ['gad2.1', 'gad2.2'], atLeast: 'gad2' },
    asks: 'gad2.1',
    rule: 'Feeling nervous or unable to stop worrying on many days (GAD-2 at or above the cut-off, 3 by default).',
    reason: 'You’ve felt nervous, or unable to stop worrying, on many days.',
    change: 'If worry and nervousness came less often.',
    basis: 'GAD-2 (Kroenke 2007).',
  },
  {
    id: 't6a',
    kind: 'minor',
    asks: 'auditc.1',
    rule: 'Intake only: drinking above the AUDIT-C cut-off (4 for men, 3 for everyone else by default), when alcohol does not already feel out of control.',
    when: {
      all: [
        { not: { fired: ['T6'] } },
        {
          any: [
            {
              all: [
                { q: 'auditc.sex', is: 'male' },
                { sum: ['auditc.1', 'auditc.2', 'auditc.3'], atLeast: 'auditcMale' },
              ],
            },
            {
              all: [
                { q: 'auditc.sex', is: ['female', 'other'] },
                { sum: ['auditc.1', 'auditc.2', 'auditc.3'], atLeast: 'auditcOther' },
              ],
            },
          ],
        },
      ],
    },
    reason: 'Your drinking is above recommended levels; it would be worth talking to a doctor about it.',
    change: 'If you drank less.',
    basis: 'AUDIT-C (Bush 1998; Bradley 2003).',
  },
  {
    id: 't10a',
    kind: 'minor',
    when: { all: [{ q: 'areas', has: 'grief' }, { not: { fired: ['T10'] } }] },
    asks: 'areas',
    rule: 'Grieving someone who died (when the prolonged-grief rule does not apply).',
    reason: 'You’re grieving a loss; bereavement support can help alongside anything practical.',
    change: 'Grief is not an illness; this is a suggestion of extra support, not a barrier.',
    basis: 'The seed article names grief as therapy territory.',
  },
  {
    id: 'B1',
    kind: 'both',
    when: { all: [yes('in_therapy'), HAS_GOAL, { not: { fired: ['T3', 'T4', 'T6', 'T7', 'T11'] } }] },
    asks: 'in_therapy',
    rule: 'Already seeing a therapist, with a goal to work on, unless there is a wish to be dead, daily life is a struggle, alcohol or drugs are out of control, eating is a problem, or there is abuse.',
    reason: 'You’re already seeing a therapist and have a goal to work on, so coaching can sit alongside.',
    basis: 'Benham & Fox: coaching can help alongside treatment while progress continues.',
  },
  {
    id: 'T12',
    kind: 'preference',
    when: { preferenceBelow: 0 },
    asks: 'approach',
    rule: 'Your preferences lean towards exploring feelings with a professional, open-ended (a preference, not a sign of illness).',
    reason:
      'What you want from support (exploring feelings, an expert, open-ended time) is closer to what therapy offers.',
    change: 'If you wanted practical plans, a thinking partner, or a few months towards a goal.',
    basis: 'The seed article’s seven dimensions.',
  },
  {
    id: 'C1',
    kind: 'coaching',
    when: { q: 'purpose', is: 'goal' },
    asks: 'purpose',
    rule: 'Wanting to reach a goal or make a change.',
    reason: 'You want to reach a goal or make a change.',
    basis: 'Dimension 1: coaching looks forward, to goals.',
  },
  {
    id: 'C2',
    kind: 'coaching',
    when: { q: 'relationship', is: 'partner' },
    asks: 'relationship',
    rule: 'Wanting a thinking partner rather than an expert.',
    reason: 'You’d like a partner to think, plan and stay accountable with.',
    basis: 'Dimension 2: a collaborative relationship.',
  },
  {
    id: 'C3',
    kind: 'coaching',
    when: { q: 'approach', is: 'action' },
    asks: 'approach',
    rule: 'Preferring practical plans and tasks between sessions.',
    reason: 'You prefer practical plans and tasks between sessions.',
    basis: 'Dimension 5: goal-setting and accountability.',
  },
  {
    id: 'C4',
    kind: 'coaching',
    when: { q: 'time', is: 'few_months' },
    asks: 'time',
    rule: 'Picturing a few months of support.',
    reason: 'You picture a few months of support, until you reach a goal.',
    basis: 'Dimension 6: coaching is usually short-term.',
  },
  {
    id: 'C5',
    kind: 'coaching',
    when: { q: 'functioning', is: 'fine' },
    asks: 'functioning',
    rule: 'Managing day-to-day life mostly fine.',
    reason: 'Day-to-day life is mostly manageable for you.',
    basis: 'Dimension 7: coaching suits people who are managing.',
  },
  {
    id: 'M1',
    kind: 'info',
    when: { q: 'age_18_plus', is: 'no' },
    asks: 'age_18_plus',
    rule: 'Being under 18: the suggestion is the same, youth lines come first, and booking needs a parent’s or guardian’s consent.',
    reason:
      'You’re under 18. Lines for young people come first below, and coaching would need a parent’s or guardian’s agreement.',
    basis: 'ICF guidance on coaching minors.',
  },
  {
    id: 'S1',
    kind: 'info',
    when: { any: SAFETY_ITEMS.map((q) => ({ q, is: 'prefer_not' })) },
    asks: 'safety.wish_dead_past_month',
    rule: 'Choosing not to answer a safety question: nothing changes, and help is shown below.',
    reason: 'You chose not to answer a safety question. That’s fine. Help is listed below if you ever need it.',
    basis: 'Research guide §5.4: the crisis panel is always shown.',
  },
]);

/** The four outcomes, best to worst for coaching. */
export type Outcome = 'coaching' | 'therapy' | 'both' | 'urgent';

/** The preference score P from dimensions 1, 2, 5 and 6 (§5.4). */
export const preferenceWeights: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  purpose: { goal: 1, feel_better_or_past: -1 },
  relationship: { partner: 1, expert: -1 },
  approach: { action: 1, explore: -1 },
  time: { few_months: 1, open_ended: -1 },
};
