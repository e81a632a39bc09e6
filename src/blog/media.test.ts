import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { renderPost } from './post-rules.ts';
import { articleForm, submitPost } from './testing.ts';

function multipart(
  fields: Record<string, string>,
  file: { name: string; filename: string; type: string; data: Buffer },
) {
  const boundary = '----tandemtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

forEachEngine('blog: image upload', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-media-'));
    t = await createTestApp(engine, { dataDir });
    ({ jar } = await signedInCoach(t));
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(data: Buffer, type = 'image/png', csrf?: string) {
    const token = csrf ?? (await getPage(t.app, '/admin/media', jar)).csrf!;
    const body = multipart({ _csrf: token }, { name: 'file', filename: 'photo.png', type, data });
    return t.app.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { cookie: jar.header(), 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  it('stores an upload in several widths as AVIF, WebP and JPEG, and articles show it as a responsive picture', async () => {
    const png = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#2f5d50' } })
      .png()
      .toBuffer();
    const res = await upload(png);
    assert.equal(res.statusCode, 303);
    const files = fs.readdirSync(path.join(dataDir, 'media', 'images')).sort();
    const hash = files[0]!.slice(0, 16);
    for (const w of [480, 960, 1600, 2000])
      for (const ext of ['avif', 'webp', 'jpg']) assert.ok(files.includes(`${hash}-${w}.${ext}`), `${w}.${ext}`);
    assert.ok(files.includes(`${hash}-2000x1000.jpg`));
    const list = await getPage(t.app, '/admin/media', jar);
    assert.match(list.body, new RegExp(`!\\[Describe the image\\]\\(/media/images/${hash}-2000x1000\\.jpg\\)`));
    const html = renderPost(`![A green field](/media/images/${hash}-2000x1000.jpg)`, 'https://coach.example').html;
    assert.match(
      html,
      /<picture><source type="image\/avif" srcset="[^"]*-480\.avif 480w, [^"]*-960\.avif 960w, [^"]*-1600\.avif 1600w, [^"]*-2000\.avif 2000w"/,
    );
    assert.match(
      html,
      /<img src="\/media\/images\/[0-9a-f]{16}-960\.jpg" srcset="[^"]+" sizes="[^"]+" alt="A green field" width="2000" height="1000" loading="lazy" decoding="async">/,
    );
    // Served from DATA_DIR/media with range requests (what video needs too).
    const ranged = await t.app.inject({ url: `/media/images/${hash}-480.jpg`, headers: { range: 'bytes=0-99' } });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.rawPayload.length, 100);
  });

  it('stores an MP4 as is, served with range requests, and a post shows it in a native player', async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(2000, 7)]);
    assert.equal((await upload(mp4, 'video/mp4')).statusCode, 303);
    const list = await getPage(t.app, '/admin/media', jar);
    const src = /<code>(\/media\/videos\/[0-9a-f]{16}\.mp4)<\/code>/.exec(list.body)?.[1];
    assert.ok(src, 'the video address is listed');
    const ranged = await t.app.inject({ url: src, headers: { range: 'bytes=100-199' } });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.headers['content-range'], `bytes 100-199/${mp4.length}`);
    assert.equal(ranged.headers['content-type'], 'video/mp4');
    const res = await submitPost(t, jar, articleForm({ slug: 'uploaded-video', videoUrl: src!, action: 'publish' }));
    assert.equal(res.statusCode, 303);
    const page = (await t.app.inject({ url: '/blog/uploaded-video' })).body;
    assert.match(
      page,
      new RegExp(
        `<video controls preload="none" width="1280" height="720" poster="[^"]+og-[0-9a-f]+\\.png"><source src="${src}" type="video/mp4"/>`,
      ),
    );
  });

  it('refuses a file that is not an image, and a form without its token', async () => {
    const res = await upload(Buffer.from('<?php echo 1; ?>'), 'image/png');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /not an image or video we can read/);
    assert.equal((await upload(Buffer.from('x'), 'image/png', 'forged')).statusCode, 403);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/media' })).statusCode,
      303,
      'anonymous visitors go to sign in',
    );
  });
});
