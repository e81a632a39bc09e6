import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → HTML for everything the coach writes. markdown-it may pass raw HTML through (the
 * coach may paste a table or a <br>), so the output is always cleaned by an allowlist: what is
 * not named below does not survive, whatever markdown-it produced.
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false }).use(footnote);

/** The ids markdown-it-footnote gives notes and their references (fn1, fnref1, fnref1:2); no other id survives. */
const FOOTNOTE_ID = /^fn(ref)?\d{1,4}(:\d{1,3})?$/;

const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel'];

function isAbsoluteHttp(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

function sameOrigin(href: string, siteOrigin: string | undefined): boolean {
  if (!siteOrigin) return false;
  try {
    return new URL(href).origin === new URL(siteOrigin).origin;
  } catch {
    return false;
  }
}

function sanitizeOptions(siteOrigin: string | undefined): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'ul',
      'ol',
      'li',
      'blockquote',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'img',
      'em',
      'strong',
      's',
      'code',
      'pre',
      // Footnotes (markdown-it-footnote): a superscript reference and a closing section of notes.
      'sup',
      'section',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'id', 'class'],
      img: ['src', 'alt', 'width', 'height', 'title'],
      ol: ['start', 'class'],
      code: ['class'],
      li: ['id', 'class'],
      sup: ['class'],
      section: ['class'],
      hr: ['class'],
    },
    allowedClasses: {
      code: ['language-*'],
      ol: ['footnotes-list'],
      li: ['footnote-item'],
      sup: ['footnote-ref'],
      section: ['footnotes'],
      hr: ['footnotes-sep'],
      a: ['footnote-backref'],
    },
    allowedSchemes: SAFE_SCHEMES,
    // Images only from this site: no scheme at all means a relative address.
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    // Script and style contents must vanish with their tags, never show up as text.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
    disallowedTagsMode: 'discard',
    transformTags: {
      // The page's title is its only h1; headings in the body start one level down.
      h1: 'h2',
      // Only a footnote keeps an id, so written HTML cannot take over the page's own ids.
      li: (tagName, attribs) => {
        const out: Record<string, string> = {};
        if (attribs.id && FOOTNOTE_ID.test(attribs.id)) out.id = attribs.id;
        if (attribs.class) out.class = attribs.class;
        return { tagName, attribs: out };
      },
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const out: Record<string, string> = {};
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        if (attribs.id && FOOTNOTE_ID.test(attribs.id)) out.id = attribs.id;
        if (attribs.class === 'footnote-backref') out.class = attribs.class;
        if (isAbsoluteHttp(href) && !sameOrigin(href, siteOrigin)) out.rel = 'noopener';
        return { tagName, attribs: out };
      },
    },
    // An image whose address was refused would only leave an empty box.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/** Renders the coach's Markdown to HTML that is safe to put in a page as is. */
export function renderMarkdown(source: string, opts: { siteOrigin?: string } = {}): string {
  return sanitizeHtml(md.render(source), sanitizeOptions(opts.siteOrigin));
}
