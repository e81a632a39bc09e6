import crypto from 'node:crypto';
import sharp from 'sharp';
import type { Executor } from '../db/index.ts';
import { readSiteSettings, type SiteSettings } from '../settings/index.ts';

/** The size link previews ask for (Facebook, LinkedIn, X's large card). */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits a title into at most four lines of about `max` characters, on word boundaries. */
export function wrapTitle(title: string, max = 26): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > 4)
    return [
      ...lines.slice(0, 3),
      `${lines
        .slice(3)
        .join(' ')
        .slice(0, max - 1)}…`,
    ];
  return lines;
}

/** A short, stable name for one version of a card: it changes when the title, name or colour does. */
export function ogVersion(title: string, practiceName: string, accent: string): string {
  return crypto.createHash('sha256').update(`${title}\n${practiceName}\n${accent}`).digest('hex').slice(0, 12);
}

/** The card as SVG: the article's title on the practice's colour, with its name beneath. */
export function ogSvg(title: string, practiceName: string, accent: string): string {
  const lines = wrapTitle(title);
  const size = lines.length > 3 ? 60 : 68;
  const top = 300 - ((lines.length - 1) * size * 1.15) / 2;
  const tspans = lines
    .map((l, i) => `<tspan x="90" y="${Math.round(top + i * size * 1.15)}">${esc(l)}</tspan>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="100%" height="100%" fill="${/^#[0-9a-fA-F]{6}$/.test(accent) ? accent : '#2f5d50'}"/>
<rect x="60" y="60" width="1080" height="510" rx="28" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="3"/>
<text font-family="DejaVu Serif, Georgia, serif" font-size="${size}" font-weight="700" fill="#ffffff">${tspans}</text>
<text x="90" y="530" font-family="DejaVu Sans, Arial, sans-serif" font-size="34" fill="#ffffff" fill-opacity=".9">${esc(practiceName)}</text>
</svg>`;
}

/** Renders the card to PNG (the format every link preview reads). */
export async function renderOgImage(title: string, practiceName: string, accent: string): Promise<Buffer> {
  return sharp(Buffer.from(ogSvg(title, practiceName, accent)))
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** What a card is drawn from: the post's title and the practice's name and colour. */
interface CardSource {
  id: string;
  title: string;
}

/**
 * The post's card as stored, made and stored first when missing or out of date (a new title, a
 * renamed practice). Rendering happens outside any transaction; two instances racing both write
 * the same bytes, and the upsert keeps one row.
 */
export async function storedOgImage(
  db: Executor,
  post: CardSource,
  settings: Pick<SiteSettings, 'practiceName' | 'colours'>,
  now: number,
): Promise<{ version: string; png: Buffer }> {
  const version = ogVersion(post.title, settings.practiceName, settings.colours.accent);
  const row = await db
    .selectFrom('post_og_images')
    .select(['version', 'png'])
    .where('post_id', '=', post.id)
    .executeTakeFirst();
  if (row?.version === version) return { version, png: Buffer.from(row.png) };
  const png = await renderOgImage(post.title, settings.practiceName, settings.colours.accent);
  const values = { version, png, width: OG_WIDTH, height: OG_HEIGHT, created_at: now };
  await db
    .insertInto('post_og_images')
    .values({ post_id: post.id, ...values })
    .onConflict((oc) => oc.column('post_id').doUpdateSet(values))
    .execute();
  return { version, png };
}

/**
 * Makes the card of a published article at publish time, so it exists before any crawler asks;
 * a post with an uploaded preview image needs none, and an old card is dropped.
 */
export async function ensureOgImage(db: Executor, postId: string, now: number): Promise<void> {
  const post = await db
    .selectFrom('posts')
    .select(['id', 'title', 'status', 'og_image_url'])
    .where('id', '=', postId)
    .executeTakeFirst();
  if (post?.status !== 'published') return;
  if (post.og_image_url) {
    await db.deleteFrom('post_og_images').where('post_id', '=', postId).execute();
    return;
  }
  await storedOgImage(db, post, await readSiteSettings(db), now);
}
