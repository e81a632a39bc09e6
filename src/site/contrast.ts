/**
 * WCAG contrast checks for the coach's accent colours. The stylesheet uses the accent for links
 * on the page backgrounds and as the fill of buttons (with black or white text chosen by
 * web/assets.ts), so both uses are checked against the colours site.css really paints.
 */

/** The backgrounds in site.css (page, card, tinted band, help box, notice), light and dark. Keep in step. */
export const LIGHT_BACKGROUNDS = ['#fbfaf7', '#ffffff', '#f3f0e9', '#fdf0e6', '#e6f2ec'];
export const DARK_BACKGROUNDS = ['#141816', '#1b201d', '#202622', '#33231a', '#1f3229'];
export const MIN_TEXT_CONTRAST = 4.5;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The WCAG contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour web/assets.ts puts on an accent fill (same rule, same threshold). */
export function textOn(hex: string): string {
  return luminance(hex) > 0.179 ? '#111111' : '#ffffff';
}

function worst(colour: string, backgrounds: string[]): number {
  return Math.min(...backgrounds.map((b) => contrastRatio(colour, b)));
}

/** Plain-words warnings when an accent would make text hard to read; empty when all is well. */
export function accentWarnings(colours: { accent: string; accentDark: string }): string[] {
  const out: string[] = [];
  const fmt = (n: number) => n.toFixed(1);
  const light = worst(colours.accent, LIGHT_BACKGROUNDS);
  if (light < MIN_TEXT_CONTRAST) {
    out.push(
      `Links in the accent colour ${colours.accent} would be hard to read on the light pages (contrast ${fmt(light)}:1; at least 4.5:1 is needed). Choose a darker shade.`,
    );
  }
  const dark = worst(colours.accentDark, DARK_BACKGROUNDS);
  if (dark < MIN_TEXT_CONTRAST) {
    out.push(
      `Links in the dark-mode accent ${colours.accentDark} would be hard to read on the dark pages (contrast ${fmt(dark)}:1; at least 4.5:1 is needed). Choose a lighter shade.`,
    );
  }
  for (const [label, c] of [
    ['accent', colours.accent],
    ['dark-mode accent', colours.accentDark],
  ] as const) {
    const onFill = contrastRatio(c, textOn(c));
    if (onFill < MIN_TEXT_CONTRAST) {
      out.push(
        `Button text on the ${label} ${c} would be hard to read (contrast ${fmt(onFill)}:1). Choose a darker or lighter shade.`,
      );
    }
  }
  return out;
}
