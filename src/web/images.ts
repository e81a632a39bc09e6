import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** Widths made for every uploaded image (plus its own width when smaller than the largest). */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
const MAX_WIDTH = 2400;
/** A stored image's address: its content hash and its own size, in the JPEG every browser reads. */
const STORED_SRC = /^\/media\/images\/([0-9a-f]{16})-(\d{1,5})x(\d{1,5})\.jpg$/;

export interface StoredImage {
  /** The address of the largest JPEG, written in Markdown and settings: /media/images/<hash>-<W>x<H>.jpg */
  src: string;
  width: number;
  height: number;
}

export class NotAnImage extends Error {}

/** The widths stored for an image this wide, smallest first. */
function widthsFor(width: number): number[] {
  return [...new Set([...IMAGE_WIDTHS.filter((w) => w < width), Math.min(width, MAX_WIDTH)])].sort((a, b) => a - b);
}

/**
 * Where an upload will be stored and at what size, without writing anything: the check a form
 * makes before it decides to keep the file. Throws NotAnImage for anything sharp cannot read as
 * a picture.
 */
export async function inspectImage(input: Buffer): Promise<StoredImage> {
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
  return { src: `/media/images/${hash}-${width}x${height}.jpg`, width, height };
}

/**
 * Stores an uploaded image in several widths as AVIF, WebP and JPEG (the fallback every browser
 * reads), turned upright from its EXIF orientation, with metadata (location!) dropped. Named by the
 * content's hash, so uploading the same file twice stores it once.
 */
export async function storeImage(mediaRoot: string, input: Buffer): Promise<StoredImage> {
  const stored = await inspectImage(input);
  const { width } = stored;
  const hash = STORED_SRC.exec(stored.src)![1]!;
  const dir = path.join(mediaRoot, 'images');
  fs.mkdirSync(dir, { recursive: true });
  const main = path.join(dir, path.basename(stored.src));
  if (fs.existsSync(main)) return stored;
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
  return stored;
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

/** The stored variants of an uploaded image, for a `<picture>`: one srcset per format. */
export interface ImageVariants {
  width: number;
  height: number;
  /** The JPEG a browser without srcset loads: 960 wide, or the largest when smaller. */
  fallback: string;
  avif: string;
  webp: string;
  jpeg: string;
}

/**
 * The variants storeImage made for an address it returned; undefined for any other address (an
 * illustration under /static/, an image put there by hand), which is then shown as it is. Every
 * value comes from the address's own digits and hash, so it is safe to write into HTML.
 */
export function imageVariants(src: string): ImageVariants | undefined {
  const m = STORED_SRC.exec(src);
  if (!m) return undefined;
  const [, hash, w, h] = m as unknown as [string, string, string, string];
  const widths = widthsFor(Number(w));
  const set = (ext: string) => widths.map((x) => `/media/images/${hash}-${x}.${ext} ${x}w`).join(', ');
  const fallback = widths.find((x) => x >= 960) ?? widths.at(-1)!;
  return {
    width: Number(w),
    height: Number(h),
    fallback: `/media/images/${hash}-${fallback}.jpg`,
    avif: set('avif'),
    webp: set('webp'),
    jpeg: set('jpg'),
  };
}

/**
 * In sanitised HTML, an uploaded image becomes a <picture> with AVIF and WebP sources, a JPEG
 * fallback, its size (no layout shift) and lazy loading; `sizes` says how wide the column draws
 * it. Only our own file names match, and every value written here comes from that name or from
 * the already-escaped alt attribute.
 */
export function responsiveImages(html: string, sizes: string): string {
  return html.replace(
    /<img src="(\/media\/images\/[0-9a-f]{16}-\d{1,5}x\d{1,5}\.jpg)"([^>]*?)\s*\/?>/g,
    (whole, src: string, rest: string) => {
      const v = imageVariants(src);
      if (!v) return whole;
      const alt = /\salt="([^"]*)"/.exec(rest)?.[1] ?? '';
      return (
        `<picture><source type="image/avif" srcset="${v.avif}" sizes="${sizes}"><source type="image/webp" srcset="${v.webp}" sizes="${sizes}">` +
        `<img src="${v.fallback}" srcset="${v.jpeg}" sizes="${sizes}" alt="${alt}" width="${v.width}" height="${v.height}" loading="lazy" decoding="async"></picture>`
      );
    },
  );
}
