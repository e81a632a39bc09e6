/**
 * The question bank (research guide §5.3) as data. Each id is an answer key and the name of its
 * form field. Wording is our own except the PHQ-2 and GAD-2 items, which are used verbatim (free
 * to use, see `instrumentCredit`) because reworded items are no longer the validated screen.
 */

export type TopicId =
  | 'purpose'
  | 'safety'
  | 'safety-more'
  | 'support'
  | 'day-to-day'
  | 'areas'
  | 'areas-more'
  | 'approach'
  | 'about-you'
  | 'drinking';

export interface Choice {
  value: string;
  label: string;
  /** A few words for a sentence ("You're looking for a diagnosis…"). */
  short?: string;
}

export interface Question {
  id: string;
  topic: TopicId;
  /** one: radio buttons; many: checkboxes (with an explicit "none"); number: a whole number. */
  type: 'one' | 'many' | 'number';
  text: string;
  hint?: string;
  options?: Choice[];
  min?: number;
  max?: number;
  /** Asked only when an earlier answer is this (one) or includes this (many). */
  askedIf?: { q: string; is: string };
  /** What the person sees when this answer is missing or not one we offer. */
  missing: string;
  /** Only in the intake before a first booking, not in the public guide. */
  intakeOnly?: boolean;
  /** Asked only when the coach switched it on (guide settings `asksPhq9Item9`). */
  optIn?: 'phq9Item9';
  /** A line shown under the question (safe-messaging framing, what the answer leads to). */
  note?: string;
}

const yesNo: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const yesNoPrefer: Choice[] = [...yesNo, { value: 'prefer_not', label: 'I’d prefer not to say' }];
const twoWeeks: Choice[] = [
  { value: '0', label: 'Not at all' },
  { value: '1', label: 'Several days' },
  { value: '2', label: 'More than half the days' },
  { value: '3', label: 'Nearly every day' },
];

export const questions: readonly Question[] = Object.freeze([
  {
    id: 'purpose',
    topic: 'purpose',
    type: 'one',
    text: 'What would you most like help with right now?',
    options: [
      { value: 'goal', label: 'Reaching a goal or making a change: work, relationships, habits, how I perform' },
      {
        value: 'feel_better_or_past',
        label: 'Feeling better, or dealing with painful feelings or things from my past',
      },
      { value: 'both', label: 'Both of these' },
      { value: 'unsure', label: 'I’m not sure yet' },
    ],
    missing: 'Choose what you would most like help with, or “I’m not sure yet”.',
  },
  {
    id: 'safety.wish_dead_past_month',
    topic: 'safety',
    type: 'one',
    options: yesNoPrefer,
    text: 'In the past month, have you wished you were dead, or wished you could go to sleep and not wake up?',
    missing: 'Answer whether you have wished you were dead in the past month, or choose “I’d prefer not to say”.',
  },
  {
    id: 'safety.suicidal_thoughts_past_month',
    topic: 'safety',
    type: 'one',
    options: yesNoPrefer,
    text: 'In the past month, have you had any thoughts of ending your life?',
    missing:
      'Answer whether you have had thoughts of ending your life in the past month, or choose “I’d prefer not to say”.',
  },
  {
    id: 'safety.method_or_intent',
    topic: 'safety-more',
    type: 'one',
    options: yesNo,
    askedIf: { q: 'safety.suicidal_thoughts_past_month', is: 'yes' },
    text: 'Have you thought about how you might do it, or do you have any intention of acting on these thoughts?',
    missing: 'Answer whether you have thought about how, or intend to act on these thoughts.',
  },
  {
    id: 'safety.behaviour_past_3_months',
    topic: 'safety',
    type: 'one',
    options: yesNoPrefer,
    text: 'In the past 3 months, have you done anything, started to do anything, or prepared to do anything to end your life?',
    missing: 'Answer the question about the past 3 months, or choose “I’d prefer not to say”.',
  },
  {
    id: 'safety.self_harm_now_or_unsafe',
    topic: 'safety',
    type: 'one',
    options: yesNo,
    text: 'Are you hurting yourself at the moment, or do you feel you might not be able to keep yourself safe?',
    missing: 'Answer whether you are hurting yourself or might not be able to keep yourself safe.',
  },
  {
    id: 'safety.danger_to_or_from_others_now',
    topic: 'safety',
    type: 'one',
    options: yesNo,
    text: 'Right now, are you afraid someone may seriously hurt you, or that you may seriously hurt someone else?',
    missing: 'Answer whether you are afraid of serious harm right now, to you or from you.',
  },
  {
    // PHQ-9 item 9, word for word with its answer options (free to use, see instrumentCredit).
    // Asked only where the coach switched it on; never in the public guide.
    id: 'phq9_item9',
    topic: 'safety',
    type: 'one',
    intakeOnly: true,
    optIn: 'phq9Item9',
    options: twoWeeks,
    text: 'Over the last 2 weeks, how often have you been bothered by: thoughts that you would be better off dead, or of hurting yourself in some way?',
    note: 'If your answer is anything other than “Not at all”, the coach will see that answer (only that one) with your booking, so they can check in with you. If any of these thoughts feel strong right now, you don’t have to finish: the crisis lines are free and there for you any time.',
    missing: 'Choose how often you have had thoughts of being better off dead or of hurting yourself.',
  },
  {
    id: 'relationship',
    topic: 'support',
    type: 'one',
    text: 'What kind of support sounds most helpful?',
    options: [
      { value: 'partner', label: 'Someone to think, plan and stay accountable with, as equals' },
      { value: 'expert', label: 'A qualified professional who can assess what is going on and guide treatment' },
      { value: 'unsure', label: 'I’m not sure' },
    ],
    missing: 'Choose the kind of support that sounds most helpful, or “I’m not sure”.',
  },
  {
    id: 'needs',
    topic: 'support',
    type: 'many',
    text: 'Do you need any of these?',
    hint: 'Tick all that apply, or “None of these”.',
    options: [
      { value: 'diagnosis', label: 'A diagnosis or an assessment', short: 'a diagnosis or assessment' },
      {
        value: 'treatment',
        label: 'Treatment for a mental-health condition',
        short: 'treatment for a mental-health condition',
      },
      { value: 'medication', label: 'Help with medication', short: 'help with medication' },
      { value: 'clinical_letter', label: 'A clinical letter or report', short: 'a clinical letter or report' },
      {
        value: 'insurance',
        label: 'Care covered by insurance or a health plan',
        short: 'care covered by insurance or a health plan',
      },
      { value: 'none', label: 'None of these' },
    ],
    missing: 'Tick what you need, or tick “None of these”.',
  },
  {
    id: 'functioning',
    topic: 'day-to-day',
    type: 'one',
    text: 'Over the last 2 weeks, how have you been managing day-to-day things like work or study, home, sleep and looking after yourself?',
    options: [
      { value: 'fine', label: 'Mostly fine' },
      { value: 'some_hard_days', label: 'Some days are hard, but I’m getting by' },
      { value: 'struggling_most_days', label: 'Most days I’m struggling to manage' },
    ],
    missing: 'Choose how you have been managing day-to-day things.',
  },
  {
    id: 'phq2.1',
    topic: 'day-to-day',
    type: 'one',
    options: twoWeeks,
    text: 'Over the last 2 weeks, how often have you been bothered by: little interest or pleasure in doing things?',
    missing: 'Choose how often you have had little interest or pleasure in doing things.',
  },
  {
    id: 'phq2.2',
    topic: 'day-to-day',
    type: 'one',
    options: twoWeeks,
    text: 'Over the last 2 weeks, how often have you been bothered by: feeling down, depressed, or hopeless?',
    missing: 'Choose how often you have felt down, depressed or hopeless.',
  },
  {
    id: 'gad2.1',
    topic: 'day-to-day',
    type: 'one',
    options: twoWeeks,
    text: 'Over the last 2 weeks, how often have you been bothered by: feeling nervous, anxious, or on edge?',
    missing: 'Choose how often you have felt nervous, anxious or on edge.',
  },
  {
    id: 'gad2.2',
    topic: 'day-to-day',
    type: 'one',
    options: twoWeeks,
    text: 'Over the last 2 weeks, how often have you been bothered by: not being able to stop or control worrying?',
    missing: 'Choose how often you have not been able to stop or control worrying.',
  },
  {
    id: 'areas',
    topic: 'areas',
    type: 'many',
    text: 'Is any of this part of what is going on for you now?',
    hint: 'Tick all that apply, or “None of these”.',
    options: [
      { value: 'trauma_memories', label: 'Upsetting memories or flashbacks of something traumatic' },
      { value: 'abuse_current', label: 'Someone at home, or a partner, hurting, threatening or controlling me' },
      { value: 'eating', label: 'Problems with eating: restricting, bingeing or making myself sick' },
      {
        value: 'unusual_experiences_or_mood_swings',
        label: 'Hearing or seeing things others don’t, or big mood swings that disrupt my life',
      },
      { value: 'substances_out_of_control', label: 'Alcohol or drugs feel out of control, or are causing problems' },
      { value: 'grief', label: 'Grieving someone who died' },
      { value: 'none', label: 'None of these' },
    ],
    missing: 'Tick what is part of what is going on for you, or tick “None of these”.',
  },
  {
    id: 'abuse_danger_now',
    topic: 'areas-more',
    type: 'one',
    options: yesNo,
    askedIf: { q: 'areas', is: 'abuse_current' },
    text: 'You said someone is hurting, threatening or controlling you. Are you in danger right now?',
    missing: 'Answer whether you are in danger right now.',
  },
  {
    id: 'grief.months_since_loss',
    topic: 'areas-more',
    type: 'number',
    min: 0,
    max: 1200,
    askedIf: { q: 'areas', is: 'grief' },
    text: 'About how many months ago did they die?',
    hint: 'A whole number of months. Write 0 if it was less than a month ago.',
    missing: 'Enter about how many months ago they died, as a whole number such as 3 or 14.',
  },
  {
    id: 'grief.daily_life_very_hard',
    topic: 'areas-more',
    type: 'one',
    options: yesNo,
    askedIf: { q: 'areas', is: 'grief' },
    text: 'Is the grief making daily life very hard, most days?',
    missing: 'Answer whether the grief is making daily life very hard.',
  },
  {
    id: 'approach',
    topic: 'approach',
    type: 'one',
    text: 'Which sounds more like what you want from sessions?',
    options: [
      { value: 'action', label: 'Practical plans, tasks between sessions, tracking progress' },
      { value: 'explore', label: 'Space to explore feelings and understand where patterns come from' },
      { value: 'both', label: 'Both of these' },
    ],
    missing: 'Choose what you want from sessions.',
  },
  {
    id: 'time',
    topic: 'approach',
    type: 'one',
    text: 'How long do you picture getting support?',
    options: [
      { value: 'few_months', label: 'A few months, until I reach a goal' },
      { value: 'open_ended', label: 'Open-ended, as long as it takes' },
      { value: 'unsure', label: 'I’m not sure' },
    ],
    missing: 'Choose how long you picture getting support, or “I’m not sure”.',
  },
  {
    id: 'in_therapy',
    topic: 'about-you',
    type: 'one',
    text: 'Are you seeing a therapist, counsellor, psychologist or psychiatrist at the moment?',
    options: [
      { value: 'yes', label: 'Yes, at the moment' },
      { value: 'past', label: 'In the past, not now' },
      { value: 'no', label: 'No' },
    ],
    missing: 'Answer whether you are seeing a therapist or similar professional.',
  },
  {
    id: 'age_18_plus',
    topic: 'about-you',
    type: 'one',
    options: yesNo,
    text: 'Are you 18 or older?',
    missing: 'Answer whether you are 18 or older.',
  },
  ...(['1', '2', '3'] as const).map(
    (n): Question => ({
      id: `auditc.${n}`,
      topic: 'drinking',
      type: 'one',
      intakeOnly: true,
      ...auditcItem(n),
    }),
  ),
  {
    id: 'auditc.sex',
    topic: 'drinking',
    type: 'one',
    intakeOnly: true,
    text: 'The drinking questions are scored a little differently by sex. Which describes you?',
    options: [
      { value: 'male', label: 'Male' },
      { value: 'female', label: 'Female' },
      { value: 'other', label: 'Another way, or I’d prefer not to say' },
    ],
    missing: 'Choose one, or “Another way, or I’d prefer not to say”.',
  },
]);

function auditcItem(n: '1' | '2' | '3'): Pick<Question, 'text' | 'options' | 'missing'> {
  const freq = ['Never', 'Monthly or less', '2 to 4 times a month', '2 to 3 times a week', '4 or more times a week'];
  const amount = ['1 or 2', '3 or 4', '5 or 6', '7 to 9', '10 or more'];
  const often = ['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily'];
  const opts = (labels: string[]) => labels.map((label, i) => ({ value: String(i), label }));
  if (n === '1')
    return {
      text: 'How often do you have a drink containing alcohol?',
      options: opts(freq),
      missing: 'Choose how often you have a drink containing alcohol.',
    };
  if (n === '2')
    return {
      text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
      options: opts(amount),
      missing: 'Choose how many drinks you have on a typical drinking day.',
    };
  return {
    text: 'How often do you have six or more drinks on one occasion?',
    options: opts(often),
    missing: 'Choose how often you have six or more drinks on one occasion.',
  };
}

/** The pages of the public guide, in order (one topic per page, §5.2). */
export const guideTopics: readonly TopicId[] = [
  'purpose',
  'safety',
  'safety-more',
  'support',
  'day-to-day',
  'areas',
  'areas-more',
  'approach',
  'about-you',
];
/** The intake before a first booking adds the drinking questions (AUDIT-C). */
export const intakeTopicIds: readonly TopicId[] = [...guideTopics, 'drinking'];

export const topicTitles: Readonly<Record<TopicId, string>> = {
  purpose: 'What you would like help with',
  safety: 'Your safety: we ask everyone this',
  'safety-more': 'A little more about those thoughts',
  support: 'The kind of support you want',
  'day-to-day': 'Day to day, over the last two weeks',
  areas: 'What is going on for you',
  'areas-more': 'A little more about that',
  approach: 'What you want from sessions',
  'about-you': 'About you',
  drinking: 'Drinking',
};

export type Mode = 'guide' | 'intake';

/** Questions a coach may add to the intake (guide settings); none by default. */
export interface OptIns {
  phq9Item9?: boolean;
}

/** The questions asked in a mode, in order; opt-in questions only when switched on. */
export function questionsFor(mode: Mode, optIns: OptIns = {}): Question[] {
  return questions.filter((q) => (mode === 'intake' || !q.intakeOnly) && (!q.optIn || optIns[q.optIn] === true));
}

export function questionById(id: string): Question | undefined {
  return questions.find((q) => q.id === id);
}

/** Credit for the two screens used word for word. */
export const instrumentCredit =
  'The four “how often” questions are the PHQ-2 and GAD-2, developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission is required to reproduce them (nor the PHQ-9’s question 9, where the practice asks it). The safety questions are our own wording, modelled on the structure of the Columbia screener; they are not a validated instrument.';
