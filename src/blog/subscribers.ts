import crypto from 'node:crypto';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail, renderEmail } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Post } from './blog.tables.ts';

/**
 * Email subscribers to new articles. Links carry an HMAC of the subscriber's id instead of a stored
 * token: nothing to leak from the database, and an unsubscribe link keeps working for ever.
 */
export type LinkPurpose = 'confirm' | 'unsubscribe';

export function linkToken(secret: string, purpose: LinkPurpose, id: string): string {
  return crypto.createHmac('sha256', secret).update(`blog:${purpose}:${id}`).digest('base64url');
}

export function tokenValid(secret: string, purpose: LinkPurpose, id: string, token: string): boolean {
  const want = Buffer.from(linkToken(secret, purpose, id));
  const got = Buffer.from(token);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

function linkFor(deps: Deps, purpose: LinkPurpose, id: string): string {
  const path = purpose === 'confirm' ? '/blog/subscribe/confirm' : '/blog/unsubscribe';
  return `${deps.config.publicUrl}${path}?s=${id}&t=${linkToken(deps.secrets.cookieSecret, purpose, id)}`;
}

/**
 * Asks an address to confirm (double opt-in). Answers the same whatever the address's state, so the
 * form reveals nothing about who subscribes; an active subscriber gets no second email.
 */
export async function requestSubscription(deps: Deps, email: string): Promise<void> {
  const now = deps.clock.now();
  await deps.dbh.db.transaction().execute(async (tx) => {
    let row = await tx.selectFrom('blog_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    if (row?.status === 'active') return;
    if (!row) {
      row = { id: newId(), email, status: 'pending', created_at: now, confirmed_at: null, unsubscribed_at: null };
      await tx
        .insertInto('blog_subscribers')
        .values(row)
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    }
    const { practiceName } = await readSiteSettings(tx);
    const body = renderEmail({
      practiceName,
      heading: 'Please confirm your subscription',
      paragraphs: [
        `Someone, hopefully you, asked to receive new articles from ${practiceName} by email at this address.`,
        'If that was you, press the button to confirm. If not, ignore this message and you will hear nothing more.',
      ],
      button: { label: 'Confirm my subscription', url: linkFor(deps, 'confirm', row.id) },
    });
    await enqueueMail(tx, deps, {
      kind: 'blog.confirm_subscription',
      to: email,
      subject: `Confirm your subscription to ${practiceName}`,
      ...body,
    });
  });
}

/** Confirms a pending subscription (compare-and-swap on its status). */
export async function confirmSubscription(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('blog_subscribers')
    .set({ status: 'active', confirmed_at: now, unsubscribed_at: null })
    .where('id', '=', id)
    .where('status', '!=', 'active')
    .execute();
}

/** Unsubscribes at once; safe to repeat. */
export async function unsubscribe(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('blog_subscribers')
    .set({ status: 'unsubscribed', unsubscribed_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'unsubscribed')
    .execute();
}

/**
 * Queues the new article for every active subscriber, in the publishing transaction, with the
 * one-click unsubscribe headers of RFC 8058 (List-Unsubscribe + List-Unsubscribe-Post).
 */
export async function notifySubscribers(
  tx: Executor,
  deps: Deps,
  post: Pick<Post, 'slug' | 'title' | 'excerpt'>,
): Promise<number> {
  const subscribers = await tx
    .selectFrom('blog_subscribers')
    .select(['id', 'email'])
    .where('status', '=', 'active')
    .execute();
  if (subscribers.length === 0) return 0;
  const { practiceName } = await readSiteSettings(tx);
  const url = `${deps.config.publicUrl}/blog/${post.slug}`;
  for (const s of subscribers) {
    const unsubscribeUrl = linkFor(deps, 'unsubscribe', s.id);
    const body = renderEmail({
      practiceName,
      heading: post.title,
      paragraphs: [post.excerpt || `A new article from ${practiceName}.`],
      button: { label: 'Read the article', url },
      footer: `You receive this because you subscribed to new articles. Unsubscribe: ${unsubscribeUrl}`,
    });
    await enqueueMail(tx, deps, {
      kind: 'blog.new_post',
      to: s.email,
      subject: post.title,
      ...body,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }
  return subscribers.length;
}
