import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allTimeZones,
  canonicalTimeZone,
  isCanonicalTimeZone,
  isTimeZone,
  renamedZones,
  ZONE_CACHE_MAX,
  zoneCached,
  zoneCacheSize,
} from './index.ts';

describe('time zones', () => {
  it('accepts IANA names and UTC, fixing their case', () => {
    assert.equal(canonicalTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(canonicalTimeZone('UTC'), 'UTC');
    assert.equal(canonicalTimeZone('europe/berlin'), 'Europe/Berlin');
    assert.equal(canonicalTimeZone('utc'), 'UTC');
    assert.equal(canonicalTimeZone('Asia/Kolkata'), 'Asia/Kolkata');
    assert.equal(canonicalTimeZone('America/Argentina/Buenos_Aires'), 'America/Argentina/Buenos_Aires');
    assert.ok(isTimeZone('America/Port-au-Prince'));
    assert.ok(isTimeZone('Etc/GMT+5'));
    // Every name the zone select offers is its own canonical name.
    for (const z of allTimeZones()) assert.equal(canonicalTimeZone(z), z, z);
    assert.equal(allTimeZones()[0], 'UTC');
  });

  it('writes an alias as the canonical name of the zone it stands for (issue 12)', () => {
    assert.equal(canonicalTimeZone('Asia/Calcutta'), 'Asia/Kolkata');
    assert.equal(canonicalTimeZone('asia/calcutta'), 'Asia/Kolkata');
    assert.equal(canonicalTimeZone('Europe/Kiev'), 'Europe/Kyiv');
    assert.equal(canonicalTimeZone('Europe/Zaporozhye'), 'Europe/Kyiv');
    assert.equal(canonicalTimeZone('US/Eastern'), 'America/New_York');
    assert.equal(canonicalTimeZone('America/Buenos_Aires'), 'America/Argentina/Buenos_Aires');
    assert.equal(canonicalTimeZone('Asia/Saigon'), 'Asia/Ho_Chi_Minh');
    assert.equal(canonicalTimeZone('Etc/UTC'), 'UTC');
    assert.equal(canonicalTimeZone('GMT'), 'UTC');
  });

  it('offers canonical names only: Asia/Kolkata and Europe/Kyiv, never Asia/Calcutta or Europe/Kiev', () => {
    const zones = allTimeZones();
    assert.ok(zones.includes('Asia/Kolkata') && zones.includes('Europe/Kyiv') && zones.includes('America/Nuuk'));
    for (const old of Object.keys(renamedZones)) assert.equal(zones.includes(old), false, old);
    assert.equal(new Set(zones).size, zones.length, 'no zone twice');
    // The rename table fits this runtime: each old name is one it lists, each new one a zone it takes.
    const listed = new Set(Intl.supportedValuesOf('timeZone'));
    for (const [old, name] of Object.entries(renamedZones)) {
      assert.ok(listed.has(old), `${old} is listed by this runtime`);
      assert.equal(canonicalTimeZone(name), name, name);
      assert.equal(new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone, old);
    }
  });
  it('refuses date-times, offsets and anything else that is not an IANA name (issue 9, finding 5)', () => {
    for (const s of [
      '2026-01-01T00:00Z',
      '2026-01-01T00:00:00+01:00[Europe/Berlin]',
      '2026-01-01',
      '+01:00',
      '-0500',
      'Z',
      'Mars/Olympus_Mons',
      'Europe/',
      '/Berlin',
      'Europe//Berlin',
      ' Europe/Berlin',
      'Europe/Berlin\u0000',
      '',
      'x'.repeat(65),
    ])
      assert.equal(isTimeZone(s), false, JSON.stringify(s.slice(0, 50)));
    for (const v of [undefined, null, 42, {}, ['UTC']]) assert.equal(isTimeZone(v), false);
  });

  it('tells a stored (canonical) zone from an alias, and still reads a setting saved under the old name', () => {
    assert.ok(isCanonicalTimeZone('America/New_York'));
    assert.ok(isCanonicalTimeZone('Asia/Kolkata'));
    assert.equal(isCanonicalTimeZone('US/Eastern'), false);
    assert.equal(isCanonicalTimeZone('europe/berlin'), false);
    // What the settings select offered before issue 12: refusing it would reset every setting.
    assert.ok(isCanonicalTimeZone('Asia/Calcutta'));
  });

  it('refuses a 1 MB string without looking it up or remembering it', () => {
    const huge = `Europe/${'B'.repeat(1024 * 1024)}`;
    assert.equal(isTimeZone(huge), false);
    assert.equal(canonicalTimeZone(huge), undefined);
    assert.equal(zoneCached(huge), false);
    // Shaped like a zone and short, but unknown: remembered as "no" (bounded), so asking again is cheap.
    assert.equal(isTimeZone('Europe/Atlantis'), false);
    assert.equal(zoneCached('Europe/Atlantis'), true);
  });

  it('remembers at most ZONE_CACHE_MAX strings, however many distinct ones it is asked about (issue 9, finding 3)', () => {
    for (let i = 0; i < 10_000; i++) isTimeZone(`Zone/Nowhere_${i}`);
    assert.ok(zoneCacheSize() <= ZONE_CACHE_MAX, `cache holds ${zoneCacheSize()}`);
    // The answers stay right after the oldest entries were forgotten.
    assert.equal(isTimeZone('Zone/Nowhere_0'), false);
    assert.ok(isTimeZone('Europe/Berlin'));
  });
});
