import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listClients } from '../clients/index.ts';
import { forEachEngine } from '../db/testing.ts';
import { CookieJar, createTestApp, getPage, type TestContext } from '../testing.ts';
import type { BookRequest } from './booking.service.ts';
import { bookSession, rescheduleBooking } from './booking.service.ts';
import { clientManageHref, manageCapability, sessionsForClient } from './client-sessions.ts';
import { seedCoach, seedService } from './testing.ts';

const MON_0900_BERLIN = Date.parse('2026-11-30T08:00:00Z');
const H = 3_600_000;

forEachEngine('a booking belongs to its client', (engine) => {
  let ctx: TestContext;
  let serviceId: string;
  let n = 0;
  const req = (over: Partial<BookRequest> = {}): BookRequest => ({
    serviceId,
    start: MON_0900_BERLIN,
    timeZone: 'America/New_York',
    name: 'Rosa Client',
    email: 'rosa@example.test',
    phone: null,
    note: null,
    modality: null,
    requestId: `req-${n++}`,
    createdBy: 'client',
    ...over,
  });
  const clientOf = async (email: string) => {
    const found = await listClients(ctx.deps.dbh.db, { search: email });
    assert.equal(found.length, 1, `one client for ${email}`);
    return found[0]!;
  };

  before(async () => {
    ctx = await createTestApp(engine);
    await seedCoach(ctx.deps.dbh.db, ctx.clock.now());
    serviceId = await seedService(ctx.deps.dbh.db, ctx.clock.now());
  });
  after(() => ctx.close());

  it('a first booking makes the client; a later one with the address in other letters finds them', async () => {
    const first = await bookSession(ctx.deps, req());
    const second = await bookSession(ctx.deps, req({ start: MON_0900_BERLIN + 2 * H, email: ' Rosa@Example.TEST ' }));
    const client = await clientOf('rosa@example.test');
    assert.equal(first.booking.client_id, client.id);
    assert.equal(second.booking.client_id, client.id);
    const sessions = await sessionsForClient(ctx.deps.dbh.db, client.id);
    assert.deepEqual(
      sessions.map((s) => s.startAt),
      [MON_0900_BERLIN + 2 * H, MON_0900_BERLIN],
      'newest first',
    );
    assert.ok(sessions.every((s) => s.manageable && !s.cancelled));
  });

  it('a moved session shows once, at its new time; the capability of the old one stops working', async () => {
    const booked = await bookSession(ctx.deps, req({ email: 'moves@example.test', start: MON_0900_BERLIN + 4 * H }));
    const oldHref = clientManageHref(ctx.deps.secrets, booked.booking.id);
    assert.equal(
      (await getPage(ctx.app, oldHref, new CookieJar())).status,
      200,
      'the capability opens the manage page',
    );
    const moved = await rescheduleBooking(ctx.deps, booked.token!, MON_0900_BERLIN + 24 * H, 'move-1');
    const client = await clientOf('moves@example.test');
    const sessions = await sessionsForClient(ctx.deps.dbh.db, client.id);
    assert.deepEqual(
      sessions.map((s) => [s.id, s.startAt]),
      [[moved.booking.id, MON_0900_BERLIN + 24 * H]],
    );
    assert.equal((await getPage(ctx.app, oldHref, new CookieJar())).status, 400, 'the old booking is not manageable');
    const fresh = await getPage(ctx.app, clientManageHref(ctx.deps.secrets, moved.booking.id), new CookieJar());
    assert.equal(fresh.status, 200);
    // The emailed link of the moved booking still works beside the capability.
    assert.equal((await getPage(ctx.app, `/book/manage?t=${moved.token}`, new CookieJar())).status, 200);
  });

  it('a capability with a wrong MAC, or made for another booking id, opens nothing', async () => {
    const booked = await bookSession(ctx.deps, req({ email: 'mac@example.test', start: MON_0900_BERLIN + 6 * H }));
    const good = manageCapability(ctx.deps.secrets, booked.booking.id);
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const swapped = `c.${crypto.randomUUID()}.${good.split('.')[2]}`;
    for (const t of [flipped, swapped, 'c..x', `c.${booked.booking.id}.`]) {
      const res = await getPage(ctx.app, `/book/manage?t=${encodeURIComponent(t)}`, new CookieJar());
      assert.equal(res.status, 400, t);
    }
  });
});
