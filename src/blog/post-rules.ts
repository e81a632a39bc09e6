import { z } from 'zod';
import { textOf, wordCount } from '../seo/index.ts';
import { renderMarkdown } from '../site/index.ts';
import { responsiveImages } from '../web/index.ts';

/** Words per minute for reading time: a comfortable pace for considered reading. */
const WPM = 220;
/** How wide the article column draws images, for the browser's choice among the stored widths. */
const IMAGE_SIZES = '(min-width: 42rem) 38rem, 100vw';
/** Articles with at least this many sections get a table of contents. */
export const TOC_MIN_HEADINGS = 3;
export const PAGE_SIZE = 10;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Addresses under /blog/ that belong to the blog's own pages. */
export const RESERVED_POST_SLUGS = new Set([
  'search',
  'subscribe',
  'unsubscribe',
  'tag',
  'author',
  'feed',
  'atom',
  'page',
]);

/** "Therapy & Coaching: 7 Differences" → "therapy-coaching-7-differences". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WPM));
}

export interface RenderedPost {
  html: string;
  toc: { id: string; text: string; level: 2 | 3 }[];
  words: number;
  minutes: number;
}

const decodeText = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/**
 * The post's Markdown as safe HTML (the site's allowlist), with ids on its sections so the table
 * of contents can link to them. The ids are made here from the heading text, after sanitising.
 */
export function renderPost(bodyMd: string, siteOrigin: string): RenderedPost {
  const clean = responsiveImages(renderMarkdown(bodyMd, { siteOrigin }), IMAGE_SIZES);
  const toc: RenderedPost['toc'] = [];
  const used = new Set<string>();
  const html = clean.replace(/<h([23])>([\s\S]*?)<\/h\1>/g, (_m, level: string, inner: string) => {
    const text = decodeText(inner).trim();
    let id = slugify(text) || 'section';
    for (let i = 2; used.has(id); i++) id = `${slugify(text) || 'section'}-${i}`;
    used.add(id);
    toc.push({ id, text, level: Number(level) as 2 | 3 });
    return `<h${level} id="${id}">${inner}</h${level}>`;
  });
  const words = wordCount(textOf(html));
  return { html, toc, words, minutes: readingMinutes(words) };
}

/** A video the post carries: an embeddable service (by id) or a file on this site. */
export type Video =
  | { kind: 'youtube'; id: string; watchUrl: string; embedUrl: string; thumbnailUrl: string }
  | { kind: 'vimeo'; id: string; watchUrl: string; embedUrl: string; thumbnailUrl: undefined }
  | { kind: 'file'; src: string; type: 'video/mp4' | 'video/webm' };

/** Reads a video address the coach pasted; undefined when it is none we can show. */
export function parseVideo(url: string): Video | undefined {
  const u = url.trim();
  if (!u) return undefined;
  const yt =
    /^https:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/)|youtu\.be\/)([A-Za-z0-9_-]{11})/.exec(
      u,
    );
  if (yt) {
    const id = yt[1]!;
    return {
      kind: 'youtube',
      id,
      watchUrl: `https://www.youtube.com/watch?v=${id}`,
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`,
      thumbnailUrl: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
    };
  }
  const vm = /^https:\/\/(?:www\.|player\.)?vimeo\.com\/(?:video\/)?(\d{5,12})/.exec(u);
  if (vm) {
    const id = vm[1]!;
    return {
      kind: 'vimeo',
      id,
      watchUrl: `https://vimeo.com/${id}`,
      embedUrl: `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1`,
      thumbnailUrl: undefined,
    };
  }
  const file = /^\/media\/[A-Za-z0-9._/-]+\.(mp4|webm)$/.exec(u);
  if (file && !u.includes('..')) return { kind: 'file', src: u, type: file[1] === 'mp4' ? 'video/mp4' : 'video/webm' };
  return undefined;
}

/** "Coaching, Relationships , coaching" → unique tags with slugs. */
export function parseTags(raw: string): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const part of raw.split(',')) {
    const name = part.trim().replace(/\s+/g, ' ').slice(0, 40);
    const slug = slugify(name);
    if (slug && !seen.has(slug)) seen.set(slug, name);
  }
  return [...seen].slice(0, 10).map(([slug, name]) => ({ slug, name }));
}

const optionalText = (max: number, message: string) => z.string().trim().max(max, message);

/** What the post editor accepts. Which action (save, publish, schedule) is a separate field. */
export const postFormSchema = z.object({
  title: z.string().trim().min(1, 'Give the article a title.').max(150, 'Keep the title under 150 characters.'),
  slug: z
    .string()
    .trim()
    .max(80, 'Keep the address under 80 characters.')
    .refine(
      (s) => s === '' || SLUG_PATTERN.test(s),
      'Use lowercase letters, numbers and single hyphens only, such as first-steps.',
    )
    .refine((s) => !RESERVED_POST_SLUGS.has(s), 'That address is used by the blog itself. Choose another one.'),
  excerpt: optionalText(400, 'Keep the summary under 400 characters.'),
  body: z.string().max(400_000, 'This article is too long to save. Split it in two.'),
  tags: optionalText(400, 'Use fewer tags.'),
  seoTitle: optionalText(120, 'Keep the search title under 120 characters.'),
  seoDescription: optionalText(300, 'Keep the search description under 300 characters.'),
  ogImageUrl: optionalText(500, 'Keep the address under 500 characters.').refine(
    (v) => v === '' || v.startsWith('/'),
    'The image must be an address on this site, starting with /.',
  ),
  ogImageAlt: optionalText(200, 'Keep the image description under 200 characters.'),
  videoUrl: optionalText(500, 'Keep the video address under 500 characters.').refine(
    (v) => v === '' || parseVideo(v) !== undefined,
    'Paste a YouTube or Vimeo address, or the address of an uploaded MP4 or WebM file under /media/.',
  ),
  videoDuration: z
    .string()
    .trim()
    .regex(/^$|^(\d{1,2}:)?\d{1,2}:\d{2}$/, 'Write the length like 12:34 or 1:02:03.'),
  noindex: z.literal('1').optional(),
  publishAt: z
    .string()
    .trim()
    .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose a date and time.'),
  version: z.coerce.number().int().min(0).default(0),
});
export type PostForm = z.infer<typeof postFormSchema>;

/** "12:34" → 754 seconds; empty → null. */
export function parseDuration(text: string): number | null {
  if (!text) return null;
  return text
    .split(':')
    .map(Number)
    .reduce((acc, n) => acc * 60 + n, 0);
}

export function formatDurationText(seconds: number | null): string {
  if (seconds === null) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
