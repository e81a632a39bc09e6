import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalLocale, defaultFormatPrefs, formatterFor, isLocale, localeLabel } from './index.ts';

// Friday 27 November 2026, 09:05 in Berlin (08:05Z).
const AT = Date.UTC(2026, 10, 27, 8, 5);
const BERLIN = 'Europe/Berlin';

describe('the formatter', () => {
  const gb = formatterFor(defaultFormatPrefs);

  it('by default writes what every page wrote before the setting existed (en-GB, 24-hour)', () => {
    assert.equal(gb.day('2026-11-27'), 'Friday, 27 November 2026');
    assert.equal(gb.date(AT, BERLIN), '27 November 2026');
    assert.equal(gb.shortDate(AT, BERLIN), '27 Nov 2026');
    assert.equal(gb.time(AT, BERLIN), '09:05');
    assert.equal(gb.when(AT, BERLIN), '27 Nov 2026, 09:05');
    assert.equal(gb.fullWhen(AT, BERLIN), 'Friday, 27 November 2026 at 09:05 CET');
    assert.equal(gb.count(5000), '5,000');
  });

  it('writes prices in their currency, zero as Free, and survives an unknown code', () => {
    assert.equal(gb.money(0, 'USD'), 'Free');
    assert.equal(gb.money(14000, 'USD'), '$140');
    assert.equal(gb.money(9550, 'EUR'), '€95.50');
    assert.equal(gb.money(12000, 'GBP'), '£120');
    assert.equal(gb.money(1000, 'XYZ1'), '10.00 XYZ1');
    assert.equal(formatterFor({ locale: 'de-DE', hourCycle: 'h23' }).money(9550, 'EUR'), '95,50\u00a0€');
  });

  it('writes lengths in words of the locale', () => {
    assert.equal(gb.duration(20), '20 minutes');
    assert.equal(gb.duration(60), '1 hour');
    assert.equal(gb.duration(90), '1 hour 30 minutes');
    assert.equal(gb.duration(120), '2 hours');
    assert.equal(gb.duration(1), '1 minute');
    assert.equal(formatterFor({ locale: 'de-DE', hourCycle: 'h23' }).duration(90), '1 Stunde 30 Minuten');
  });

  it('follows the locale and the clock the coach chose', () => {
    const us = formatterFor({ locale: 'en-US', hourCycle: 'h12' });
    assert.equal(us.when(AT, BERLIN), 'Nov 27, 2026, 9:05 AM');
    assert.equal(us.time(AT + 5 * 3_600_000, BERLIN), '2:05 PM');
    assert.equal(formatterFor({ locale: 'en-GB', hourCycle: 'h12' }).time(AT, BERLIN), '9:05 am');
    assert.equal(formatterFor({ locale: 'en-US', hourCycle: 'h23' }).time(AT + 5 * 3_600_000, BERLIN), '14:05');
    const de = formatterFor({ locale: 'de-DE', hourCycle: 'h23' });
    assert.equal(de.when(AT, BERLIN), '27. Nov. 2026, 09:05');
    assert.equal(de.day('2026-11-27'), 'Freitag, 27. November 2026');
  });

  it('shows an instant in the zone it is given, whatever the locale', () => {
    assert.equal(gb.time(AT, 'America/New_York'), '03:05');
    assert.equal(gb.time(AT, 'UTC'), '08:05');
  });

  it('falls back to the default locale for a stored value this runtime cannot format', () => {
    assert.equal(formatterFor({ locale: 'not a locale', hourCycle: 'h23' }).when(AT, BERLIN), '27 Nov 2026, 09:05');
  });
});

describe('locales', () => {
  it('accepts a language-region and writes it canonically', () => {
    assert.equal(canonicalLocale('en-GB'), 'en-GB');
    assert.equal(canonicalLocale('en-gb'), 'en-GB');
    assert.equal(canonicalLocale('DE-de'), 'de-DE');
    assert.ok(isLocale('pt-BR'));
    assert.equal(isLocale('en-gb'), false);
  });

  it('refuses a language without a region, an unknown region or language, and anything else', () => {
    for (const s of ['en', 'en-ZZ', 'en-AA', 'xx-GB', 'en-GB-x-private', 'en_GB', '', 'x'.repeat(1000), '2026-01-01'])
      assert.equal(canonicalLocale(s), undefined, s.slice(0, 30));
    for (const v of [undefined, null, 7, {}]) assert.equal(isLocale(v), false);
  });

  it('names a locale in English for the settings select', () => {
    assert.equal(localeLabel('en-GB'), 'British English (en-GB)');
    assert.equal(localeLabel('de-DE'), 'German (Germany) (de-DE)');
  });
});
