import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertRecordedSessions } from '../booking/index.ts';
import { seedService } from '../booking/testing.ts';
import {
  addActionItem,
  addGoal,
  addNote,
  addTracker,
  type Client,
  requestDeletion,
  sendMessage,
  storeFile,
} from '../clients/index.ts';
import { forEachEngine } from '../db/testing.ts';
import { signedInClient } from '../portal/testing.ts';
import { CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { registeredRoutes, snapshot } from './routes.ts';

/**
 * The access matrix (issue 10): every private route the app registers — the back office, the
 * portal, the account pages — against four people: nobody signed in, another client, the client
 * whose records the ids name, and the coach. Each route is listed below with the profile it must
 * hold to; a route registered but not listed (or listed but gone) fails the first test, so a new
 * private route cannot ship without its row.
 */
type Who = 'anonymous' | 'otherClient' | 'client' | 'coach';
/**
 * - signin: a GET is sent to a sign-in page, a POST is refused with 401.
 * - denied: 403 (a signed-in account that may not use this part of the site).
 * - hidden: 404, the same as for a record that does not exist; a POST changes nothing.
 * - open: reaches the route: a GET answers 200 (or sends on elsewhere than a sign-in page, as the
 *   deletion page does once a request is pending); a POST is not refused (not 401 or 403, and a 404
 *   only because an earlier post in the sweep removed the record, e.g. the coach removing a goal).
 * - reach: reaches the route; 404 is allowed because the ids in the URL are made up.
 */
type Outcome = 'signin' | 'denied' | 'hidden' | 'open' | 'reach';
type Profile = Record<Who, Outcome>;

const profiles = {
  /** A back-office room; ids in its URL are made up (admin/access.test.ts covers those rooms in depth). */
  backOffice: { anonymous: 'signin', otherClient: 'denied', client: 'denied', coach: 'reach' },
  /** A back-office room about the client, with that client's real ids. */
  clientRecord: { anonymous: 'signin', otherClient: 'denied', client: 'denied', coach: 'open' },
  /** A portal room about whoever is signed in: each client sees their own. */
  portal: { anonymous: 'signin', otherClient: 'open', client: 'open', coach: 'denied' },
  /** A portal route naming one of the client's records: another client gets a 404. */
  portalRecord: { anonymous: 'signin', otherClient: 'hidden', client: 'open', coach: 'denied' },
  /** An account page of whoever is signed in (passkeys), coach or client. */
  account: { anonymous: 'signin', otherClient: 'open', client: 'open', coach: 'open' },
  /** The coach's own account setting (a passkey required for the back office). */
  coachAccount: { anonymous: 'signin', otherClient: 'denied', client: 'denied', coach: 'open' },
  /** A session's room, for a session days away: the coach and its client see "not open yet"; anyone else a 404. */
  room: { anonymous: 'hidden', otherClient: 'hidden', client: 'open', coach: 'open' },
  /** A room route that answers only inside the window (ICE servers, the socket): 404 for everyone days before. */
  roomClosed: { anonymous: 'hidden', otherClient: 'hidden', client: 'hidden', coach: 'hidden' },
  /** The phone fallback: the client's own (refused with its form's messages outside the window); 404 for the rest. */
  roomCallMe: { anonymous: 'hidden', otherClient: 'hidden', client: 'open', coach: 'hidden' },
  /** An account route naming a passkey nobody here has: 404 for everyone signed in. */
  accountRecord: { anonymous: 'signin', otherClient: 'hidden', client: 'hidden', coach: 'hidden' },
} satisfies Record<string, Profile>;

const {
  backOffice,
  clientRecord,
  portal,
  portalRecord,
  account,
  coachAccount,
  accountRecord,
  room,
  roomClosed,
  roomCallMe,
} = profiles;

/** Every private route, by method and pattern. Public routes under these prefixes are listed as null. */
const matrix: Record<string, Profile | null> = {
  'GET /account/passkeys': account,
  'POST /account/passkeys': account,
  'POST /account/passkeys/:id/remove': accountRecord,
  'POST /account/passkeys/options': account,
  'POST /account/passkeys/require': coachAccount,
  'POST /account/passkeys/verify': account,

  'GET /admin': backOffice,
  'GET /admin/audit': backOffice,
  'GET /admin/author': backOffice,
  'POST /admin/author': backOffice,
  'GET /admin/availability': backOffice,
  'POST /admin/availability/external': backOffice,
  'POST /admin/availability/feed': backOffice,
  'POST /admin/availability/override': backOffice,
  'POST /admin/availability/remove': backOffice,
  'POST /admin/availability/time-off': backOffice,
  'POST /admin/availability/weekly': backOffice,
  'GET /admin/bookings': backOffice,
  'GET /admin/bookings/:id': backOffice,
  'POST /admin/bookings/:id/cancel': backOffice,
  'POST /admin/bookings/:id/move': backOffice,
  'POST /admin/bookings/:id/status': backOffice,
  'GET /admin/bookings/new': backOffice,
  'POST /admin/bookings/new': backOffice,
  'GET /admin/contact': backOffice,
  'GET /admin/contact/:id': backOffice,
  'POST /admin/contact/:id/unread': backOffice,
  'GET /admin/guide': backOffice,
  'POST /admin/guide': backOffice,
  'GET /admin/guide/crisis-lines': backOffice,
  'GET /admin/guide/crisis-lines/:key': backOffice,
  'POST /admin/guide/crisis-lines/:key': backOffice,
  'POST /admin/guide/crisis-lines/:key/restore': backOffice,
  'GET /admin/guide/referrals': backOffice,
  'POST /admin/guide/referrals': backOffice,
  'GET /admin/guide/referrals/:id': backOffice,
  'POST /admin/guide/referrals/:id': backOffice,
  'POST /admin/guide/referrals/:id/delete': backOffice,
  'GET /admin/guide/results': backOffice,
  'GET /admin/guide/results/:id': backOffice,
  'POST /admin/guide/results/:id/delete': backOffice,
  'POST /admin/guide/results/:id/message': backOffice,
  'GET /admin/media': backOffice,
  'POST /admin/media': backOffice,
  'GET /admin/outbox': backOffice,
  'GET /admin/room': backOffice,
  'POST /admin/room': backOffice,
  'GET /admin/outbox/:id': backOffice,
  'POST /admin/outbox/:id/send-again': backOffice,
  'GET /admin/pages': backOffice,
  'POST /admin/pages': backOffice,
  'GET /admin/pages/:id': backOffice,
  'POST /admin/pages/:id': backOffice,
  'GET /admin/pages/:id/delete': backOffice,
  'POST /admin/pages/:id/delete': backOffice,
  'GET /admin/pages/new': backOffice,
  'GET /admin/posts': backOffice,
  'GET /admin/posts/:id': backOffice,
  'POST /admin/posts/:id': backOffice,
  'GET /admin/posts/new': backOffice,
  'POST /admin/posts/new': backOffice,
  'GET /admin/redirects': backOffice,
  'POST /admin/redirects': backOffice,
  'POST /admin/redirects/delete': backOffice,
  'GET /admin/services': backOffice,
  'GET /admin/services/:id': backOffice,
  'POST /admin/services/:id': backOffice,
  'GET /admin/services/:id/questions': backOffice,
  'POST /admin/services/:id/questions': backOffice,
  'POST /admin/services/:id/questions/:qid/delete': backOffice,
  'POST /admin/services/:id/questions/order': backOffice,
  'GET /admin/services/new': backOffice,
  'GET /admin/sessions': backOffice,
  'POST /admin/sessions/sign-out': backOffice,
  'GET /admin/settings': backOffice,
  'POST /admin/settings': backOffice,

  'GET /admin/clients': clientRecord,
  'POST /admin/clients': clientRecord,
  'GET /admin/clients/:id': clientRecord,
  'POST /admin/clients/:id/archive': clientRecord,
  'POST /admin/clients/:id/cadence': clientRecord,
  'GET /admin/clients/:id/delete': clientRecord,
  'POST /admin/clients/:id/delete': clientRecord,
  'POST /admin/clients/:id/deletion-requests/:requestId/hold': clientRecord,
  'GET /admin/clients/:id/details': clientRecord,
  'POST /admin/clients/:id/details': clientRecord,
  'POST /admin/clients/:id/files': clientRecord,
  'GET /admin/clients/:id/files/:fileId': clientRecord,
  'POST /admin/clients/:id/files/:fileId/remove': clientRecord,
  'POST /admin/clients/:id/goals': clientRecord,
  'GET /admin/clients/:id/goals/:goalId': clientRecord,
  'POST /admin/clients/:id/goals/:goalId': clientRecord,
  'POST /admin/clients/:id/goals/:goalId/items': clientRecord,
  'POST /admin/clients/:id/goals/:goalId/remove': clientRecord,
  'POST /admin/clients/:id/goals/:goalId/status': clientRecord,
  'GET /admin/clients/:id/items/:itemId': clientRecord,
  'POST /admin/clients/:id/items/:itemId': clientRecord,
  'POST /admin/clients/:id/items/:itemId/done': clientRecord,
  'POST /admin/clients/:id/items/:itemId/remove': clientRecord,
  'GET /admin/clients/:id/messages': clientRecord,
  'POST /admin/clients/:id/messages': clientRecord,
  'GET /admin/clients/:id/notes/:noteId': clientRecord,
  'POST /admin/clients/:id/notes/:noteId': clientRecord,
  'POST /admin/clients/:id/notes/:noteId/remove': clientRecord,
  'POST /admin/clients/:id/notes/private': clientRecord,
  'POST /admin/clients/:id/notes/shared': clientRecord,
  'POST /admin/clients/:id/restore': clientRecord,
  'POST /admin/clients/:id/trackers': clientRecord,
  'POST /admin/clients/:id/trackers/:trackerId/retire': clientRecord,

  'GET /portal': portal,
  'GET /portal/check-ins': portal,
  'POST /portal/check-ins': portal,
  'GET /portal/data': portal,
  'GET /portal/data/deletion': portal,
  'POST /portal/data/deletion': portal,
  'POST /portal/data/deletion/:requestId/withdraw': portalRecord,
  'GET /portal/data/export.zip': portal,
  'GET /portal/files': portal,
  'POST /portal/files': portal,
  'GET /portal/files/:fileId': portalRecord,
  'GET /portal/goals': portal,
  'POST /portal/goals': portal,
  'POST /portal/items': portal,
  'POST /portal/items/:itemId/done': portalRecord,
  'GET /portal/messages': portal,
  'POST /portal/messages': portal,
  'GET /portal/reminders': portal,
  'POST /portal/reminders': portal,
  'GET /portal/sessions': portal,
  'GET /portal/sessions/:sessionId/calendar.ics': portalRecord,
  'GET /room/:bookingId': room,
  'GET /room/:bookingId/ice': roomClosed,
  'GET /room/:bookingId/signal': roomClosed,
  'POST /room/:bookingId/call-me': roomCallMe,

  'GET /portal/sign-in': null,
  'POST /portal/sign-in': null,
  'GET /portal/sign-in/sent': null,
};

/** Fields that carry a post past its form checks to the record it names (so "hidden" is a real 404). */
const bodies: Record<string, Record<string, string>> = {
  'POST /portal/items/:itemId/done': { done: '1' },
};

const PRIVATE = /^\/(admin|portal|account|room)(\/|$)/;
const MADE_UP = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

forEachEngine('the access matrix', (engine) => {
  let t: TestContext;
  const jars = {} as Record<Who, CookieJar>;
  const csrf = {} as Record<Who, string>;
  const ids: Record<string, string> = {};
  let mine: Client;

  before(async () => {
    t = await createTestApp(engine);
    const deps = t.deps;
    const now = t.clock.now();
    const coach = await signedInCoach(t);
    const a = await signedInClient(deps, { email: 'owner.of.records@example.test', name: 'Ada Records' });
    const b = await signedInClient(deps, { email: 'someone.else@example.test', name: 'Ben Else' });
    mine = a.client;
    jars.anonymous = new CookieJar();
    jars.otherClient = b.jar;
    jars.client = a.jar;
    jars.coach = coach.jar;
    for (const who of Object.keys(jars) as Who[]) {
      const page = await getPage(t.app, '/contact', jars[who]);
      assert.ok(page.csrf, `a form token for ${who}`);
      csrf[who] = page.csrf;
    }
    // The client's records, each kind a route can name.
    const actor = { userId: coach.userId, name: 'Test Coach' };
    ids.id = mine.id;
    ids.goalId = await addGoal(deps, 'client', mine.id, { title: 'Sleep before midnight' });
    ids.itemId = await addActionItem(deps, 'client', mine.id, ids.goalId, { title: 'Phone out of the bedroom' });
    ids.noteId = await addNote(deps, actor, mine.id, { kind: 'private', body: 'Private: only the coach reads this.' });
    ids.trackerId = await addTracker(deps, mine.id, 'Energy');
    ids.fileId = (
      await storeFile(deps, { clientId: mine.id, owner: 'coach', uploadedByUserId: null, name: 'plan.pdf', bytes: PDF })
    ).id;
    await sendMessage(deps, { clientId: mine.id, from: 'client', senderUserId: a.userId, body: 'Hello' });
    ids.requestId = (await requestDeletion(deps, mine.id, 'client')).id;
    const serviceId = await seedService(deps.dbh.db, now);
    await insertRecordedSessions(
      deps.dbh.db,
      [
        {
          serviceId,
          clientId: mine.id,
          clientName: mine.name,
          clientEmail: mine.email,
          clientPhone: null,
          timeZone: mine.time_zone,
          start: now + 3 * 86_400_000,
          durationMinutes: 50,
          modality: 'video',
          status: 'confirmed',
        },
      ],
      now,
    );
    ids.sessionId = (await deps.dbh.db.selectFrom('bookings').select('id').executeTakeFirstOrThrow()).id;
    ids.bookingId = ids.sessionId;
  });
  after(() => t.close());

  const privateRoutes = () =>
    registeredRoutes(t.app)
      .filter((r) => PRIVATE.test(r.path))
      .flatMap((r) => r.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${r.path}`));

  it('lists every private route the app registers, and no route that is gone', () => {
    const registered = new Set(privateRoutes());
    const missing = [...registered].filter((k) => !(k in matrix));
    const gone = Object.keys(matrix).filter((k) => !registered.has(k));
    assert.deepEqual(missing, [], 'private routes without a row in the access matrix');
    assert.deepEqual(gone, [], 'rows for routes that no longer exist');
  });

  const urlOf = (pattern: string, profile: Profile) =>
    pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
      profile === backOffice || profile === accountRecord ? MADE_UP : (ids[name] ?? MADE_UP),
    );

  async function ask(who: Who, key: string, profile: Profile) {
    const [method, pattern] = key.split(' ') as ['GET' | 'POST', string];
    const url = urlOf(pattern, profile);
    const cookie = jars[who].header();
    if (method === 'GET') return t.app.inject({ method, url, headers: { cookie } });
    return t.app.inject({
      method,
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf[who], ...(bodies[key] ?? {}) }).toString(),
    });
  }

  function check(outcome: Outcome, method: string, res: { statusCode: number; headers: Record<string, unknown> }) {
    const status = res.statusCode;
    const location = String(res.headers.location ?? '');
    const toSignIn = status === 303 && /^\/(portal\/)?sign-in(\?|$)/.test(location);
    assert.ok(status < 500, `never a ${status}`);
    switch (outcome) {
      case 'signin':
        if (method === 'GET') assert.ok(toSignIn, `sent to sign in, got ${status} ${location}`);
        else assert.equal(status, 401);
        return;
      case 'denied':
        return assert.equal(status, 403);
      case 'hidden':
        return assert.equal(status, 404);
      case 'open':
        if (method === 'GET')
          return assert.ok(
            status === 200 || (status === 303 && !toSignIn),
            `answers the page, got ${status} ${location}`,
          );
        assert.ok(![401, 403].includes(status) && !toSignIn, `reaches the route, got ${status} ${location}`);
        return;
      case 'reach':
        assert.ok(![401, 403].includes(status) && !toSignIn, `reaches the route, got ${status} ${location}`);
    }
  }

  // Reading first, then every post; the people who must be refused go before those who may act.
  const order: Who[] = ['anonymous', 'otherClient', 'client', 'coach'];
  for (const method of ['GET', 'POST'] as const) {
    describe(`${method} routes`, () => {
      for (const who of order) {
        it(`as ${who}`, async () => {
          for (const [key, profile] of Object.entries(matrix)) {
            if (!profile || !key.startsWith(`${method} `)) continue;
            const refused = profile[who] !== 'open' && profile[who] !== 'reach';
            const beforeRows = refused && method === 'POST' ? await snapshot(t.deps.dbh.db) : undefined;
            const res = await ask(who, key, profile);
            try {
              check(profile[who], method, res);
            } catch (err) {
              throw new Error(`${key} as ${who}: ${(err as Error).message}`);
            }
            if (beforeRows) {
              assert.deepEqual(await snapshot(t.deps.dbh.db), beforeRows, `${key} as ${who} changed nothing`);
            }
          }
        });
      }
    });
  }
});
