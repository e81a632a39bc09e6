import { insertPublishedPosts } from '../blog/index.ts';
import { isUniqueViolation } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { demoPages, demoReferrals, demoServices, demoSettings, demoWeeklyHours } from './demo-content.ts';
import { demoAuthor, demoPosts } from './demo-posts.ts';

/**
 * Fills an empty database (no site settings, no pages, no services) with the demo practice, in
 * one transaction, and returns true. Anything already there means a coach has started: then it
 * does nothing and returns false. Safe when several instances start at once.
 */
export async function seedDemoContent(deps: Deps): Promise<boolean> {
  const now = deps.clock.now();
  try {
    return await deps.dbh.db.transaction().execute(async (tx) => {
      // Claim first, with a write: the settings row's primary key lets exactly one starting
      // instance in, and on SQLite a write up front takes the lock before anyone reads.
      const claim = await tx
        .insertInto('settings')
        .values({ key: 'site', value_json: JSON.stringify(demoSettings), updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const page = await tx.selectFrom('pages').select('id').limit(1).executeTakeFirst();
      const service = await tx.selectFrom('services').select('id').limit(1).executeTakeFirst();
      const post = await tx.selectFrom('posts').select('id').limit(1).executeTakeFirst();
      if (page || service || post) throw new NotEmpty();
      await tx
        .insertInto('pages')
        .values(
          demoPages.map((p) => ({
            id: newId(),
            slug: p.slug,
            title: p.title,
            description: p.description,
            body_md: p.body,
            in_nav: p.inNav ? 1 : 0,
            nav_order: p.navOrder,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('services')
        .values(
          demoServices.map((s, i) => ({
            ...s,
            id: newId(),
            active: 1,
            sort_order: (i + 1) * 10,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('availability_weekly')
        .values(demoWeeklyHours.map((h) => ({ id: newId(), weekday: h.weekday, start_min: h.start, end_min: h.end })))
        .execute();
      await tx
        .insertInto('guide_referrals')
        .values(
          demoReferrals.map((r, i) => ({
            id: newId(),
            name: r.name,
            focus: r.focus,
            how_to_reach: r.howToReach,
            notes: r.notes,
            sort_order: (i + 1) * 10,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
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
}

/** Thrown inside the transaction to undo the claim when pages or services already exist. */
class NotEmpty extends Error {}
