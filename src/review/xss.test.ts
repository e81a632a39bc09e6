import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { fill, registeredRoutes, seedVisitorData } from './routes.ts';

const EVIL = `"'><img src=x onerror=alert(1)><script>alert(2)</script>`;
const RAW = /<img src=x onerror|<script>alert/;

forEachEngine('what a visitor types reaches the coach escaped', (engine) => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
  });
  after(() => t.close());

  it("no back-office page, feed or email shows a visitor's markup raw", async () => {
    const db = t.deps.dbh.db;
    await seedVisitorData(t, `Eve ${EVIL}`);
    assert.equal(
      await db
        .selectFrom('bookings')
        .select('id')
        .where('client_name', 'like', '%onerror%')
        .executeTakeFirst()
        .then(Boolean),
      true,
    );

    const coach = (await signedInCoach(t)).jar;
    const ids: Record<string, string[]> = {
      '/admin/contact/': (await db.selectFrom('contact_requests').select('id').execute()).map((r) => r.id),
      '/admin/bookings/': (await db.selectFrom('bookings').select('id').execute()).map((r) => r.id),
      '/admin/guide/results/': (await db.selectFrom('guide_shared_results').select('id').execute()).map((r) => r.id),
      '/admin/outbox/': (await db.selectFrom('outbox').select('id').execute()).map((r) => r.id),
    };
    const urls: string[] = [];
    for (const r of registeredRoutes(t.app).filter((x) => x.path.startsWith('/admin') && x.methods.includes('GET'))) {
      if (!r.path.includes(':')) urls.push(r.path);
      for (const [prefix, list] of Object.entries(ids))
        if (r.path.startsWith(prefix) && r.path.includes(':')) urls.push(...list.map((id) => fill(r.path, id)));
    }
    assert.ok(urls.length > 20 && ids['/admin/outbox/']!.length > 0);
    let shownEscaped = 0;
    for (const url of urls) {
      const page = await getPage(t.app, url, coach);
      assert.equal(page.status, 200, url);
      assert.doesNotMatch(page.body, RAW, url);
      if (page.body.includes('&lt;img src=x onerror')) shownEscaped++;
    }
    assert.ok(
      shownEscaped >= 4,
      'the contact request, the booking, the guide result and the emails are shown, as text',
    );
    // The coach's calendar feed is text, but calendar apps render some fields; it must hold the name as text only.
    const key = (await db.selectFrom('booking_calendar').select('feed_token').executeTakeFirstOrThrow()).feed_token;
    const feed = await t.app.inject({ url: `/book/feed.ics?key=${encodeURIComponent(key)}` });
    assert.equal(feed.statusCode, 200);
    assert.doesNotMatch(feed.body, /\r\n(?!\s)[^:\r\n]*onerror/i, 'the name never starts a property line of its own');
    // Every HTML email body (to coach and client) keeps the markup as text.
    const mails = await db.selectFrom('outbox').select(['kind', 'html_sealed']).execute();
    assert.ok(mails.length >= 2);
    for (const m of mails) assert.doesNotMatch(t.deps.sealer.open(m.html_sealed), RAW, m.kind);
  });
});
