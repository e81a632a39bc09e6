import { LRUCache } from 'lru-cache';
import { Temporal } from 'temporal-polyfill';
import type { LocalDate } from './wall.ts';
import { allTimeZones, canonicalTimeZone, ianaName } from './zones.ts';

/**
 * Zones as people recognise them: by place and by the name and offset their clocks show on a given
 * date ("Kolkata, India · India Standard Time — GMT+5:30"), grouped by region for a select; and the
 * countries zones belong to, for guessing a visitor's zone from their language's region.
 */

/** One zone in a select: its canonical name and what the visitor reads. */
export interface ZoneChoice {
  value: string;
  label: string;
}

/** A region's zones ("Asia"), for an `<optgroup>`. UTC stands alone, first, with an empty region. */
export interface ZoneGroup {
  region: string;
  zones: ZoneChoice[];
}

const REGIONS: Readonly<Record<string, string>> = {
  Africa: 'Africa',
  America: 'Americas',
  Antarctica: 'Antarctica',
  Arctic: 'Arctic',
  Asia: 'Asia',
  Atlantic: 'Atlantic Ocean',
  Australia: 'Australia',
  Europe: 'Europe',
  Indian: 'Indian Ocean',
  Pacific: 'Pacific Ocean',
};
const REGION_ORDER = Object.values(REGIONS);
const OTHER = 'Other';

// Every region code's zones, read once from CLDR through Intl.Locale (about 0.1 s, so on first use).
type WithZones = Intl.Locale & { getTimeZones?: () => string[] | undefined };
let countries: { zonesOf: Map<string, string[]>; countryOf: Map<string, string> } | undefined;
function countryData() {
  if (countries) return countries;
  const zonesOf = new Map<string, string[]>();
  const countryOf = new Map<string, string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters)
    for (const b of letters) {
      const region = a + b;
      // DD (East Germany) and the like are withdrawn codes that CLDR still maps.
      if (regionNames.of(region) === undefined) continue;
      let zones: string[] | undefined;
      try {
        zones = (new Intl.Locale(`und-${region}`) as WithZones).getTimeZones?.();
      } catch {
        zones = undefined;
      }
      if (!zones?.length) continue;
      const named = zones.map(ianaName);
      zonesOf.set(region, named);
      for (const z of named) if (!countryOf.has(z)) countryOf.set(z, region);
    }
  countries = { zonesOf, countryOf };
  return countries;
}
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** The zones of a country (a region code such as 'IN'), canonical names; empty when unknown. */
export function zonesOfCountry(region: string): readonly string[] {
  return countryData().zonesOf.get(region) ?? [];
}

const countryNames = new LRUCache<string, Intl.DisplayNames>({ max: 50 });
function countryName(region: string, locale: string): string | undefined {
  let names = countryNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'none' });
    countryNames.set(locale, names);
  }
  return names.of(region);
}

/** "Kolkata, India", "Knox, Indiana, United States", "UTC": a zone's place, from its name and country. */
export function zonePlace(zone: string, locale = 'en'): string {
  const parts = zone.split('/').map((p) => p.replaceAll('_', ' '));
  if (parts.length === 1) return parts[0]!;
  const places = parts.slice(1).reverse();
  const region = countryData().countryOf.get(zone);
  const country = region ? countryName(region, locale) : undefined;
  if (country && !places.includes(country)) places.push(country);
  return places.join(', ');
}

const formats = new LRUCache<string, Intl.DateTimeFormat>({ max: 2_000 });
function zoneNamePart(zone: string, at: number, locale: string, style: 'long' | 'shortOffset'): string {
  const key = `${locale}|${style}|${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    formats.set(key, f);
  }
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "GMT+5:30": a zone's offset at an instant. */
export function zoneOffsetName(zone: string, at: number, locale = 'en'): string {
  const name = zoneNamePart(zone, at, locale, 'shortOffset');
  // Intl writes UTC's offset as "GMT+0" in some locales; "GMT" is what people read.
  return name.replace(/^(GMT|UTC)[+-]0$/, '$1');
}

/** "India Standard Time", "Central European Summer Time": the name of a zone's time at an instant (its offset when it has no name). */
export function zoneLongName(zone: string, at: number, locale = 'en'): string {
  return zoneNamePart(zone, at, locale, 'long');
}

// Labels are computed once per zone, locale and date: a select holds some 420 of them.
const labels = new LRUCache<string, string>({ max: 5_000 });
/** "Kolkata, India · India Standard Time — GMT+5:30": a zone for a select, at an instant. */
export function zoneLabel(zone: string, at: number, locale = 'en'): string {
  const key = `${locale}|${Math.floor(at / 3_600_000)}|${zone}`;
  let label = labels.get(key);
  if (label === undefined) {
    const offset = zoneOffsetName(zone, at, locale);
    const name = zoneLongName(zone, at, locale);
    // A zone without a name of its own is called by its offset ("GMT+3"); say it once.
    const time = /^(GMT|UTC)([+-]|$)/.test(name) ? offset : `${name} — ${offset}`;
    label = `${zonePlace(zone, locale)} · ${time}`;
    labels.set(key, label);
  }
  return label;
}

/** Noon UTC on a date: the instant a page's zone labels are taken at ("the offset on the date shown"). */
export function labelInstant(date: LocalDate): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: 'UTC', plainTime: '12:00' }).epochMilliseconds;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The zones for a select on a date, grouped by region and sorted by place within each; UTC comes
 * first on its own and any zone outside the regions ("EST5EDT") last, under "Other".
 */
export function zoneChoices(date: LocalDate, locale = 'en', zones?: readonly string[]): readonly ZoneGroup[] {
  if (zones && !isEveryZone(zones)) return group(zones, labelInstant(date), locale);
  // Every zone, as the booking pages ask for: the same few dates again and again.
  const key = `${locale}|${date}`;
  let all = everyZoneChoices.get(key);
  if (!all) {
    all = group(allTimeZones(), labelInstant(date), locale);
    everyZoneChoices.set(key, all);
  }
  return all;
}
const everyZoneChoices = new LRUCache<string, readonly ZoneGroup[]>({ max: 64 });
const everyZone = allTimeZones();
function isEveryZone(zones: readonly string[]): boolean {
  return zones.length === everyZone.length && zones.every((z, i) => z === everyZone[i]);
}

function group(zones: readonly string[], at: number, locale: string): ZoneGroup[] {
  const groups = new Map<string, ZoneChoice[]>();
  for (const raw of zones) {
    const zone = canonicalTimeZone(raw);
    if (!zone) continue;
    const area = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : '';
    const region = zone === 'UTC' ? '' : (REGIONS[area] ?? OTHER);
    let list = groups.get(region);
    if (!list) {
      list = [];
      groups.set(region, list);
    }
    if (!list.some((c) => c.value === zone)) list.push({ value: zone, label: zoneLabel(zone, at, locale) });
  }
  const order = (r: string) => (r === '' ? -1 : r === OTHER ? REGION_ORDER.length : REGION_ORDER.indexOf(r));
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([region, list]) => ({ region, zones: list.sort((a, b) => collator.compare(a.label, b.label)) }));
}
