import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, instantToWall, startOfDay, toIsoUtc } from '../time/index.ts';
import {
  type Availability,
  computeSlots,
  mergeIntervals,
  nearestSlots,
  overlapsAny,
  rangeInstants,
  type SlotQuery,
  type SlotRules,
} from './slots.ts';

const H = 3_600_000;
const baseRules: SlotRules = {
  durationMin: 60,
  stepMin: 60,
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
  noticeMin: 0,
  horizonDays: 3650,
  dailyLimit: null,
};

/** Slots of one coach-local day, as UTC strings. */
function dayOf(zone: string, date: string, start: number, end: number, rules: Partial<SlotRules> = {}): string[] {
  const availability: Availability = { zone, weekly: [], overrides: { [date]: [{ start, end }] }, timeOff: [] };
  const from = startOfDay(addDays(date, -1), zone);
  return computeSlots({
    availability,
    rules: { ...baseRules, ...rules },
    busy: [],
    now: from - H,
    from,
    to: from + 4 * 24 * H,
  }).map((s) => {
    assert.equal(s.end - s.start, (rules.durationMin ?? 60) * 60_000, 'a slot lasts its real length');
    return toIsoUtc(s.start);
  });
}

const z = (times: string[], day: string) => times.map((t) => `${t.includes('T') ? t : `${day}T${t}`}:00Z`);

// Expected instants worked out by hand from each zone's published transition rules.
describe('slot engine on daylight-saving days', () => {
  it('America/New_York springs forward: 02:00 does not exist, no slot is offered twice or an hour off', () => {
    assert.deepEqual(dayOf('America/New_York', '2026-03-08', 60, 240), z(['06:00', '07:00'], '2026-03-08'));
  });
  it('America/New_York falls back: 01:00 happens twice and both hours are offered', () => {
    assert.deepEqual(
      dayOf('America/New_York', '2026-11-01', 0, 180),
      z(['04:00', '05:00', '06:00', '07:00'], '2026-11-01'),
    );
  });
  it('Europe/Berlin both ways', () => {
    assert.deepEqual(dayOf('Europe/Berlin', '2026-03-29', 60, 240), z(['00:00', '01:00'], '2026-03-29'));
    assert.deepEqual(
      dayOf('Europe/Berlin', '2026-10-25', 60, 240),
      z(['2026-10-24T23:00', '00:00', '01:00', '02:00'], '2026-10-25'),
    );
  });
  it('Australia/Lord_Howe shifts by half an hour both ways', () => {
    assert.deepEqual(
      dayOf('Australia/Lord_Howe', '2026-04-05', 0, 240, { stepMin: 30 }),
      z(
        [
          '2026-04-04T13:00',
          '2026-04-04T13:30',
          '2026-04-04T14:00',
          '2026-04-04T14:30',
          '2026-04-04T15:00',
          '2026-04-04T15:30',
          '2026-04-04T16:00',
          '2026-04-04T16:30',
        ],
        '',
      ),
    );
    assert.deepEqual(
      dayOf('Australia/Lord_Howe', '2026-10-04', 60, 240, { stepMin: 30 }),
      z(['2026-10-03T14:30', '2026-10-03T15:00', '2026-10-03T15:30', '2026-10-03T16:00'], ''),
    );
  });
  it('Asia/Kolkata (+05:30) with 45-minute sessions', () => {
    assert.deepEqual(
      dayOf('Asia/Kolkata', '2026-11-27', 540, 720, { durationMin: 45, stepMin: 45 }),
      z(['03:30', '04:15', '05:00', '05:45'], '2026-11-27'),
    );
  });
  it('Pacific/Chatham (+12:45/+13:45) both ways', () => {
    assert.deepEqual(
      dayOf('Pacific/Chatham', '2026-09-27', 120, 300, { stepMin: 30 }),
      z(['2026-09-26T13:15', '2026-09-26T13:45', '2026-09-26T14:15'], ''),
    );
    assert.deepEqual(
      dayOf('Pacific/Chatham', '2026-04-05', 120, 300),
      z(['2026-04-04T12:15', '2026-04-04T13:15', '2026-04-04T14:15', '2026-04-04T15:15'], ''),
    );
  });
  it('an ordinary Berlin day offers wall-clock times on the grid', () => {
    assert.deepEqual(
      dayOf('Europe/Berlin', '2026-11-27', 540, 720, { stepMin: 30 }),
      z(['08:00', '08:30', '09:00', '09:30', '10:00'], '2026-11-27'),
    );
  });
});

describe('slot engine rules', () => {
  const zone = 'Europe/Berlin';
  const weekly = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 540, end: 720 }));
  const availability: Availability = { zone, weekly, overrides: {}, timeOff: [] };
  const monday = startOfDay('2026-11-30', zone);
  const q = (over: Partial<SlotQuery> = {}, rules: Partial<SlotRules> = {}): string[] =>
    computeSlots({
      availability,
      rules: { ...baseRules, ...rules },
      busy: [],
      now: monday - 24 * H,
      from: monday,
      to: monday + 24 * H,
      ...over,
    }).map((s) => toIsoUtc(s.start));

  it('busy times block the slot and its buffers', () => {
    const busy = [{ start: Date.parse('2026-11-30T09:00:00Z'), end: Date.parse('2026-11-30T10:00:00Z') }];
    assert.deepEqual(q({ busy }), z(['08:00', '10:00'], '2026-11-30'));
    assert.deepEqual(
      q({ busy }, { bufferAfterMin: 15 }),
      z(['10:00'], '2026-11-30'),
      'the 08:00 slot plus 15 minutes after would touch the busy hour',
    );
    assert.deepEqual(q({ busy }, { bufferBeforeMin: 15 }), z(['08:00'], '2026-11-30'));
  });
  it('minimum notice, horizon, daily limit, overrides and time off', () => {
    assert.deepEqual(q({ now: Date.parse('2026-11-30T08:30:00Z') }, { noticeMin: 60 }), z(['10:00'], '2026-11-30'));
    assert.deepEqual(q({ now: monday - 5 * 24 * H }, { horizonDays: 2 }), []);
    assert.deepEqual(q({ bookingsPerDay: { '2026-11-30': 2 } }, { dailyLimit: 2 }), []);
    assert.deepEqual(q({ bookingsPerDay: { '2026-11-30': 1 } }, { dailyLimit: 2 }).length, 3);
    assert.deepEqual(q({ availability: { ...availability, overrides: { '2026-11-30': [] } } }), []);
    assert.deepEqual(
      q({ availability: { ...availability, overrides: { '2026-11-30': [{ start: 14 * 60, end: 15 * 60 }] } } }),
      z(['13:00'], '2026-11-30'),
    );
    assert.deepEqual(q({ availability: { ...availability, timeOff: [{ from: '2026-11-28', to: '2026-11-30' }] } }), []);
  });
  it('nearest free slots are the closest ones, in time order', () => {
    const slots = [1, 2, 5, 9, 10].map((h) => ({ start: h * H, end: h * H + H }));
    assert.deepEqual(
      nearestSlots(slots, 6 * H, 3).map((s) => s.start / H),
      [2, 5, 9],
    );
  });
  it('overlap search agrees with a plain scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 60 })), { maxLength: 30 }),
        fc.integer({ min: 0, max: 560 }),
        fc.integer({ min: 1, max: 60 }),
        (raw, s, len) => {
          const list = raw.map(([a, l]) => ({ start: a, end: a + l }));
          const plain = list.some((i) => i.start < s + len && i.end > s);
          assert.equal(overlapsAny(mergeIntervals(list), s, s + len), plain);
        },
      ),
    );
  });
});

describe('slot engine properties', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
  // Windows around each zone's transitions, so the properties are exercised where bugs live.
  const days = [
    '2026-03-08',
    '2026-11-01',
    '2026-03-29',
    '2026-10-25',
    '2026-04-05',
    '2026-10-04',
    '2026-09-27',
    '2026-11-27',
  ];
  const range = fc
    .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
    .map(([a, l]) => ({ start: a * 30, end: Math.min(1440, a * 30 + l * 30) }));
  const arb = fc.record({
    zone: fc.constantFrom(...zones),
    day: fc.constantFrom(...days),
    weekly: fc.array(
      fc.tuple(fc.integer({ min: 1, max: 7 }), range).map(([weekday, r]) => ({ weekday, ...r })),
      { maxLength: 12 },
    ),
    duration: fc.constantFrom(15, 30, 45, 50, 60, 90),
    step: fc.constantFrom(0, 15, 30, 45, 60),
    before: fc.constantFrom(0, 10, 15, 30),
    after: fc.constantFrom(0, 10, 15, 30),
    notice: fc.integer({ min: 0, max: 3000 }),
    busy: fc.array(fc.tuple(fc.integer({ min: -48 * 60, max: 96 * 60 }), fc.integer({ min: 1, max: 300 })), {
      maxLength: 20,
    }),
  });

  it('no slot overlaps a busy block, every slot lies inside the rules, sorted and unique', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const from = startOfDay(addDays(p.day, -1), p.zone);
        const busy = p.busy.map(([m, l]) => ({ start: from + m * 60_000, end: from + (m + l) * 60_000 }));
        const availability: Availability = { zone: p.zone, weekly: p.weekly, overrides: {}, timeOff: [] };
        const rules: SlotRules = {
          durationMin: p.duration,
          stepMin: p.step,
          bufferBeforeMin: p.before,
          bufferAfterMin: p.after,
          noticeMin: p.notice,
          horizonDays: 30,
          dailyLimit: null,
        };
        const now = from - 12 * H;
        const slots = computeSlots({ availability, rules, busy, now, from, to: from + 3 * 24 * H });
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i]!;
          if (i > 0) assert.ok(s.start > slots[i - 1]!.start, 'sorted and unique');
          assert.equal(s.end - s.start, p.duration * 60_000);
          assert.ok(s.start >= now + p.notice * 60_000 && s.start >= from);
          const b0 = s.start - p.before * 60_000;
          const b1 = s.end + p.after * 60_000;
          assert.ok(!busy.some((b) => b.start < b1 && b.end > b0), 'overlaps a busy block');
          const wall = instantToWall(s.start, p.zone);
          const inside = rangeInstants(availability, wall.date).some((r) => r.start <= s.start && s.end <= r.end);
          assert.ok(inside, `outside the rules: ${toIsoUtc(s.start)} in ${p.zone}`);
          const ruled = p.weekly.some(
            (w) => w.weekday === wall.weekday && w.start <= wall.minute && wall.minute < w.end,
          );
          assert.ok(ruled, 'the wall-clock start lies in a weekly range of that weekday');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('series', () => {
  it('keeps the wall-clock time across a daylight-saving change and clamps month ends', async () => {
    const { seriesStarts } = await import('./series.ts');
    const first = Date.parse('2026-10-19T07:00:00Z'); // 09:00 in Berlin, summer time
    assert.deepEqual(seriesStarts(first, 'Europe/Berlin', 'weekly', 2).map(toIsoUtc), [
      '2026-10-19T07:00:00Z',
      '2026-10-26T08:00:00Z',
    ]);
    assert.deepEqual(seriesStarts(Date.parse('2027-01-31T09:00:00Z'), 'UTC', 'monthly', 2).map(toIsoUtc), [
      '2027-01-31T09:00:00Z',
      '2027-02-28T09:00:00Z',
    ]);
    assert.equal(seriesStarts(first, 'UTC', 'fortnightly', 3)[2], first + 28 * 24 * H);
  });
});
