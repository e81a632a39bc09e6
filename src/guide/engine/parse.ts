import type { Answers, AnswerValue } from './evaluate.ts';
import { type Mode, type OptIns, type Question, questionsFor, type TopicId } from './questions.ts';

export type ParsedAnswers =
  | { ok: true; answers: Answers }
  | { ok: false; errors: Record<string, string>; answers: Answers };

export interface ParseOptions {
  /** 'guide' (default) or 'intake', which adds the drinking questions. */
  mode?: Mode;
  /** Only these topics must be complete; answers to the others are kept when valid. */
  topics?: readonly TopicId[];
  /** Questions the coach added (PHQ-9 question 9); without it such an answer is ignored. */
  optIns?: OptIns;
}

type One = { value: AnswerValue } | { error: string };

function readOne(q: Question, raw: unknown): One | undefined {
  if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return undefined;
  const offered = new Set(q.options?.map((o) => o.value));
  const notOffered = { error: `That answer is not one of the choices. ${q.missing}` };
  if (q.type === 'many') {
    const list = (Array.isArray(raw) ? raw : [raw]) as unknown[];
    if (!list.every((v): v is string => typeof v === 'string' && offered.has(v))) return notOffered;
    const set = new Set(list);
    if (set.has('none') && set.size > 1) return { error: 'Tick “None of these” or the ones that apply, not both.' };
    // Kept in the order the options are listed, so the order they arrived in never matters.
    return { value: q.options!.map((o) => o.value).filter((v) => set.has(v)) };
  }
  if (typeof raw !== 'string') return notOffered;
  if (q.type === 'number') {
    const t = raw.trim();
    if (t === '') return undefined;
    if (!/^\d{1,4}$/.test(t)) return { error: `Write a whole number, like 3 or 14. ${q.missing}` };
    const n = Number(t);
    if (n < (q.min ?? 0) || n > (q.max ?? 9999))
      return { error: `Write a number from ${q.min ?? 0} to ${q.max ?? 9999}.` };
    return { value: n };
  }
  if (!offered.has(raw)) return notOffered;
  return { value: /^phq2|^phq9|^gad2|^auditc\.\d/.test(q.id) ? Number(raw) : raw };
}

/** True when a follow-up is asked, given the answers before it. */
export function isAsked(q: Question, answers: Answers): boolean {
  if (!q.askedIf) return true;
  const v = answers[q.askedIf.q];
  return Array.isArray(v) ? v.includes(q.askedIf.is) : v === q.askedIf.is;
}

/**
 * Reads answers from a form body (or any object keyed by question id). A missing or malformed
 * answer is refused with that question's own message; it is never read as "no". Follow-ups that
 * no longer apply (an earlier answer changed) are dropped. Unknown keys are ignored.
 */
export function parseAnswers(input: unknown, opts: ParseOptions = {}): ParsedAnswers {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const answers: Record<string, AnswerValue> = {};
  const errors: Record<string, string> = {};
  for (const q of questionsFor(opts.mode ?? 'guide', opts.optIns)) {
    if (!isAsked(q, answers)) continue;
    const inScope = !opts.topics || opts.topics.includes(q.topic);
    const read = readOne(q, Object.hasOwn(body, q.id) ? body[q.id] : undefined);
    if (read && 'value' in read) answers[q.id] = read.value;
    else if (inScope) errors[q.id] = read?.error ?? q.missing;
  }
  return Object.keys(errors).length === 0 ? { ok: true, answers } : { ok: false, errors, answers };
}

/** The answers as form fields again (name → values), for hidden inputs that carry them forward. */
export function answersToFields(answers: Answers): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(answers)) {
    if (Array.isArray(v)) for (const x of v) out.push([k, x]);
    else out.push([k, String(v)]);
  }
  return out;
}
