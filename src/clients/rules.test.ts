import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, instantToWall, localDateAt } from '../time/index.ts';
import { checkInState, isCadenceDays, nextCheckInDue } from './check-in-cadence.ts';
import { checkFile, cleanFileName, MAX_FILE_NAME } from './file-policy.ts';
import { type Budget, digestWorthSending, inQuietHours, itemsForDigest, nextDigestAt } from './notification-budget.ts';
import { checkInSeries, progressOf } from './progress.ts';

// The clients module's pure rules: cadence, notification budget, file policy, progress.

const MIN = 60_000;
const DAY = 86_400_000;
/** A local date from 2020 to 2030. */
const localDate = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));

describe('check-in cadence', () => {
  it('is due on the first day, then a period after each check-in', () => {
    const c = { everyDays: 7, since: '2026-11-02' };
    assert.equal(nextCheckInDue(c, null), '2026-11-02');
    assert.equal(nextCheckInDue(c, '2026-11-03'), '2026-11-10');
    assert.equal(
      nextCheckInDue(c, '2026-10-20'),
      '2026-11-02',
      'a check-in before the cadence began does not pull it earlier',
    );
    assert.equal(nextCheckInDue(null, '2026-11-03'), null);
    assert.equal(nextCheckInDue({ everyDays: 0, since: '2026-11-02' }, null), null);
    assert.deepEqual(
      ['2026-11-01', '2026-11-02', '2026-11-03'].map((d) => checkInState('2026-11-02', d)),
      ['upcoming', 'due', 'overdue'],
    );
    assert.equal(checkInState(null, '2026-11-02'), 'not_asked');
    assert.deepEqual([7, 1, 90, 0, 91, 7.5, '7'].map(isCadenceDays), [true, true, true, false, false, false, false]);
  });

  it('properties: never before the cadence began, never more than a period after the last check-in, later after each', () => {
    fc.assert(
      fc.property(
        localDate,
        fc.integer({ min: 1, max: 90 }),
        fc.option(localDate, { nil: null }),
        (since, everyDays, last) => {
          const due = nextCheckInDue({ everyDays, since }, last)!;
          assert.ok(due >= since);
          if (last !== null) {
            assert.ok(due > last, 'a check-in always moves the due date past itself');
            assert.ok(due <= addDays(last, everyDays) || due === since);
            // Checking in on the due date makes the next one exactly a period later.
            assert.equal(nextCheckInDue({ everyDays, since }, due), addDays(due, everyDays));
          }
          assert.equal(checkInState(due, due), 'due');
        },
      ),
    );
  });
});

describe('notification budget', () => {
  const base: Budget = {
    remindersOn: true,
    quietStartMin: 21 * 60,
    quietEndMin: 8 * 60,
    zone: 'Europe/Berlin',
    lastDigestAt: null,
  };
  // 2026-11-27 12:00 in Berlin (CET, UTC+1).
  const noon = Date.UTC(2026, 10, 27, 11, 0);

  it('quiet hours may wrap past midnight; equal bounds mean none', () => {
    assert.deepEqual(
      [1260, 1439, 0, 479, 480, 720].map((m) => inQuietHours(m, 1260, 480)),
      [true, true, true, true, false, false],
    );
    assert.deepEqual(
      [599, 600, 719, 720].map((m) => inQuietHours(m, 600, 720)),
      [false, true, true, false],
    );
    assert.equal(inQuietHours(5, 300, 300), false);
  });

  it('sends now when allowed, after quiet hours, on the next day after a digest, never when turned off', () => {
    assert.equal(nextDigestAt(base, noon), noon);
    assert.equal(nextDigestAt({ ...base, remindersOn: false }, noon), null);
    // 22:30 in Berlin: quiet until 08:00 tomorrow.
    assert.equal(nextDigestAt(base, Date.UTC(2026, 10, 27, 21, 30)), Date.UTC(2026, 10, 28, 7, 0));
    // 06:00 in Berlin: quiet until 08:00 today.
    assert.equal(nextDigestAt(base, Date.UTC(2026, 10, 27, 5, 0)), Date.UTC(2026, 10, 27, 7, 0));
    // A digest went out this morning: the next one tomorrow at 08:00 (midnight is quiet).
    assert.equal(nextDigestAt({ ...base, lastDigestAt: noon - 3 * 3_600_000 }, noon), Date.UTC(2026, 10, 28, 7, 0));
    // Without quiet hours, at the next midnight.
    assert.equal(
      nextDigestAt({ ...base, quietStartMin: 0, quietEndMin: 0, lastDigestAt: noon }, noon),
      Date.UTC(2026, 10, 27, 23, 0),
    );
  });

  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  // Instants around 2026's DST changes, where bugs live, and anywhere in the year.
  const instant = fc.oneof(
    fc.integer({ min: Date.UTC(2026, 2, 5), max: Date.UTC(2026, 3, 10) }),
    fc.integer({ min: Date.UTC(2026, 9, 1), max: Date.UTC(2026, 10, 5) }),
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  );
  const budget = fc.record({
    remindersOn: fc.constant(true),
    quietStartMin: fc.integer({ min: 0, max: 1439 }),
    quietEndMin: fc.integer({ min: 0, max: 1439 }),
    zone: fc.constantFrom(...zones),
    lastDigestAt: fc.constant<number | null>(null),
  });

  it('properties: never before now, never in quiet hours, never on the day of the last digest', () => {
    fc.assert(
      fc.property(budget, instant, fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: null }), (b, now, ago) => {
        const withLast = { ...b, lastDigestAt: ago === null ? null : now - ago };
        const at = nextDigestAt(withLast, now)!;
        assert.ok(at >= now);
        const wall = instantToWall(at, b.zone);
        assert.ok(!inQuietHours(wall.minute, b.quietStartMin, b.quietEndMin), `quiet at ${wall.date} ${wall.minute}`);
        if (withLast.lastDigestAt !== null) assert.ok(wall.date > localDateAt(withLast.lastDigestAt, b.zone));
        assert.ok(at - now <= 3 * DAY, 'and not absurdly late');
      }),
      { numRuns: 400 },
    );
  });

  it('properties: where clocks never change, it is the earliest allowed minute', () => {
    fc.assert(
      fc.property(budget, fc.constantFrom('UTC', 'Asia/Kolkata', 'Asia/Tokyo'), instant, (b, zone, now) => {
        const at = nextDigestAt({ ...b, zone, lastDigestAt: now - DAY / 2 }, now)!;
        if (at > now) {
          const before = instantToWall(at - MIN, zone);
          const blocked =
            inQuietHours(before.minute, b.quietStartMin, b.quietEndMin) ||
            before.date <= localDateAt(now - DAY / 2, zone);
          assert.ok(blocked || at - MIN < now, 'a minute earlier would break a rule');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('properties: digests sent whenever allowed over two weeks land on distinct days, outside quiet hours', () => {
    fc.assert(
      fc.property(budget, instant, (b, start) => {
        let last: number | null = null;
        const days = new Set<string>();
        let t = start;
        for (let i = 0; i < 14; i++) {
          const at: number = nextDigestAt({ ...b, lastDigestAt: last }, t)!;
          const d = localDateAt(at, b.zone);
          assert.ok(!days.has(d), `two digests on ${d}`);
          days.add(d);
          last = at;
          t = at + 1;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('names each open item due today or tomorrow, or overdue, once; an empty digest is not worth sending', () => {
    const items = [
      { id: 'today', dueDate: '2026-11-27', doneAt: null, remindedAt: null },
      { id: 'tomorrow', dueDate: '2026-11-28', doneAt: null, remindedAt: null },
      { id: 'later', dueDate: '2026-11-29', doneAt: null, remindedAt: null },
      { id: 'overdue', dueDate: '2026-11-01', doneAt: null, remindedAt: null },
      { id: 'done', dueDate: '2026-11-27', doneAt: 1, remindedAt: null },
      { id: 'reminded', dueDate: '2026-11-27', doneAt: null, remindedAt: 1 },
      { id: 'undated', dueDate: null, doneAt: null, remindedAt: null },
    ];
    assert.deepEqual(itemsForDigest(items, '2026-11-27'), ['today', 'tomorrow', 'overdue']);
    assert.deepEqual(
      [digestWorthSending([], false), digestWorthSending([], true), digestWorthSending(['a'], false)],
      [false, true, true],
    );
  });
});

describe('file policy', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('tells kinds by their bytes and names them so they open right', () => {
    assert.deepEqual(checkFile('sheet.pdf', enc('%PDF-1.4 …')), {
      ok: true,
      contentType: 'application/pdf',
      name: 'sheet.pdf',
    });
    assert.deepEqual(checkFile('sheet', enc('%PDF-1.4 …')), {
      ok: true,
      contentType: 'application/pdf',
      name: 'sheet.pdf',
    });
    assert.equal(checkFile('a.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).ok, true);
    assert.equal(checkFile('a.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])).ok, true);
    assert.equal(checkFile('a.webp', enc('RIFF\0\0\0\0WEBPVP8 ')).ok, true);
    assert.deepEqual(checkFile('plan.docx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1])), {
      ok: true,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      name: 'plan.docx',
    });
    assert.deepEqual(checkFile('archive.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1])), {
      ok: false,
      reason: 'file_type_refused',
    });
    assert.equal(checkFile('notes.txt', enc('Plain words, ünïcode too.\n')).ok, true);
    assert.deepEqual(checkFile('notes.txt', Uint8Array.from([0xc3, 0x28])), { ok: false, reason: 'file_type_refused' });
    assert.deepEqual(checkFile('notes.txt', enc('bell\u0007')), { ok: false, reason: 'file_type_refused' });
    assert.deepEqual(checkFile('x.svg', enc('<svg xmlns="http://www.w3.org/2000/svg"/>')), {
      ok: false,
      reason: 'file_type_refused',
    });
  });

  it('cleans names: no folders, no control or direction-override characters, never empty, never too long', () => {
    assert.equal(cleanFileName('C:\\Users\\ana\\plan.pdf'), 'plan.pdf');
    assert.equal(cleanFileName('../../.htaccess'), 'htaccess');
    assert.equal(cleanFileName('evil\u202Efdp.exe'), 'evilfdp.exe');
    assert.equal(cleanFileName('  '), 'file');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (name) => {
        const clean = cleanFileName(name);
        assert.ok(clean.length > 0);
        assert.ok([...clean].length <= MAX_FILE_NAME);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are gone
        assert.ok(!/[/\\\u0000-\u001f\u007f\u202a-\u202e"]/.test(clean), JSON.stringify(clean));
      }),
    );
  });
});

describe('progress', () => {
  it('counts done items and draws series with gaps, not zeros', () => {
    assert.deepEqual(progressOf([]), { done: 0, total: 0, percent: 0 });
    assert.deepEqual(progressOf([{ doneAt: 1 }, { doneAt: null }, { doneAt: null }]), {
      done: 1,
      total: 3,
      percent: 33,
    });
    const series = checkInSeries(
      [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      [
        { localDate: '2026-11-03', scores: { a: 5 } },
        { localDate: '2026-11-01', scores: { a: 3, b: 8 } },
      ],
    );
    assert.deepEqual(
      series.map((s) => s.points),
      [
        [
          { date: '2026-11-01', score: 3 },
          { date: '2026-11-03', score: 5 },
        ],
        [{ date: '2026-11-01', score: 8 }],
      ],
    );
  });
});
