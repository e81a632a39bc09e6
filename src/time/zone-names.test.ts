import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allTimeZones,
  labelInstant,
  zoneChoices,
  zoneLabel,
  zoneLongName,
  zoneOffsetName,
  zonePlace,
} from './index.ts';

const WINTER = labelInstant('2026-12-07');
const SUMMER = labelInstant('2026-07-06');

describe('zones by place, name and offset (issue 12)', () => {
  it('labels a zone "place · name — offset", with the offset on the date shown', () => {
    assert.equal(zoneLabel('Asia/Kolkata', WINTER), 'Kolkata, India · India Standard Time — GMT+5:30');
    assert.equal(zoneLabel('Europe/Berlin', WINTER), 'Berlin, Germany · Central European Standard Time — GMT+1');
    assert.equal(zoneLabel('Europe/Berlin', SUMMER), 'Berlin, Germany · Central European Summer Time — GMT+2');
    assert.equal(
      zoneLabel('America/Indiana/Knox', WINTER),
      'Knox, Indiana, United States · Central Standard Time — GMT-6',
    );
    assert.equal(zoneLabel('UTC', WINTER), 'UTC · Coordinated Universal Time — GMT');
    assert.equal(zoneOffsetName('Pacific/Chatham', WINTER), 'GMT+13:45');
  });

  it('says a nameless zone by its offset once', () => {
    const label = zoneLabel('Asia/Amman', WINTER);
    assert.match(label, /^Amman, Jordan · GMT\+3$/);
  });

  it('names the time for the sentence above the times', () => {
    assert.equal(zoneLongName('Asia/Kolkata', WINTER), 'India Standard Time');
    assert.equal(zonePlace('America/Argentina/Salta'), 'Salta, Argentina');
    assert.equal(zonePlace('Europe/Kyiv'), 'Kyiv, Ukraine');
  });

  it('groups every zone once by region, UTC first, and sorts each group by place', () => {
    const groups = zoneChoices('2026-12-07');
    assert.equal(groups[0]!.region, '');
    assert.deepEqual(
      groups[0]!.zones.map((z) => z.value),
      ['UTC'],
    );
    assert.deepEqual(
      groups.slice(1).map((g) => g.region),
      [
        'Africa',
        'Americas',
        'Antarctica',
        'Arctic',
        'Asia',
        'Atlantic Ocean',
        'Australia',
        'Europe',
        'Indian Ocean',
        'Pacific Ocean',
      ],
    );
    const values = groups.flatMap((g) => g.zones.map((z) => z.value));
    assert.deepEqual([...values].sort(), [...allTimeZones()].sort());
    const asia = groups.find((g) => g.region === 'Asia')!.zones;
    assert.ok(asia.some((z) => z.value === 'Asia/Kolkata' && z.label.startsWith('Kolkata, India')));
    const labels = asia.map((z) => z.label);
    assert.deepEqual(
      labels,
      [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    // The same list, asked for by name, is grouped the same way.
    assert.deepEqual(zoneChoices('2026-12-07', 'en', allTimeZones()), groups);
  });

  it('keeps a zone outside the regions under "Other"', () => {
    const groups = zoneChoices('2026-12-07', 'en', ['Etc/GMT+5', 'Europe/Berlin']);
    assert.deepEqual(
      groups.map((g) => [g.region, g.zones.map((z) => z.value)]),
      [
        ['Europe', ['Europe/Berlin']],
        ['Other', ['Etc/GMT+5']],
      ],
    );
  });
});
