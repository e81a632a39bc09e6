import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import type { Viewer } from '../web/index.ts';
import * as q from './blog.queries.ts';
import { authorForUser } from './blog.service.ts';
import type { BlogAuthor } from './blog.tables.ts';

/** "LinkedIn | https://…" per line → links (at most eight); undefined when a line is not one, or not https. Pure. */
export function parseLinks(text: string): { label: string; url: string }[] | undefined {
  const links: { label: string; url: string }[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [label, url] = line.split('|').map((x) => x?.trim() ?? '');
    if (!label || !url || !/^https:\/\/[^\s]+$/.test(url)) return undefined;
    links.push({ label: label.slice(0, 40), url });
  }
  return links.slice(0, 8);
}

export interface AuthorProfile {
  name: string;
  bio: string;
  photoUrl: string;
  links: string;
  cta: 'book' | 'guide' | 'contact';
}

/** The coach's own author profile (made from the site settings the first time). */
export async function authorProfileFor(deps: Pick<Deps, 'dbh' | 'clock'>, viewer: Viewer): Promise<BlogAuthor> {
  const id = await authorForUser(deps.dbh.db, viewer, deps.clock.now());
  const author = await q.authorById(deps.dbh.db, id);
  if (!author) throw new Error(`author profile ${id} vanished`);
  return author;
}

/** Saves the coach's author profile with an audit entry, in one transaction. */
export async function saveAuthorProfile(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  viewer: Viewer,
  f: AuthorProfile,
): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    const id = await authorForUser(tx, viewer, now);
    await q.updateAuthor(tx, id, {
      name: f.name,
      bio_md: f.bio,
      photo_url: f.photoUrl,
      links_json: JSON.stringify(parseLinks(f.links)),
      cta: f.cta,
      updated_at: now,
    });
    await recordAudit(tx, { actorUserId: viewer.userId, action: 'author.update', subject: id }, now);
  });
}
