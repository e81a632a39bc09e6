import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { buildApp } from '../app.ts';
import { type Booking, bookSession, cancelBooking } from '../booking/index.ts';
import { seedCoach, seedService } from '../booking/testing.ts';
import { forEachEngine } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { signedInClient } from '../portal/testing.ts';
import { CookieJar, createTestApp, getPage, postForm, signedInCoach, type TestContext } from '../testing.ts';

const MIN = 60_000;
/** 13:00 in Berlin on the test clock's day (a Friday): the session the tests meet in. */
const START = Date.UTC(2026, 10, 27, 12, 0);

async function book(
  t: TestContext,
  serviceId: string,
  email: string,
  modality: 'video' | 'phone' = 'video',
  at = START,
) {
  const made = await bookSession(t.deps, {
    serviceId,
    start: at,
    timeZone: 'Europe/London',
    name: 'Rosa Client',
    email,
    phone: modality === 'phone' ? '+44 20 7946 0000' : null,
    note: null,
    modality,
    requestId: crypto.randomUUID(),
    createdBy: 'client',
  });
  return { booking: made.booking, token: made.token! };
}

/** A WebSocket to a room that collects the frames it receives. */
class Peer {
  readonly frames: Record<string, unknown>[] = [];
  private waiters: { test: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] =
    [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw));
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(f)) return true;
        w.resolve(f);
        return false;
      });
    });
  }
  static async open(base: string, path: string, o: { cookie?: string; origin: string }): Promise<Peer> {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${path}`, {
      headers: { origin: o.origin, ...(o.cookie ? { cookie: o.cookie } : {}) },
    });
    const peer = new Peer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return peer;
  }
  /** The first frame (already received or still to come) that passes the test. */
  next(test: (f: Record<string, unknown>) => boolean, ms = 5_000): Promise<Record<string, unknown>> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such frame; got ${JSON.stringify(this.frames)}`)), ms);
      this.waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  close(): void {
    this.ws.close();
  }
}

const is =
  (t: string, extra: Record<string, unknown> = {}) =>
  (f: Record<string, unknown>) =>
    f.t === t && Object.entries(extra).every(([k, v]) => f[k] === v);

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

forEachEngine('session room', (engine) => {
  let t: TestContext;
  let serviceId: string;
  let phoneServiceId: string;
  let coach: { jar: CookieJar };
  let me: Awaited<ReturnType<typeof signedInClient>>;
  let other: Awaited<ReturnType<typeof signedInClient>>;
  let mine: { booking: Booking; token: string };
  let theirs: { booking: Booking; token: string };

  before(async () => {
    t = await createTestApp(engine, {
      ice: {
        stunUrls: ['stun:turn.example.test:3478'],
        turnUrls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'],
        turnSecret: 'a-shared-secret-for-tests',
        relayOnly: false,
      },
    });
    const now = t.clock.now();
    await seedCoach(t.deps.dbh.db, now);
    serviceId = await seedService(t.deps.dbh.db, now, { modality: 'video' });
    phoneServiceId = await seedService(t.deps.dbh.db, now, { modality: 'phone' });
    coach = await signedInCoach(t);
    me = await signedInClient(t.deps, { email: 'rosa@example.test' });
    other = await signedInClient(t.deps, { email: 'someone@example.test' });
    mine = await book(t, serviceId, 'rosa@example.test');
    theirs = await book(t, serviceId, 'someone@example.test', 'video', START + 120 * MIN);
  });
  after(() => t.close());

  const at = (ms: number) => {
    t.clock.t = ms;
  };

  it('opens for the coach, the booking’s signed-in client and its manage link; everyone else gets the 404 page', async () => {
    at(START - 5 * MIN);
    const id = mine.booking.id;
    const ok = [
      ['coach', `/room/${id}`, coach.jar],
      ['client', `/room/${id}`, me.jar],
      ['manage link', `/room/${id}?t=${encodeURIComponent(mine.token)}`, undefined],
    ] as const;
    for (const [who, url, jar] of ok) {
      const page = await getPage(t.app, url, jar ?? new CookieJar());
      assert.equal(page.status, 200, who);
      assert.match(page.body, /id="room-stage"/, who);
    }
    const refused = [
      ['nobody signed in', `/room/${id}`, undefined],
      ['another client', `/room/${id}`, other.jar],
      ["another booking's link", `/room/${id}?t=${encodeURIComponent(theirs.token)}`, undefined],
      ['a made-up link', `/room/${id}?t=${'x'.repeat(43)}`, undefined],
      ['a booking that does not exist', `/room/nosuchbooking1`, coach.jar],
    ] as const;
    for (const [who, url, jar] of refused) {
      for (const suffix of ['', '/ice']) {
        const [path, query] = url.split('?');
        const res = await t.app.inject({
          method: 'GET',
          url: `${path}${suffix}${query ? `?${query}` : ''}`,
          headers: jar ? { cookie: jar.header() } : {},
        });
        assert.equal(res.statusCode, 404, `${who} ${suffix}`);
        assert.doesNotMatch(res.body, /room-stage|Rosa/, who);
      }
    }
  });

  it('puts a Join button on the portal while the room is open, and says when it opens before', async () => {
    at(START - 60 * MIN);
    let page = await getPage(t.app, '/portal', me.jar);
    assert.match(page.body, /the session room opens at/);
    assert.doesNotMatch(page.body, /Join the session/);
    at(START - 5 * MIN);
    page = await getPage(t.app, '/portal', me.jar);
    assert.match(page.body, new RegExp(`<a class="button" href="/room/${mine.booking.id}">Join the session</a>`));
  });

  it('lets the camera and microphone in on the room page only, and keeps the page out of caches', async () => {
    at(START - 5 * MIN);
    const res = await t.app.inject({
      method: 'GET',
      url: `/room/${mine.booking.id}`,
      headers: { cookie: coach.jar.header() },
    });
    assert.match(String(res.headers['permissions-policy']), /camera=\(self\), microphone=\(self\)/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const script = /<script src="(\/assets\/room\.[0-9a-f]{12}\.js)" defer/.exec(res.body)?.[1];
    assert.ok(script, 'the room island is on the page, under a hashed name');
    const js = await t.app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'br' } });
    assert.equal(js.statusCode, 200);
    assert.equal(js.headers['content-encoding'], 'br');
    assert.match(String(js.headers['cache-control']), /immutable/);
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(String(home.headers['permissions-policy']), /camera=\(\)/);
    assert.doesNotMatch(home.body, /<script src/);
  });

  it('says when the room opens before its window, and that it is over after', async () => {
    at(START - 11 * MIN);
    let page = await getPage(t.app, `/room/${mine.booking.id}`, me.jar);
    assert.equal(page.status, 200);
    assert.match(page.body, /The room is not open yet/);
    assert.match(page.body, /opens at/);
    assert.doesNotMatch(page.body, /room-stage/);
    const ice = await t.app.inject({
      method: 'GET',
      url: `/room/${mine.booking.id}/ice`,
      headers: { cookie: me.jar.header() },
    });
    assert.equal(ice.statusCode, 404);
    at(START - 10 * MIN);
    page = await getPage(t.app, `/room/${mine.booking.id}`, me.jar);
    assert.match(page.body, /room-stage/, 'open ten minutes before the start');
    at(START + 60 * MIN + 30 * MIN);
    page = await getPage(t.app, `/room/${mine.booking.id}`, me.jar);
    assert.match(page.body, /This session is over/);
  });

  it('mints short-lived TURN credentials per join in the coturn REST scheme', async () => {
    at(START - 5 * MIN);
    const res = await t.app.inject({
      method: 'GET',
      url: `/room/${mine.booking.id}/ice`,
      headers: { cookie: me.jar.header() },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const ice = res.json() as {
      iceServers: { urls: string[]; username?: string; credential?: string }[];
      iceTransportPolicy: string;
    };
    assert.deepEqual(ice.iceServers[0], { urls: ['stun:turn.example.test:3478'] });
    const turn = ice.iceServers[1]!;
    const [expiry, user] = turn.username!.split(':');
    assert.equal(user, `${mine.booking.id}-client`);
    // Until the room closes (the end plus 30 minutes), not a fixed password.
    assert.equal(Number(expiry), Math.ceil((mine.booking.end_at + 30 * MIN) / 1000));
    const want = crypto.createHmac('sha1', 'a-shared-secret-for-tests').update(turn.username!).digest('base64');
    assert.equal(turn.credential, want);
    assert.equal(ice.iceTransportPolicy, 'all');
    const page = await getPage(t.app, `/room/${mine.booking.id}`, me.jar);
    assert.doesNotMatch(page.body, /a-shared-secret-for-tests|credential/, 'no credential in the page');
  });

  it('shows a phone session who calls whom, and the number', async () => {
    at(START - 5 * MIN);
    const phone = await book(t, phoneServiceId, 'rosa@example.test', 'phone', START + 180 * MIN);
    const client = await getPage(t.app, `/room/${phone.booking.id}`, me.jar);
    assert.match(client.body, /Maya Test calls you at <strong>\+44 20 7946 0000/);
    const coachPage = await getPage(t.app, `/room/${phone.booking.id}`, coach.jar);
    assert.match(coachPage.body, /You call Rosa Client at/);
    assert.match(coachPage.body, /tel:\+442079460000/);
  });

  it('takes a number for "call me instead", keeps what was typed when it is wrong, and tells the coach', async () => {
    at(START - 2 * MIN);
    const url = `/room/${mine.booking.id}?t=${encodeURIComponent(mine.token)}`;
    const jar = new CookieJar();
    const page = await getPage(t.app, url, jar);
    const bad = await postForm(
      t.app,
      `/room/${mine.booking.id}/call-me`,
      { _csrf: page.csrf!, t: mine.token, phone: 'call me maybe' },
      jar,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a phone number with digits only/);
    assert.match(bad.body, /value="call me maybe"/);
    const good = await postForm(
      t.app,
      `/room/${mine.booking.id}/call-me`,
      { _csrf: page.csrf!, t: mine.token, phone: '+44 7700 900123' },
      jar,
    );
    assert.equal(good.statusCode, 303);
    const back = await getPage(t.app, String(good.headers.location), jar);
    assert.match(back.body, /has been told to call you at \+44 7700 900123/);
    const mail = await t.deps.dbh.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'text_sealed'])
      .where('kind', '=', 'room.call_me')
      .execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.to_address, 'coach@example.test');
    assert.match(t.deps.sealer.open(mail[0]!.text_sealed), /\+44 7700 900123/);
    const coachPage = await getPage(t.app, `/room/${mine.booking.id}`, coach.jar);
    assert.match(coachPage.body, /Rosa Client asked to be called/);
    // Someone else's link cannot ask on this booking's behalf.
    const refused = await postForm(
      t.app,
      `/room/${mine.booking.id}/call-me`,
      { _csrf: page.csrf!, t: theirs.token, phone: '+1 555 0100' },
      jar,
    );
    assert.equal(refused.statusCode, 404);
  });

  it('says a cancelled session was cancelled, and its link no longer opens it', async () => {
    at(START - 5 * MIN);
    const gone = await book(t, serviceId, 'rosa@example.test', 'video', START + 60 * MIN);
    await cancelBooking(t.deps, gone.booking.id, { reason: 'coach' });
    at(gone.booking.start_at - 5 * MIN);
    const page = await getPage(t.app, `/room/${gone.booking.id}`, me.jar);
    assert.match(page.body, /This session was cancelled/);
    assert.doesNotMatch(page.body, /room-stage/);
    const byLink = await t.app.inject({
      method: 'GET',
      url: `/room/${gone.booking.id}?t=${encodeURIComponent(gone.token)}`,
    });
    assert.equal(byLink.statusCode, 404);
  });

  describe('signalling', () => {
    let base: string;
    let origin: string;
    before(async () => {
      base = await listen(t.app);
      origin = new URL(t.deps.config.publicUrl).origin;
    });

    it('holds the client in the waiting room until the coach admits them, then relays both ways', async () => {
      at(START - 5 * MIN);
      const id = theirs.booking.id;
      at(theirs.booking.start_at - 5 * MIN);
      const c = await Peer.open(base, `/room/${id}/signal?t=${encodeURIComponent(theirs.token)}`, { origin });
      const welcome = await c.next(is('welcome'));
      assert.equal(welcome.role, 'client');
      assert.equal(welcome.admitted, false);
      const k = await Peer.open(base, `/room/${id}/signal`, { origin, cookie: coach.jar.header() });
      assert.equal((await k.next(is('welcome'))).role, 'coach');
      await k.next(is('peer', { state: 'waiting' }));
      // The back office says so too (from the room's row, so any instance can).
      const dashboard = await getPage(t.app, '/admin', coach.jar);
      assert.match(dashboard.body, /Session rooms open now/);
      assert.match(dashboard.body, /Rosa Client is waiting in the room/);
      assert.match(dashboard.body, new RegExp(`href="/room/${id}">Join and admit`));
      // A client's offer before admission reaches nobody.
      c.send({ t: 'signal', data: { description: { type: 'offer', sdp: 'v=0 early' } } });
      k.send({ t: 'signal', data: { description: { type: 'offer', sdp: 'v=0 from the coach' } } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(k.frames.filter(is('signal')).length, 0, 'the coach heard nothing from a waiting client');
      assert.equal(c.frames.filter(is('signal')).length, 0, 'a waiting client hears nothing');
      k.send({ t: 'admit' });
      await c.next(is('admitted'));
      await k.next(is('peer', { state: 'present' }));
      c.send({ t: 'signal', data: { description: { type: 'answer', sdp: 'v=0 answer' } } });
      k.send({
        t: 'signal',
        data: { candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host', sdpMid: '0' } },
      });
      const toCoach = await k.next(is('signal'));
      assert.deepEqual(toCoach.data, { description: { type: 'answer', sdp: 'v=0 answer' } });
      const toClient = await c.next(is('signal'));
      assert.equal((toClient.data as { candidate: { sdpMid: string } }).candidate.sdpMid, '0');
      // Admission holds: the client reconnects and goes straight in.
      c.close();
      await k.next(is('peer', { state: 'absent' }));
      const again = await Peer.open(base, `/room/${id}/signal?t=${encodeURIComponent(theirs.token)}`, { origin });
      assert.equal((await again.next(is('welcome'))).admitted, true);
      again.close();
      k.close();
    });

    it('lets clients straight in when the coach turns admission automatic', async () => {
      const page = await getPage(t.app, '/admin/room', coach.jar);
      const bad = await postForm(
        t.app,
        '/admin/room',
        { _csrf: page.csrf!, opensBeforeMin: '500', closesAfterMin: '30' },
        coach.jar,
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /at most 120 minutes before the start/);
      assert.match(bad.body, /value="500"/);
      const good = await postForm(
        t.app,
        '/admin/room',
        { _csrf: page.csrf!, opensBeforeMin: '15', closesAfterMin: '30', autoAdmit: '1' },
        coach.jar,
      );
      assert.equal(good.statusCode, 303);
      at(START - 180 * MIN);
      const booked = await book(t, serviceId, 'someone@example.test', 'video', START - 120 * MIN);
      at(booked.booking.start_at - 14 * MIN); // inside the new 15-minute opening
      const c = await Peer.open(base, `/room/${booked.booking.id}/signal?t=${encodeURIComponent(booked.token)}`, {
        origin,
      });
      assert.equal((await c.next(is('welcome'))).admitted, true);
      c.close();
      await postForm(
        t.app,
        '/admin/room',
        { _csrf: page.csrf!, opensBeforeMin: '10', closesAfterMin: '30' },
        coach.jar,
      );
    });

    it('ends the older socket when the same person joins again', async () => {
      const id = theirs.booking.id;
      at(theirs.booking.start_at - 5 * MIN);
      const first = await Peer.open(base, `/room/${id}/signal`, { origin, cookie: coach.jar.header() });
      await first.next(is('welcome'));
      const second = await Peer.open(base, `/room/${id}/signal`, { origin, cookie: coach.jar.header() });
      await second.next(is('welcome'));
      assert.equal((await first.next(is('closed'))).reason, 'replaced');
      second.close();
    });

    it('refuses sockets from another site, from strangers and outside the window', async () => {
      const id = theirs.booking.id;
      at(theirs.booking.start_at - 5 * MIN);
      const attempts: [string, string, { cookie?: string; origin: string }][] = [
        ['another site', `/room/${id}/signal`, { origin: 'https://evil.example', cookie: coach.jar.header() }],
        ['nobody', `/room/${id}/signal`, { origin }],
        ['another client', `/room/${id}/signal`, { origin, cookie: me.jar.header() }],
        ["another booking's link", `/room/${id}/signal?t=${encodeURIComponent(mine.token)}`, { origin }],
      ];
      for (const [who, path, o] of attempts) await assert.rejects(Peer.open(base, path, o), /refused: 404/, who);
      at(theirs.booking.start_at - 30 * MIN);
      await assert.rejects(
        Peer.open(base, `/room/${id}/signal`, { origin, cookie: coach.jar.header() }),
        /refused: 404/,
        'before the window',
      );
    });
  });

  if (engine === 'postgres')
    it('connects a client on one instance with the coach on another, through LISTEN/NOTIFY', async () => {
      const deps2: Deps = { ...t.deps, dbh: t.db.openAnother(), instanceId: 'second' };
      const app2 = await buildApp(deps2);
      try {
        const a = await listen(app2);
        const b = t.app.server.listening
          ? `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
          : await listen(t.app);
        const origin = new URL(t.deps.config.publicUrl).origin;
        const id = theirs.booking.id;
        at(theirs.booking.start_at - 5 * MIN);
        const c = await Peer.open(a, `/room/${id}/signal?t=${encodeURIComponent(theirs.token)}`, { origin });
        await c.next(is('welcome'));
        const k = await Peer.open(b, `/room/${id}/signal`, { origin, cookie: coach.jar.header() });
        await k.next(is('peer', { state: 'present' })); // admitted in the test above: it holds
        await c.next(is('peer', { state: 'present' }));
        // An offer bigger than one NOTIFY payload arrives whole.
        const sdp = `v=0\r\n${'a=candidate:x '.repeat(1200)}`;
        k.send({ t: 'signal', data: { description: { type: 'offer', sdp } } });
        const got = await c.next(is('signal'));
        assert.equal((got.data as { description: { sdp: string } }).description.sdp, sdp);
        c.send({ t: 'signal', data: { candidate: null } });
        assert.deepEqual((await k.next(is('signal'))).data, { candidate: null });
        c.close();
        k.close();
      } finally {
        await app2.close();
        await deps2.dbh.close();
      }
    });
});
