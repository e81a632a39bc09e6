import { type Formatter, formatterFor, visitorPrefs } from '../time/index.ts';
import type { ViewContext } from './view.ts';

/** Dates, times and money as the coach reads them: the back office (emails call formatterFor(settings)). */
export function coachFormat(ctx: Pick<ViewContext, 'settings'>): Formatter {
  return formatterFor(ctx.settings);
}

/**
 * Dates, times and money on pages a visitor reads (booking, blog, services). Instants are shown in
 * the visitor's zone where the page knows it; times on the visitor's own clock (en-US 2:30 PM,
 * en-GB or de-DE 14:30) and, when they read the practice's language, in their own region's way
 * (issue 12). Without a visitor's locale (no usable Accept-Language, or a page that the page cache
 * keeps, which must read the same for everyone) the coach's choices stand.
 */
export function visitorFormat(
  ctx: Pick<ViewContext, 'settings'> & Partial<Pick<ViewContext, 'visitorLocale'>>,
): Formatter {
  return formatterFor(visitorPrefs(ctx.visitorLocale, ctx.settings));
}
