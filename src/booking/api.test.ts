import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { createTestApp } from '../testing.ts';
import { seedCoach, seedService } from './testing.ts';

forEachEngine('booking API', (engine) => {
  it('lists services and slots, books with 201, answers 409 with the nearest times, and 4xx for bad input without writing', async (t) => {
    const ctx = await createTestApp(engine);
    t.after(() => ctx.close());
    const db = ctx.deps.dbh.db;
    await seedCoach(db, ctx.clock.now());
    const id = await seedService(db, ctx.clock.now(), { slug: 'call', modality: 'phone' });
    const gated = await seedService(db, ctx.clock.now(), {
      slug: 'first',
      modality: 'video',
      rules: { intake_required: 1 },
    });
    const approval = await seedService(db, ctx.clock.now(), {
      slug: 'approve',
      modality: 'video',
      rules: { approval_required: 1 },
    });

    const doc = await ctx.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(doc.statusCode, 200);
    assert.equal(doc.json().openapi, '3.1.0');
    assert.ok(doc.json().paths['/api/v1/bookings'].post);

    const services = (await ctx.app.inject({ url: '/api/v1/services' })).json() as {
      services: { id: string; durationMinutes: number; modality: string }[];
    };
    assert.deepEqual(services.services.find((s) => s.id === id)?.durationMinutes, 60);

    const slotsRes = await ctx.app.inject({
      url: `/api/v1/services/${id}/slots?from=2026-11-30&to=2026-11-30&timeZone=America/New_York`,
    });
    assert.equal(slotsRes.statusCode, 200);
    const slots = (slotsRes.json() as { slots: { start: string; end: string }[] }).slots;
    // Monday 30 November in New York runs 05:00Z to 05:00Z next day; Berlin hours 07:00Z–16:00Z fall inside it.
    assert.equal(slots[0]?.start, '2026-11-30T07:00:00Z');
    assert.equal(slots.at(-1)?.end, '2026-11-30T16:00:00Z');

    const body = {
      serviceId: id,
      start: '2026-11-30T08:00:00Z',
      timeZone: 'America/New_York',
      name: 'Api Client',
      email: 'api@example.test',
      phone: '+1 212 555 0199',
    };
    const post = (b: Record<string, unknown>, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: b, headers });
    const bad = [
      await post({ ...body, start: '2020-01-01T08:00:00Z' }),
      await post({ ...body, start: '2026-11-30T08:10:00Z' }),
      await post({ ...body, start: 'tomorrow' }),
      await post({ ...body, email: 'nope' }),
      await post({ ...body, phone: '' }),
      await post({ ...body, timeZone: 'Moon/Base' }),
      await post({ ...body, serviceId: 'nope' }),
      await post({ ...body, name: 'x'.repeat(500) }),
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: '{not json',
        headers: { 'content-type': 'application/json' },
      }),
    ];
    assert.deepEqual(
      bad.map((r) => r.statusCode),
      [422, 422, 400, 400, 400, 400, 404, 400, 400],
    );
    // Every refusal is RFC 9457 problem details with a stable code.
    for (const r of bad) {
      assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
      const p = r.json();
      assert.ok(typeof p.detail === 'string' && p.detail.length > 10, r.body);
      assert.deepEqual([p.status, typeof p.title, typeof p.code], [r.statusCode, 'string', 'string'], r.body);
      assert.equal(p.type, `${ctx.deps.config.publicUrl}/problems/${p.code}`);
    }
    assert.equal(bad[4]!.json().fields.phone, 'Enter the number your coach should call.');
    const gatedRes = (await post({ ...body, serviceId: gated })).json();
    assert.equal(gatedRes.code, 'needs_intake');
    assert.match(gatedRes.bookingUrl, /\/book\/first$/);
    const typeDoc = await ctx.app.inject({ url: new URL(gatedRes.type).pathname });
    assert.equal(typeDoc.statusCode, 200, 'a problem type is a page that says what it means');
    assert.equal(
      Number(
        (
          await db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    );

    const ok = await post(body, { 'idempotency-key': 'api-request-1' });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().booking.start, '2026-11-30T08:00:00Z');
    assert.match(ok.json().booking.manageUrl, /\/book\/manage\?t=/);
    const repeat = await post(body, { 'idempotency-key': 'api-request-1' });
    assert.deepEqual([repeat.statusCode, repeat.json().booking.id], [200, ok.json().booking.id]);
    const taken = await post({ ...body, email: 'other@example.test' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'slot_taken');
    assert.ok(taken.json().nearest.length > 0);
    assert.match(taken.json().nearest[0].start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const pending = await post({
      ...body,
      serviceId: approval,
      start: '2026-11-30T12:00:00Z',
      email: 'new@example.test',
    });
    assert.deepEqual([pending.statusCode, pending.json().booking.status], [202, 'pending']);
    const afterSlots = (
      await ctx.app.inject({ url: `/api/v1/services/${id}/slots?from=2026-11-30&to=2026-11-30&timeZone=UTC` })
    ).json() as { slots: { start: string }[] };
    assert.ok(
      !afterSlots.slots.some((s) => s.start === '2026-11-30T08:00:00Z' || s.start === '2026-11-30T12:00:00Z'),
      'booked and pending times are gone',
    );

    assert.equal(
      (await ctx.app.inject({ url: `/api/v1/services/${id}/slots?from=2026-11-30&to=2027-06-30&timeZone=UTC` }))
        .statusCode,
      400,
    );
    assert.equal(
      (await ctx.app.inject({ url: `/api/v1/services/${id}/slots?from=2026-02-30&to=2026-03-01&timeZone=UTC` }))
        .statusCode,
      400,
    );
  });
});
