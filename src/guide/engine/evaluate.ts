import { questionById } from './questions.ts';
import { type Condition, type Outcome, preferenceWeights, RULES_VERSION, type Rule, rules } from './rules.ts';
import { defaultCutoffs, type GuideCutoffs } from './settings.ts';

/** One answer: a choice code, a list of ticked codes, or a whole number. */
export type AnswerValue = string | number | readonly string[];
/** Answers by question id (`phq2.1`, `safety.wish_dead_past_month` …), as parseAnswers returns them. */
export type Answers = Readonly<Record<string, AnswerValue>>;

export interface FiredRule {
  id: string;
  kind: Rule['kind'];
  reason: string;
  /** The question to revisit to change this reason. */
  asks: string;
}

export interface Evaluation {
  outcome: Outcome;
  fired: FiredRule[];
  version: string;
  /** Under 18 (M1): youth lines first; booking needs a guardian. */
  minor: boolean;
  /** How prominent the crisis panel is on the result page. */
  crisisPanel: 'small' | 'prominent' | 'full';
  /** Domestic-abuse lines should come first (abuse mentioned or danger now). */
  abuseMentioned: boolean;
}

const SCALES = new Set(['phq2.1', 'phq2.2', 'gad2.1', 'gad2.2', 'auditc.1', 'auditc.2', 'auditc.3', 'phq9_item9']);

function num(a: Answers, q: string): number | undefined {
  const v = a[q];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v) && SCALES.has(q)) return Number(v);
  return undefined;
}

/** The coaching preference score P: positive leans to coaching, negative to therapy. */
export function preferenceScore(a: Answers): number {
  let p = 0;
  for (const [q, weights] of Object.entries(preferenceWeights)) {
    const v = a[q];
    if (typeof v === 'string') p += weights[v] ?? 0;
  }
  return p;
}

function holds(c: Condition, a: Answers, cut: GuideCutoffs, fired: ReadonlySet<string>): boolean {
  const limit = (x: number | keyof GuideCutoffs) => (typeof x === 'number' ? x : cut[x]);
  if ('all' in c) return c.all.every((x) => holds(x, a, cut, fired));
  if ('any' in c) return c.any.some((x) => holds(x, a, cut, fired));
  if ('not' in c) return !holds(c.not, a, cut, fired);
  if ('fired' in c) return c.fired.some((id) => fired.has(id));
  if ('preferenceBelow' in c) return preferenceScore(a) < c.preferenceBelow;
  if ('sum' in c) {
    const parts = c.sum.map((q) => num(a, q));
    // A sum of missing items is not a low score: it is no score, so the rule cannot fire on it.
    if (parts.some((p) => p === undefined)) return false;
    return (parts as number[]).reduce((s, p) => s + p, 0) >= limit(c.atLeast);
  }
  const v = a[c.q];
  if ('unanswered' in c) return v === undefined;
  if ('is' in c) return typeof v === 'string' && (typeof c.is === 'string' ? v === c.is : c.is.includes(v));
  if ('has' in c) return Array.isArray(v) && v.includes(c.has);
  if ('hasAnyBut' in c) return Array.isArray(v) && v.some((x) => x !== c.hasAnyBut);
  const n = typeof v === 'number' ? v : num(a, c.q);
  return n !== undefined && n >= limit(c.atLeast);
}

function reasonFor(rule: Rule, a: Answers): string {
  if (!rule.reason.includes('{needs}')) return rule.reason;
  const q = questionById('needs');
  const picked = (Array.isArray(a.needs) ? a.needs : []).filter((v) => v !== 'none');
  const words = picked.map((v) => q?.options?.find((o) => o.value === v)?.short ?? v);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? 'clinical care');
  return rule.reason.replace('{needs}', list);
}

/** The rules that fire for these answers, in rule order (later rules may depend on earlier ones). */
export function firedRules(a: Answers, cutoffs: GuideCutoffs = defaultCutoffs): FiredRule[] {
  const ids = new Set<string>();
  const out: FiredRule[] = [];
  for (const rule of rules) {
    if (!holds(rule.when, a, cutoffs, ids)) continue;
    ids.add(rule.id);
    out.push({ id: rule.id, kind: rule.kind, reason: reasonFor(rule, a), asks: rule.asks });
  }
  return out;
}

/**
 * The decision (§5.4): urgent if any U rule fired; both when already in therapy with a goal (B1);
 * therapy on any major indicator; with only minor indicators, both if there is a goal, else therapy;
 * therapy when preferences lean that way (T12); otherwise coaching. Pure: same answers, same result.
 */
export function evaluate(answers: Answers, cutoffs: GuideCutoffs = defaultCutoffs): Evaluation {
  const fired = firedRules(answers, cutoffs);
  const has = (kind: Rule['kind']) => fired.some((f) => f.kind === kind);
  const hasGoal = answers.purpose === 'goal' || answers.purpose === 'both';
  let outcome: Outcome;
  if (has('urgent')) outcome = 'urgent';
  else if (has('both')) outcome = 'both';
  else if (has('major')) outcome = 'therapy';
  else if (has('minor')) outcome = hasGoal ? 'both' : 'therapy';
  else if (has('preference')) outcome = 'therapy';
  else outcome = 'coaching';
  const ids = new Set(fired.map((f) => f.id));
  return {
    outcome,
    fired,
    version: RULES_VERSION,
    minor: ids.has('M1'),
    crisisPanel: outcome === 'urgent' ? 'full' : ids.has('T3') || ids.has('S1') ? 'prominent' : 'small',
    abuseMentioned: Array.isArray(answers.areas) && answers.areas.includes('abuse_current'),
  };
}

/** The urgent rules that fire on the answers given so far (a page may be incomplete): non-empty → crisis page now. */
export function urgentRulesFired(partial: Answers): FiredRule[] {
  return firedRules(partial).filter((f) => f.kind === 'urgent');
}

/** Plain sentences on what would change the suggestion, from the fired rules and the outcome. */
export function whatWouldChange(e: Evaluation): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const changes = e.fired.map((f) => byId.get(f.id)?.change).filter((c): c is string => Boolean(c));
  if (e.outcome === 'coaching') {
    return [
      'If you started feeling low or anxious most days, found daily life hard to manage, or had thoughts of harming yourself, please talk to a doctor or therapist. Help is always there on our “Need help now?” page.',
    ];
  }
  if (e.outcome === 'urgent')
    return [
      'When you’re ready, a licensed therapist can help with what you’re going through; coaching can wait until then.',
    ];
  const out = [...new Set(changes)];
  if (e.outcome === 'therapy' && !e.fired.some((f) => ['T3', 'T4', 'T6', 'T7', 'T11'].includes(f.id))) {
    out.push('If you were already seeing a therapist and had a goal to work on, coaching alongside could fit.');
  }
  if (e.outcome === 'both') out.push('Coaching would be the main suggestion once the points above no longer apply.');
  return out;
}
