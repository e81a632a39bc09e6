/**
 * The SEO lint: pure rules over what a page says about itself. Errors block publishing (a page that
 * went live titled "Your SEO optimized title page contents" is the reason this exists); warnings
 * are advice shown beside the editor and by `tandem seo-lint`.
 */
export type LintLevel = 'error' | 'warning';
export interface LintFinding {
  level: LintLevel;
  field: 'title' | 'description' | 'body' | 'alt';
  code: string;
  message: string;
}

export interface LintInput {
  /** The page's path, so its own title is not counted as a duplicate. */
  path: string;
  /** The page's own title (og:title), without the practice name. */
  title: string;
  /**
   * The <title> as search results show it, with the practice-name suffix when the head function
   * added one (web/seo.ts `documentTitle`). The length rule measures this; defaults to `title`.
   */
  documentTitle?: string;
  /**
   * 'text' (default): an article or a page the coach writes, judged on its words as well.
   * 'app': a listing, form or tool page (tag pages, booking, the guide), whose length is not
   * the coach's writing, so the word-count rule does not apply.
   */
  kind?: 'text' | 'app';
  description: string;
  /** The page's main content as HTML, including its <h1>. */
  html: string;
  siteName: string;
  siteOrigin: string;
  /** Every other public page's title and description. */
  others: { path: string; title: string; description: string }[];
}

export const TITLE_RANGE = [30, 60] as const;
export const DESCRIPTION_RANGE = [120, 156] as const;
export const MIN_WORDS = 300;

const PLACEHOLDERS = [
  'your seo optimized title page contents',
  'lorem ipsum',
  'untitled',
  'new page',
  'page title',
  'site title',
  'add a description',
  'undefined',
  'null',
  'title',
  'description',
];
// Unresolved template tokens: Yoast's %%title%%, Handlebars/Mustache {{title}}, JS ${title}.
const TOKEN = /%%[^%]*%%|\{\{[^}]*\}\}|\$\{[^}]*\}/;

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The placeholder or template token a text is made of or contains, if any. */
export function placeholderIn(text: string): string | undefined {
  const t = squash(text);
  const token = TOKEN.exec(text);
  if (token) return token[0];
  if (t.startsWith('lorem ipsum')) return 'Lorem ipsum';
  return PLACEHOLDERS.includes(t.replace(/[.!:]+$/, '')) ? text.trim() : undefined;
}

/** Plain text of an HTML fragment (tags dropped, entities left: counts only). */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** An attribute's value; '' when present without one (alt="" renders as a bare alt); undefined when absent. */
function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=[\\s/>])`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** Runs every rule; errors first. */
export function lintPage(input: LintInput): LintFinding[] {
  const out: LintFinding[] = [];
  const err = (field: LintFinding['field'], code: string, message: string) =>
    out.push({ level: 'error', field, code, message });
  const warn = (field: LintFinding['field'], code: string, message: string) =>
    out.push({ level: 'warning', field, code, message });
  const title = input.title.trim();
  const description = input.description.trim();

  if (!title) err('title', 'title_empty', 'Give the page a title.');
  else {
    const p = placeholderIn(title);
    if (p) err('title', 'title_placeholder', `The title is placeholder text ("${p}"). Write the real title.`);
    if (squash(title) === squash(input.siteName))
      err('title', 'title_is_site_name', 'The title is just the practice name. Say what this page is about.');
    const dup = input.others.find((o) => o.path !== input.path && squash(o.title) === squash(title));
    if (dup)
      err('title', 'title_duplicate', `Another page (${dup.path}) already has this title. Each page needs its own.`);
    // Search results show the whole <title>, practice name included: that is what must fit.
    const shown = (input.documentTitle ?? input.title).trim();
    const suffixed = shown !== title;
    if (shown.length > TITLE_RANGE[1])
      warn(
        'title',
        'title_length',
        `The title has ${shown.length} characters${suffixed ? ' with the practice name' : ''}; search results cut titles after ${TITLE_RANGE[1]}. Shorten it.`,
      );
    else if (shown.length < TITLE_RANGE[0])
      warn(
        'title',
        'title_length',
        `The title has ${shown.length} characters${suffixed ? ' with the practice name' : ''}; ${TITLE_RANGE[0]}–${TITLE_RANGE[1]} show best in search results.`,
      );
  }

  if (!description)
    err('description', 'description_empty', 'Write a description; search results and link previews show it.');
  else {
    const p = placeholderIn(description);
    if (p)
      err(
        'description',
        'description_placeholder',
        `The description is placeholder text ("${p}"). Write the real one.`,
      );
    const dup = input.others.find((o) => o.path !== input.path && squash(o.description) === squash(description));
    if (dup)
      err(
        'description',
        'description_duplicate',
        `Another page (${dup.path}) already has this description. Each page needs its own.`,
      );
    if (description.length < DESCRIPTION_RANGE[0] || description.length > DESCRIPTION_RANGE[1])
      warn(
        'description',
        'description_length',
        `The description has ${description.length} characters; ${DESCRIPTION_RANGE[0]}–${DESCRIPTION_RANGE[1]} show in full.`,
      );
  }

  const images = input.html.match(/<img\b[^>]*>/gi) ?? [];
  let missingAlt = 0;
  for (const img of images) {
    const alt = attr(img, 'alt');
    // alt="" is a deliberate choice for a decorative image; only a missing attribute is a gap.
    if (alt === undefined) missingAlt++;
    else if (alt.trim()) {
      const p = placeholderIn(alt);
      if (p || /^(image|photo|picture|img)\s*\d*$|\.(jpe?g|png|gif|webp|avif|svg)$/i.test(alt.trim()))
        err(
          'alt',
          'alt_placeholder',
          `An image's description is placeholder text ("${alt}"). Describe what the image shows.`,
        );
    }
  }
  if (missingAlt)
    warn(
      'alt',
      'alt_missing',
      `${missingAlt === 1 ? 'One image has' : `${missingAlt} images have`} no description (alt text).`,
    );

  const words = wordCount(textOf(input.html));
  if ((input.kind ?? 'text') === 'text' && words < MIN_WORDS)
    warn('body', 'body_short', `The text has ${words} words; pages under ${MIN_WORDS} rarely rank.`);
  const h1s = (input.html.match(/<h1\b/gi) ?? []).length;
  if (h1s !== 1) warn('body', 'h1_count', `The page has ${h1s} main headings (h1); it should have exactly one.`);
  const links = (input.html.match(/<a\b[^>]*>/gi) ?? []).map((a) => attr(a, 'href') ?? '');
  const internal = links.some(
    (h) => (h.startsWith('/') && !h.startsWith('//')) || h.startsWith(input.siteOrigin + '/'),
  );
  if (!internal) warn('body', 'no_internal_link', 'Link to at least one other page of the site.');

  return out.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
}

export function hasErrors(findings: LintFinding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
