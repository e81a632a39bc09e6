import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forEachEngine } from '../db/testing.ts';
import { readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { createTestApp, getPage, postForm, signedInCoach } from '../testing.ts';
import { parseForm } from '../web/index.ts';
import { weekdaysInOrder, weeklyFormValues, weeklySchema } from './setup.ts';
import type { WallRange } from './slots.ts';
import { seedCoach } from './testing.ts';

// Issue 12: weekly hours are rows of from–to times per day, not typed text.
const parse = (values: Record<string, string>) => parseForm(weeklySchema(), values);
const closedWeek = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };

describe('the weekly hours form, read', () => {
  it('reads rows in any order, leaves out blank and removed rows, and closes days without rows', () => {
    const r = parse({
      'd1.0.from': '14:00',
      'd1.0.to': '17:30',
      'd1.1.from': '09:15',
      'd1.1.to': '12:00',
      'd1.2.from': '',
      'd1.2.to': '',
      'd2.0.from': '08:00',
      'd2.0.to': '25:99',
      'd2.0.remove': '1',
      'd5.3.from': '20:00',
      'd5.3.to': '00:00',
      add: '3',
    });
    assert.ok(r.ok);
    assert.deepEqual(r.data, {
      ...closedWeek,
      1: [
        { start: 555, end: 720 },
        { start: 840, end: 1050 },
      ],
      5: [{ start: 1200, end: 1440 }],
    });
    const none = parse({});
    assert.deepEqual(none.ok && none.data, closedWeek, 'nothing sent: every day closed');
  });

  it('says in plain words what is wrong, beside the row that is wrong', () => {
    const r = parse({
      'd1.0.from': '09:00',
      'd1.0.to': '08:00',
      'd2.0.from': '09:00',
      'd2.0.to': '12:00',
      'd2.1.from': '11:30',
      'd2.1.to': '13:00',
      'd3.0.from': '',
      'd3.0.to': '17:00',
      'd4.0.from': '10:00',
      'd4.0.to': '',
      'd6.0.from': 'soon',
      'd6.0.to': '12:00',
      'd7.0.from': '09:00',
      'd7.0.to': '12:00',
      'd7.1.from': '12:00',
      'd7.1.to': '13:00',
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.state.errors, {
      'd1.0.to': 'The end must be later than the start (09:00). To work until midnight, end at 00:00.',
      'd2.1.from': 'These hours overlap 09:00–12:00 on Tuesday. Change one of the two, or tick Remove.',
      'd3.0.from': 'Enter when these Wednesday hours start, like 09:00.',
      'd4.0.to': 'Enter when these Thursday hours end, like 17:00.',
      'd6.0.from': 'Enter the start as a time, like 09:00.',
    });
    assert.equal(r.state.values['d2.1.from'], '11:30', 'what was typed is kept');
  });

  it('accepts any minute, and what a browser without a time input sends', () => {
    const r = parse({ 'd1.0.from': '9.07', 'd1.0.to': '17:53:00', 'd2.0.from': '00:00', 'd2.0.to': '24:00' });
    assert.ok(r.ok);
    assert.deepEqual([r.data[1], r.data[2]], [[{ start: 547, end: 1073 }], [{ start: 0, end: 1440 }]]);
    assert.ok(!parse({ 'd1.0.from': '24:00', 'd1.0.to': '24:00' }).ok, 'a day starts before 24:00');
  });

  it('shows saved hours as rows that read back as the same hours', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
      .filter(([a, b]) => a < b)
      .map(([start, end]) => ({ start, end }));
    // Any week of non-overlapping ranges per day, as the form saves it.
    const day = fc.array(range, { maxLength: 5 }).map((rs) => {
      const out: WallRange[] = [];
      for (const r of [...rs].sort((a, b) => a.start - b.start))
        if (!out.length || r.start >= out.at(-1)!.end) out.push(r);
      return out;
    });
    fc.assert(
      fc.property(fc.array(day, { minLength: 7, maxLength: 7 }), (days) => {
        const weekly = Object.fromEntries(days.map((rs, i) => [i + 1, rs]));
        const r = parse(weeklyFormValues(weekly));
        assert.ok(r.ok, JSON.stringify(!r.ok && r.state.errors));
        assert.deepEqual(r.data, weekly);
      }),
    );
  });

  it('starts the week where the coach lives', () => {
    assert.deepEqual(weekdaysInOrder('en-GB'), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(weekdaysInOrder('en-US'), [7, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(weekdaysInOrder('not a locale'), [1, 2, 3, 4, 5, 6, 7]);
  });
});

forEachEngine('the weekly hours page', (engine) => {
  it('edits the hours as rows: add a row with JavaScript off, errors beside the row, one save for the week', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    await db.deleteFrom('availability_weekly').execute();

    // Each day: a fieldset with a legend and one empty row, its inputs labelled by day.
    const page = await getPage(ctx.app, '/admin/availability', jar);
    assert.equal(page.status, 200);
    assert.equal(page.body.match(/<fieldset id="weekly-d\d">/g)?.length, 7);
    assert.match(page.body, /<legend>Monday<\/legend>/);
    assert.match(
      page.body,
      /<label for="f-d1\.0\.from"><span class="visually-hidden">Monday, <\/span>From<\/label><input id="f-d1\.0\.from" name="d1\.0\.from" type="time" value\/>/,
    );
    assert.doesNotMatch(page.body, /Write hours like/);
    const csrf = page.csrf!;

    // "Add another row" for Monday: the same form with what was typed and a second Monday row.
    const typed = { _csrf: csrf, 'd1.0.from': '09:00', 'd1.0.to': '12:00', 'd2.0.from': '10:00', 'd2.0.to': '' };
    const added = await postForm(ctx.app, '/admin/availability/weekly', { ...typed, add: '1' }, jar);
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="d1\.0\.from" type="time" value="09:00"/);
    assert.match(added.body, /name="d1\.1\.from" type="time" value\/>/);
    assert.match(added.body, /name="d2\.0\.from" type="time" value="10:00"/, 'other days keep what was typed');
    assert.doesNotMatch(added.body, /name="d2\.1\.from"/);
    assert.equal(
      await db
        .selectFrom('availability_weekly')
        .select('id')
        .execute()
        .then((r) => r.length),
      0,
    );

    // Overlapping rows come back (400) with the message beside the row and linked to its inputs.
    const bad = await postForm(
      ctx.app,
      '/admin/availability/weekly',
      { ...typed, 'd1.1.from': '11:00', 'd1.1.to': '13:00', 'd2.0.from': '', 'd2.0.to': '' },
      jar,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /One thing needs fixing/);
    assert.match(bad.body, /<a href="#f-d1\.1\.from">Monday, from: These hours overlap 09:00–12:00 on Monday/);
    assert.match(
      bad.body,
      /<p class="field-error" id="e-d1\.1"><span class="visually-hidden">Error: <\/span>These hours overlap/,
    );
    assert.match(
      bad.body,
      /id="f-d1\.1\.from" name="d1\.1\.from" type="time" value="11:00" aria-invalid="true" aria-describedby="e-d1\.1"/,
    );
    assert.match(bad.body, /id="f-d1\.1\.to" name="d1\.1\.to" type="time" value="13:00" aria-describedby="e-d1\.1"/);

    // Saved: the week replaced as a whole; Tuesday, with no rows left, is closed.
    await db
      .insertInto('availability_weekly')
      .values({ id: 'old', weekday: 2, start_min: 600, end_min: 700 })
      .execute();
    const ok = await postForm(
      ctx.app,
      '/admin/availability/weekly',
      { ...typed, 'd1.1.from': '13:00', 'd1.1.to': '17:00', 'd2.0.from': '', 'd2.0.to': '' },
      jar,
    );
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/availability?saved=1');
    const rows = await db
      .selectFrom('availability_weekly')
      .select(['weekday', 'start_min', 'end_min'])
      .orderBy('weekday')
      .orderBy('start_min')
      .execute();
    assert.deepEqual(rows, [
      { weekday: 1, start_min: 540, end_min: 720 },
      { weekday: 1, start_min: 780, end_min: 1020 },
    ]);

    // Shown again as rows, a blank one after them, and a Remove box for each saved row.
    const again = await getPage(ctx.app, '/admin/availability', jar);
    assert.match(again.body, /name="d1\.1\.to" type="time" value="17:00"/);
    assert.match(again.body, /name="d1\.2\.from" type="time" value\/>/);
    assert.match(again.body, /name="d1\.0\.remove" type="checkbox" value="1"/);
    assert.doesNotMatch(again.body, /name="d1\.2\.remove"/);
    const removed = await postForm(
      ctx.app,
      '/admin/availability/weekly',
      {
        _csrf: again.csrf!,
        'd1.0.from': '09:00',
        'd1.0.to': '12:00',
        'd1.0.remove': '1',
        'd1.1.from': '13:00',
        'd1.1.to': '17:00',
      },
      jar,
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await db.selectFrom('availability_weekly').select(['weekday', 'start_min', 'end_min']).execute(), [
      { weekday: 1, start_min: 780, end_min: 1020 },
    ]);

    // An expired form keeps the rows as typed; nothing is saved.
    const expired = await postForm(
      ctx.app,
      '/admin/availability/weekly',
      { _csrf: 'stale', 'd3.0.from': '08:00', 'd3.0.to': '09:00' },
      jar,
    );
    assert.equal(expired.statusCode, 403);
    assert.match(expired.body, /name="d3\.0\.from" type="time" value="08:00"/);

    // The other forms on the page still work.
    const override = await postForm(
      ctx.app,
      '/admin/availability/override',
      { _csrf: again.csrf!, date: '2026-12-01', hours: '10:00-11:00', note: '' },
      jar,
    );
    assert.equal(override.statusCode, 303);
  });

  it('orders the days and writes the times as the coach’s locale and clock do', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const { jar } = await signedInCoach(ctx);
    await writeSiteSettings(
      db,
      { ...(await readSiteSettings(db)), locale: 'en-US', hourCycle: 'h12' },
      ctx.clock.now(),
    );
    const page = await getPage(ctx.app, '/admin/availability', jar);
    const legends = [...page.body.matchAll(/<legend>(\w+day)<\/legend>/g)].map((m) => m[1]);
    assert.deepEqual(legends, ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    // Messages tell the times on the coach's clock.
    const bad = await postForm(
      ctx.app,
      '/admin/availability/weekly',
      { _csrf: page.csrf!, 'd1.0.from': '15:00', 'd1.0.to': '14:00' },
      jar,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(
      bad.body,
      /The end must be later than the start \(3:00\spm\)\. To work until midnight, end at 12:00\sam\./i,
    );
  });
});
