import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';
import { fieldValue, titleOf } from './html-testing.ts';
import { settingsToFormValues } from './settings-form.ts';

/** A multipart/form-data body as a browser sends the settings form (the file part last). */
function multipart(fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) {
  const boundary = `----tandemtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  // Without a chosen file a browser still sends the input, empty.
  const f = file ?? { filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) };
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
    ),
    f.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A small real photo, portrait-shaped as a coach's usually is. */
const portraitPng = (width = 600, height = 800) =>
  sharp({ create: { width, height, channels: 3, background: '#b5835a' } })
    .png()
    .toBuffer();

forEachEngine('site settings', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-settings-'));
    t = await createTestApp(engine, { dataDir });
    await seedDemoContent(t.deps);
    ({ jar } = await signedInCoach(t));
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const storedFiles = () => {
    const dir = path.join(dataDir, 'media', 'images');
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  };

  /** Posts the settings form as the browser does (multipart), with a photo when one is given. */
  async function postSettings(fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) {
    const body = multipart(fields, file);
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/settings',
      headers: { cookie: jar.header(), 'content-type': body.contentType },
      payload: body.payload,
    });
    jar.store(res.headers['set-cookie'] as string | string[] | undefined);
    return res;
  }

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
    for (const name of ['coachName', 'coachTitle', 'credentials', 'tagline', 'photo', 'photoAlt', 'accentDark']) {
      assert.match(body, new RegExp(`name="${name}"`), name);
    }
  });

  it('asks for the photo as a file, shows the current one with its description, and offers to remove it', async () => {
    const { body } = await getPage(t.app, '/admin/settings', jar);
    assert.match(body, /<form method="post" action="\/admin\/settings" enctype="multipart\/form-data"/);
    assert.match(
      body,
      /<input id="f-photo" name="photo" type="file" accept="image\/jpeg,image\/png,image\/webp,image\/avif"/,
    );
    assert.match(body, /<label for="f-photo">Photo/);
    assert.doesNotMatch(body, /name="photoUrl"/, 'no address to type any more');
    const demo = await readSiteSettings(t.deps.dbh.db);
    assert.match(body, new RegExp(`<figure class="photo-preview"><img src="${demo.photoUrl}"[^>]*width="128"`));
    assert.ok(body.includes(`Its description: “${demo.photoAlt}”`));
    assert.match(body, /<input type="checkbox" name="removePhoto" value="1"\/?> Remove the photo/);
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

  it('an uploaded photo is stored in its widths, saved as the photo, and shown on the home and about pages', async () => {
    const before = storedFiles();
    const res = await postSettings(
      { ...(await form()), photoAlt: 'Maya in a green jumper, smiling' },
      { filename: 'me.png', type: 'image/png', data: await portraitPng() },
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/admin/settings?saved=1');
    const saved = await readSiteSettings(t.deps.dbh.db);
    const m = /^\/media\/images\/([0-9a-f]{16})-600x800\.jpg$/.exec(saved.photoUrl);
    assert.ok(m, saved.photoUrl);
    const hash = m[1]!;
    assert.equal(saved.photoAlt, 'Maya in a green jumper, smiling');
    assert.ok(storedFiles().length > before.length, 'the widths are stored');
    for (const ext of ['avif', 'webp', 'jpg']) assert.ok(storedFiles().includes(`${hash}-480.${ext}`), ext);

    for (const [url, sizes] of [
      ['/', '(min-width: 52rem) 24rem, 17rem'],
      ['/about', '13rem'],
    ] as const) {
      const { status, body } = await getPage(t.app, url, new CookieJar());
      assert.equal(status, 200, url);
      assert.match(
        body,
        new RegExp(
          `<picture class="portrait-frame"><source type="image/avif" srcset="/media/images/${hash}-480\\.avif 480w, /media/images/${hash}-600\\.avif 600w" sizes="${sizes.replace(/[()]/g, '\\$&')}"/?>`,
        ),
        url,
      );
      assert.match(
        body,
        new RegExp(
          `<img class="portrait" src="/media/images/${hash}-600\\.jpg" srcset="/media/images/${hash}-480\\.jpg 480w, /media/images/${hash}-600\\.jpg 600w" sizes="[^"]+" alt="Maya in a green jumper, smiling" width="400" height="500"`,
        ),
        url,
      );
      // The structured data names the stored image itself.
      assert.ok(body.includes(`"image":"${t.deps.config.publicUrl}${saved.photoUrl}"`), `${url} JSON-LD`);
    }
    for (const [file, type] of [
      [saved.photoUrl, 'image/jpeg'],
      [`/media/images/${hash}-480.avif`, 'image/avif'],
      [`/media/images/${hash}-480.webp`, 'image/webp'],
    ] as const) {
      const served = await t.app.inject({ url: file });
      assert.equal(served.statusCode, 200, file);
      assert.match(String(served.headers['content-type']), new RegExp(type), file);
      assert.ok(served.rawPayload.length > 100, file);
    }
    const meta = await sharp((await t.app.inject({ url: saved.photoUrl })).rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 600, 800]);

    const { body } = await getPage(t.app, '/admin/settings', jar);
    assert.match(
      body,
      new RegExp(`<figure class="photo-preview"><img src="/media/images/${hash}-600\\.jpg"[^>]*height="171"`),
    );
    assert.ok(body.includes('Its description: “Maya in a green jumper, smiling”'));
    // The audit names what changed, never the photo's address.
    const audits = await t.deps.dbh.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'settings.update')
      .execute();
    assert.ok(
      audits.some((a) => /photoUrl,photoAlt/.test(a.detail_json)),
      audits.map((a) => a.detail_json).join(' '),
    );
    assert.ok(audits.every((a) => !a.detail_json.includes(hash)));
  });

  it('saving without choosing a file keeps the photo', async () => {
    const photoUrl = (await readSiteSettings(t.deps.dbh.db)).photoUrl;
    const res = await postSettings({ ...(await form()), tagline: 'Kept photo' });
    assert.equal(res.statusCode, 303, res.body);
    const saved = await readSiteSettings(t.deps.dbh.db);
    assert.equal(saved.tagline, 'Kept photo');
    assert.equal(saved.photoUrl, photoUrl);
  });

  it('ignores a photo address typed into the post', async () => {
    const photoUrl = (await readSiteSettings(t.deps.dbh.db)).photoUrl;
    const res = await postSettings({ ...(await form()), photoUrl: '/static/elsewhere.svg' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await readSiteSettings(t.deps.dbh.db)).photoUrl, photoUrl);
  });

  it('refuses a file that is not an image with a 400, says so, and keeps what was typed', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const files = storedFiles();
    const res = await postSettings(
      { ...(await form()), tagline: 'A tagline I typed', photoAlt: 'A new description' },
      { filename: 'notes.png', type: 'image/png', data: Buffer.from('these are my notes, not a picture\n'.repeat(20)) },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="e-photo"/);
    assert.match(
      res.body,
      /That file is not a photo we can read, so it was not saved\. Choose a JPEG, PNG, WebP or AVIF image\./,
    );
    assert.match(res.body, /<a href="#f-photo">Photo: /);
    assert.equal(fieldValue(res.body, 'tagline'), 'A tagline I typed');
    assert.equal(fieldValue(res.body, 'photoAlt'), 'A new description');
    assert.match(res.body, /enctype="multipart\/form-data"/);
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
    assert.deepEqual(storedFiles(), files, 'nothing stored');
  });

  it('a good photo with another mistake: 400, every typed value kept, nothing stored, and asks for the photo again', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const files = storedFiles();
    const res = await postSettings(
      {
        ...(await form()),
        tagline: 'A tagline I typed',
        photoAlt: 'On a bench in the park',
        contactEmail: 'hello-at-example',
        social_1_network: 'mastodon',
        social_1_url: 'https://social.example/@maya',
      },
      {
        filename: 'new.jpg',
        type: 'image/jpeg',
        data: await sharp(await portraitPng(400, 500))
          .jpeg()
          .toBuffer(),
      },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="e-contactEmail"/);
    assert.match(res.body, /id="e-photo"/);
    assert.match(res.body, /Your new photo was not saved yet[^<]*Please choose it again before you press Save\./);
    // The summary lists the photo where the form shows it: after the practice's fields, before the description.
    assert.ok(res.body.indexOf('href="#f-contactEmail"') < res.body.indexOf('href="#f-photo"'));
    assert.equal(fieldValue(res.body, 'tagline'), 'A tagline I typed');
    assert.equal(fieldValue(res.body, 'photoAlt'), 'On a bench in the park');
    assert.equal(fieldValue(res.body, 'contactEmail'), 'hello-at-example');
    assert.equal(fieldValue(res.body, 'social_1_url'), 'https://social.example/@maya');
    assert.match(res.body, /<option value="mastodon" selected>/);
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
    assert.deepEqual(storedFiles(), files, 'the photo waits until the form is right');
  });

  it('a photo needs a description: refused for a new upload and for the current photo', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const files = storedFiles();
    const upload = await postSettings(
      { ...(await form()), tagline: 'A tagline I typed', photoAlt: '   ' },
      {
        filename: 'wide.webp',
        type: 'image/webp',
        data: await sharp(await portraitPng(900, 600))
          .webp()
          .toBuffer(),
      },
    );
    assert.equal(upload.statusCode, 400);
    assert.match(upload.body, /id="e-photoAlt"/);
    assert.match(upload.body, /Describe the photo for people who cannot see it/);
    assert.match(upload.body, /Please choose it again/);
    assert.equal(fieldValue(upload.body, 'tagline'), 'A tagline I typed');
    assert.deepEqual(storedFiles(), files);

    const kept = await postSettings({ ...(await form()), photoAlt: '' });
    assert.equal(kept.statusCode, 400);
    assert.match(kept.body, /id="e-photoAlt"/);
    assert.doesNotMatch(kept.body, /id="e-photo"/);
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);

    // Also when another field fails the schema, the missing description is said at once.
    const both = await postSettings({ ...(await form()), photoAlt: '', accent: 'red' });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /id="e-accent"/);
    assert.match(both.body, /id="e-photoAlt"/);
  });

  it('refuses a photo over 10 MB with a 413 in plain words, keeping what was typed', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const files = storedFiles();
    const res = await postSettings(
      { ...(await form()), tagline: 'A tagline I typed' },
      { filename: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(10 * 1024 * 1024 + 1, 7) },
    );
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /That photo is larger than 10 MB, so it was not saved/);
    assert.equal(fieldValue(res.body, 'tagline'), 'A tagline I typed');
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
    assert.deepEqual(storedFiles(), files);
  });

  it('a multipart body that cannot be read is a 400 in plain words, never a 500', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const token = (await form())._csrf!;
    for (const [contentType, payload] of [
      ['multipart/form-data', 'no boundary at all'],
      ['multipart/form-data; boundary=""', 'an empty boundary'],
      [
        'multipart/form-data; boundary=xyz',
        `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--xyz\r\nContent-Disposition: form-data; name="photo"; filename="cut.png"\r\n\r\ncut sh`,
      ],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/settings',
        headers: { cookie: jar.header(), 'content-type': contentType },
        payload,
      });
      assert.equal(res.statusCode, 400, contentType);
      assert.match(res.body, /We could not read the form as it was sent, so nothing was saved/, contentType);
    }
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
  });

  it('without a valid form token the upload is refused: 403, values kept, nothing saved or stored', async () => {
    const before = await readSiteSettings(t.deps.dbh.db);
    const files = storedFiles();
    const { _csrf, ...values } = await form();
    void _csrf;
    const res = await postSettings(
      { ...values, practiceName: 'Not saved', photoAlt: 'Another photo' },
      { filename: 'other.png', type: 'image/png', data: await portraitPng(500, 700) },
    );
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /This form expired/);
    assert.match(res.body, /choose the photo again/);
    assert.equal(fieldValue(res.body, 'practiceName'), 'Not saved');
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
    assert.deepEqual(storedFiles(), files);
    const forged = await postSettings(
      { ...values, _csrf: 'forged', practiceName: 'Not saved' },
      { filename: 'other.png', type: 'image/png', data: await portraitPng(500, 700) },
    );
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await readSiteSettings(t.deps.dbh.db), before);
  });

  it('removes the photo: the pages show none, and the form offers an upload again', async () => {
    const res = await postSettings({ ...(await form()), removePhoto: '1' });
    assert.equal(res.statusCode, 303, res.body);
    const saved = await readSiteSettings(t.deps.dbh.db);
    assert.equal(saved.photoUrl, '');
    assert.equal(saved.photoAlt, '', 'a description without a photo describes nothing');
    for (const url of ['/', '/about']) {
      const { body } = await getPage(t.app, url, new CookieJar());
      assert.doesNotMatch(body, /class="portrait/, url);
      assert.doesNotMatch(body, /"image":/, url);
    }
    const { body } = await getPage(t.app, '/admin/settings', jar);
    assert.match(body, /No photo yet/);
    assert.doesNotMatch(body, /name="removePhoto"/);
    // With no photo, nothing needs describing.
    assert.equal((await postSettings({ ...(await form()), tagline: 'No photo' })).statusCode, 303);
  });

  it('a new photo replaces the old one even when "Remove" is ticked', async () => {
    const res = await postSettings(
      { ...(await form()), removePhoto: '1', photoAlt: 'Maya at her desk' },
      {
        filename: 'desk.avif',
        type: 'image/avif',
        data: await sharp(await portraitPng(320, 400))
          .avif()
          .toBuffer(),
      },
    );
    assert.equal(res.statusCode, 303, res.body);
    const saved = await readSiteSettings(t.deps.dbh.db);
    assert.match(saved.photoUrl, /^\/media\/images\/[0-9a-f]{16}-320x400\.jpg$/);
    assert.equal(saved.photoAlt, 'Maya at her desk');
  });
});
