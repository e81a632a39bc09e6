import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { fieldValue, titleOf } from './html-testing.ts';
import { settingsToFormValues } from './settings-form.ts';

forEachEngine('site settings', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    ({ jar } = await signedInCoach(t));
  });
  after(() => t.close());

  async function form(): Promise<Record<string, string>> {
    const page = await getPage(t.app, '/admin/settings', jar);
    assert.equal(page.status, 200);
    return { ...settingsToFormValues(await readSiteSettings(t.deps.dbh.db)), _csrf: page.csrf! };
  }

  it('shows every setting with its current value', async () => {
    const { body } = await getPage(t.app, '/admin/settings', jar);
    assert.equal(fieldValue(body, 'practiceName'), 'Rootwork Coaching');
    assert.match(body, /<input[^>]*name="contactEmail"/);
    assert.equal(
      fieldValue(body, 'contactEmail') ?? '',
      '',
      'the practice address starts empty (notices go to the sign-in address)',
    );
    assert.equal(fieldValue(body, 'accent'), '#2f5d50');
    assert.equal(fieldValue(body, 'social_0_url'), 'https://www.instagram.com/rootwork.example');
    assert.match(body, /<option value="America\/Chicago" selected>America\/Chicago<\/option>/);
    assert.match(body, /<option value="GB">United Kingdom<\/option>/);
    assert.match(body, /<option value="US" selected>United States<\/option>/);
    assert.match(body, /<option value="en-GB" selected>British English \(en-GB\)<\/option>/);
    assert.match(body, /<option value="h23" selected>24-hour \(14:30\)<\/option>/);
    for (const name of ['coachName', 'coachTitle', 'credentials', 'tagline', 'photoUrl', 'photoAlt', 'accentDark']) {
      assert.match(body, new RegExp(`name="${name}"`), name);
    }
  });

  it('saves, shows the change on the public site, and audits which settings changed', async () => {
    const values = {
      ...(await form()),
      practiceName: 'Rootwork Studio',
      country: 'GB',
      social_3_network: 'bluesky',
      social_3_url: 'https://bsky.app/profile/rootwork.example',
    };
    const res = await postForm(t.app, '/admin/settings', values, jar);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/settings?saved=1');
    const saved = await readSiteSettings(t.deps.dbh.db);
    assert.equal(saved.practiceName, 'Rootwork Studio');
    assert.equal(saved.country, 'GB');
    assert.equal(saved.social.length, 4);
    const about = await getPage(t.app, '/about', new CookieJar());
    assert.equal(titleOf(about.body), 'About Maya · Rootwork Studio');
    assert.match(about.body, /Bluesky/);
    assert.match((await getPage(t.app, '/help', new CookieJar())).body, /Samaritans/);
    const audit = await t.deps.dbh.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'settings.update')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.detail_json), { changed: 'practiceName,country,social' });
    assert.doesNotMatch(audit.detail_json, /Rootwork Studio/);
  });

  for (const [name, over, field, message] of [
    ['bad colour', { accent: 'red' }, 'accent', /Use a colour written like #2f5d50/],
    ['bad email', { contactEmail: 'hello-at-example' }, 'contactEmail', /Enter an email address like name@example.com/],
    ['bad time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /Choose a time zone from the list/],
    ['empty practice name', { practiceName: '' }, 'practiceName', /Give the practice a name/],
    ['unknown country', { country: 'XX' }, 'country', /Choose a country from the list/],
    ['locale without a region', { locale: 'en' }, 'locale', /Choose a language and region from the list/],
    ['unknown locale', { locale: 'xx-YY' }, 'locale', /Choose a language and region from the list/],
    ['clock that does not exist', { hourCycle: 'h25' }, 'hourCycle', /Choose a 24-hour or a 12-hour clock/],
    ['http social link', { social_0_url: 'http://insecure.example' }, 'social_0_url', /full https:\/\/ addresses/],
    [
      'link without a network',
      { social_2_network: '', social_2_url: 'https://example.org/me' },
      'social_2_network',
      /Choose which network/,
    ],
  ] as const) {
    it(`refuses a ${name} with a 400, the message and the typed values`, async () => {
      const before = await readSiteSettings(t.deps.dbh.db);
      const values: Record<string, string> = { ...(await form()), tagline: 'A tagline I typed', ...over };
      const res = await postForm(t.app, '/admin/settings', values, jar);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`id="e-${field}"`));
      assert.equal(fieldValue(res.body, 'tagline'), 'A tagline I typed');
      const key = Object.keys(over)[0]!;
      if (!/^(timeZone|locale|hourCycle|country|social_\d_network)$/.test(key))
        assert.equal(fieldValue(res.body, key) ?? '', values[key]);
      assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
    });
  }

  it('the back office writes dates in the language, region and clock the coach chose', async () => {
    // Each save leaves an audit entry, and the audit log shows when it happened.
    const dated = /<time datetime="[^"]+">([^<]+)<\/time>/i;
    const res = await postForm(t.app, '/admin/settings', { ...(await form()), locale: 'en-US', hourCycle: 'h12' }, jar);
    assert.equal(res.statusCode, 303);
    const saved = await readSiteSettings(t.deps.dbh.db);
    assert.equal(saved.locale, 'en-US');
    assert.equal(saved.hourCycle, 'h12');
    const us = dated.exec((await getPage(t.app, '/admin/audit', jar)).body)?.[1] ?? '';
    assert.match(us, /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/, us);
    await postForm(t.app, '/admin/settings', { ...(await form()), locale: 'en-GB', hourCycle: 'h23' }, jar);
    const gb = dated.exec((await getPage(t.app, '/admin/audit', jar)).body)?.[1] ?? '';
    assert.match(gb, /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/, gb);
  });

  it('without a valid form token: 403, values kept, nothing saved', async () => {
    const { _csrf, ...values } = await form();
    void _csrf;
    const res = await postForm(t.app, '/admin/settings', { ...values, practiceName: 'Not saved' }, jar);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /This form expired/);
    assert.equal(fieldValue(res.body, 'practiceName'), 'Not saved');
    assert.notEqual((await readSiteSettings(t.deps.dbh.db)).practiceName, 'Not saved');
  });

  it('warns when an accent colour would be hard to read, and still saves it', async () => {
    const res = await postForm(t.app, '/admin/settings', { ...(await form()), accent: '#a8d5c6' }, jar);
    assert.equal(res.statusCode, 303);
    const { body } = await getPage(t.app, '/admin/settings', jar);
    assert.match(body, /Links in the accent colour #a8d5c6 would be hard to read/);
    assert.match(body, /href="\/assets\/theme\.a8d5c6\.8cc7b4\.css"/);
  });
});
