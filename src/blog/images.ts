import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** Widths made for every uploaded image (plus its own width when smaller than the largest). */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
const MAX_WIDTH = 2400;
/** How wide the article column draws images, for the browser's choice among the widths. */
const SIZES = '(min-width: 42rem) 38rem, 100vw';

export interface StoredImage {
  /** The address to write in Markdown: /media/images/<hash>-<W>x<H>.jpg */
  src: string;
  width: number;
  height: number;
}

export class NotAnImage extends Error {}

function widthsFor(width: number): number[] {
  return [...new Set([...IMAGE_WIDTHS.filter((w) => w < width), Math.min(width, MAX_WIDTH)])].sort((a, b) => a - b);
}

/**
 * Stores an uploaded image in several widths as AVIF, WebP and JPEG (the fallback every browser
 * reads), turned upright from its EXIF orientation, with metadata (location!) dropped. Named by the
 * content's hash, so uploading the same file twice stores it once.
 */
export async function storeImage(mediaRoot: string, input: Buffer): Promise<StoredImage> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input).rotate().metadata();
  } catch {
    throw new NotAnImage('not an image');
  }
  if (
    !meta.width ||
    !meta.height ||
    !['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff'].includes(meta.format ?? '')
  )
    throw new NotAnImage('not an image');
  // metadata() reports the stored orientation; 5–8 mean the picture is turned a quarter.
  const turned = (meta.orientation ?? 1) >= 5;
  const width0 = turned ? meta.height : meta.width;
  const height0 = turned ? meta.width : meta.height;
  const width = Math.min(width0, MAX_WIDTH);
  const height = Math.round((height0 * width) / width0);
  const hash = crypto.createHash('sha256').update(input).digest('hex').slice(0, 16);
  const dir = path.join(mediaRoot, 'images');
  fs.mkdirSync(dir, { recursive: true });
  const src = `/media/images/${hash}-${width}x${height}.jpg`;
  const main = path.join(dir, `${hash}-${width}x${height}.jpg`);
  if (fs.existsSync(main)) return { src, width, height };
  for (const w of widthsFor(width)) {
    const base = sharp(input).rotate().resize({ width: w, withoutEnlargement: true });
    await base
      .clone()
      .avif({ quality: 50 })
      .toFile(path.join(dir, `${hash}-${w}.avif`));
    await base
      .clone()
      .webp({ quality: 75 })
      .toFile(path.join(dir, `${hash}-${w}.webp`));
    await base
      .clone()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toFile(path.join(dir, `${hash}-${w}.jpg`));
  }
  fs.copyFileSync(path.join(dir, `${hash}-${width}.jpg`), main);
  return { src, width, height };
}

/** Images uploaded so far, newest first, for the back office's list. */
export function storedImages(mediaRoot: string): StoredImage[] {
  const dir = path.join(mediaRoot, 'images');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^([0-9a-f]{16})-(\d+)x(\d+)\.jpg$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      src: `/media/images/${m[0]}`,
      width: Number(m[2]),
      height: Number(m[3]),
      at: fs.statSync(path.join(dir, m[0])).mtimeMs,
    }))
    .sort((a, b) => b.at - a.at)
    .map(({ src, width, height }) => ({ src, width, height }));
}

/**
 * In sanitised article HTML, an uploaded image becomes a <picture> with AVIF and WebP sources, a
 * JPEG fallback, its size (no layout shift) and lazy loading. Only our own file names match, and
 * every value written here comes from that name or from the already-escaped alt attribute.
 */
export function responsiveImages(html: string): string {
  return html.replace(
    /<img src="\/media\/images\/([0-9a-f]{16})-(\d{1,5})x(\d{1,5})\.jpg"([^>]*?)\s*\/?>/g,
    (_m, hash: string, w: string, h: string, rest: string) => {
      const alt = /\salt="([^"]*)"/.exec(rest)?.[1] ?? '';
      const widths = widthsFor(Number(w));
      const set = (ext: string) => widths.map((x) => `/media/images/${hash}-${x}.${ext} ${x}w`).join(', ');
      const fallback = widths.find((x) => x >= 960) ?? widths.at(-1)!;
      return (
        `<picture><source type="image/avif" srcset="${set('avif')}" sizes="${SIZES}"><source type="image/webp" srcset="${set('webp')}" sizes="${SIZES}">` +
        `<img src="/media/images/${hash}-${fallback}.jpg" srcset="${set('jpg')}" sizes="${SIZES}" alt="${alt}" width="${w}" height="${h}" loading="lazy" decoding="async"></picture>`
      );
    },
  );
}
