import { z } from 'zod';
import { canonicalTimeZone, defaultFormatPrefs, formatterFor, isTimeZone, parseInstant } from '../time/index.ts';
import { type OfferedModality, sessionModality } from './modality.ts';

export const detailsLabels = {
  name: 'Your name',
  email: 'Your email address',
  phone: 'Phone number',
  modality: 'How would you like to meet?',
  note: 'Anything you would like your coach to know',
  start: 'Time',
  tz: 'Time zone',
} as const;

export const MAX_NOTE_CHARS = 2_000;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Digits with the usual separators, an optional leading +, and a believable number of digits. */
export function plausiblePhone(v: string): boolean {
  if (!/^\+?[0-9 ().\-/]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

export const zoneField = z
  .string({ error: 'Choose a time zone.' })
  .refine(isTimeZone, 'Choose a time zone from the list, such as Europe/London.')
  .transform((v) => canonicalTimeZone(v) ?? v);
export const instantField = z.string({ error: 'Choose a time from the list.' }).transform((v, ctx) => {
  const ms = parseInstant(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'Choose a time from the list.' });
    return z.NEVER;
  }
  return ms;
});

/** The client's details as the server reads them (the web form and the JSON API share it). */
export function detailsSchema(modality: OfferedModality) {
  return z
    .object({
      name: z
        .string({ error: 'Enter your name.' })
        .transform(oneLine)
        .pipe(z.string().min(1, 'Enter your name.').max(100, 'Keep your name under 100 characters.')),
      email: z
        .string({ error: 'Enter your email address.' })
        .trim()
        .min(1, 'Enter your email address: your confirmation goes there.')
        .max(254, 'That email address is too long; check it and try again.')
        .pipe(z.email('Enter an email address like name@example.com.'))
        .transform((v) => v.toLowerCase()),
      phone: z
        .string()
        .optional()
        .transform((v) => (v ? oneLine(v) : ''))
        .refine(
          (v) => v === '' || plausiblePhone(v),
          'Enter a phone number using digits (it may start with + and have spaces).',
        ),
      modality: z.preprocess(
        (v) => (v === '' ? undefined : v),
        z.enum(['video', 'phone'], { error: 'Choose video or phone.' }).optional(),
      ),
      note: z
        .string()
        .optional()
        .transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trim())
        .refine(
          (v) => [...v].length <= MAX_NOTE_CHARS,
          `Keep the note under ${formatterFor(defaultFormatPrefs).count(MAX_NOTE_CHARS)} characters.`,
        ),
      start: instantField,
      tz: zoneField,
      requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'This form is incomplete; please choose your time again.'),
    })
    .superRefine((v, ctx) => {
      if (modality === 'choice' && !v.modality)
        ctx.addIssue({ code: 'custom', path: ['modality'], message: 'Choose video or phone.' });
      if (sessionModality(modality, v.modality) === 'phone' && !v.phone)
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter the number your coach should call.' });
    });
}

export type DetailsInput = z.output<ReturnType<typeof detailsSchema>>;

/** Optional repetition chosen with the details: none, or N sessions weekly, fortnightly or monthly. */
export const seriesSchema = z
  .object({
    repeat: z.preprocess(
      (v) => (v === undefined || v === '' ? 'none' : v),
      z.enum(['none', 'weekly', 'fortnightly', 'monthly'], { error: 'Choose how often, or "Just this once".' }),
    ),
    count: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? 4 : Number(v))),
  })
  .superRefine((v, ctx) => {
    if (v.repeat !== 'none' && (!Number.isInteger(v.count) || v.count < 2 || v.count > 12))
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'Choose between 2 and 12 sessions.' });
  });
