/** The encodings Tandem keeps bytes in, best first. */
export type Encoding = 'br' | 'gzip' | 'identity';

const memo = new Map<string, Encoding>();

/**
 * The encoding to send for an Accept-Encoding header (RFC 9110 §12.5.3): brotli, then gzip, then
 * none, each only when its weight is above 0, by name or through `*`. `br;q=0, gzip` gets gzip;
 * `*;q=0` with nothing else gets identity. Browsers send a handful of distinct headers, so answers
 * are remembered (a bounded map).
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (value === '') return 'identity';
  const known = memo.get(value);
  if (known) return known;
  const weights = new Map<string, number>();
  for (const part of value.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    weights.set(name.trim(), q);
  }
  const weightOf = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const [br, gzip] = [weightOf('br'), weightOf('gzip')];
  const choice: Encoding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : br > 0 ? 'br' : 'identity';
  if (memo.size > 200) memo.clear();
  memo.set(value, choice);
  return choice;
}
