import { z } from 'zod';
import { cutoffsSchema } from './engine/settings.ts';

const optional = (max: number, msg: string) =>
  z
    .string()
    .trim()
    .max(max, msg)
    .optional()
    .transform((v) => v ?? '');

/** The guide settings form: cut-offs, the conflict-of-interest statement, minors. */
export const guideSettingsForm = z.object({
  phq2: cutoffsSchema.shape.phq2,
  gad2: cutoffsSchema.shape.gad2,
  auditcMale: cutoffsSchema.shape.auditcMale,
  auditcOther: cutoffsSchema.shape.auditcOther,
  griefMonths: cutoffsSchema.shape.griefMonths,
  conflictStatement: z
    .string({ error: 'Write the statement.' })
    .trim()
    .min(20, 'Write a sentence or two (at least 20 characters): visitors must be told plainly.')
    .max(1000, 'Keep it under 1,000 characters.'),
  acceptsMinors: z.literal('yes').optional(),
  asksPhq9Item9: z.literal('yes').optional(),
});

/** One referral: a therapist or service. */
export const referralForm = z.object({
  name: z
    .string({ error: 'Enter a name.' })
    .trim()
    .min(2, 'Enter a name of at least 2 characters.')
    .max(120, 'Keep the name under 120 characters.'),
  focus: optional(300, 'Keep the focus under 300 characters.'),
  how_to_reach: z
    .string({ error: 'Say how people can reach them.' })
    .trim()
    .min(3, 'Say how people can reach them: a phone number, an address or a website.')
    .max(300, 'Keep this under 300 characters.'),
  notes: optional(600, 'Keep the notes under 600 characters.'),
  sort_order: z.coerce
    .number({ error: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 or more.')
    .max(999, 'Enter a number under 1,000.')
    .catch(0),
});

const phone = /^\+?[0-9][0-9 ()-]{1,24}$/;

/** One crisis line as the coach edits it. */
export const crisisLineForm = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'Choose a country.'),
    kind: z.enum(['crisis', 'emergency', 'youth', 'domestic_abuse', 'substance', 'info'], {
      error: 'Choose what kind of line this is.',
    }),
    name: z
      .string({ error: 'Enter the name of the line.' })
      .trim()
      .min(2, 'Enter the name of the line.')
      .max(120, 'Keep the name under 120 characters.'),
    phone: optional(30, 'Keep the number under 30 characters.').refine(
      (v) => v === '' || phone.test(v),
      'Write the number with digits, spaces and dashes only, like 116 123.',
    ),
    smsNumber: optional(30, 'Keep the number under 30 characters.').refine(
      (v) => v === '' || phone.test(v),
      'Write the text number with digits and spaces only.',
    ),
    smsKeyword: optional(20, 'Keep the keyword under 20 characters.'),
    chatUrl: optional(300, 'Keep the address under 300 characters.').refine(
      (v) => v === '' || /^https:\/\/\S+$/.test(v),
      'The chat address must start with https://.',
    ),
    email: optional(254, 'Keep the address under 254 characters.').refine(
      (v) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
      'Enter an email address like help@example.org.',
    ),
    hours: z
      .string()
      .trim()
      .min(1, 'Say when it is open, such as “24 hours, every day”.')
      .max(80, 'Keep this under 80 characters.'),
    audience: z
      .string()
      .trim()
      .min(1, 'Say who it is for, such as “Anyone”.')
      .max(200, 'Keep this under 200 characters.'),
    whatToExpect: z
      .string()
      .trim()
      .min(10, 'Say in a sentence what happens when someone gets in touch.')
      .max(600, 'Keep this under 600 characters.'),
    notes: optional(300, 'Keep the notes under 300 characters.'),
    sourceUrl: z
      .string()
      .trim()
      .regex(/^https:\/\/\S+$/, 'Give the https:// address of the page where you checked the number.'),
    verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date you checked it, like 2026-11-27.'),
    hidden: z.literal('yes').optional(),
  })
  .refine((v) => v.phone || v.smsNumber || v.chatUrl, {
    path: ['phone'],
    message: 'Give at least one way to reach the line: a phone number, a text number or a chat address.',
  });

/** The coach's referral message to a visitor who shared a result. */
export const referralMessageForm = z.object({
  subject: z.string().trim().min(3, 'Write a subject.').max(150, 'Keep the subject under 150 characters.'),
  body: z
    .string()
    .trim()
    .min(20, 'Write the message (at least a sentence or two).')
    .max(5000, 'Keep the message under 5,000 characters.'),
});

export type GuideSettingsForm = z.output<typeof guideSettingsForm>;
export type ReferralForm = z.output<typeof referralForm>;
export type CrisisLineForm = z.output<typeof crisisLineForm>;
