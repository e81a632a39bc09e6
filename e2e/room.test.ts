import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { buildApp } from '../src/app.ts';
import { SESSION_COOKIE } from '../src/auth/index.ts';
import { insertRecordedSessions, manageCapability, roomPath } from '../src/booking/index.ts';
import { seedCoach, seedService } from '../src/booking/testing.ts';
import { seedClient } from '../src/clients/testing.ts';
import { type Deps, systemClock } from '../src/deps.ts';
import { createTestDeps, freePort, type RunningSite, signedInCoach, startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser, launchMediaBrowser } from './support.ts';
import { type RunningTurnServer, startTurnServer } from './turn-server.ts';

// The session room in Debian's Chromium: the coach and the client each in a browser of their own,
// with a fake camera and microphone. The client checks their devices, joins and waits; the coach
// admits them (and not before: the waiting room holds); the call carries video and sound both
// ways, peer to peer. Nobody else gets in; a room opens only near its time. A cut signalling socket
// comes back without a reload while the call goes on. The call also runs relay-only through a real
// coturn with the app's short-lived credentials, and across two app instances on one PostgreSQL.
// The site is http://127.0.0.1:<port>: a secure context, so getUserMedia works without TLS.

const MIN = 60_000;
const CLIENT_NAME = 'Rosa Client';

/** The coach, a Berlin working week and a video service; returns the service id. */
async function seedPractice(deps: Deps): Promise<string> {
  const now = deps.clock.now();
  await seedCoach(deps.dbh.db, now);
  return seedService(deps.dbh.db, now, { modality: 'video' });
}

interface BookedRoom {
  id: string;
  /** The client's way in: the room's path with the booking's capability (`?t=`). */
  clientPath: string;
}

/** A confirmed 50-minute video session for a new client, starting `startIn` ms from now. */
async function bookRoom(deps: Deps, serviceId: string, startIn = 5 * MIN): Promise<BookedRoom> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const client = await seedClient(deps, { name: CLIENT_NAME });
  await insertRecordedSessions(
    db,
    [
      {
        serviceId,
        clientId: client.id,
        clientName: CLIENT_NAME,
        clientEmail: client.email,
        clientPhone: null,
        timeZone: 'Europe/London',
        start: now + startIn,
        durationMinutes: 50,
        modality: 'video',
        status: 'confirmed',
      },
    ],
    now,
  );
  const { id } = await db
    .selectFrom('bookings')
    .select('id')
    .where('client_id', '=', client.id)
    .executeTakeFirstOrThrow();
  return { id, clientPath: roomPath(id, manageCapability(deps.secrets, id)) };
}

/** A context signed in as the coach on `url` (the cookie is host-only, so per app instance). */
async function coachContext(browser: Browser, deps: Deps, url: string): Promise<BrowserContext> {
  const { jar } = await signedInCoach({ deps });
  const context = await browser.newContext({ bypassCSP: true });
  await context.addCookies([{ name: SESSION_COOKIE, value: jar.get(SESSION_COOKIE)!, url }]);
  return context;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where a room page is, for failure messages. */
function roomStateOf(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const d = document.getElementById('room-stage')?.dataset;
      const status = document.getElementById('room-status')?.textContent;
      return `stage=${document.body.dataset.roomStage} peer=${d?.peerState} call=${d?.callState} status=${JSON.stringify(status)}`;
    })
    .catch((e: unknown) => `(page gone: ${String(e)})`);
}

async function waitUntil(page: Page, what: string, test: () => Promise<unknown>) {
  try {
    await test();
  } catch (e) {
    throw new Error(`${what}; the page is at ${await roomStateOf(page)} (${page.url()})`, { cause: e });
  }
}

function waitForStage(page: Page, stage: string, timeout = 20_000) {
  return waitUntil(page, `stage ${stage} within ${timeout} ms`, () =>
    page.waitForFunction((s) => document.body.dataset.roomStage === s, stage, { timeout }),
  );
}

function waitForRoomData(page: Page, key: 'peerState' | 'callState', value: string, timeout = 20_000) {
  return waitUntil(page, `${key} ${value} within ${timeout} ms`, () =>
    page.waitForFunction(
      ([k, v]) => document.getElementById('room-stage')?.dataset[k as 'peerState'] === v,
      [key, value] as const,
      { timeout },
    ),
  );
}

interface Hooks {
  tandemRoom: { pc(): RTCPeerConnection | null; socket(): WebSocket | null; state(): string };
}

/** What the page's own RTCPeerConnection says: null when it has none. */
function mediaStats(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as Hooks).tandemRoom.pc();
    if (!pc) return null;
    const report = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((s: Record<string, unknown>) => {
      byId.set(String(s.id), s);
    });
    let framesDecoded = 0;
    let audioPackets = 0;
    let pairId: string | undefined;
    for (const s of byId.values()) {
      if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
      if (s.type === 'inbound-rtp' && s.kind === 'audio') audioPackets += Number(s.packetsReceived ?? 0);
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = String(s.selectedCandidatePairId);
    }
    const pair = pairId ? byId.get(pairId) : undefined;
    const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
    const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined;
    return {
      state: pc.connectionState,
      framesDecoded,
      audioPackets,
      localCandidate: local?.candidateType as string | undefined,
      remoteCandidate: remote?.candidateType as string | undefined,
    };
  });
}
type MediaStats = NonNullable<Awaited<ReturnType<typeof mediaStats>>>;

/**
 * Video frames are decoded on both sides and keep coming (more of them ~1.5 s later), and sound
 * packets arrive on both sides. Returns the last samples.
 */
async function assertMediaFlowsBothWays(pages: Record<string, Page>): Promise<Record<string, MediaStats>> {
  const entries = Object.entries(pages);
  const sample = async () =>
    Object.fromEntries(await Promise.all(entries.map(async ([who, p]) => [who, await mediaStats(p)] as const)));
  const deadline = Date.now() + 20_000;
  let first = await sample();
  while (!Object.values(first).every((s) => s && s.framesDecoded > 0 && s.audioPackets > 0)) {
    assert.ok(Date.now() < deadline, `media arrives on both sides within 20 s: ${JSON.stringify(first)}`);
    await sleep(200);
    first = await sample();
  }
  await sleep(1500);
  const second = await sample();
  for (const [who] of entries) {
    const a = first[who]!;
    const b = second[who];
    assert.ok(b, `${who} still has its peer connection`);
    assert.equal(b.state, 'connected', `${who}'s call is connected`);
    assert.ok(
      b.framesDecoded > a.framesDecoded,
      `${who} keeps decoding video: ${a.framesDecoded} → ${b.framesDecoded}`,
    );
    assert.ok(b.audioPackets > 0, `${who} receives sound`);
  }
  return second as Record<string, MediaStats>;
}

async function assertAccessible(page: Page, where: string) {
  const v = await axeViolations(page);
  assert.equal(v.length, 0, `${where}:\n${describeViolations(v)}`);
}

/** The client opens the room link, waits for the pre-call check to find the devices, and joins. */
async function clientJoins(page: Page, url: string, axe = false) {
  const res = await page.goto(url);
  assert.equal(res?.status(), 200, 'the room opens for the client');
  await waitForStage(page, 'precall');
  const joinButton = page.getByRole('button', { name: 'Join', exact: true });
  await page.waitForFunction(() => !(document.getElementById('room-join') as HTMLButtonElement).disabled);
  if (axe) await assertAccessible(page, 'the pre-call check');
  await joinButton.click();
  await waitForStage(page, 'waiting');
}

/** The coach opens the room and joins: straight into the call stage, where the waiting client shows. */
async function coachJoins(page: Page, url: string) {
  const res = await page.goto(url);
  assert.equal(res?.status(), 200, 'the room opens for the coach');
  await waitForStage(page, 'precall');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await waitForStage(page, 'call');
  await waitForRoomData(page, 'peerState', 'waiting');
}

/** The coach admits the waiting client; both end up in a connected call. */
async function admit(coach: Page, client: Page) {
  await coach.getByRole('button', { name: `Admit ${CLIENT_NAME}` }).click();
  await waitForStage(client, 'call');
  await Promise.all([
    waitForRoomData(coach, 'callState', 'connected'),
    waitForRoomData(client, 'callState', 'connected'),
  ]);
  await waitForRoomData(coach, 'peerState', 'present');
}

describe('the session room in real browsers', { timeout: 150_000 }, () => {
  let site: RunningSite;
  let serviceId: string;

  before(async () => {
    site = await startTestSite({}, { clock: systemClock, workers: false });
    serviceId = await seedPractice(site.deps);
  });
  after(async () => {
    await site?.close();
  });

  it('holds the client in the waiting room until the coach admits them, then carries the call both ways', async () => {
    const room = await bookRoom(site.deps, serviceId);
    const [clientBrowser, coachBrowser] = await Promise.all([launchMediaBrowser(), launchMediaBrowser()]);
    try {
      const client = await (await clientBrowser.newContext({ bypassCSP: true })).newPage();
      await clientJoins(client, `${site.url}${room.clientPath}`, true);
      assert.match(await client.locator('#room-waiting').innerText(), /You are in the waiting room/);
      await assertAccessible(client, 'the waiting room');

      const coach = await (await coachContext(coachBrowser, site.deps, site.url)).newPage();
      await coachJoins(coach, `${site.url}/room/${room.id}`);
      assert.ok(await coach.getByRole('button', { name: `Admit ${CLIENT_NAME}` }).isVisible(), 'the coach can admit');
      await assertAccessible(coach, "the coach's call stage with the client waiting");

      // The waiting room holds: the coach is here, yet no call starts on either side.
      const noCall = async (page: Page) =>
        page.evaluate(() => {
          const pc = (window as unknown as Hooks).tandemRoom.pc();
          return pc === null || pc.connectionState !== 'connected';
        });
      for (let waited = 0; waited < 2000; waited += 250) {
        assert.equal(await client.evaluate(() => (window as unknown as Hooks).tandemRoom.state()), 'waiting');
        assert.ok(await noCall(client), 'the waiting client has no call');
        assert.ok(await noCall(coach), 'the coach has no call with a client not admitted');
        await sleep(250);
      }

      await admit(coach, client);
      await assertMediaFlowsBothWays({ client, coach });
      await assertAccessible(client, "the client's call");
      await assertAccessible(coach, "the coach's call");
    } finally {
      await Promise.all([clientBrowser.close(), coachBrowser.close()]);
    }
  });

  it('shows everyone else the 404 page, and says when a room is not open yet', async () => {
    const room = await bookRoom(site.deps, serviceId);
    const other = await bookRoom(site.deps, serviceId, 2 * 60 * MIN);
    const later = await bookRoom(site.deps, serviceId, 3 * 60 * MIN);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const refused = [
        [
          "another booking's link",
          `/room/${room.id}?t=${encodeURIComponent(manageCapability(site.deps.secrets, other.id))}`,
        ],
        ['no link and no session', `/room/${room.id}`],
      ];
      for (const [who, path] of refused) {
        const res = await page.goto(`${site.url}${path}`);
        assert.equal(res?.status(), 404, who);
        assert.match(await page.locator('h1').innerText(), /Page not found/, who);
        assert.equal(await page.locator('#room-stage').count(), 0, who);
      }
      const res = await page.goto(`${site.url}${later.clientPath}`);
      assert.equal(res?.status(), 200);
      assert.match(await page.locator('h1').innerText(), /The room is not open yet/);
      assert.equal(await page.locator('#room-stage').count(), 0, 'no room before its window');
    } finally {
      await browser.close();
    }
  });

  it('brings a cut signalling socket back during a call, without a reload', async () => {
    const room = await bookRoom(site.deps, serviceId);
    const [clientBrowser, coachBrowser] = await Promise.all([launchMediaBrowser(), launchMediaBrowser()]);
    try {
      const clientContext = await clientBrowser.newContext();
      // The client's sockets go through Playwright, which keeps a handle on the server side of each.
      const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
      await clientContext.routeWebSocket(/\/signal/, (ws) => {
        sockets.push({ page: ws, server: ws.connectToServer() });
      });
      const client = await clientContext.newPage();
      await clientJoins(client, `${site.url}${room.clientPath}`);
      const coach = await (await coachContext(coachBrowser, site.deps, site.url)).newPage();
      await coachJoins(coach, `${site.url}/room/${room.id}`);
      await admit(coach, client);
      await assertMediaFlowsBothWays({ client, coach });
      assert.equal(sockets.length, 1, 'one socket so far');

      await client.evaluate(() => {
        const w = window as unknown as Hooks & Record<string, unknown>;
        w.beforeTheCut = w.tandemRoom.socket();
      });
      // What the coach's page says about the client from now on.
      await coach.evaluate(() => {
        const stage = document.getElementById('room-stage')!;
        const seen: (string | undefined)[] = [];
        new MutationObserver(() => seen.push(stage.dataset.peerState)).observe(stage, {
          attributeFilter: ['data-peer-state'],
        });
        Object.assign(window, { peerStates: seen });
      });
      await sockets[0]!.server.close({ code: 3000, reason: 'cut by the test' });

      for (let waited = 0; sockets.length < 2; waited += 100) {
        assert.ok(waited < 10_000, 'the client opens a new socket within 10 s');
        await sleep(100);
      }
      await client.waitForFunction(
        () => {
          const w = window as unknown as Hooks & Record<string, unknown>;
          const s = w.tandemRoom.socket();
          return s !== null && s !== w.beforeTheCut && s.readyState === WebSocket.OPEN;
        },
        undefined,
        { timeout: 10_000 },
      );
      // The server saw the client's socket go: the coach's page heard them leave and come back.
      await waitForRoomData(coach, 'peerState', 'present');
      const peerStates = await coach.evaluate(() => (window as unknown as { peerStates: string[] }).peerStates);
      assert.ok(peerStates.includes('absent'), `the coach heard the client's socket close: ${peerStates.join(' ')}`);
      assert.equal(peerStates.at(-1), 'present');
      await assertMediaFlowsBothWays({ client, coach });
      assert.equal(sockets.length, 2, 'exactly one reconnection');
      assert.deepEqual(
        await client.evaluate(() => ({
          navigations: performance.getEntriesByType('navigation').length,
          marked: 'beforeTheCut' in window,
          stage: (window as unknown as Hooks).tandemRoom.state(),
        })),
        { navigations: 1, marked: true, stage: 'call' },
        'the same page, still in the call',
      );
    } finally {
      await Promise.all([clientBrowser.close(), coachBrowser.close()]);
    }
  });
});

describe('the session room relay-only through a real TURN server', { timeout: 90_000 }, () => {
  let turn: RunningTurnServer;
  let site: RunningSite;
  let serviceId: string;

  before(async () => {
    turn = await startTurnServer();
    site = await startTestSite(
      { ice: { stunUrls: [], turnUrls: turn.urls, turnSecret: turn.secret, relayOnly: true } },
      { clock: systemClock, workers: false },
    );
    serviceId = await seedPractice(site.deps);
  });
  after(async () => {
    await site?.close();
    await turn?.stop();
  });

  it("carries the call through coturn with the app's credentials, both ways", async () => {
    const room = await bookRoom(site.deps, serviceId);
    const [clientBrowser, coachBrowser] = await Promise.all([launchMediaBrowser(), launchMediaBrowser()]);
    try {
      const client = await (await clientBrowser.newContext()).newPage();
      await clientJoins(client, `${site.url}${room.clientPath}`);
      const coach = await (await coachContext(coachBrowser, site.deps, site.url)).newPage();
      await coachJoins(coach, `${site.url}/room/${room.id}`);
      await admit(coach, client);
      const stats = await assertMediaFlowsBothWays({ client, coach });
      for (const [who, s] of Object.entries(stats))
        assert.equal(s.localCandidate, 'relay', `${who} sends through the relay: ${JSON.stringify(s)}`);
      // The relay candidates came from the credentials the app minted for each of them (expiry:booking-role).
      for (const [role, page] of [
        ['client', client],
        ['coach', coach],
      ] as const) {
        const config = await page.evaluate(() => {
          const c = (window as unknown as Hooks).tandemRoom.pc()!.getConfiguration();
          return { policy: c.iceTransportPolicy, users: (c.iceServers ?? []).map((x) => x.username) };
        });
        assert.equal(config.policy, 'relay', role);
        assert.equal(config.users.length, 1, `${role}: one ICE server, the TURN one`);
        assert.match(String(config.users[0]), new RegExp(`^\\d+:${room.id}-${role}$`), role);
      }
    } catch (e) {
      throw new Error(`${String(e)}\ncoturn said:\n${turn.log().slice(-3000)}`, { cause: e });
    } finally {
      await Promise.all([clientBrowser.close(), coachBrowser.close()]);
    }
  });
});

// Two app instances on one PostgreSQL: signalling crosses between them through LISTEN/NOTIFY.
if (process.env.TEST_DATABASE_URL)
  describe('the session room across two app instances on one PostgreSQL', { timeout: 90_000 }, () => {
    it('connects a client on one instance with the coach on the other', async () => {
      const [portA, portB] = [await freePort(), await freePort()];
      const urlA = `http://127.0.0.1:${portA}`;
      const urlB = `http://127.0.0.1:${portB}`;
      const { deps, db } = await createTestDeps('postgres', { publicUrl: urlA, port: portA }, systemClock);
      // Each instance checks a socket's Origin against its own public address.
      const depsB: Deps = {
        ...deps,
        dbh: db.openAnother(),
        config: Object.freeze({ ...deps.config, publicUrl: urlB, port: portB }),
        instanceId: 'second',
      };
      let appA: FastifyInstance | undefined;
      let appB: FastifyInstance | undefined;
      let clientBrowser: Browser | undefined;
      let coachBrowser: Browser | undefined;
      try {
        appA = await buildApp(deps);
        appB = await buildApp(depsB);
        await appA.listen({ port: portA, host: '127.0.0.1' });
        await appB.listen({ port: portB, host: '127.0.0.1' });
        const room = await bookRoom(deps, await seedPractice(deps));
        [clientBrowser, coachBrowser] = await Promise.all([launchMediaBrowser(), launchMediaBrowser()]);
        const client = await (await clientBrowser.newContext()).newPage();
        await clientJoins(client, `${urlA}${room.clientPath}`);
        const coach = await (await coachContext(coachBrowser, depsB, urlB)).newPage();
        await coachJoins(coach, `${urlB}/room/${room.id}`);
        await admit(coach, client);
        await assertMediaFlowsBothWays({ client, coach });
      } finally {
        await Promise.all([clientBrowser?.close(), coachBrowser?.close()]);
        await appA?.close();
        await appB?.close();
        await depsB.dbh.close();
        await db.destroy();
      }
    });
  });
