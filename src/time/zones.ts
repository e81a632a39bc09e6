import { LRUCache } from 'lru-cache';
import { Temporal } from 'temporal-polyfill';

/**
 * Time zones: only IANA names (and UTC) count, each written as its canonical name. Temporal also
 * takes offsets ("+01:00") and reads a zone out of a date-time string ("2026-01-01T00:00Z" is UTC
 * to it), while Intl.DateTimeFormat throws on the latter; so a string is first checked for the
 * length and shape of a zone name, then resolved by both, and only then remembered, in a bounded
 * cache (issue 9, findings 3 and 5).
 */

/** The longest IANA name is 30 characters ("America/Argentina/ComodRivadavia"); anything far longer is not one. */
export const MAX_ZONE_LENGTH = 64;

// Area/Location[/Sublocation] or a bare legacy name (UTC, GMT, EST5EDT, Etc/GMT+5): letters first,
// then letters, digits, '_', '-' or '+'. Offsets and date-times start with a sign or a digit.
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z][A-Za-z0-9_+-]*){0,2}$/;

// ICU resolves every alias to CLDR's canonical id ("US/Eastern" → "America/New_York",
// "Europe/Uzhgorod" → "Europe/Kiev"), but CLDR never renames its ids, so a few keep names IANA
// replaced long ago. These are all of them (CLDR's `iana` attribute, ICU 78); a test checks that
// each old name is what this runtime lists and each new one is a zone it takes (issue 12).
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** CLDR's id for a zone → its canonical IANA name ("Asia/Calcutta" → "Asia/Kolkata"). */
export function ianaName(cldrId: string): string {
  return RENAMED[cldrId] ?? cldrId;
}

/** The renamed ids, old → new (for the tests). */
export const renamedZones: Readonly<Record<string, string>> = RENAMED;

// The zones the runtime lists, under CLDR's names ("Asia/Calcutta"), and the same under IANA's
// ("Asia/Kolkata"): the selects offer the latter, and the settings store it.
const listed: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const everyZone: readonly string[] = [
  'UTC',
  ...listed
    .slice(1)
    .map(ianaName)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
];
const offered = new Set(everyZone);
// A setting saved before issue 12 may hold a CLDR name ("Asia/Calcutta"); it stays readable.
const storable = new Set([...everyZone, ...listed]);

/** How many distinct strings the zone lookup remembers; the oldest are forgotten first. */
export const ZONE_CACHE_MAX = 1_000;
// '' marks a string that is not a zone (lru-cache stores no undefined).
const cache = new LRUCache<string, string>({ max: ZONE_CACHE_MAX });

/**
 * An IANA zone under its canonical name, or undefined: the case is fixed ("europe/berlin" →
 * "Europe/Berlin") and an alias becomes the zone it names ("Asia/Calcutta" → "Asia/Kolkata",
 * "US/Eastern" → "America/New_York", "Etc/UTC" → "UTC").
 */
export function canonicalTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > MAX_ZONE_LENGTH || !ZONE_SHAPE.test(zone))
    return undefined;
  let canonical = cache.get(zone);
  if (canonical === undefined) {
    canonical = resolve(zone);
    cache.set(zone, canonical);
  }
  return canonical || undefined;
}

function resolve(zone: string): string {
  if (offered.has(zone)) return zone;
  try {
    // Temporal must take it (it fixes the case and refuses what is not a zone) and so must Intl,
    // since every page formats with it; Intl then names the zone an alias stands for.
    const id = Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
    const cldr = new Intl.DateTimeFormat('en', { timeZone: id }).resolvedOptions().timeZone;
    const canonical = ianaName(cldr === 'Etc/UTC' || cldr === 'Etc/GMT' || cldr === 'GMT' ? 'UTC' : cldr);
    // An offset never passes the shape; the name Temporal and Intl agree on is checked once more.
    return ZONE_SHAPE.test(canonical) ? canonical : '';
  } catch {
    return '';
  }
}

/** True when the string names an IANA time zone (or an alias of one) this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  return canonicalTimeZone(zone) !== undefined;
}

/**
 * True for a zone written exactly as it is stored: canonical, as the zone selects offer it, or the
 * runtime's older name for it that a setting saved before issue 12 may hold ("Asia/Calcutta").
 */
export function isCanonicalTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && storable.has(zone);
}

/** Every zone this runtime knows under its canonical name, UTC first, then by name, for the zone selects. */
export function allTimeZones(): string[] {
  return [...everyZone];
}

/** How many strings the zone lookup holds now, and whether it holds one (for the tests that it stays bounded). */
export function zoneCacheSize(): number {
  return cache.size;
}
export function zoneCached(zone: string): boolean {
  return cache.has(zone);
}
