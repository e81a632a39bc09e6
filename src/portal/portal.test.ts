import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { addUser, jarFor } from '../auth/testing.ts';
import { insertRecordedSessions } from '../booking/index.ts';
import { seedCoach, seedService } from '../booking/testing.ts';
import {
  addActionItem,
  addGoal,
  addNote,
  addTracker,
  type Client,
  conversation,
  recordAccess,
  sendMessage,
  setCheckInCadence,
  storeFile,
} from '../clients/index.ts';
import { seedCoachUser } from '../clients/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, getPage, postForm, type TestContext } from '../testing.ts';
import { notifyClientOfMessage, sendDueDigests } from './index.ts';
import { multipartBody, signedInClient } from './testing.ts';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PRIVATE = 'Private: seems to avoid the money topic';
const PAGES = [
  '/portal',
  '/portal/sessions',
  '/portal/goals',
  '/portal/check-ins',
  '/portal/messages',
  '/portal/files',
  '/portal/data',
  '/portal/data/deletion',
  '/portal/reminders',
];

/** The outbox rows of one kind, opened. */
async function outbox(t: TestContext, kind: string) {
  const rows = await t.deps.dbh.db
    .selectFrom('outbox')
    .select(['to_address', 'subject', 'text_sealed', 'html_sealed'])
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    to: r.to_address,
    subject: r.subject,
    text: t.deps.sealer.open(r.text_sealed),
    html: t.deps.sealer.open(r.html_sealed),
  }));
}

forEachEngine('portal', (engine) => {
  let t: TestContext;
  let me: { client: Client; userId: string; jar: CookieJar };
  let other: { client: Client; userId: string; jar: CookieJar };
  let serviceId: string;

  const get = (url: string, jar: CookieJar = me.jar) => getPage(t.app, url, jar);
  /** Posts a form the way the page's browser would: the CSRF token from `from` first. */
  const post = async (url: string, fields: Record<string, string>, o: { from?: string; jar?: CookieJar } = {}) => {
    const jar = o.jar ?? me.jar;
    const page = await getPage(t.app, o.from ?? '/portal', jar);
    return postForm(t.app, url, { _csrf: page.csrf ?? '', ...fields }, jar);
  };
  const postMultipart = async (
    url: string,
    fields: Record<string, string>,
    file?: { filename: string; type: string; data: Buffer },
    jar: CookieJar = me.jar,
  ) => {
    const page = await getPage(t.app, '/portal/files', jar);
    const body = multipartBody({ _csrf: page.csrf ?? '', ...fields }, file);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: jar.header(), 'content-type': body.contentType },
      payload: body.payload,
    });
    jar.store(res.headers['set-cookie'] as string | string[] | undefined);
    return res;
  };

  before(async () => {
    t = await createTestApp(engine);
    await seedCoach(t.deps.dbh.db, t.clock.now(), 'Europe/Berlin');
    serviceId = await seedService(t.deps.dbh.db, t.clock.now(), { durationMinutes: 50, modality: 'video' });
    me = await signedInClient(t.deps, { name: 'Ana Client', timeZone: 'America/New_York' });
    other = await signedInClient(t.deps, { name: 'Other Person' });
  });
  after(() => t.close());

  describe('access', () => {
    it('sends anonymous visitors to the portal sign-in, coming back afterwards', async () => {
      for (const url of PAGES) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 303, url);
        assert.equal(res.headers.location, `/portal/sign-in?next=${encodeURIComponent(url)}`, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const posted = await t.app.inject({ method: 'POST', url: '/portal/goals', payload: { goal_title: 'x' } });
      assert.equal(posted.statusCode, 401);
    });

    it('tells a signed-in coach this is the client portal', async () => {
      const coach = await jarFor(t.deps, await addUser(t.deps, `coach-${engine}@example.test`, 'owner', 'Robin'));
      const res = await get('/portal', coach);
      assert.equal(res.status, 403);
      assert.match(res.body, /This is the client portal/);
      assert.match(res.body, /href="\/admin"/);
    });

    it('answers 404 to a client account without a client record', async () => {
      const lone = await jarFor(t.deps, await addUser(t.deps, `lone-${engine}@example.test`, 'client', 'Lone'));
      for (const url of ['/portal', '/portal/goals']) assert.equal((await get(url, lone)).status, 404, url);
    });

    it('answers 404 for another client’s items, exactly as for none', async () => {
      const goal = await addGoal(t.deps, 'client', other.client.id, { title: 'Their goal' });
      const item = await addActionItem(t.deps, 'client', other.client.id, goal, { title: 'Their item' });
      const file = await storeFile(t.deps, {
        clientId: other.client.id,
        owner: 'client',
        uploadedByUserId: other.userId,
        name: 'theirs.pdf',
        bytes: PDF,
      });
      const none = '00000000-0000-4000-8000-000000000000';
      for (const id of [item, none]) {
        const res = await post(`/portal/items/${id}/done`, { done: '1' });
        assert.equal(res.statusCode, 404, id);
      }
      assert.equal(
        (await post('/portal/items', { goal, item_title: 'sneaky' }, { from: '/portal/goals' })).statusCode,
        404,
      );
      for (const id of [file.id, none]) assert.equal((await get(`/portal/files/${id}`)).status, 404, id);
      assert.equal((await get('/portal/files/not-an-id')).status, 404);
      const { goalsWithItems } = await import('../clients/index.ts');
      assert.equal((await goalsWithItems(t.deps, other.client.id))[0]!.items[0]!.doneAt, null, 'nothing changed');
    });
  });

  describe('pages', () => {
    it('shows the home page: next session, open action items, check-in, messages and shared notes only', async () => {
      const coach = await seedCoachUser(t.deps.dbh.db, t.clock.now());
      const now = t.clock.now();
      await insertRecordedSessions(
        t.deps.dbh.db,
        [
          { start: now - 14 * DAY, status: 'completed' as const },
          { start: now + 3 * DAY, status: 'confirmed' as const },
        ].map((s) => ({
          serviceId,
          clientId: me.client.id,
          clientName: me.client.name,
          clientEmail: me.client.email,
          clientPhone: null,
          timeZone: me.client.time_zone,
          start: s.start,
          durationMinutes: 50,
          modality: 'video' as const,
          status: s.status,
        })),
        now,
      );
      const goal = await addGoal(t.deps, 'coach', me.client.id, { title: 'Steadier mornings' });
      await addActionItem(t.deps, 'coach', me.client.id, goal, { title: 'Walk before work', dueDate: '2026-11-28' });
      await addNote(t.deps, coach, me.client.id, { kind: 'shared', body: 'Try the ten-minute reset.' });
      await addNote(t.deps, coach, me.client.id, { kind: 'private', body: PRIVATE });
      await setCheckInCadence(t.deps, me.client.id, 7);
      await addTracker(t.deps, me.client.id, 'Energy');
      await sendMessage(t.deps, { clientId: me.client.id, from: 'coach', senderUserId: coach.userId, body: 'Hi Ana' });

      const home = await get('/portal');
      assert.equal(home.status, 200);
      assert.match(home.body, /Hello, Ana Client/);
      assert.match(home.body, /Session session-/);
      assert.match(home.body, /the session room opens at \d/);
      assert.match(home.body, /href="\/room\/[^"?]+"/);
      assert.match(home.body, /href="\/book\/manage\?t=c\./);
      assert.match(home.body, /Walk before work/);
      assert.match(home.body, /Your check-in is due today/);
      assert.match(home.body, /One new message from your coach/);
      assert.match(home.body, /Try the ten-minute reset/);
      assert.match(home.body, /aria-label="Portal"/);
      for (const url of PAGES) {
        const page = await get(url);
        assert.equal(page.status, 200, url);
        assert.doesNotMatch(page.body, /avoid the money topic/, url);
        assert.equal(page.headers['cache-control'], 'no-store', url);
      }
    });

    it('lists sessions upcoming and past in the client’s zone, with a calendar file for their own only', async () => {
      const page = await get('/portal/sessions');
      assert.match(page.body, /Times are in your time zone, America\/New_York/);
      assert.match(page.body, /Took place/);
      const ics = /href="(\/portal\/sessions\/[^"]+\/calendar\.ics)"/.exec(page.body)?.[1];
      assert.ok(ics);
      const cal = await t.app.inject({ url: ics, headers: { cookie: me.jar.header() } });
      assert.equal(cal.statusCode, 200);
      assert.match(String(cal.headers['content-type']), /text\/calendar/);
      assert.match(cal.body, /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
      // Read by ical.js: the booking's own UID and SEQUENCE (one event with its emailed file), the
      // client as an attendee who has accepted, and where it happens.
      const sessionId = /\/portal\/sessions\/([^/]+)\/calendar\.ics/.exec(ics)![1]!;
      const row = await t.deps.dbh.db
        .selectFrom('bookings')
        .select(['ical_uid', 'ical_sequence'])
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      const ev = new ICAL.Component(ICAL.parse(cal.body)).getFirstSubcomponent('vevent')!;
      assert.equal(ev.getFirstPropertyValue('uid'), row.ical_uid);
      assert.equal(ev.getFirstPropertyValue('sequence'), row.ical_sequence);
      assert.equal(ev.getFirstPropertyValue('status'), 'CONFIRMED');
      assert.equal(ev.getFirstPropertyValue('attendee'), `mailto:${me.client.email}`);
      assert.equal(ev.getFirstProperty('attendee')!.getParameter('partstat'), 'ACCEPTED');
      assert.equal(ev.getFirstProperty('attendee')!.getParameter('cn'), me.client.name);
      // The coach organises it (the practice's notice address; seedCoach sets coach@example.test).
      assert.equal(String(ev.getFirstPropertyValue('organizer')), 'mailto:coach@example.test');
      assert.match(String(ev.getFirstPropertyValue('location')), new RegExp(`/room/${sessionId}$`));
      const theirs = await t.app.inject({ url: ics, headers: { cookie: other.jar.header() } });
      assert.equal(theirs.statusCode, 404);
    });
  });

  describe('goals and action items', () => {
    it('adds a goal and an action item, ticks it off and back, and shows progress', async () => {
      let res = await post(
        '/portal/goals',
        { goal_title: 'Say no kindly', goal_detail: 'At work first' },
        { from: '/portal/goals' },
      );
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/portal/goals?done=goal');
      const page = await get('/portal/goals?done=goal');
      assert.match(page.body, /Goal added/);
      const goalId = /<option value="([0-9a-f-]{36})"[^>]*>Say no kindly/.exec(page.body)?.[1];
      assert.ok(goalId, 'the new goal is offered for an action item');
      res = await post(
        '/portal/items',
        { goal: goalId, item_title: 'Practise once', item_due: '2026-12-01' },
        { from: '/portal/goals' },
      );
      assert.equal(res.statusCode, 303);
      const { goalsWithItems } = await import('../clients/index.ts');
      const item = (await goalsWithItems(t.deps, me.client.id)).find((g) => g.id === goalId)!.items[0]!;
      assert.equal(item.dueDate, '2026-12-01');
      assert.equal(item.createdBy, 'client');
      res = await post(`/portal/items/${item.id}/done`, { done: '1' }, { from: '/portal/goals' });
      assert.equal(res.headers.location, '/portal/goals?done=ticked');
      assert.match((await get('/portal/goals')).body, /1 of 1 action items done/);
      res = await post(`/portal/items/${item.id}/done`, { done: '0' }, { from: '/portal/goals' });
      assert.match((await get('/portal/goals')).body, /0 of 1 action items done/);
    });

    it('keeps what was typed on an error: empty, huge, a bad date, an expired form', async () => {
      let res = await post(
        '/portal/goals',
        { goal_title: '  ', goal_detail: 'Kept detail <b>here</b>' },
        { from: '/portal/goals' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Please write the goal/);
      assert.match(res.body, /Kept detail &lt;b>here&lt;\/b>/);
      res = await post('/portal/goals', { goal_title: 'x'.repeat(301) }, { from: '/portal/goals' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /under 300 characters/);
      const goal = await addGoal(t.deps, 'client', me.client.id, { title: 'Another' });
      res = await post(
        '/portal/items',
        { goal, item_title: 'Keep me', item_due: 'next tuesday' },
        { from: '/portal/goals' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /as a date/);
      assert.match(res.body, /value="Keep me"/);
      res = await postForm(t.app, '/portal/goals', { goal_title: 'Typed before it expired' }, me.jar);
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Typed before it expired/);
      res = await post('/portal/goals', { goal_title: '<script>alert(1)</script>' }, { from: '/portal/goals' });
      assert.equal(res.statusCode, 303);
      const page = await get('/portal/goals');
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
    });
  });

  describe('check-ins', () => {
    it('takes a score per tracker and a note, and draws the chart with its table', async () => {
      const page = await get('/portal/check-ins');
      const field = /name="(score_[0-9a-f-]{36})"/.exec(page.body)?.[1];
      assert.ok(field);
      let res = await post('/portal/check-ins', { [field]: '11', note: 'Kept note' }, { from: '/portal/check-ins' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /from 1 to 10/);
      assert.match(res.body, /Kept note/);
      res = await post('/portal/check-ins', { note: 'No score' }, { from: '/portal/check-ins' });
      assert.equal(res.statusCode, 400);
      res = await post('/portal/check-ins', { [field]: '7', note: 'A good week' }, { from: '/portal/check-ins' });
      assert.equal(res.statusCode, 303);
      const after = await get('/portal/check-ins?done=check_in');
      assert.match(after.body, /Check-in sent/);
      assert.match(after.body, /<svg[^>]*role="img"/);
      assert.match(after.body, /<title id="portal-chart-svg-title">/);
      assert.match(after.body, /<table class="data" id="portal-chart-table">[\s\S]*<td>7<\/td>/);
      assert.doesNotMatch(
        after.body,
        /<script(?! type="application\/ld\+json")/,
        "no script but the page's structured data",
      );
    });

    it('says there is nothing to check in on without trackers', async () => {
      const res = await post('/portal/check-ins', { note: 'x' }, { from: '/portal/check-ins', jar: other.jar });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /nothing to check in on/);
    });
  });

  describe('messages', () => {
    it('sends a message, emails the coach without its content, and marks the coach’s as read', async () => {
      const before = (await outbox(t, 'portal.message_to_coach')).length;
      const res = await postMultipart('/portal/messages', { message: 'My secret worry about money' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/portal/messages?done=message');
      const mails = await outbox(t, 'portal.message_to_coach');
      assert.equal(mails.length, before + 1);
      const mail = mails.at(-1)!;
      assert.equal(mail.to, 'coach@example.test');
      assert.match(mail.text, /You have a new message from a client/);
      assert.doesNotMatch(mail.text + mail.html + mail.subject, /secret worry|Ana Client/);
      const page = await get('/portal/messages');
      assert.match(page.body, /My secret worry about money/);
      assert.match(page.body, /not watched around the clock/);
      assert.match(page.body, /href="\/help"/);
      assert.doesNotMatch(
        (await get('/portal')).body,
        /new messages? from your coach/,
        'opening the conversation read it',
      );
    });

    it('attaches a file within the limits and refuses others, keeping the text', async () => {
      t.clock.advance(1000);
      let res = await postMultipart(
        '/portal/messages',
        { message: 'Here is my worksheet' },
        { filename: 'sheet.pdf', type: 'application/pdf', data: PDF },
      );
      assert.equal(res.statusCode, 303);
      const last = (await conversation(t.deps, me.client.id)).at(-1)!;
      assert.ok(last.fileId);
      assert.match((await get('/portal/messages')).body, new RegExp(`href="/portal/files/${last.fileId}">sheet.pdf`));
      res = await postMultipart(
        '/portal/messages',
        { message: 'Keep this text' },
        { filename: 'page.html', type: 'text/html', data: Buffer.from('<html><script>x</script></html>') },
      );
      assert.equal(res.statusCode, 415);
      assert.match(res.body, /Keep this text/);
      assert.match(res.body, /cannot be shared here|PDF/);
      res = await postMultipart(
        '/portal/messages',
        { message: 'Too big' },
        { filename: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
      );
      assert.equal(res.statusCode, 413);
      assert.match(res.body, /Too big/);
      res = await postMultipart('/portal/messages', { message: '   ' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Please write your message/);
      res = await postMultipart('/portal/messages', { message: 'y'.repeat(10_001) });
      assert.equal(res.statusCode, 400);
    });

    it('tells the client of the coach’s message with a sign-in link and nothing of it', async () => {
      await t.deps.dbh.db.transaction().execute((tx) => notifyClientOfMessage(tx, t.deps, me.client));
      const mail = (await outbox(t, 'portal.message_to_client')).at(-1)!;
      assert.equal(mail.to, me.client.email);
      assert.match(mail.text, /You have a new message/);
      assert.match(mail.text, /\/portal\/sign-in\?next=%2Fportal%2Fmessages/);
    });
  });

  describe('files', () => {
    it('uploads a file back and downloads only what the client may, as an attachment', async () => {
      let res = await postMultipart(
        '/portal/files',
        {},
        { filename: 'notes.txt', type: 'text/plain', data: Buffer.from('my notes\n') },
      );
      assert.equal(res.statusCode, 303);
      res = await postMultipart('/portal/files', {});
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Please choose a file/);
      res = await postMultipart(
        '/portal/files',
        {},
        { filename: 'x.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      );
      assert.equal(res.statusCode, 415);
      const everyone = await storeFile(t.deps, {
        clientId: null,
        owner: 'coach',
        uploadedByUserId: null,
        name: 'For all.pdf',
        bytes: PDF,
      });
      const page = await get('/portal/files');
      assert.match(page.body, /notes\.txt/);
      assert.match(page.body, /For all\.pdf/);
      const dl = await t.app.inject({ url: `/portal/files/${everyone.id}`, headers: { cookie: me.jar.header() } });
      assert.equal(dl.statusCode, 200);
      assert.match(String(dl.headers['content-disposition']), /^attachment; filename="For all.pdf"/);
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(dl.rawPayload, PDF);
    });
  });

  describe('your data', () => {
    it('downloads a ZIP with JSON, a readable page and the files, and no private note', async () => {
      const coach = await seedCoachUser(t.deps.dbh.db, t.clock.now(), 'Maya Coach');
      await recordAccess(t.deps.dbh.db, { clientId: me.client.id, coach, what: 'record' }, t.clock.now());
      const res = await t.app.inject({ url: '/portal/data/export.zip', headers: { cookie: me.jar.header() } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/zip');
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="your-data-\d{4}-\d{2}-\d{2}\.zip"/,
      );
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const names = Object.keys(files);
      assert.ok(names.includes('data.json') && names.includes('your-data.html'), names.join(' '));
      assert.ok(
        names.some((n) => n.startsWith('files/') && n.endsWith('sheet.pdf')),
        names.join(' '),
      );
      const json = JSON.parse(strFromU8(files['data.json']!));
      assert.equal(json.client.name, 'Ana Client');
      assert.ok(json.sessions.length >= 2);
      assert.ok(json.messages.some((m: { text: string }) => /secret worry/.test(m.text)));
      const html = strFromU8(files['your-data.html']!);
      assert.match(html, /Try the ten-minute reset/);
      assert.match(html, /&lt;script>alert/, 'text is escaped in the readable page');
      assert.doesNotMatch(html, /<script/);
      for (const [name, bytes] of Object.entries(files))
        assert.doesNotMatch(Buffer.from(bytes).toString('latin1'), /avoid the money topic/, name);
      const page = await get('/portal/data');
      assert.match(page.body, /Maya Coach/);
      assert.match(page.body, /your record/);
    });

    it('says what deletion removes, asks, emails both, and withdraws', async () => {
      const plan = await get('/portal/data/deletion');
      assert.match(plan.body, /What is deleted/);
      assert.match(plan.body, /What is kept/);
      assert.match(plan.body, /\d+ messages/);
      let res = await post('/portal/data/deletion', {}, { from: '/portal/data/deletion' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/portal/data?done=deletion');
      const toCoach = (await outbox(t, 'portal.deletion_to_coach')).at(-1)!;
      const toClient = (await outbox(t, 'portal.deletion_to_client')).at(-1)!;
      assert.equal(toCoach.to, 'coach@example.test');
      assert.doesNotMatch(toCoach.text, /Ana Client/);
      assert.equal(toClient.to, me.client.email);
      assert.match(toClient.text, /within 30 days/);
      // Asking again while one is pending sends nothing more.
      await post('/portal/data/deletion', {}, { from: '/portal/data' });
      assert.equal((await outbox(t, 'portal.deletion_to_client')).length, 1);
      const page = await get('/portal/data');
      assert.match(page.body, /Withdraw my deletion request/);
      const action = /action="(\/portal\/data\/deletion\/[0-9a-f-]{36}\/withdraw)"/.exec(page.body)?.[1];
      assert.ok(action);
      assert.equal((await post(action, {}, { jar: other.jar })).statusCode, 404, 'not the other client’s');
      res = await post(action, {}, { from: '/portal/data' });
      assert.equal(res.headers.location, '/portal/data?done=withdrawn');
      res = await post(action, {}, { from: '/portal/data' });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /already closed|carried out or withdrawn/);
    });
  });

  describe('reminders and the digest', () => {
    it('saves reminder preferences and keeps typed values on an error', async () => {
      let res = await post(
        '/portal/reminders',
        { reminders: 'on', quiet_start: '25:00', quiet_end: '07:30' },
        { from: '/portal/reminders' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /value="25:00"/);
      assert.match(res.body, /value="07:30"/);
      res = await post(
        '/portal/reminders',
        { reminders: 'on', quiet_start: '22:00', quiet_end: '07:30' },
        { from: '/portal/reminders' },
      );
      assert.equal(res.statusCode, 303);
      const page = await get('/portal/reminders?done=reminders');
      assert.match(page.body, /value="22:00"/);
      assert.match(page.body, /Saved/);
    });

    it('sends one digest a day that names no titles', async () => {
      // 09:00 UTC is 04:00 in New York: quiet. Move to the afternoon there.
      t.clock.advance(10 * 3600_000);
      const sent = await sendDueDigests(t.deps);
      assert.ok(sent >= 1);
      const mail = (await outbox(t, 'portal.digest')).find((m) => m.to === me.client.email);
      assert.ok(mail, 'the client with due items got a digest');
      assert.match(mail.text, /action items? (is|are) due|check-in is due/);
      assert.doesNotMatch(mail.text + mail.html, /Walk before work|Steadier mornings/);
      const again = await sendDueDigests(t.deps);
      assert.equal((await outbox(t, 'portal.digest')).filter((m) => m.to === me.client.email).length, 1);
      assert.equal(again, 0);
    });
  });

  describe('sign-in', () => {
    it('answers the same for any address and emails a link and a code only to a client', async () => {
      const jar = (await import('../testing.ts')).CookieJar;
      const ask = async (email: string, ip: string) => {
        const j = new jar();
        const page = await getPage(t.app, '/portal/sign-in?next=%2Fportal%2Fgoals', j);
        return t.app.inject({
          method: 'POST',
          url: '/portal/sign-in',
          remoteAddress: ip,
          headers: { cookie: j.header(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: page.csrf ?? '', email, next: '/portal/goals' }).toString(),
        });
      };
      const stranger = await ask('nobody@example.test', '10.0.0.1');
      const client = await ask(other.client.email.toUpperCase(), '10.0.0.2');
      for (const res of [stranger, client]) {
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/portal/sign-in/sent');
      }
      const mails = await outbox(t, 'portal.sign_in');
      assert.deepEqual(
        mails.map((m) => m.to),
        [other.client.email],
      );
      assert.match(mails[0]!.text, /type this code: \d{6}/);
      assert.match(mails[0]!.text, /\/sign-in\/code/);
      const link = /https?:\/\/\S+\/sign-in\/verify\?\S+/.exec(mails[0]!.text)?.[0];
      assert.ok(link);
      const { followLink } = await import('../auth/testing.ts');
      const { res } = await followLink(t.app, new URL(link));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/portal/goals');
    });

    it('makes and links an account for a client who never signed in', async () => {
      const { seedClient } = await import('../clients/testing.ts');
      const fresh = await seedClient(t.deps, { name: 'Fresh Client' });
      const jar = new (await import('../testing.ts')).CookieJar();
      const page = await getPage(t.app, '/portal/sign-in', jar);
      const res = await t.app.inject({
        method: 'POST',
        url: '/portal/sign-in',
        remoteAddress: '10.0.0.3',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: page.csrf ?? '', email: fresh.email }).toString(),
      });
      assert.equal(res.statusCode, 303);
      const { clientByEmail } = await import('../clients/index.ts');
      assert.ok((await clientByEmail(t.deps.dbh.db, fresh.email))?.user_id);
      assert.ok((await outbox(t, 'portal.sign_in')).some((m) => m.to === fresh.email));
    });

    it('keeps the address on an error and limits posts per connection', async () => {
      const jar = new (await import('../testing.ts')).CookieJar();
      const page = await getPage(t.app, '/portal/sign-in', jar);
      const send = (email: string, csrf = page.csrf ?? '') =>
        t.app.inject({
          method: 'POST',
          url: '/portal/sign-in',
          remoteAddress: '10.0.0.9',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf, email }).toString(),
        });
      let res = await send('not an address');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /value="not an address"/);
      res = await send('kept@example.test', 'stale');
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /value="kept@example.test"/);
      for (let i = 0; i < 3; i++) await send('someone@example.test');
      res = await send('someone@example.test');
      assert.equal(res.statusCode, 429);
    });

    it('sends a signed-in client from the sign-in page to the portal', async () => {
      const res = await t.app.inject({ url: '/portal/sign-in', headers: { cookie: me.jar.header() } });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/portal');
    });
  });
});
