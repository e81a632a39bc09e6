import { z } from 'zod';
import { defaultFormatPrefs, formatterFor } from '../time/index.ts';

export const MAX_MESSAGE_CHARS = 5_000;
const count = (n: number) => formatterFor(defaultFormatPrefs).count(n);

/** Field labels, shared by the form and its error summary. */
export const contactLabels = {
  name: 'Your name',
  email: 'Your email address',
  phone: 'Phone number',
  preferred: 'How would you like to be contacted?',
  message: 'Your message',
} as const;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Counts characters as people do (an emoji is one), not UTF-16 units. */
export const charCount = (s: string) => [...s].length;

/** Digits with the usual separators, an optional leading +, and a believable number of digits. */
function plausiblePhone(v: string): boolean {
  if (!/^\+?[0-9 ().\-/]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

/** The contact form as the server reads it; every message is in plain words. */
export const contactSchema = z
  .object({
    name: z
      .string({ error: 'Enter your name.' })
      .transform(oneLine)
      .pipe(z.string().min(1, 'Enter your name.').max(100, 'Keep your name under 100 characters.')),
    email: z
      .string({ error: 'Enter your email address.' })
      .trim()
      .min(1, 'Enter your email address, so the coach can reply.')
      .max(254, 'That email address is too long; check it and try again.')
      .pipe(z.email('Enter an email address like name@example.com.')),
    phone: z
      .string()
      .optional()
      .transform((v) => (v ? oneLine(v) : ''))
      .refine(
        (v) => v === '' || plausiblePhone(v),
        'Enter a phone number using digits (it may start with + and have spaces), or leave it empty.',
      ),
    preferred: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['email', 'phone'], { error: 'Choose email or phone.' }).optional(),
    ),
    message: z
      .string({ error: 'Write your message.' })
      .transform((v) => v.replace(/\r\n?/g, '\n').trim())
      .superRefine((v, ctx) => {
        const n = charCount(v);
        if (n === 0) ctx.addIssue({ code: 'custom', message: 'Write your message.' });
        else if (n > MAX_MESSAGE_CHARS) {
          ctx.addIssue({
            code: 'custom',
            // Messages are parsed before any page context; they are English sentences with English digits.
            message: `Your message is ${count(n)} characters long; please keep it under ${count(MAX_MESSAGE_CHARS)}.`,
          });
        }
      }),
  })
  .superRefine((v, ctx) => {
    if (v.preferred === 'phone' && !v.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Add a phone number so the coach can call you, or choose email.',
      });
    }
  });

export type ContactInput = z.infer<typeof contactSchema>;
