import { type Formatter, formatterFor } from '../time/index.ts';
import type { ViewContext } from './view.ts';

/** Dates, times and money as the coach reads them: the back office (emails call formatterFor(settings)). */
export function coachFormat(ctx: Pick<ViewContext, 'settings'>): Formatter {
  return formatterFor(ctx.settings);
}

/**
 * Dates, times and money on pages a visitor reads (booking, blog, services). Instants are shown in
 * the visitor's zone where the page knows it; the words follow the coach's locale for now. Issue 12
 * (a visitor's own locale) changes only this function: pick the visitor's FormatPrefs here.
 */
export function visitorFormat(ctx: Pick<ViewContext, 'settings'>): Formatter {
  return formatterFor(ctx.settings);
}
