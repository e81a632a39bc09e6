import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { calmGoalSeeker } from './engine/vignettes.ts';
import { guideResult, hiddenFields, outcomeOf, postPairs } from './guide.testing.ts';

forEachEngine('guide back office', (engine) => {
  let t: TestContext;
  let coach: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    coach = (await signedInCoach(t)).jar;
  });
  after(() => t.close());

  async function post(path: string, fields: Record<string, string>) {
    const page = await getPage(t.app, path.replace(/\/(delete|restore)$/, ''), coach);
    return postForm(t.app, path, { _csrf: page.csrf ?? '', ...fields }, coach);
  }

  it('the coach changes a cut-off; the guide uses it at once; a bad value is refused kindly', async () => {
    const mild = { ...calmGoalSeeker, 'phq2.1': '1', 'phq2.2': '1' };
    assert.equal(outcomeOf((await guideResult(t.app, mild)).res.body), 'coaching');
    const base = {
      phq2: '2',
      gad2: '3',
      auditcMale: '4',
      auditcOther: '3',
      griefMonths: '6',
      conflictStatement: 'We are a coaching practice and earn from coaching; we would rather you get the right help.',
    };
    const bad = await post('/admin/guide', { ...base, phq2: '9' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a whole number from 2 to 6/);
    const ok = await post('/admin/guide', base);
    assert.equal(ok.statusCode, 303);
    assert.equal(outcomeOf((await guideResult(t.app, mild)).res.body), 'both');
    assert.match(
      (await getPage(t.app, '/guide', new CookieJar())).body,
      /We are a coaching practice and earn from coaching/,
    );
    const audit = await t.deps.dbh.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'guide.settings_update')
      .execute();
    assert.equal(audit.length, 1);
    await post('/admin/guide', { ...base, phq2: '3' });
  });

  it('a referral added by the coach appears on a therapy result; it can be changed and removed', async () => {
    const added = await post('/admin/guide/referrals', {
      name: 'Riverside Counselling',
      focus: 'Anxiety and low mood',
      how_to_reach: '020 7946 0123',
      notes: '',
      sort_order: '1',
    });
    assert.equal(added.statusCode, 303);
    const { res } = await guideResult(t.app, { ...calmGoalSeeker, areas: 'eating' });
    assert.equal(outcomeOf(res.body), 'therapy');
    assert.match(res.body, /Riverside Counselling/);
    const row = await t.deps.dbh.db.selectFrom('guide_referrals').selectAll().executeTakeFirstOrThrow();
    assert.equal(
      (
        await post(`/admin/guide/referrals/${row.id}`, {
          name: 'Riverside Therapy',
          focus: '',
          how_to_reach: '020 7946 0123',
          notes: '',
          sort_order: '1',
        })
      ).statusCode,
      303,
    );
    assert.match((await getPage(t.app, '/admin/guide/referrals', coach)).body, /Riverside Therapy/);
    const empty = await post('/admin/guide/referrals', { name: '', how_to_reach: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a name/);
    assert.equal((await post(`/admin/guide/referrals/${row.id}/delete`, {})).statusCode, 303);
    assert.equal((await t.deps.dbh.db.selectFrom('guide_referrals').selectAll().execute()).length, 0);
  });

  it('the coach corrects, hides and restores a shipped crisis line, and adds one; /help follows', async () => {
    const page = await getPage(t.app, '/admin/guide/crisis-lines/gb-samaritans', coach);
    assert.equal(page.status, 200);
    const values = Object.fromEntries(
      [...page.body.matchAll(/name="([a-zA-Z]+)"[^>]*value="([^"]*)"/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/&amp;/g, '&'),
      ]),
    );
    const whatToExpect = /name="whatToExpect"[^>]*>([^<]*)</.exec(page.body)![1]!.replace(/&#39;|&rsquo;/g, '’');
    const fields = { ...values, kind: 'crisis', whatToExpect, phone: '116 999', verifiedOn: '2026-11-27' };
    delete (fields as Record<string, string>)._csrf;
    delete (fields as Record<string, string>).hidden; // the unticked checkbox's value, not sent by a browser
    const saved = await postForm(
      t.app,
      '/admin/guide/crisis-lines/gb-samaritans',
      { _csrf: page.csrf!, ...fields },
      coach,
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 200));
    assert.match((await getPage(t.app, '/help/gb', new CookieJar())).body, /href="tel:116999">Call 116 999/);
    await postForm(
      t.app,
      '/admin/guide/crisis-lines/gb-samaritans',
      { _csrf: page.csrf!, ...fields, hidden: 'yes' },
      coach,
    );
    assert.doesNotMatch((await getPage(t.app, '/help/gb', new CookieJar())).body, /Samaritans<\/h3>/);
    assert.equal((await post('/admin/guide/crisis-lines/gb-samaritans/restore', {})).statusCode, 303);
    assert.match((await getPage(t.app, '/help/gb', new CookieJar())).body, /href="tel:116123"/);

    const noWay = await post('/admin/guide/crisis-lines/new', {
      country: 'GB',
      kind: 'crisis',
      name: 'Local line',
      hours: '24/7',
      audience: 'Anyone',
      whatToExpect: 'Someone kind answers and listens.',
      sourceUrl: 'https://example.org',
      verifiedOn: '2026-11-27',
    });
    assert.equal(noWay.statusCode, 400);
    assert.match(noWay.body, /at least one way to reach/);
    const own = await post('/admin/guide/crisis-lines/new', {
      country: 'GB',
      kind: 'youth',
      name: 'Town youth line',
      phone: '0800 000 111',
      hours: 'Evenings',
      audience: 'Young people',
      whatToExpect: 'A youth worker answers and listens.',
      sourceUrl: 'https://example.org',
      verifiedOn: '2026-11-27',
    });
    assert.equal(own.statusCode, 303);
    assert.match((await getPage(t.app, '/help/gb', new CookieJar())).body, /Town youth line/);
  });

  it('the coach reads a shared result ("a screen, not a diagnosis") and sends an adapted referral message through the outbox', async () => {
    const { res, jar } = await guideResult(t.app, { ...calmGoalSeeker, functioning: 'struggling_most_days' });
    await postPairs(
      t.app,
      '/guide/share',
      [
        ...hiddenFields(res.body, '/guide/share'),
        ['name', 'Alex Visitor'],
        ['email', 'alex@example.test'],
        ['consent', 'yes'],
      ],
      jar,
    );
    const row = await t.deps.dbh.db.selectFrom('guide_shared_results').select('id').executeTakeFirstOrThrow();
    const page = await getPage(t.app, `/admin/guide/results/${row.id}`, coach);
    assert.match(page.body, /A screen, not a diagnosis/);
    assert.match(page.body, /struggling to manage/);
    assert.match(page.body, /T4/);
    assert.match(page.body, /Hello Alex Visitor/);
    const sent = await postForm(
      t.app,
      `/admin/guide/results/${row.id}/message`,
      {
        _csrf: page.csrf!,
        subject: 'Some people who can help',
        body: 'Hello Alex,\n\nThank you for sharing. Here are two therapists I trust.',
      },
      coach,
    );
    assert.equal(sent.statusCode, 303);
    const mail = await t.deps.dbh.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'guide.referral_message')
      .executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'alex@example.test');
    assert.match(t.deps.sealer.open(mail.text_sealed), /two therapists I trust/);
    const del = await postForm(t.app, `/admin/guide/results/${row.id}/delete`, { _csrf: page.csrf! }, coach);
    assert.equal(del.statusCode, 303);
    assert.equal((await getPage(t.app, `/admin/guide/results/${row.id}`, coach)).status, 404);
  });
});
