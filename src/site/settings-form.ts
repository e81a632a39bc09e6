import { z } from 'zod';
import { type SiteSettings, siteSettingsSchema, socialNetworks } from '../settings/index.ts';
import { canonicalTimeZone } from '../time/index.ts';
import { type ParseResult, parseForm } from '../web/index.ts';
import { countryCodes } from './countries.ts';

/** How many social-link rows the settings form shows. */
export const SOCIAL_ROWS = 4;

const shape = siteSettingsSchema.shape;
const colour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour written like #2f5d50.')
  .transform((v) => v.toLowerCase());

function isHttpsUrl(v: string): boolean {
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

const socialFields: Record<string, z.ZodType> = {};
for (let i = 0; i < SOCIAL_ROWS; i++) {
  socialFields[`social_${i}_network`] = z.enum(['', ...socialNetworks], 'Choose a network from the list.').default('');
  socialFields[`social_${i}_url`] = z
    .string()
    .trim()
    .max(500, 'Keep the address under 500 characters.')
    .refine(
      (v) => v === '' || isHttpsUrl(v),
      'Social links must be full https:// addresses, such as https://www.instagram.com/yourname.',
    )
    .default('');
}

/** Said when the photo is there but nothing describes it for people who cannot see it. */
export const PHOTO_ALT_MISSING =
  'Describe the photo for people who cannot see it, such as: Smiling at a desk by a sunny window.';

/**
 * The settings form as posted: flat text fields, one per input (the photo's file comes apart), in
 * the order the page shows them, so the error summary lists problems top to bottom.
 */
export const settingsFormSchema = z.object({
  practiceName: shape.practiceName,
  tagline: shape.tagline,
  contactEmail: z
    .string()
    .trim()
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address like name@example.com.'),
  coachName: shape.coachName,
  coachTitle: shape.coachTitle,
  credentials: shape.credentials,
  // The photo itself is a file in the same post (see the settings route); only its words are typed.
  photoAlt: shape.photoAlt,
  removePhoto: z.literal('1').optional().catch(undefined),
  timeZone: shape.timeZone,
  locale: shape.locale,
  hourCycle: shape.hourCycle,
  country: z.string().refine((v) => countryCodes.has(v), 'Choose a country from the list.'),
  ...socialFields,
  accent: colour,
  accentDark: colour,
});

/** The fields in the order the summary lists their messages: the schema's, with the photo's file before its words. */
const FIELD_ORDER = Object.keys(settingsFormSchema.shape).flatMap((k) => (k === 'photoAlt' ? ['photo', k] : [k]));

/** Messages sorted as the form shows its fields; a message about the whole form first. */
export function inFormOrder(errors: Record<string, string>): Record<string, string> {
  const rank = (k: string) =>
    k === '_form' ? -1 : FIELD_ORDER.indexOf(k) === -1 ? FIELD_ORDER.length : FIELD_ORDER.indexOf(k);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * Reads the settings form into SiteSettings, or per-field messages with every value kept. The
 * photo's address is never typed: the caller says what it will be (a new upload's, the current
 * one's, or '' when removed), and a photo needs a description.
 */
export function parseSettingsForm(body: unknown, photoUrl: string): ParseResult<SiteSettings> {
  const parsed = parseForm(settingsFormSchema, body);
  if (!parsed.ok) {
    if (photoUrl && !parsed.state.values.photoAlt?.trim() && !parsed.state.errors.photoAlt)
      return {
        ok: false,
        state: { ...parsed.state, errors: inFormOrder({ ...parsed.state.errors, photoAlt: PHOTO_ALT_MISSING }) },
      };
    return parsed;
  }
  const d = parsed.data as Record<string, string>;
  const errors: Record<string, string> = {};
  if (photoUrl && !d.photoAlt) errors.photoAlt = PHOTO_ALT_MISSING;
  const social: SiteSettings['social'] = [];
  for (let i = 0; i < SOCIAL_ROWS; i++) {
    const network = d[`social_${i}_network`] ?? '';
    const url = d[`social_${i}_url`] ?? '';
    if (network && !url) errors[`social_${i}_url`] = 'Enter the address for this link, or set the network to “None”.';
    else if (url && !network) errors[`social_${i}_network`] = 'Choose which network this link is for.';
    else if (network && url) social.push({ network: network as SiteSettings['social'][number]['network'], url });
  }
  if (Object.keys(errors).length > 0) return { ok: false, state: { values: parsed.values, errors } };
  const candidate: SiteSettings = {
    practiceName: d.practiceName!,
    coachName: d.coachName!,
    coachTitle: d.coachTitle!,
    credentials: d.credentials!,
    tagline: d.tagline!,
    photoUrl,
    // A description without a photo describes nothing.
    photoAlt: photoUrl ? d.photoAlt! : '',
    contactEmail: d.contactEmail!,
    timeZone: d.timeZone!,
    locale: d.locale!,
    hourCycle: d.hourCycle as SiteSettings['hourCycle'],
    country: d.country!,
    social,
    colours: { accent: d.accent!, accentDark: d.accentDark! },
  };
  // The stored document's own schema has the last word.
  const final = siteSettingsSchema.safeParse(candidate);
  if (!final.success) {
    return {
      ok: false,
      state: { values: parsed.values, errors: { _form: final.error.issues[0]?.message ?? 'Please check the form.' } },
    };
  }
  return { ok: true, data: final.data, values: parsed.values };
}

/** The form's values for stored settings (the reverse of parseSettingsForm). */
export function settingsToFormValues(s: SiteSettings): Record<string, string> {
  const values: Record<string, string> = {
    practiceName: s.practiceName,
    coachName: s.coachName,
    coachTitle: s.coachTitle,
    credentials: s.credentials,
    tagline: s.tagline,
    photoAlt: s.photoAlt,
    contactEmail: s.contactEmail,
    // A zone saved under an old name (Asia/Calcutta) shows as the list's canonical one.
    timeZone: canonicalTimeZone(s.timeZone) ?? s.timeZone,
    locale: s.locale,
    hourCycle: s.hourCycle,
    country: s.country,
    accent: s.colours.accent,
    accentDark: s.colours.accentDark,
  };
  for (let i = 0; i < SOCIAL_ROWS; i++) {
    values[`social_${i}_network`] = s.social[i]?.network ?? '';
    values[`social_${i}_url`] = s.social[i]?.url ?? '';
  }
  return values;
}

/** Names of the settings that differ, for the audit log (never their values). */
export function changedSettings(before: SiteSettings, after: SiteSettings): string[] {
  return (Object.keys(after) as (keyof SiteSettings)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
