/**
 * Where a visitor probably is, from what their browser already sends: the region of their
 * preferred language (`en-IN` → IN). No IP lookup (research guide §3.2: privacy, and a wrong guess
 * is dangerous), nothing stored, nothing asked. Pure.
 */

/** More than any browser sends; a longer header is read only this far. */
const MAX_HEADER = 512;
const MAX_RANGES = 16;

/** Region subtags people use that are not the ISO code of the country. */
const ALIASES: Record<string, string> = { UK: 'GB' };

interface Range {
  language: string;
  region: string | null;
  q: number;
  order: number;
}

function parseRange(part: string, order: number): Range | null {
  const [tag = '', ...params] = part.trim().split(';');
  let q = 1;
  for (const p of params) {
    const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
    if (m) q = Number(m[1]);
  }
  const subtags = tag.trim().split(/[-_]/);
  const language = subtags[0]!.toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language) || q <= 0) return null;
  // BCP 47: language[-extlang][-script][-region]…; the region is the first 2-letter subtag after
  // the language (a 3-digit one such as 419, Latin America, names no single country).
  let region: string | null = null;
  for (const s of subtags.slice(1)) {
    if (/^[a-z]{2}$/i.test(s)) {
      region = s.toUpperCase();
      break;
    }
    if (!/^[a-z]{3,4}$/i.test(s)) break; // a variant, digits or an extension: no region follows
  }
  return { language, region: region ? (ALIASES[region] ?? region) : null, q, order };
}

/**
 * The country a visitor's Accept-Language points to, upper case, or null when it does not name
 * one. Only the most preferred language counts, with the first region given for it: `de-AT, de`
 * → AT, but `de, en-US;q=0.7` (German Firefox's default) → null, as the region of a fallback
 * language says little about where the person is.
 */
export function countryFromAcceptLanguage(header: string | string[] | undefined): string | null {
  const raw = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, MAX_HEADER);
  const ranges = raw
    .split(',')
    .slice(0, MAX_RANGES)
    .map(parseRange)
    .filter((r): r is Range => r !== null)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const first = ranges[0];
  if (!first) return null;
  const match = ranges.find((r) => r.language === first.language && r.region);
  return match?.region ?? null;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** A country's English name ("Kenya"), or null for a code that names no country. */
export function regionName(cc: string): string | null {
  // Private-use codes and groupings (EU, UN) name no country.
  if (!/^[A-Z]{2}$/.test(cc) || /^(AA|EU|EZ|UN|Q[M-Z]|X[A-Z]|ZZ)$/.test(cc)) return null;
  try {
    return regionNames.of(cc) ?? null;
  } catch {
    return null;
  }
}
