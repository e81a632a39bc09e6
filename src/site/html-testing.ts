/** Small readers for rendered pages in tests (no DOM needed for what we check). */
export function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function titleOf(html: string): string | undefined {
  const m = /<title>([^<]*)<\/title>/.exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
}

export function metaDescription(html: string): string | undefined {
  const m = /<meta name="description" content="([^"]*)"/.exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
}

export function canonicalOf(html: string): string | undefined {
  return /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
}

export function countMatches(html: string, re: RegExp): number {
  return [...html.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].length;
}

/** The value attribute of an input, or the text of a textarea, by name (unescaped). */
export function fieldValue(html: string, name: string): string | undefined {
  const input =
    new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html) ??
    new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (input) return unescapeHtml(input[1]!);
  const area = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return area ? unescapeHtml(area[1]!) : undefined;
}
