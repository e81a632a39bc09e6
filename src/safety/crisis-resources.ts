/**
 * Crisis and support lines shipped as defaults, following the research guide (§3.1 entries,
 * §3.3 fields). This is the one module that gathers them (the data lives in lines/, one file per
 * part of the world, each saying how and when its entries were checked); the coach's edits are
 * merged over them in crisis-lines.ts.
 *
 * verifiedOn is the day each entry was last checked against its source. No entry was checked by
 * calling the number or reading the live page: before each release, check every number against its
 * live source page and move the date.
 */
import { englishSpeakingCountries, englishSpeakingLines } from './lines/english-speaking.ts';
import type { CrisisResource, ResourceKind } from './lines/entry.ts';
import { europeCountries, europeLines } from './lines/europe.ts';
import { restOfWorldCountries, restOfWorldLines } from './lines/rest-of-world.ts';

export { type CrisisResource, lineKey, type ResourceKind } from './lines/entry.ts';

/** The worldwide directory for anyone whose country is not listed (ThroughLine). */
export const FIND_A_HELPLINE_URL = 'https://findahelpline.com';

export const crisisResources: readonly CrisisResource[] = Object.freeze([
  ...englishSpeakingLines,
  ...europeLines,
  ...restOfWorldLines,
]);

/** The name to sort and list a country by: "United Kingdom" for "the United Kingdom". */
export function countryLabel(name: string): string {
  return name.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase());
}

/**
 * Countries with shipped lines, with the name as it reads after "in" ("in the United Kingdom"),
 * in alphabetical order so every list of them (the picker, the back office) reads the same.
 */
export const coveredCountries: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries({ ...englishSpeakingCountries, ...europeCountries, ...restOfWorldCountries }).sort(([, a], [, b]) =>
      countryLabel(a).localeCompare(countryLabel(b), 'en'),
    ),
  ),
);

const KIND_ORDER: ResourceKind[] = ['emergency', 'crisis', 'youth', 'domestic_abuse', 'substance', 'info'];

/** A country's lines, emergency first, then crisis, youth, domestic abuse, substance, information. */
export function resourcesForCountry(
  country: string,
  all: readonly CrisisResource[] = crisisResources,
): CrisisResource[] {
  const cc = country.toUpperCase();
  return all.filter((r) => r.country === cc).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** tel: address for a phone number as written locally ("116 123" → "tel:116123"). */
export function telHref(phone: string): string {
  return 'tel:' + phone.replace(/[^\d+]/g, '');
}

/** sms: address with the number only; the keyword stays in the visible text. */
export function smsHref(number: string): string {
  return 'sms:' + number.replace(/[^\d+]/g, '');
}
