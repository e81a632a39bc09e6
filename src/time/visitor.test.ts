import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedLocale, type FormatPrefs, formatterFor, guessTimeZone, hourCycleOf, visitorPrefs } from './index.ts';

const NOW = Date.UTC(2026, 10, 27, 12);
const GB: FormatPrefs = { locale: 'en-GB', hourCycle: 'h23' };
// 14:30 in London on 27 November 2026.
const AT = Date.UTC(2026, 10, 27, 14, 30);

describe("the visitor's locale from Accept-Language", () => {
  it('takes the most preferred language-region, a bare language with its likely region', () => {
    assert.equal(acceptedLocale('en-IN,en;q=0.9'), 'en-IN');
    assert.equal(acceptedLocale('de-DE,de;q=0.9,en;q=0.8'), 'de-DE');
    assert.equal(acceptedLocale('en-gb'), 'en-GB');
    assert.equal(acceptedLocale('en-GB;q=0.5, fr-CA'), 'fr-CA');
    assert.equal(acceptedLocale('de'), 'de-DE');
    assert.equal(acceptedLocale('ja'), 'ja-JP');
    assert.equal(acceptedLocale('*, en-US;q=0.5'), 'en-US');
    assert.equal(acceptedLocale('xx-Klingon, en-AU;q=0.1'), 'en-AU');
  });

  it('says nothing for what names no language-region, however long or odd', () => {
    for (const h of [undefined, '', '*', 'es-419', 'x'.repeat(3000), 'en-GB;q=0', ';;;,,,', '\u0000', 42, ['en-GB']])
      assert.equal(acceptedLocale(h), undefined, String(h).slice(0, 20));
  });

  it('knows the clock each locale keeps', () => {
    assert.equal(hourCycleOf('en-US'), 'h12');
    assert.equal(hourCycleOf('en-GB'), 'h23');
    assert.equal(hourCycleOf('de-DE'), 'h23');
    assert.equal(hourCycleOf('ja-JP'), 'h23');
  });

  it('writes times on the visitor clock: en-US 2:30 PM, en-GB and de-DE 14:30 (issue 12)', () => {
    const time = (header: string, practice = GB) =>
      formatterFor(visitorPrefs(acceptedLocale(header), practice)).time(AT, 'Europe/London');
    assert.equal(time('en-US'), '2:30 PM');
    assert.equal(time('en-GB'), '14:30');
    assert.equal(time('de-DE'), '14:30');
    const us: FormatPrefs = { locale: 'en-US', hourCycle: 'h12' };
    assert.equal(time('en-GB', us), '14:30');
    assert.equal(time('de-DE,de', us), '14:30');
    assert.equal(time('en-US', us), '2:30 PM');
  });

  it("keeps the practice's language: another language's visitor gets its clock, not its words", () => {
    assert.deepEqual(visitorPrefs('de-DE', GB), { locale: 'en-GB', hourCycle: 'h23' });
    assert.deepEqual(visitorPrefs('en-US', GB), { locale: 'en-US', hourCycle: 'h12' });
    assert.deepEqual(visitorPrefs('ko-KR', GB), { locale: 'en-GB', hourCycle: 'h12' });
    assert.deepEqual(visitorPrefs(undefined, GB), GB);
  });
});

describe("the visitor's zone from their language's region", () => {
  const guess = (header: string, practice = 'Europe/London') => guessTimeZone(acceptedLocale(header), practice, NOW);

  it('names the zone of a country with one clock, under its canonical name', () => {
    assert.equal(guess('en-IN'), 'Asia/Kolkata');
    assert.equal(guess('de-DE'), 'Europe/Berlin');
    assert.equal(guess('ja-JP'), 'Asia/Tokyo');
    assert.equal(guess('fr-FR'), 'Europe/Paris');
    assert.equal(guess('en-GB'), 'Europe/London');
    assert.equal(guess('es-AR'), 'America/Argentina/Buenos_Aires');
  });

  it("guesses nothing for a country of several clocks, unless the practice's zone is in it", () => {
    for (const h of ['en-US', 'en-CA', 'en-AU', 'pt-BR', 'ru-RU', 'es-MX']) assert.equal(guess(h), undefined, h);
    assert.equal(guess('en-US', 'America/Chicago'), 'America/Chicago');
    assert.equal(guess('en-AU', 'Australia/Perth'), 'Australia/Perth');
    assert.equal(guess('en-IN', 'Europe/Berlin'), 'Asia/Kolkata');
  });

  it('guesses nothing without a usable locale', () => {
    assert.equal(guessTimeZone(undefined, 'Europe/London', NOW), undefined);
    assert.equal(guess('*'), undefined);
  });
});
