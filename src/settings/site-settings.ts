import { z } from 'zod';
import type { Executor } from '../db/index.ts';
import { defaultFormatPrefs, hourCycles, isCanonicalTimeZone, isLocale } from '../time/index.ts';
import { readSettingsDocument, writeSettingsDocument } from './document.ts';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour written like #2f5d50.');

export const socialNetworks = [
  'instagram',
  'facebook',
  'linkedin',
  'youtube',
  'tiktok',
  'x',
  'mastodon',
  'bluesky',
] as const;

/** What the coach sets about the practice; one JSON document under the key 'site'. */
export const siteSettingsSchema = z.object({
  practiceName: z
    .string()
    .trim()
    .min(2, 'Give the practice a name of at least 2 characters.')
    .max(80, 'Keep the practice name under 80 characters.'),
  coachName: z.string().trim().min(2, "Enter the coach's name.").max(80, 'Keep the name under 80 characters.'),
  coachTitle: z.string().trim().max(120, 'Keep the title under 120 characters.'),
  credentials: z.string().trim().max(300, 'Keep credentials under 300 characters.'),
  tagline: z.string().trim().max(160, 'Keep the tagline under 160 characters.'),
  photoUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || v.startsWith('/'), 'The photo must be an address on this site, starting with /.'),
  photoAlt: z.string().trim().max(200, 'Keep the photo description under 200 characters.'),
  contactEmail: z.union([z.literal(''), z.email('Enter an email address like name@example.com.')]),
  timeZone: z.string().refine(isCanonicalTimeZone, 'Choose a time zone from the list, such as Europe/London.'),
  /** Language and region for dates, times, durations and prices in the back office and emails, e.g. 'en-GB'. */
  locale: z.string().refine(isLocale, 'Choose a language and region from the list, such as English (United Kingdom).'),
  /** 'h23' shows 14:30, 'h12' shows 2:30 pm. */
  hourCycle: z.enum(hourCycles, 'Choose a 24-hour or a 12-hour clock.'),
  country: z.string().regex(/^[A-Z]{2}$/, 'Choose a country from the list.'),
  social: z
    .array(
      z.object({
        network: z.enum(socialNetworks),
        url: z.url({ protocol: /^https$/, error: 'Social links must be full https:// addresses.' }),
      }),
    )
    .max(8),
  colours: z.object({ accent: colour, accentDark: colour }),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** What a fresh install shows before the coach changes anything. */
export const defaultSiteSettings: SiteSettings = {
  practiceName: 'My coaching practice',
  coachName: 'Your name',
  coachTitle: 'Coach',
  credentials: '',
  tagline: 'One-to-one coaching, online and by phone.',
  photoUrl: '',
  photoAlt: '',
  contactEmail: '',
  timeZone: 'UTC',
  // Dates as every page showed them before the setting existed ('27 Nov 2026, 09:30').
  locale: defaultFormatPrefs.locale,
  hourCycle: defaultFormatPrefs.hourCycle,
  country: 'US',
  social: [],
  colours: { accent: '#2f5d50', accentDark: '#8cc7b4' },
};

/** The site settings, or the defaults when none are stored (or a stored field is no longer valid). */
export async function readSiteSettings(db: Executor): Promise<SiteSettings> {
  return readSettingsDocument(db, 'site', siteSettingsSchema.partial(), defaultSiteSettings);
}

/** Stores the site settings (already validated). */
export async function writeSiteSettings(db: Executor, settings: SiteSettings, now: number): Promise<void> {
  await writeSettingsDocument(db, 'site', settings, now);
}
