import { LRUCache } from 'lru-cache';
import type { LocalDate } from './wall.ts';

/**
 * The one formatter for dates, times, durations, money and counts, driven by the coach's locale
 * setting (a language-region such as en-GB) and 12- or 24-hour clock. Instants are shown in a
 * zone the caller names: the coach's for the back office and the coach's emails, the visitor's on
 * booking pages. Every Intl object is made once per locale, clock, zone and kind, in a bounded cache.
 */

export const hourCycles = ['h23', 'h12'] as const;
export type HourCycle = (typeof hourCycles)[number];

/** What the formatter needs from the settings. */
export interface FormatPrefs {
  /** A BCP 47 language-region, e.g. 'en-GB'. */
  locale: string;
  hourCycle: HourCycle;
}

/** British English on a 24-hour clock: what every page and email showed before the setting existed. */
export const defaultFormatPrefs: FormatPrefs = { locale: 'en-GB', hourCycle: 'h23' };

const LANGUAGE_REGION = /^[a-z]{2,3}-[A-Z]{2}$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** 'en-gb' → 'en-GB'; undefined unless it is a language-region this runtime formats ('en-GB', 'de-DE'). */
export function canonicalLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag.length > 16) return undefined;
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(tag.trim());
  } catch {
    return undefined;
  }
  if (!LANGUAGE_REGION.test(canonical)) return undefined;
  const [language = '', region = ''] = canonical.split('-');
  if (region === 'ZZ' || regionNames.of(region) === undefined) return undefined;
  if (Intl.DateTimeFormat.supportedLocalesOf([language]).length === 0) return undefined;
  return canonical;
}

/** True for a language-region written as stored ('en-GB', not 'en-gb' or 'en'). */
export function isLocale(tag: unknown): tag is string {
  return typeof tag === 'string' && canonicalLocale(tag) === tag;
}

/** A few language-regions for the settings select, each named in English; any other valid one is accepted too. */
export const commonLocales: readonly string[] = [
  'en-GB',
  'en-US',
  'en-AU',
  'en-CA',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-ZA',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'es-ES',
  'es-MX',
  'it-IT',
  'nl-NL',
  'nl-BE',
  'pt-PT',
  'pt-BR',
  'da-DK',
  'sv-SE',
  'nb-NO',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
];

/** "British English (en-GB)", for a locale select. */
export function localeLabel(locale: string): string {
  return `${languageNames.of(locale) ?? locale} (${locale})`;
}

/** The formatter's words, each in the locale and clock it was made for. */
export interface Formatter {
  readonly prefs: FormatPrefs;
  /** "Friday, 27 November 2026": a date on the wall calendar (no zone can shift it). */
  day(date: LocalDate): string;
  /** "27 November 2026": the date an instant falls on in a zone. */
  date(ms: number, zone: string): string;
  /** "27 Nov 2026": the same, short, for tables. */
  shortDate(ms: number, zone: string): string;
  /** "09:30" or "9:30 am". */
  time(ms: number, zone: string): string;
  /** "27 Nov 2026, 09:30": the back office's one way to show an instant. */
  when(ms: number, zone: string): string;
  /** "Friday, 27 November 2026 at 09:30 CET": a session's time for the person coming to it. */
  fullWhen(ms: number, zone: string): string;
  /** "20 minutes", "1 hour 30 minutes". */
  duration(minutes: number): string;
  /** "Free", "$140", "€95.50" (the currency's own symbol; an unknown code is written out). */
  money(cents: number, currency: string): string;
  /** "5,000". */
  count(n: number): string;
}

type Kind = 'day' | 'date' | 'shortDate' | 'time' | 'when' | 'fullWhen';

function dateTimeOptions(kind: Kind, hourCycle: HourCycle): Intl.DateTimeFormatOptions {
  // A 24-hour clock writes 09:30 (as en-GB always did); a 12-hour one 9:30 am.
  const clock = { hour: hourCycle === 'h23' ? '2-digit' : 'numeric', minute: '2-digit', hourCycle } as const;
  switch (kind) {
    case 'day':
      return { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    case 'date':
      return { day: 'numeric', month: 'long', year: 'numeric' };
    case 'shortDate':
      return { day: 'numeric', month: 'short', year: 'numeric' };
    case 'time':
      return clock;
    case 'when':
      return { day: 'numeric', month: 'short', year: 'numeric', ...clock };
    case 'fullWhen':
      return { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...clock, timeZoneName: 'short' };
  }
}

// Keys are validated locales and zones, but a cap keeps that a property of this file, not of its callers.
const dateTimeFormats = new LRUCache<string, Intl.DateTimeFormat>({ max: 2_000 });
function dateTimeFormat(prefs: FormatPrefs, kind: Kind, zone: string): Intl.DateTimeFormat {
  const key = `${prefs.locale}|${prefs.hourCycle}|${kind}|${zone}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(prefs.locale, { timeZone: zone, ...dateTimeOptions(kind, prefs.hourCycle) });
    dateTimeFormats.set(key, f);
  }
  return f;
}

const numberFormats = new LRUCache<string, Intl.NumberFormat>({ max: 500 });
function numberFormat(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = numberFormats.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(k, f);
  }
  return f;
}

function unit(locale: string, u: 'hour' | 'minute', n: number): string {
  return numberFormat(locale, `unit:${u}`, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
}

function makeFormatter(prefs: FormatPrefs): Formatter {
  const { locale } = prefs;
  return {
    prefs,
    day: (date) => dateTimeFormat(prefs, 'day', 'UTC').format(new Date(`${date}T12:00:00Z`)),
    date: (ms, zone) => dateTimeFormat(prefs, 'date', zone).format(ms),
    shortDate: (ms, zone) => dateTimeFormat(prefs, 'shortDate', zone).format(ms),
    time: (ms, zone) => dateTimeFormat(prefs, 'time', zone).format(ms),
    when: (ms, zone) => dateTimeFormat(prefs, 'when', zone).format(ms),
    fullWhen: (ms, zone) => dateTimeFormat(prefs, 'fullWhen', zone).format(ms),
    duration(minutes) {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      const parts: string[] = [];
      if (h > 0) parts.push(unit(locale, 'hour', h));
      if (m > 0 || h === 0) parts.push(unit(locale, 'minute', m));
      return parts.join(' ');
    },
    money(cents, currency) {
      if (cents === 0) return 'Free';
      const amount = cents / 100;
      const whole = cents % 100 === 0;
      try {
        // narrowSymbol: "$140" rather than en-GB's "US$140", as prices always read here.
        return numberFormat(locale, `money:${currency}:${whole}`, {
          style: 'currency',
          currency,
          currencyDisplay: 'narrowSymbol',
          minimumFractionDigits: whole ? 0 : 2,
          maximumFractionDigits: 2,
        }).format(amount);
      } catch {
        // An unknown currency code must not break the page.
        return `${amount.toFixed(2)} ${currency}`;
      }
    },
    count: (n) => numberFormat(locale, 'count', {}).format(n),
  };
}

const formatters = new LRUCache<string, Formatter>({ max: 64 });

/**
 * The formatter for a locale and clock: the site settings carry the coach's; visitorPrefs (from
 * the visitor's Accept-Language) gives a visitor's.
 */
export function formatterFor(prefs: FormatPrefs): Formatter {
  const key = `${prefs.locale}|${prefs.hourCycle}`;
  let f = formatters.get(key);
  if (!f) {
    // A stored locale that this runtime cannot format falls back to the default rather than break a page.
    const safe =
      canonicalLocale(prefs.locale) === prefs.locale ? prefs : { ...prefs, locale: defaultFormatPrefs.locale };
    f = makeFormatter({ locale: safe.locale, hourCycle: prefs.hourCycle === 'h12' ? 'h12' : 'h23' });
    formatters.set(key, f);
  }
  return f;
}
