/**
 * Short situations with the answers such a person would give and the outcome the rules should
 * produce (research guide §5.6). Written for this project; used by the engine tests and the
 * browser tests. Answers are form values, as a browser sends them.
 */
export type FormAnswers = Record<string, string | string[]>;

/** Someone who is managing well and wants a goal: every safety answer "no". */
export const calmGoalSeeker: Readonly<FormAnswers> = Object.freeze({
  purpose: 'goal',
  'safety.wish_dead_past_month': 'no',
  'safety.suicidal_thoughts_past_month': 'no',
  'safety.behaviour_past_3_months': 'no',
  'safety.self_harm_now_or_unsafe': 'no',
  'safety.danger_to_or_from_others_now': 'no',
  relationship: 'partner',
  needs: 'none',
  functioning: 'fine',
  'phq2.1': '0',
  'phq2.2': '0',
  'gad2.1': '0',
  'gad2.2': '0',
  areas: 'none',
  approach: 'action',
  time: 'few_months',
  in_therapy: 'no',
  age_18_plus: 'yes',
});

export interface Vignette {
  story: string;
  answers: FormAnswers;
  outcome: 'coaching' | 'therapy' | 'both' | 'urgent';
  /** Rules that must be among those fired. */
  fires?: string[];
  /** Rules that must not fire. */
  notFires?: string[];
  intake?: boolean;
}

const v = (
  story: string,
  change: FormAnswers,
  outcome: Vignette['outcome'],
  more: Partial<Vignette> = {},
): Vignette => ({
  story,
  answers: { ...calmGoalSeeker, ...change },
  outcome,
  ...more,
});

export const vignettes: readonly Vignette[] = [
  // Clear coaching
  v('A team lead wants to prepare for a promotion in four months.', {}, 'coaching', {
    fires: ['C1', 'C2', 'C3', 'C4', 'C5'],
  }),
  v(
    'A freelancer wants structure to finish a book; a few hard days, mood fine.',
    { functioning: 'some_hard_days' },
    'coaching',
  ),
  v(
    'Someone unsure what they want but leaning to plans and a partner.',
    { purpose: 'unsure', time: 'unsure' },
    'coaching',
  ),
  v(
    'A parent back at work after leave wants a routine; mild worry on several days.',
    { 'gad2.1': '1', 'gad2.2': '1' },
    'coaching',
    { notFires: ['t2'] },
  ),
  v(
    'Burn-out: exhausted by the job, distant from it, but mood and worry low, managing.',
    { functioning: 'some_hard_days', 'phq2.1': '1', 'phq2.2': '1' },
    'coaching',
    { notFires: ['t1'] },
  ),
  v('Someone who had therapy years ago and now wants career coaching.', { in_therapy: 'past' }, 'coaching'),
  v(
    'A relationship coaching client: wants to communicate better with a partner, no abuse.',
    { purpose: 'both', approach: 'both' },
    'coaching',
  ),
  v(
    'Drinks a little: intake, a glass twice a month.',
    { 'auditc.1': '2', 'auditc.2': '0', 'auditc.3': '0', 'auditc.sex': 'female' },
    'coaching',
    { intake: true, notFires: ['t6a'] },
  ),
  // Clear therapy
  v('Struggling most days to get out of bed and to work.', { functioning: 'struggling_most_days' }, 'therapy', {
    fires: ['T4'],
  }),
  v(
    'Flashbacks after an accident; wants them to stop.',
    { purpose: 'feel_better_or_past', areas: 'trauma_memories' },
    'therapy',
    { fires: ['T5'] },
  ),
  v('Bingeing and making themself sick.', { areas: 'eating' }, 'therapy', { fires: ['T7'] }),
  v('Hearing voices others do not.', { areas: 'unusual_experiences_or_mood_swings' }, 'therapy', { fires: ['T8'] }),
  v(
    'Needs a diagnosis for work adjustments and an insurer’s cover.',
    { needs: ['insurance', 'diagnosis'] },
    'therapy',
    { fires: ['T9'] },
  ),
  v(
    'Wants to heal from the past, with an expert, open-ended: a preference.',
    { purpose: 'feel_better_or_past', relationship: 'expert', approach: 'explore', time: 'open_ended' },
    'therapy',
    { fires: ['T12'] },
  ),
  v(
    'Low mood nearly every day and no particular goal.',
    { purpose: 'feel_better_or_past', 'phq2.1': '2', 'phq2.2': '2' },
    'therapy',
    { fires: ['t1'] },
  ),
  v('Drinking feels out of control.', { areas: 'substances_out_of_control' }, 'therapy', {
    fires: ['T6'],
    notFires: ['t6a'],
  }),
  // Crisis
  v(
    'Thoughts of ending their life this month, no plan.',
    { 'safety.suicidal_thoughts_past_month': 'yes', 'safety.method_or_intent': 'no' },
    'urgent',
    { fires: ['U1'] },
  ),
  v(
    'Thoughts, and has thought about how.',
    { 'safety.suicidal_thoughts_past_month': 'yes', 'safety.method_or_intent': 'yes' },
    'urgent',
    { fires: ['U1', 'U2'] },
  ),
  v(
    'Prepared something to end their life last month, otherwise calm answers.',
    { 'safety.behaviour_past_3_months': 'yes' },
    'urgent',
    { fires: ['U3'] },
  ),
  v('Hurting themself at the moment.', { 'safety.self_harm_now_or_unsafe': 'yes' }, 'urgent', { fires: ['U4'] }),
  v('Afraid they may seriously hurt someone.', { 'safety.danger_to_or_from_others_now': 'yes' }, 'urgent', {
    fires: ['U5'],
  }),
  v(
    'Partner is controlling and they are in danger tonight.',
    { areas: 'abuse_current', abuse_danger_now: 'yes' },
    'urgent',
    { fires: ['U5'], notFires: ['T11'] },
  ),
  // Borderline
  v(
    'Passive wish to be dead, no thoughts of acting, wants a career goal.',
    { 'safety.wish_dead_past_month': 'yes' },
    'therapy',
    { fires: ['T3'] },
  ),
  v(
    'Passive wish to be dead, already in therapy, has a goal: B1 is blocked.',
    { 'safety.wish_dead_past_month': 'yes', in_therapy: 'yes' },
    'therapy',
    { fires: ['T3'], notFires: ['B1'] },
  ),
  v(
    'Grief: mother died 2 months ago, wants help returning to work.',
    { areas: 'grief', 'grief.months_since_loss': '2', 'grief.daily_life_very_hard': 'yes' },
    'both',
    { fires: ['t10a'], notFires: ['T10'] },
  ),
  v(
    'Grief: partner died 14 months ago, daily life very hard.',
    { areas: 'grief', 'grief.months_since_loss': '14', 'grief.daily_life_very_hard': 'yes' },
    'therapy',
    { fires: ['T10'] },
  ),
  v(
    'Grief: a loss 8 months ago, sad but daily life manageable, no goal.',
    { purpose: 'unsure', areas: 'grief', 'grief.months_since_loss': '8', 'grief.daily_life_very_hard': 'no' },
    'therapy',
    { fires: ['t10a'] },
  ),
  v(
    'Coercive control: a partner checks their phone and money, not in danger now, wants relationship coaching.',
    { areas: 'abuse_current', abuse_danger_now: 'no' },
    'therapy',
    { fires: ['T11'] },
  ),
  v(
    'Already in therapy for trauma, wants coaching for a career move.',
    { in_therapy: 'yes', areas: 'trauma_memories' },
    'both',
    { fires: ['B1', 'T5'] },
  ),
  v(
    'Already in therapy, struggling most days: B1 blocked.',
    { in_therapy: 'yes', functioning: 'struggling_most_days' },
    'therapy',
    { notFires: ['B1'] },
  ),
  v(
    'Drinking above limits (intake), a man, wants a fitness goal.',
    { 'auditc.1': '3', 'auditc.2': '1', 'auditc.3': '1', 'auditc.sex': 'male' },
    'both',
    { intake: true, fires: ['t6a'] },
  ),
  v(
    'Drinking at 3 points, not male: counts for everyone else (intake).',
    { 'auditc.1': '2', 'auditc.2': '1', 'auditc.3': '0', 'auditc.sex': 'other' },
    'both',
    { intake: true, fires: ['t6a'] },
  ),
  v(
    'Drinking at 3 points, male: below his cut-off (intake).',
    { 'auditc.1': '2', 'auditc.2': '1', 'auditc.3': '0', 'auditc.sex': 'male' },
    'coaching',
    { intake: true, notFires: ['t6a'] },
  ),
  v('A 16-year-old who wants study habits: same outcome, youth note.', { age_18_plus: 'no' }, 'coaching', {
    fires: ['M1'],
  }),
  v(
    'A 17-year-old with thoughts of ending their life.',
    { age_18_plus: 'no', 'safety.suicidal_thoughts_past_month': 'yes', 'safety.method_or_intent': 'no' },
    'urgent',
    { fires: ['U1', 'M1'] },
  ),
  v('Worry most days and a clear goal: both.', { 'gad2.1': '2', 'gad2.2': '2' }, 'both', { fires: ['t2'] }),
  v(
    'Prefers not to answer the safety questions, otherwise coaching.',
    { 'safety.wish_dead_past_month': 'prefer_not', 'safety.suicidal_thoughts_past_month': 'prefer_not' },
    'coaching',
    { fires: ['S1'], notFires: ['U6'] },
  ),
  v(
    'Already in therapy, no goal: B1 needs a goal.',
    { in_therapy: 'yes', purpose: 'feel_better_or_past', areas: 'trauma_memories' },
    'therapy',
    { notFires: ['B1'] },
  ),
];
