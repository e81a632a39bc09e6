import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { createTestApp, type TestContext } from '../testing.ts';
import { signStarted } from './form-timing.ts';
import { openContactForm, postContact, sendContactForm } from './testing.ts';

const good = {
  name: 'Sam Okafor',
  email: 'sam@example.test',
  phone: '',
  preferred: 'email',
  message: 'Hello there, I would like to talk.',
};
const attack = '<script>alert(1)</script><b>bold</b>';

forEachEngine('contact form, bad input', (engine) => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp(engine);
  });
  after(() => ctx.close());

  async function stored() {
    const db = ctx.deps.dbh.db;
    const requests = await db.selectFrom('contact_requests').select('id').execute();
    const mail = await db.selectFrom('outbox').select('id').execute();
    return requests.length + mail.length;
  }

  it('empty fields: 400 with a plain message for each', async () => {
    const before = await stored();
    const res = await sendContactForm(ctx, { name: '', email: '', message: '   ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /3 things need fixing/);
    assert.match(res.body, /Enter your name\./);
    assert.match(res.body, /Enter your email address, so the coach can reply\./);
    assert.match(res.body, /Write your message\./);
    assert.equal(await stored(), before);
  });

  it('a malformed email: 400, everything typed kept', async () => {
    const res = await sendContactForm(ctx, { ...good, email: 'sam at example' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter an email address like name@example\.com\./);
    assert.match(res.body, /value="sam at example"/);
    assert.match(res.body, /value="Sam Okafor"/);
    assert.match(res.body, /Hello there, I would like to talk\./);
    assert.match(res.body, /value="email" checked/);
  });

  it('a 2 MB message: 400 saying how long it is, the text kept', async () => {
    const long = 'a'.repeat(2 * 1024 * 1024 - 5) + 'tail!';
    const res = await sendContactForm(ctx, { ...good, message: long });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Your message is 2,097,152 characters long; please keep it under 5,000\./);
    assert.ok(res.body.includes(long), 'the text comes back to be shortened');
  });

  it('choosing phone without a number: 400 on the phone field', async () => {
    const res = await sendContactForm(ctx, { ...good, preferred: 'phone' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Add a phone number so the coach can call you, or choose email\./);
    assert.match(res.body, /value="phone" checked/);
  });

  it('an implausible phone number: 400', async () => {
    const res = await sendContactForm(ctx, { ...good, phone: 'call me maybe' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter a phone number using digits/);
    assert.match(res.body, /value="call me maybe"/);
  });

  it('HTML and script in every field come back escaped, never as markup', async () => {
    const fields = { name: attack, email: attack, phone: attack, preferred: attack, message: attack };
    const res = await sendContactForm(ctx, fields);
    assert.equal(res.statusCode, 400);
    assert.ok(!res.body.includes('<script>alert(1)'), 'no raw script');
    assert.ok(!res.body.includes('<b>bold'), 'no raw markup');
    assert.ok(res.body.includes('&lt;script>alert(1)&lt;/script>&lt;b>bold&lt;/b>'), 'shown as text');
  });

  it('without the CSRF token: 403, nothing stored, everything typed kept', async () => {
    const before = await stored();
    const form = await openContactForm(ctx.app);
    ctx.clock.advance(10_000);
    const res = await postContact(ctx.app, { started: form.started, ...good, name: `Sam ${attack}` }, form.jar);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /This form had expired, so nothing was sent\./);
    assert.match(res.body, /value="Sam &lt;script>alert\(1\)&lt;\/script>&lt;b>bold&lt;\/b>"/);
    assert.match(res.body, /Hello there, I would like to talk\./);
    assert.match(res.body, /name="_csrf" value="[^"]+"/, 'a fresh token to try again with');
    assert.equal(await stored(), before);
  });

  it('a robot filling the trap field sees success, and nothing is stored or sent', async () => {
    const before = await stored();
    const res = await sendContactForm(ctx, { ...good, website: 'https://spam.example' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/contact/sent');
    assert.equal(await stored(), before);
  });

  it('a post sooner than 3 seconds, or with a missing or forged start time, is refused kindly', async () => {
    const before = await stored();
    const form = await openContactForm(ctx.app);
    const now = ctx.clock.now();
    const cases = [
      { started: form.started },
      { started: '' },
      { started: `${now - 60_000}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` },
      { started: signStarted('not-our-secret-at-all-not-our-secret', now - 60_000) },
    ];
    for (const c of cases) {
      const res = await postContact(ctx.app, { _csrf: form.csrf, ...good, ...c }, form.jar);
      assert.equal(res.statusCode, 400, JSON.stringify(c));
      assert.match(res.body, /faster than we expected from a person/);
      assert.match(res.body, /value="Sam Okafor"/);
    }
    assert.equal(await stored(), before);
  });

  it('a valid post goes through after the wait (the checks above can pass)', async () => {
    const before = await stored();
    assert.equal((await sendContactForm(ctx, good)).statusCode, 303);
    assert.equal(await stored(), before + 1 + 1, 'the request and its acknowledgement (no coach address yet)');
  });

  it('posts refused for what was typed, an expired form or haste do not count toward the limit', async () => {
    const address = '192.0.2.76';
    const statuses: number[] = [];
    // Four with something to fix, one without its CSRF token, one sent too fast.
    for (const fields of [{ email: '' }, { email: 'sam at example' }, { message: ' ' }, { phone: 'call me maybe' }])
      statuses.push((await sendContactForm(ctx, { ...good, ...fields }, address)).statusCode);
    const form = await openContactForm(ctx.app);
    ctx.clock.advance(10_000);
    statuses.push((await postContact(ctx.app, { started: form.started, ...good }, form.jar, address)).statusCode);
    const quick = await openContactForm(ctx.app);
    statuses.push(
      (await postContact(ctx.app, { _csrf: quick.csrf, started: quick.started, ...good }, quick.jar, address))
        .statusCode,
    );
    assert.deepEqual(statuses, [400, 400, 400, 400, 403, 400]);
    const res = await sendContactForm(ctx, good, address);
    assert.equal(res.statusCode, 303, 'the seventh post, the first valid one, goes through');
    assert.equal(res.headers['x-ratelimit-remaining'], '4', 'and is the first one counted');
  });

  it('the sixth message in ten minutes from one address: 429, the form again with everything typed and the wait', async () => {
    const address = '192.0.2.77';
    for (let i = 0; i < 5; i++) {
      const res = await sendContactForm(ctx, { ...good, message: `Message number ${i + 1}.` }, address);
      assert.equal(res.statusCode, 303, `message ${i + 1}`);
    }
    const before = await stored();
    const typed = {
      name: 'Sam <Okafor>',
      email: 'sam@example.test',
      phone: '+44 20 7946 0000',
      preferred: 'phone',
      message: 'The sixth message,\nwith two lines & an ampersand.',
    };
    const res = await sendContactForm(ctx, typed, address);
    assert.equal(res.statusCode, 429);
    assert.match(
      res.body,
      /You have sent several messages in a short time\. Please wait about 10 minutes and send it again — your message is still here\./,
    );
    assert.match(res.body, /value="Sam &lt;Okafor>"/);
    assert.match(res.body, /value="sam@example\.test"/);
    assert.match(res.body, /value="\+44 20 7946 0000"/);
    assert.match(res.body, /value="phone" checked/);
    assert.ok(res.body.includes('The sixth message,\nwith two lines &amp; an ampersand.'), 'the message kept');
    assert.match(res.body, /name="_csrf" value="[^"]+"/, 'ready to send again');
    assert.match(res.body, /name="started" value="[^"]+"/);
    assert.match(res.body, /Need help now\?/);
    assert.equal(res.headers['retry-after'], '600');
    assert.equal(await stored(), before, 'nothing stored or sent');

    // Still limited, a post with something to fix says what to fix; the trap still pretends success.
    const invalid = await sendContactForm(ctx, { ...good, email: '' }, address);
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Enter your email address, so the coach can reply\./);
    const robot = await sendContactForm(ctx, { ...good, website: 'https://spam.example' }, address);
    assert.equal(robot.statusCode, 303);
    // Another address is not affected.
    assert.equal((await sendContactForm(ctx, good, '192.0.2.78')).statusCode, 303);
  });
});
