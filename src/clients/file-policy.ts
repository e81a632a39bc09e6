/**
 * Which files may be shared between coach and client, told by their bytes, not by the name or
 * the type a browser claims. Pure. Refused on purpose: HTML, SVG and anything else a browser
 * could run as a page, and archives or programs. Downloads are sent as attachments with
 * `nosniff` besides (the route's part).
 */

/** The largest file a coach or client may share (bytes are kept, sealed, in the database). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** File names are kept to this many characters. */
export const MAX_FILE_NAME = 120;

interface Kind {
  contentType: string;
  /** Extensions a file of this kind is saved with; the first is added when the name has none of them. */
  extensions: readonly string[];
}

const PDF: Kind = { contentType: 'application/pdf', extensions: ['pdf'] };
const PNG: Kind = { contentType: 'image/png', extensions: ['png'] };
const JPEG: Kind = { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const WEBP: Kind = { contentType: 'image/webp', extensions: ['webp'] };
const TEXT: Kind = { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'md', 'csv'] };
// Office documents are ZIP containers; the extension says which one (the ZIP signature says it is one).
const OFFICE: Record<string, Kind> = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
};

export type FileCheck =
  | { ok: true; contentType: string; name: string }
  | { ok: false; reason: 'file_too_large' | 'file_type_refused' };

/** Accepts a file whose bytes are one of the allowed kinds and within the size limit; names it safely. */
export function checkFile(name: string, bytes: Uint8Array): FileCheck {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'file_too_large' };
  const clean = cleanFileName(name);
  const kind = sniff(bytes, extensionOf(clean));
  if (!kind) return { ok: false, reason: 'file_type_refused' };
  const ext = extensionOf(clean);
  const named = ext && kind.extensions.includes(ext) ? clean : `${clean}.${kind.extensions[0]}`;
  return { ok: true, contentType: kind.contentType, name: named };
}

/**
 * A file name safe to keep and to send back: no folders, no control or bidirectional-override
 * characters, trimmed, at most MAX_FILE_NAME characters (the extension kept), never empty.
 */
export function cleanFileName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (!base) return 'file';
  const chars = [...base];
  if (chars.length <= MAX_FILE_NAME) return base;
  const ext = extensionOf(base);
  const tail = ext && ext.length < 10 ? `.${ext}` : '';
  return chars.slice(0, MAX_FILE_NAME - tail.length).join('') + tail;
}

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function sniff(bytes: Uint8Array, ext: string): Kind | undefined {
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return OFFICE[ext];
  if (TEXT.extensions.includes(ext) && isPlainText(bytes)) return TEXT;
  return undefined;
}

/** Valid UTF-8 with no control characters but tab, line feed and carriage return (and no markup a browser would run). */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}
