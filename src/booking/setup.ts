import { z } from 'zod';
import { canonicalTimeZone, isLocalDate, isTimeZone } from '../time/index.ts';
import type { BookableService } from './booking.queries.ts';
import type { ServiceBookingRules } from './booking.tables.ts';
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

/** The weekly hours form: one field per weekday, d1 … d7. */
export const weeklySchema = z.object(
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`d${d}`, rangesField])) as Record<
    `d${1 | 2 | 3 | 4 | 5 | 6 | 7}`,
    typeof rangesField
  >,
);

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
