import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addUser, jarFor } from '../auth/testing.ts';
import {
  accessLogForClient,
  addGoal,
  addNote,
  addTracker,
  conversation,
  filesForEveryone,
  goalsWithItems,
  linkClientUser,
  notesForCoach,
  requestDeletion,
  sendMessage,
  storeFile,
  submitCheckIn,
  trackersFor,
  withdrawDeletionRequest,
} from '../clients/index.ts';
import { seedClient } from '../clients/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import { type CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

function multipart(fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) {
  const boundary = `----tandemclients${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The text of a page without its markup, for "the page says …" checks. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

forEachEngine('back office: clients', (engine) => {
  let t: TestContext;
  let jar: CookieJar;
  let coachId: string;
  before(async () => {
    t = await createTestApp(engine);
    ({ jar, userId: coachId } = await signedInCoach(t));
  });
  after(() => t.close());

  const page = (url: string) => getPage(t.app, url, jar);
  const post = async (url: string, fields: Record<string, string>, from = url) => {
    const form = await page(from);
    return postForm(t.app, url, { _csrf: form.csrf ?? '', ...fields }, jar);
  };

  it('lists clients, searches by name or email, filters by status, and adds one by hand', async () => {
    const ana = await seedClient(t.deps, { name: 'Ana Search', email: 'ana.search@example.test' });
    await seedClient(t.deps, { name: 'Ben Other', email: 'ben.other@example.test' });
    const list = await page('/admin/clients');
    assert.equal(list.status, 200);
    assert.equal(list.headers['cache-control'], 'no-store');
    assert.match(list.body, /Ana Search/);
    assert.match(list.body, /aria-current="page"[^>]*>Clients</);
    const byName = await page('/admin/clients?q=ana%20s');
    assert.match(byName.body, /Ana Search/);
    assert.doesNotMatch(byName.body, /Ben Other/);
    const byEmail = await page('/admin/clients?q=BEN.OTHER@');
    assert.match(byEmail.body, /Ben Other/);
    assert.doesNotMatch(byEmail.body, /Ana Search/);
    assert.match((await page('/admin/clients?q=nobody-like-this')).body, /No client matches/);
    // Odd query values are ignored, not a 500.
    assert.equal((await page('/admin/clients?status=<script>&q=' + 'x'.repeat(5000))).status, 200);

    // Archived clients leave the active list and show under "archived".
    const archived = await post(`/admin/clients/${ana.id}/archive`, {}, `/admin/clients/${ana.id}`);
    assert.equal(archived.statusCode, 303);
    assert.doesNotMatch((await page('/admin/clients')).body, /Ana Search/);
    assert.match((await page('/admin/clients?status=archived')).body, /Ana Search/);
    assert.match((await page(`/admin/clients/${ana.id}`)).body, /Restore to active/);
    assert.equal((await post(`/admin/clients/${ana.id}/restore`, {}, `/admin/clients/${ana.id}`)).statusCode, 303);
    assert.match((await page('/admin/clients')).body, /Ana Search/);

    // Adding: bad input comes back with what was typed; a taken address says so in plain words.
    const bad = await post('/admin/clients', {
      name: '<script>alert(1)</script>',
      email: 'not an address',
      phone: '',
      timeZone: 'Europe/Berlin',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Please give an email address like name@example.com/);
    assert.match(bad.body, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.doesNotMatch(bad.body, /<script>alert/);
    const empty = await post('/admin/clients', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Please write a name/);
    const huge = await post('/admin/clients', { name: 'n'.repeat(300_000), email: 'h@example.test', timeZone: 'UTC' });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /Please keep this under 200 characters/);
    const taken = await post('/admin/clients', {
      name: 'Ana Again',
      email: ' ANA.search@example.test ',
      timeZone: 'Europe/Berlin',
    });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /Another client already has that email address/);
    assert.match(taken.body, /value="Ana Again"/);
    const added = await post('/admin/clients', {
      name: 'Cleo New',
      email: 'cleo@example.test',
      phone: '+49 30 1234',
      timeZone: 'Europe/Berlin',
    });
    assert.equal(added.statusCode, 303);
    const cleo = await page(String(added.headers.location));
    assert.match(cleo.body, /Client added/);
    assert.match(cleo.body, /Cleo New/);
    assert.match(cleo.body, /Europe\/Berlin/);
  });

  it('shows private and shared notes, clearly labelled, and adds, edits and removes them; viewing is in the access log', async () => {
    const c = await seedClient(t.deps, { name: 'Noor Notes' });
    const base = `/admin/clients/${c.id}`;
    assert.equal(
      (await post(`${base}/notes/private`, { private_note: 'Only for me: <b>bold</b>' }, base)).statusCode,
      303,
    );
    assert.equal((await post(`${base}/notes/shared`, { shared_note: 'Homework for you, Noor' }, base)).statusCode, 303);
    const view = await page(base);
    const text = words(view.body);
    assert.match(text, /Private notes Yours alone: never shown to the client/);
    assert.match(text, /Shared notes The client reads these in the portal/);
    assert.match(view.body, /Only for me: &lt;b>bold&lt;\/b>/);
    assert.match(view.body, /Homework for you, Noor/);
    // Each kind in its own column.
    const privateCol = view.body.slice(
      view.body.indexOf('class="card notes-private"'),
      view.body.indexOf('class="card notes-shared"'),
    );
    assert.match(privateCol, /Only for me/);
    assert.doesNotMatch(privateCol, /Homework for you/);

    // Empty and over-long notes are refused with the text kept.
    const emptyNote = await post(`${base}/notes/private`, { private_note: '   ' }, base);
    assert.equal(emptyNote.statusCode, 400);
    assert.match(emptyNote.body, /Please write the note/);
    const longNote = await post(`${base}/notes/shared`, { shared_note: `keep this ${'y'.repeat(20_001)}` }, base);
    assert.equal(longNote.statusCode, 400);
    assert.match(longNote.body, /keep this yyy/);

    const notes = await notesForCoach(t.deps, c.id);
    const priv = notes.find((n) => n.kind === 'private')!;
    const edit = await page(`${base}/notes/${priv.id}`);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /A private note: yours alone/);
    assert.equal((await post(`${base}/notes/${priv.id}`, { body: 'Rewritten privately' })).statusCode, 303);
    assert.equal((await notesForCoach(t.deps, c.id)).find((n) => n.id === priv.id)?.body, 'Rewritten privately');
    assert.equal((await post(`${base}/notes/${priv.id}`, { body: '' })).statusCode, 400);
    assert.equal((await post(`${base}/notes/${priv.id}/remove`, {}, `${base}/notes/${priv.id}`)).statusCode, 303);
    assert.equal((await notesForCoach(t.deps, c.id)).length, 1);
    assert.equal((await page(`${base}/notes/${priv.id}`)).status, 404);

    // Another client's note under this client's address is the same 404.
    const other = await seedClient(t.deps);
    const theirs = await addNote(t.deps, { userId: coachId, name: 'Test Coach' }, other.id, {
      kind: 'private',
      body: 'Theirs',
    });
    assert.equal((await page(`${base}/notes/${theirs}`)).status, 404);
    assert.equal((await post(`${base}/notes/${theirs}`, { body: 'hijack' }, base)).statusCode, 404);

    const log = await accessLogForClient(t.deps.dbh.db, c.id);
    assert.deepEqual([...new Set(log.map((e) => e.what))].sort(), ['notes', 'record']);
    assert.ok(log.every((e) => e.who === 'Test Coach'));
    // Reloads within ten minutes are one entry.
    const before = (await accessLogForClient(t.deps.dbh.db, c.id)).length;
    await page(base);
    assert.equal((await accessLogForClient(t.deps.dbh.db, c.id)).length, before);
    t.clock.advance(11 * 60_000);
    await page(base);
    assert.equal((await accessLogForClient(t.deps.dbh.db, c.id)).length, before + 1);
  });

  it('sets goals and action items, ticks them off, and tracks check-ins on a cadence with the chart', async () => {
    const c = await seedClient(t.deps, { name: 'Gia Goals', timeZone: 'Europe/Berlin' });
    const base = `/admin/clients/${c.id}`;
    const made = await post(`${base}/goals`, { goal_title: 'Sleep by eleven', goal_detail: '' }, base);
    assert.equal(made.statusCode, 303);
    const goalUrl = String(made.headers.location).split('?')[0]!;
    assert.equal(
      (await post(`${goalUrl}/items`, { title: 'No phone in bed', due: '2026-12-01' }, goalUrl)).statusCode,
      303,
    );
    const badDue = await post(`${goalUrl}/items`, { title: 'Keep me', due: 'tomorrow' }, goalUrl);
    assert.equal(badDue.statusCode, 400);
    assert.match(badDue.body, /Please give the due date as a date/);
    assert.match(badDue.body, /value="Keep me"/);
    const [goal] = await goalsWithItems(t.deps, c.id);
    const item = goal!.items[0]!;
    assert.equal((await post(`${base}/items/${item.id}/done`, { done: '1' }, goalUrl)).statusCode, 303);
    assert.match(words((await page(base)).body), /1 of 1 action items done \(100%\)/);
    assert.equal((await post(`${base}/items/${item.id}`, { title: 'No phone after ten', due: '' })).statusCode, 303);
    assert.equal((await post(`${goalUrl}/status`, { to: 'achieved' }, goalUrl)).statusCode, 303);
    assert.equal((await post(`${goalUrl}/status`, { to: 'finished' }, goalUrl)).statusCode, 400);
    const [after] = await goalsWithItems(t.deps, c.id);
    assert.deepEqual(
      [after!.status, after!.items[0]!.title, after!.items[0]!.dueDate],
      ['achieved', 'No phone after ten', null],
    );
    assert.equal(
      (await post(`${goalUrl}`, { goal_title: 'Sleep by half ten', goal_detail: 'Most nights' }, goalUrl)).statusCode,
      303,
    );
    assert.match((await page(goalUrl)).body, /Most nights/);
    assert.equal((await post(`${base}/items/${item.id}/remove`, {}, `${base}/items/${item.id}`)).statusCode, 303);
    assert.equal((await post(`${goalUrl}/remove`, {}, goalUrl)).statusCode, 303);
    assert.deepEqual(await goalsWithItems(t.deps, c.id), []);
    assert.equal((await page(goalUrl)).status, 404);

    // Trackers and cadence.
    assert.equal((await post(`${base}/trackers`, { tracker: 'Energy' }, base)).statusCode, 303);
    assert.equal((await post(`${base}/trackers`, { tracker: '' }, base)).statusCode, 400);
    assert.equal((await post(`${base}/cadence`, { every: '7' }, base)).statusCode, 303);
    assert.equal((await post(`${base}/cadence`, { every: '900' }, base)).statusCode, 400);
    assert.equal((await post(`${base}/cadence`, { every: '0' }, base)).statusCode, 422);
    const [energy] = await trackersFor(t.deps, c.id);
    await submitCheckIn(t.deps, c.id, { scores: { [energy!.id]: 6 }, note: 'A good week' });
    t.clock.advance(2 * 86_400_000);
    await submitCheckIn(t.deps, c.id, { scores: { [energy!.id]: 8 } });
    const view = await page(base);
    assert.match(view.body, /<svg[^>]*role="img"/);
    assert.match(view.body, /Energy: 2 scores, from 6 on/);
    assert.match(view.body, /A good week/);
    assert.match(words(view.body), /Every 7 days, on the client’s calendar/);
    assert.equal((await post(`${base}/trackers/${energy!.id}/retire`, {}, base)).statusCode, 303);
    assert.match((await page(base)).body, /\(no longer asked\)/);
    assert.equal((await post(`${base}/cadence`, { every: 'none' }, base)).statusCode, 303);
    await addTracker(t.deps, c.id, 'Calm');
  });

  it('shares files with the client or every client, lets the coach download and remove them', async () => {
    const c = await seedClient(t.deps, { name: 'Fay Files' });
    const base = `/admin/clients/${c.id}`;
    const upload = async (share: string, file?: { filename: string; type: string; data: Buffer }) => {
      const form = await page(base);
      const body = multipart({ _csrf: form.csrf!, share }, file);
      return t.app.inject({
        method: 'POST',
        url: `${base}/files`,
        payload: body.payload,
        headers: { 'content-type': body.contentType, cookie: jar.header() },
      });
    };
    assert.equal(
      (await upload('client', { filename: 'Values.pdf', type: 'application/pdf', data: PDF })).statusCode,
      303,
    );
    assert.equal(
      (await upload('everyone', { filename: 'Reading.pdf', type: 'application/pdf', data: PDF })).statusCode,
      303,
    );
    const html = await upload('client', {
      filename: 'evil.html',
      type: 'text/html',
      data: Buffer.from('<script>x</script>'),
    });
    assert.equal(html.statusCode, 415);
    assert.match(html.body, /That kind of file cannot be shared here|Please send a PDF/);
    const none = await upload('client');
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Please choose a file to share/);
    const big = await upload('client', {
      filename: 'big.pdf',
      type: 'application/pdf',
      data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /larger than 10 MB/);

    const view = await page(base);
    assert.match(view.body, /Values\.pdf/);
    assert.match(view.body, /Reading\.pdf/);
    const ownId = /href="[^"]*\/files\/([0-9a-f-]{36})" download="Values\.pdf"/.exec(view.body)?.[1];
    assert.ok(ownId);
    const dl = await t.app.inject({ url: `${base}/files/${ownId}`, headers: { cookie: jar.header() } });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.match(String(dl.headers['content-disposition']), /attachment; filename="Values\.pdf"/);
    assert.equal(Buffer.compare(dl.rawPayload, PDF), 0);
    assert.ok((await accessLogForClient(t.deps.dbh.db, c.id)).some((e) => e.what === 'file' && e.subjectId === ownId));

    // A file the client sent back downloads too; another client's file is a 404 here.
    const sent = await storeFile(t.deps, {
      clientId: c.id,
      owner: 'client',
      uploadedByUserId: null,
      name: 'my-answers.pdf',
      bytes: PDF,
    });
    assert.equal(
      (await t.app.inject({ url: `${base}/files/${sent.id}`, headers: { cookie: jar.header() } })).statusCode,
      200,
    );
    const other = await seedClient(t.deps);
    const theirs = await storeFile(t.deps, {
      clientId: other.id,
      owner: 'coach',
      uploadedByUserId: null,
      name: 'x.pdf',
      bytes: PDF,
    });
    assert.equal(
      (await t.app.inject({ url: `${base}/files/${theirs.id}`, headers: { cookie: jar.header() } })).statusCode,
      404,
    );
    assert.equal((await post(`${base}/files/${theirs.id}/remove`, {}, base)).statusCode, 404);

    assert.equal((await post(`${base}/files/${ownId}/remove`, {}, base)).statusCode, 303);
    assert.doesNotMatch((await page(base)).body, /Values\.pdf/);
    const everyone = await filesForEveryone(t.deps);
    assert.ok(everyone.some((f) => f.name === 'Reading.pdf'));
  });

  it('reads the conversation, marks it read and replies; unread messages show in the list', async () => {
    const c = await seedClient(t.deps, { name: 'Mo Messages' });
    const base = `/admin/clients/${c.id}`;
    await sendMessage(t.deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'Can we move <Friday>?' });
    assert.match((await page('/admin/clients')).body, /1 unread message/);
    const view = await page(base);
    assert.match(view.body, /Can we move &lt;Friday>\?/);
    assert.doesNotMatch((await page('/admin/clients')).body, /1 unread message/);
    const empty = await post(`${base}/messages`, { message: '' }, base);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Please write a message/);
    t.clock.advance(1000);
    assert.equal((await post(`${base}/messages`, { message: 'Yes, Thursday works.' }, base)).statusCode, 303);
    const convo = await conversation(t.deps, c.id);
    assert.deepEqual(
      convo.map((m) => [m.from, m.body]),
      [
        ['client', 'Can we move <Friday>?'],
        ['coach', 'Yes, Thursday works.'],
      ],
    );
    // The client is told by an email that carries none of the message's words.
    const told = await t.deps.dbh.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'portal.message_to_client')
      .where('to_address', '=', c.email)
      .execute();
    assert.equal(told.length, 1);
    assert.doesNotMatch(
      t.deps.sealer.open(told[0]!.text_sealed) + t.deps.sealer.open(told[0]!.html_sealed) + told[0]!.subject,
      /Thursday/,
    );
    const all = await page(`${base}/messages`);
    assert.equal(all.status, 200);
    assert.match(all.body, /Yes, Thursday works\./);
    assert.ok((await accessLogForClient(t.deps.dbh.db, c.id)).some((e) => e.what === 'messages'));
    assert.equal((await page(`${base}/messages?before=garbage`)).status, 200);
  });

  it('says what deletion removes before it happens, refuses when more arrived, then the client is gone', async () => {
    const c = await seedClient(t.deps, { name: 'Del Eted' });
    const base = `/admin/clients/${c.id}`;
    const coach = { userId: coachId, name: 'Test Coach' };
    await addNote(t.deps, coach, c.id, { kind: 'private', body: 'one' });
    await addNote(t.deps, coach, c.id, { kind: 'shared', body: 'two' });
    await addGoal(t.deps, 'coach', c.id, { title: 'A goal' });
    await sendMessage(t.deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'hello' });
    const confirm = await page(`${base}/delete`);
    assert.equal(confirm.status, 200);
    const text = words(confirm.body);
    assert.match(text, /What deletion removes, for good/);
    assert.match(text, /2 notes \(shared and private\)/);
    assert.match(text, /1 goal /);
    assert.match(text, /1 message /);
    assert.match(text, /What stays/);
    assert.match(text, /Files shared with every client stay/);
    const counts = Object.fromEntries(
      [...confirm.body.matchAll(/type="hidden" name="(\w+)" value="(\d+)"/g)].map((m) => [m[1], m[2]]),
    );
    assert.equal(counts.notes, '2');

    // Something arrives while she reads: nothing goes, and the page says why.
    await sendMessage(t.deps, { clientId: c.id, from: 'client', senderUserId: null, body: 'one more' });
    const stale = await postForm(t.app, `${base}/delete`, { _csrf: confirm.csrf!, ...counts }, jar);
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Something was added to this client’s record since you looked/);
    assert.equal((await page(base)).status, 200);

    const fresh = await page(`${base}/delete`);
    const now = Object.fromEntries(
      [...fresh.body.matchAll(/type="hidden" name="(\w+)" value="(\d+)"/g)].map((m) => [m[1], m[2]]),
    );
    const gone = await postForm(t.app, `${base}/delete`, { _csrf: fresh.csrf!, ...now }, jar);
    assert.equal(gone.statusCode, 303);
    assert.equal(gone.headers.location, '/admin/clients?done=deleted');
    assert.equal((await page(base)).status, 404);
    assert.doesNotMatch((await page('/admin/clients?status=all')).body, /Del Eted/);
    const audit = await page('/admin/audit');
    assert.match(audit.body, /Deleted a client/);
  });

  it('shows a deletion request in the list and on the client, takes a legal hold, and carries it out', async () => {
    const c = await seedClient(t.deps, { name: 'Hal Hold' });
    const base = `/admin/clients/${c.id}`;
    // Hal has a portal account and is signed in somewhere.
    const halUser = await addUser(t.deps, c.email, 'client', c.name);
    await linkClientUser(t.deps.dbh.db, c.id, halUser, t.clock.now());
    await jarFor(t.deps, halUser);
    const req = await requestDeletion(t.deps, c.id, 'client');
    const list = await page('/admin/clients');
    assert.match(list.body, /One client has asked for their data to be deleted|clients have asked for their data/);
    assert.match(list.body, /Asked for deletion/);
    const dashboard = words((await page('/admin')).body);
    assert.match(dashboard, /\d+ deletion requests? to carry out/);
    assert.match(dashboard, /\d+ active clients?/);
    const view = await page(base);
    assert.match(view.body, /Deletion requested/);
    const noHold = await post(`${base}/deletion-requests/${req.id}/hold`, { hold: '' }, base);
    assert.equal(noHold.statusCode, 400);
    assert.equal(
      (
        await post(
          `${base}/deletion-requests/${req.id}/hold`,
          { hold: 'Invoices are kept for ten years by law.' },
          base,
        )
      ).statusCode,
      303,
    );
    assert.match((await page(base)).body, /Invoices are kept for ten years by law\./);
    // A held request's statement can be put better; a withdrawn one is closed, said in plain words.
    assert.equal(
      (await post(`${base}/deletion-requests/${req.id}/hold`, { hold: 'Invoices: ten years, by law.' }, base))
        .statusCode,
      303,
    );
    assert.match((await page(base)).body, /Invoices: ten years, by law\./);
    const gone = await seedClient(t.deps);
    const withdrawn = await requestDeletion(t.deps, gone.id, 'client');
    await withdrawDeletionRequest(t.deps, gone.id, withdrawn.id);
    const closed = await post(
      `/admin/clients/${gone.id}/deletion-requests/${withdrawn.id}/hold`,
      { hold: 'Late' },
      `/admin/clients/${gone.id}`,
    );
    assert.equal(closed.statusCode, 409);
    assert.match(closed.body, /already carried out or withdrawn/);
    // Another client's request under this address is a 404.
    const other = await seedClient(t.deps);
    const theirs = await requestDeletion(t.deps, other.id, 'client');
    assert.equal((await post(`${base}/deletion-requests/${theirs.id}/hold`, { hold: 'x' }, base)).statusCode, 404);

    const confirm = await page(`${base}/delete`);
    assert.match(confirm.body, /This carries out the client’s request for deletion/);
    const fields = Object.fromEntries(
      [...confirm.body.matchAll(/type="hidden" name="(\w+)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    );
    assert.equal(fields.request, req.id);
    const done = await postForm(t.app, `${base}/delete`, { ...fields, _csrf: confirm.csrf! }, jar);
    assert.equal(done.statusCode, 303);
    assert.equal((await page(base)).status, 404);
    // The account and its sign-in sessions went with the record; Hal is told once, with the hold.
    const db = t.deps.dbh.db;
    assert.equal(await db.selectFrom('users').select('id').where('id', '=', halUser).executeTakeFirst(), undefined);
    assert.deepEqual(await db.selectFrom('sessions').select('id').where('user_id', '=', halUser).execute(), []);
    const told = await db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'portal.deletion_done')
      .where('to_address', '=', c.email)
      .execute();
    assert.equal(told.length, 1);
    assert.match(t.deps.sealer.open(told[0]!.text_sealed), /Invoices: ten years, by law\./);
  });

  it('sends anonymous visitors to sign in, refuses clients, and answers unknown or malformed ids with 404', async () => {
    const c = await seedClient(t.deps);
    const anon = await t.app.inject({ url: `/admin/clients/${c.id}` });
    assert.equal(anon.statusCode, 303);
    assert.equal(anon.headers.location, `/sign-in?next=${encodeURIComponent(`/admin/clients/${c.id}`)}`);
    assert.equal(
      (await t.app.inject({ method: 'POST', url: `/admin/clients/${c.id}/notes/private`, payload: {} })).statusCode,
      401,
    );
    const clientJar = await jarFor(t.deps, await addUser(t.deps, 'a-client@example.test', 'client'));
    for (const url of ['/admin/clients', `/admin/clients/${c.id}`, `/admin/clients/${c.id}/delete`]) {
      const res = await t.app.inject({ url, headers: { cookie: clientJar.header() } });
      assert.equal(res.statusCode, 403, url);
      assert.doesNotMatch(res.body, new RegExp(c.name), url);
    }
    for (const url of [
      `/admin/clients/${NO_SUCH}`,
      '/admin/clients/not-an-id',
      `/admin/clients/${'9'.repeat(90)}`,
      `/admin/clients/${NO_SUCH}/delete`,
      `/admin/clients/${c.id}/goals/${NO_SUCH}`,
      `/admin/clients/${c.id}/items/${NO_SUCH}`,
      `/admin/clients/${c.id}/files/${NO_SUCH}`,
      `/admin/clients/${c.id}/notes/%3Cscript%3E`,
    ])
      assert.equal((await page(url)).status, 404, url);
    const form = await page(`/admin/clients/${c.id}`);
    const res = await postForm(
      t.app,
      `/admin/clients/${NO_SUCH}/notes/private`,
      { _csrf: form.csrf!, private_note: 'x' },
      jar,
    );
    assert.equal(res.statusCode, 404);
    // A stale form keeps what was typed and changes nothing.
    const stale = await postForm(
      t.app,
      `/admin/clients/${c.id}/notes/shared`,
      { _csrf: 'stale', shared_note: 'typed words' },
      jar,
    );
    assert.equal(stale.statusCode, 403);
    assert.match(stale.body, /typed words/);
    assert.deepEqual(await notesForCoach(t.deps, c.id), []);
  });
});
