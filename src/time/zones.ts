import { LRUCache } from 'lru-cache';
import { Temporal } from 'temporal-polyfill';

/**
 * Time zones: only IANA names (and UTC) count. Temporal also takes offsets ("+01:00") and reads a
 * zone out of a date-time string ("2026-01-01T00:00Z" is UTC to it), while Intl.DateTimeFormat
 * throws on the latter; so a string is first checked for the length and shape of a zone name, then
 * resolved by both, and only then remembered, in a bounded cache (issue 9, findings 3 and 5).
 */

/** The longest IANA name is 30 characters ("America/Argentina/ComodRivadavia"); anything far longer is not one. */
export const MAX_ZONE_LENGTH = 64;

// Area/Location[/Sublocation] or a bare legacy name (UTC, GMT, EST5EDT, Etc/GMT+5): letters first,
// then letters, digits, '_', '-' or '+'. Offsets and date-times start with a sign or a digit.
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z][A-Za-z0-9_+-]*){0,2}$/;

// The zones the runtime lists (CLDR's names: "Asia/Calcutta", not "Asia/Kolkata"): what the zone
// selects offer and what the settings store.
const supported = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);

/** How many distinct strings the zone lookup remembers; the oldest are forgotten first. */
export const ZONE_CACHE_MAX = 1_000;
// '' marks a string that is not a zone (lru-cache stores no undefined).
const cache = new LRUCache<string, string>({ max: ZONE_CACHE_MAX });

/** An IANA zone as the rest of the app spells it ("europe/berlin" → "Europe/Berlin"; aliases are kept), or undefined. */
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
  if (supported.has(zone)) return zone;
  try {
    // Temporal fixes the case ("europe/berlin" → "Europe/Berlin") and keeps the name given, as the
    // Temporal spec does: "Asia/Kolkata" stays itself rather than becoming CLDR's "Asia/Calcutta".
    const id = Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
    // Intl must take it too, since every page formats with it; an offset never passes the shape.
    new Intl.DateTimeFormat('en', { timeZone: id });
    return ZONE_SHAPE.test(id) ? id : '';
  } catch {
    return '';
  }
}

/** True when the string names an IANA time zone (or an alias of one) this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  return canonicalTimeZone(zone) !== undefined;
}

/** True for a zone written exactly as it is stored: canonical, as the zone select offers it. */
export function isCanonicalTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && supported.has(zone);
}

const everyZone: readonly string[] = [...supported];

/** Every zone this runtime knows, UTC first, for the zone selects. */
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
