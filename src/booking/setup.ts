import { z } from 'zod';
import { canonicalTimeZone, isLocalDate, isTimeZone } from '../time/index.ts';
import type { BookableService } from './booking.queries.ts';
import type { ServiceBookingRules } from './booking.tables.ts';
import { MAX_SERIES } from './series.ts';
import type { WallRange } from './slots.ts';

/** "09:00-12:00, 13:30-17:00" → ranges in minutes; '' → none (closed). Undefined when it cannot be read. */
export function parseRanges(text: string): WallRange[] | undefined {
  const t = text.trim();
  if (t === '') return [];
  const out: WallRange[] = [];
  for (const part of t.split(/[,;]/)) {
    const m = /^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$/.exec(part);
    if (!m) return undefined;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || start >= end || end > 1440) return undefined;
    out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** Ranges back to text, as the form shows them. */
export function formatRanges(ranges: WallRange[]): string {
  return ranges.map((r) => `${hhmm(r.start)}-${hhmm(r.end)}`).join(', ');
}

const rangesField = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const r = parseRanges(v ?? '');
    if (!r) {
      ctx.addIssue({
        code: 'custom',
        message: 'Write hours like 09:00-12:00, 13:00-17:00, or leave it empty for a day off.',
      });
      return z.NEVER;
    }
    return r;
  });

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Weekdays 1 (Monday) … 7 (Sunday) starting on the first day of the week where the coach lives (Sunday in en-US). */
export function weekdaysInOrder(locale: string): number[] {
  let first = 1;
  try {
    // getWeekInfo() in Node 24; weekInfo in older engines; Monday when neither knows.
    const l = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    first = l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay ?? 1;
  } catch {
    first = 1;
  }
  if (!Number.isInteger(first) || first < 1 || first > 7) first = 1;
  return [0, 1, 2, 3, 4, 5, 6].map((i) => ((first - 1 + i) % 7) + 1);
}

/**
 * The weekly hours form's field names: each row of a weekday is `d<weekday>.<row>.from`, `.to`
 * and `.remove` (a checkbox), the weekday 1 (Monday) … 7 (Sunday). Flat names, because a form
 * value is one string; the row numbers only keep a row's fields together and need not be dense.
 */
export const weeklyField = (weekday: number, row: number, part: 'from' | 'to' | 'remove') =>
  `d${weekday}.${row}.${part}`;
const weeklyKey = /^d([1-7])\.(\d{1,3})\.(from|to|remove)$/;
/** More rows than anyone works in a day; a bigger form was not sent by the page. */
export const MAX_ROWS_PER_DAY = 24;

/** The row numbers present in the typed values for each weekday, in order. */
export function weeklyRows(values: Record<string, string>): Record<number, number[]> {
  const rows: Record<number, Set<number>> = {};
  for (const key of Object.keys(values)) {
    const m = weeklyKey.exec(key);
    if (!m) continue;
    const day = Number(m[1]);
    rows[day] ??= new Set();
    rows[day].add(Number(m[2]));
  }
  return Object.fromEntries(Object.entries(rows).map(([d, set]) => [d, [...set].sort((a, b) => a - b)]));
}

/** Minutes as the time input shows them; midnight at the end of the day is 00:00 again. */
export const timeValue = (m: number) => hhmm(m % 1440);

/** The weekly hours as the form shows them: the saved rows, then one blank row per day. */
export function weeklyFormValues(weekly: Record<number, WallRange[]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (let d = 1; d <= 7; d++) {
    const ranges = weekly[d] ?? [];
    ranges.forEach((r, i) => {
      values[weeklyField(d, i, 'from')] = timeValue(r.start);
      values[weeklyField(d, i, 'to')] = timeValue(r.end);
    });
    values[weeklyField(d, ranges.length, 'from')] = '';
    values[weeklyField(d, ranges.length, 'to')] = '';
  }
  return values;
}

/** "09:30" (a time input), also "9:30", "9.30" or "09:30:00" (a browser without one) → minutes; 24:00 only as an end. */
function readTime(v: string, end: boolean): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(v.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || (m[3] !== undefined && Number(m[3]) !== 0)) return undefined;
  if (h === 24 && min === 0 && end) return 1440;
  return h < 24 ? h * 60 + min : undefined;
}

/**
 * The weekly hours form → ranges per weekday (1 … 7; a day without rows is closed). A row ticked
 * Remove, or with both times empty, is left out. Each row must end after it starts (an end of
 * 00:00 means midnight at the end of the day), and the rows of one day must not overlap: they are
 * refused rather than merged, since two overlapping rows are more often a typo than a wish.
 * Rows that only touch (09:00–12:00 and 12:00–13:00) are fine. `timeText` writes a time in the
 * messages on the coach's clock.
 */
export const weeklySchema = (timeText: (minutes: number) => string = timeValue) =>
  z.record(z.string(), z.string()).transform((values, ctx) => {
    const byWeekday: Record<number, WallRange[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
    const rowsOf = weeklyRows(values);
    const fail = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    for (let d = 1; d <= 7; d++) {
      const day = weekdayNames[d - 1]!;
      const rows = rowsOf[d] ?? [];
      if (rows.length > MAX_ROWS_PER_DAY) {
        fail(weeklyField(d, rows[0]!, 'from'), `${day} can have at most ${MAX_ROWS_PER_DAY} rows.`);
        continue;
      }
      const kept: { row: number; start: number; end: number }[] = [];
      for (const row of rows) {
        if (values[weeklyField(d, row, 'remove')]) continue;
        const fromText = (values[weeklyField(d, row, 'from')] ?? '').trim();
        const toText = (values[weeklyField(d, row, 'to')] ?? '').trim();
        if (fromText === '' && toText === '') continue;
        const start = fromText === '' ? undefined : readTime(fromText, false);
        const end = toText === '' ? undefined : readTime(toText, true);
        if (fromText === '') fail(weeklyField(d, row, 'from'), `Enter when these ${day} hours start, like 09:00.`);
        else if (start === undefined) fail(weeklyField(d, row, 'from'), 'Enter the start as a time, like 09:00.');
        else if (toText === '') fail(weeklyField(d, row, 'to'), `Enter when these ${day} hours end, like 17:00.`);
        else if (end === undefined) fail(weeklyField(d, row, 'to'), 'Enter the end as a time, like 17:00.');
        else {
          // 00:00 as the end is midnight at the end of the day: the only way a time input says it.
          const until = end === 0 ? 1440 : end;
          if (until <= start)
            fail(
              weeklyField(d, row, 'to'),
              `The end must be later than the start (${timeText(start)}). To work until midnight, end at ${timeText(0)}.`,
            );
          else kept.push({ row, start, end: until });
        }
      }
      kept.sort((a, b) => a.start - b.start || a.end - b.end);
      let latest: (typeof kept)[number] | undefined;
      const ok: WallRange[] = [];
      for (const r of kept) {
        if (latest && r.start < latest.end) {
          fail(
            weeklyField(d, r.row, 'from'),
            `These hours overlap ${timeText(latest.start)}–${timeText(latest.end)} on ${day}. Change one of the two, or tick Remove.`,
          );
          continue;
        }
        ok.push({ start: r.start, end: r.end });
        latest = r;
      }
      byWeekday[d] = ok;
    }
    return byWeekday;
  });

const dateField = (what: string) =>
  z.string({ error: `Enter ${what}.` }).refine(isLocalDate, `Enter ${what} as a date.`);
export const overrideSchema = z.object({
  date: dateField('the date'),
  hours: rangesField,
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().slice(0, 200)),
});
export const timeOffSchema = z
  .object({
    from: dateField('the first day'),
    to: dateField('the last day'),
    note: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim().slice(0, 200)),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'The last day cannot be before the first.' });

const int = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d+$/, `Enter ${label} as a whole number.`)
    .transform(Number)
    .refine(
      (n) => n >= min && n <= max,
      `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}.`,
    );
const hours = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d+(\.\d{1,2})?$/, `Enter ${label} in hours, like 24 or 0.5.`)
    .transform((v) => Math.round(Number(v) * 60))
    .refine((n) => n <= max * 60, `${label[0]!.toUpperCase()}${label.slice(1)} can be at most ${max} hours.`);
/** A field a form may leave out, read as `fallback` then. */
const orDefault = <T extends z.ZodType>(fallback: string, schema: T) =>
  z.preprocess((v) => (v === undefined ? fallback : v), schema);
const yesNo = z.enum(['0', '1'], { error: 'Choose yes or no.' }).transform(Number);

/** The service form: what the site shows and how it is booked. */
export const serviceSchema = z.object({
  name: z.string().trim().min(2, 'Give the service a name.').max(100, 'Keep the name under 100 characters.'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and dashes, like first-session.')
    .max(60),
  summary: z.string().trim().min(1, 'Write a one-line summary.').max(300, 'Keep the summary under 300 characters.'),
  description_md: z
    .string()
    .max(20_000, 'Keep the description under 20,000 characters.')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim()),
  duration_minutes: int('the length in minutes', 10, 480),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{2})?$/, 'Enter the price like 90 or 90.00.')
    .transform((v) => Math.round(Number(v) * 100)),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, like EUR or USD.'),
  modality: z.enum(['video', 'phone', 'choice'], { error: 'Choose how the session happens.' }),
  active: yesNo,
  sort_order: int('the order', 0, 1000),
  buffer_before_min: int('the buffer before, in minutes', 0, 240),
  buffer_after_min: int('the buffer after, in minutes', 0, 240),
  notice_min: hours('the minimum notice', 24 * 60),
  horizon_days: int('how many days ahead', 1, 730),
  step_min: int('the step between start times, in minutes', 0, 480),
  daily_limit: z
    .string()
    .trim()
    .regex(/^\d*$/, 'Enter a whole number, or leave it empty for no limit.')
    .transform((v) => (v === '' ? null : Number(v))),
  intake_required: yesNo,
  approval_required: yesNo,
  cancel_notice_min: hours('the notice to change or cancel', 24 * 30),
  // Left out (an older form, a script): a single session, bookable any number of times.
  series_count: orDefault('1', int('the number of sessions', 1, MAX_SERIES)),
  series_repeat: orDefault(
    'fortnightly',
    z.enum(['weekly', 'fortnightly', 'monthly'], { error: 'Choose how often the sessions are.' }),
  ),
  once_per_client: orDefault('0', yesNo),
  reminders: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const parts = v === '' ? [] : v.split(/[,\s]+/);
      const mins = parts.map((p) => (/^\d+(\.\d{1,2})?$/.test(p) ? Math.round(Number(p) * 60) : NaN));
      if (mins.some((m) => !Number.isFinite(m) || m <= 0 || m > 14 * 24 * 60) || mins.length > 5) {
        ctx.addIssue({
          code: 'custom',
          message: 'List up to five reminder times in hours before the session, like 24, 1.',
        });
        return z.NEVER;
      }
      return [...new Set(mins)].sort((a, b) => b - a);
    }),
});
export type ServiceInput = z.infer<typeof serviceSchema>;

const hoursText = (m: number) => String(Math.round((m / 60) * 100) / 100);

/** A service and its rules as the form shows them (hours where the form asks in hours). */
export function serviceFormValues({ service: s, rules: r }: BookableService): Record<string, string> {
  return {
    name: s.name,
    slug: s.slug,
    summary: s.summary,
    description_md: s.description_md,
    duration_minutes: String(s.duration_minutes),
    price: (s.price_cents / 100).toFixed(2),
    currency: s.currency,
    modality: s.modality,
    active: String(s.active),
    sort_order: String(s.sort_order),
    buffer_before_min: String(r.buffer_before_min),
    buffer_after_min: String(r.buffer_after_min),
    notice_min: hoursText(r.notice_min),
    horizon_days: String(r.horizon_days),
    step_min: String(r.step_min),
    daily_limit: r.daily_limit === null ? '' : String(r.daily_limit),
    intake_required: String(r.intake_required),
    approval_required: String(r.approval_required),
    cancel_notice_min: hoursText(r.cancel_notice_min),
    series_count: String(r.series_count),
    series_repeat: r.series_repeat,
    once_per_client: String(r.once_per_client),
    reminders: (JSON.parse(r.reminder_offsets_json) as number[]).map(hoursText).join(', '),
  };
}

/** A new service's form, filled with the default rules. */
export function newServiceFormValues(d: ServiceBookingRules): Record<string, string> {
  return {
    currency: 'EUR',
    modality: 'video',
    active: '1',
    sort_order: '0',
    duration_minutes: '60',
    price: '0',
    buffer_before_min: '0',
    buffer_after_min: '0',
    notice_min: String(d.notice_min / 60),
    horizon_days: String(d.horizon_days),
    step_min: '0',
    intake_required: '0',
    approval_required: '0',
    cancel_notice_min: String(d.cancel_notice_min / 60),
    series_count: '1',
    series_repeat: 'fortnightly',
    once_per_client: '0',
    reminders: '24, 1',
  };
}

/** The external calendar's address: https (webcal:// is read as https://), or empty to stop reading one. */
export const externalCalendarSchema = z.object({
  url: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().replace(/^webcal:\/\//i, 'https://'))
    .refine(
      (v) => v === '' || (v.length <= 2000 && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)),
      'Enter the calendar address starting with https://, or leave it empty.',
    )
    .transform((v) => v || null),
});

/** What a Remove button on the availability page names. */
export const removeEntrySchema = z.object({
  kind: z.enum(['override', 'time_off']),
  key: z.string().min(1).max(100),
});

/** Booking on a client's behalf: the time is entered in the coach's zone. */
export const coachBookingSchema = z.object({
  serviceId: z.string().min(1, 'Choose a service.'),
  date: dateField('the date'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time like 09:30.'),
  tz: z
    .string()
    .refine(isTimeZone, "Choose the client's time zone.")
    .transform((v) => canonicalTimeZone(v) ?? v),
});
