import { LRUCache } from 'lru-cache';
import { Temporal } from 'temporal-polyfill';
import { canonicalLocale, type FormatPrefs, type HourCycle } from './format.ts';
import { zonesOfCountry } from './zone-names.ts';

/**
 * What a visitor's browser says about them, read from `Accept-Language`: their language-region
 * ("en-IN"), the clock it keeps (12- or 24-hour) and, where the region has one clock, their zone.
 * Pure functions of the header and the practice's settings; the pages say plainly what was assumed
 * and let the visitor change it.
 */

// A header is short; anything longer is read only as far as this (the fuzz test sends 3,000 x's).
const MAX_HEADER = 256;
const RANGE = /^([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:\s*;\s*q\s*=\s*([01](?:\.\d{0,3})?))?$/;
const accepted = new LRUCache<string, string>({ max: 500 });

/**
 * The first language-region the visitor accepts, by preference ("en-IN,en;q=0.9" → "en-IN"); a bare
 * language takes its likely region ("de" → "de-DE", "en" → "en-US"); undefined when none is usable.
 */
export function acceptedLocale(header: unknown): string | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const text = header.slice(0, MAX_HEADER);
  let found = accepted.get(text);
  if (found === undefined) {
    found = firstLocale(text) ?? '';
    accepted.set(text, found);
  }
  return found || undefined;
}

function firstLocale(text: string): string | undefined {
  const ranges: { tag: string; q: number }[] = [];
  for (const part of text.split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m) continue;
    const q = m[2] === undefined ? 1 : Number(m[2]);
    if (q > 0) ranges.push({ tag: m[1]!, q });
  }
  // Stable: among equal weights the header's order stands.
  ranges.sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    let language: string;
    let region: string | undefined;
    try {
      const max = new Intl.Locale(tag).maximize();
      language = max.language;
      region = max.region;
    } catch {
      continue;
    }
    const locale = region ? canonicalLocale(`${language}-${region}`) : undefined;
    if (locale) return locale;
  }
  return undefined;
}

const cycles = new LRUCache<string, HourCycle>({ max: 200 });
/** The clock a locale keeps: 'h12' (2:30 PM) for en-US, 'h23' (14:30) for en-GB or de-DE. */
export function hourCycleOf(locale: string): HourCycle {
  let c = cycles.get(locale);
  if (!c) {
    const hc = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    c = hc === 'h11' || hc === 'h12' ? 'h12' : 'h23';
    cycles.set(locale, c);
  }
  return c;
}

/**
 * How a visitor reads dates and times: their clock always; their own language-region when it is the
 * practice's language (an en-US visitor of an en-GB practice reads "Nov 27, 2:30 PM"), else the
 * practice's words on the visitor's clock (the pages are written in the practice's language).
 */
export function visitorPrefs(visitorLocale: string | undefined, practice: FormatPrefs): FormatPrefs {
  if (!visitorLocale) return practice;
  const sameLanguage = visitorLocale.split('-')[0] === practice.locale.split('-')[0];
  return { locale: sameLanguage ? visitorLocale : practice.locale, hourCycle: hourCycleOf(visitorLocale) };
}

// A country's zones keep one clock when their offsets agree on every day of the coming year
// (Berlin and Busingen); then one of them stands for all, by CLDR's choice where it has one.
const PRIMARY: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  KZ: 'Asia/Almaty',
  MH: 'Pacific/Majuro',
  MY: 'Asia/Kuala_Lumpur',
  PS: 'Asia/Hebron',
  UZ: 'Asia/Tashkent',
};
const oneClock = new LRUCache<string, string>({ max: 300 });
function singleClockZone(region: string, now: number): string | undefined {
  const key = `${region}|${Math.floor(now / (30 * 86_400_000))}`;
  let zone = oneClock.get(key);
  if (zone === undefined) {
    const zones = zonesOfCountry(region);
    zone = '';
    if (zones.length > 0 && sameClock(zones, now)) {
      const primary = PRIMARY[region];
      zone = primary && zones.includes(primary) ? primary : zones[0]!;
    }
    oneClock.set(key, zone);
  }
  return zone || undefined;
}

function sameClock(zones: readonly string[], now: number): boolean {
  if (zones.length === 1) return true;
  const offset = (zone: string, ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds;
  for (let day = 0; day <= 366; day++) {
    const ms = now + day * 86_400_000;
    const first = offset(zones[0]!, ms);
    if (zones.some((z) => offset(z, ms) !== first)) return false;
  }
  return true;
}

/**
 * The zone a visitor probably lives in, from their language-region: the practice's zone when it is
 * in that country, the country's zone when it has one clock ("en-IN" → Asia/Kolkata, "de-DE" →
 * Europe/Berlin), else undefined (the US, Canada, Australia, Brazil, Russia, Mexico … have several).
 */
export function guessTimeZone(
  visitorLocale: string | undefined,
  practiceZone: string,
  now: number,
): string | undefined {
  const region = visitorLocale?.split('-')[1];
  if (!region) return undefined;
  const zones = zonesOfCountry(region);
  if (zones.includes(practiceZone)) return practiceZone;
  return singleClockZone(region, now);
}
