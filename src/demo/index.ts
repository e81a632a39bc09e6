import { anyPostExists, insertPublishedPosts } from '../blog/index.ts';
import { replaceWeeklyHours, setServiceRules } from '../booking/index.ts';
import { listClients, seedDemoClients } from '../clients/index.ts';
import { isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { insertReferral } from '../guide/index.ts';
import { portalLinkOnServer } from '../portal/index.ts';
import { newId } from '../security/index.ts';
import { insertSettingsDocumentIfAbsent } from '../settings/index.ts';
import { allServices, insertPage, insertService, pageCount } from '../site/index.ts';
import { demoPages, demoReferrals, demoServices, demoSettings, demoWeeklyHours } from './demo-content.ts';
import { demoAuthor, demoPosts } from './demo-posts.ts';
import { seedDemoSessions } from './demo-sessions.ts';

export { type DemoRoom, demoRoom } from './demo-room.ts';

/**
 * Fills an empty database (no site settings, no pages, no services) with the demo practice, in
 * one transaction, and returns true. Anything already there means a coach has started: then it
 * does nothing and returns false. Safe when several instances start at once. Every row is
 * written through the module that owns its table. The demo clients follow, once the practice
 * is there (their own use cases each run in a transaction).
 */
export async function seedDemoContent(deps: Deps): Promise<boolean> {
  const now = deps.clock.now();
  let seeded: boolean;
  try {
    seeded = await deps.dbh.db.transaction().execute(async (tx) => {
      // Claim first, with a write: the settings row's primary key lets exactly one starting
      // instance in, and on SQLite a write up front takes the lock before anyone reads.
      if (!(await insertSettingsDocumentIfAbsent(tx, 'site', demoSettings, now))) return false;
      if ((await pageCount(tx)) > 0 || (await allServices(tx)).length > 0 || (await anyPostExists(tx))) {
        throw new NotEmpty();
      }
      for (const p of demoPages) {
        await insertPage(tx, {
          id: newId(),
          slug: p.slug,
          title: p.title,
          description: p.description,
          body_md: p.body,
          in_nav: p.inNav ? 1 : 0,
          nav_order: p.navOrder,
          created_at: now,
          updated_at: now,
        });
      }
      for (const [i, { rules, ...s }] of demoServices.entries()) {
        const id = newId();
        await insertService(tx, { ...s, id, active: 1, sort_order: (i + 1) * 10, created_at: now, updated_at: now });
        if (rules) await setServiceRules(tx, id, rules, now);
      }
      await replaceWeeklyHours(tx, demoWeeklyHours);
      for (const [i, r] of demoReferrals.entries()) {
        await insertReferral(tx, {
          id: newId(),
          name: r.name,
          focus: r.focus,
          how_to_reach: r.howToReach,
          notes: r.notes,
          sort_order: (i + 1) * 10,
          created_at: now,
          updated_at: now,
        });
      }
      await insertPublishedPosts(tx, deps.dbh.engine, demoAuthor, demoPosts(now), now);
      return true;
    });
  } catch (err) {
    // Content already there (the claim is rolled back with the rest), or another instance
    // filled it between our check and our insert: what is there stands.
    if (err instanceof NotEmpty) return false;
    if (isUniqueViolation(err)) return false;
    throw err;
  }
  if (seeded) {
    await seedDemoClients(deps);
    await seedDemoSessions(deps);
  }
  return seeded;
}

/**
 * A one-time link (15 minutes) into the portal of the demo practice's first active client, and
 * their name; undefined when the demo clients are not there (a real practice, or removed).
 */
export async function demoClientPortalLink(deps: Deps): Promise<{ name: string; link: string } | undefined> {
  const demo = (await listClients(deps.dbh.db, { status: 'active' })).filter((c) => c.source === 'demo');
  const first = demo.sort((a, b) => a.created_at - b.created_at)[0];
  if (!first) return undefined;
  const link = await portalLinkOnServer(deps, first.email);
  return link ? { name: first.name, link } : undefined;
}

/** Thrown inside the transaction to undo the claim when pages or services already exist. */
class NotEmpty extends Error {}
