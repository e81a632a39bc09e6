import crypto from 'node:crypto';
import type { Deps } from '../deps.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import { addDays, canonicalTimeZone, guessTimeZone, isLocalDate, localDateAt, startOfDay } from '../time/index.ts';
import { parseForm, type ViewContext } from '../web/index.ts';
import { freeSlots } from './availability.ts';
import { seriesSchema } from './booking.form.ts';
import type { BookableService } from './booking.queries.ts';
import { checkSeries, type SeriesCheck, startsOfBooking } from './booking.service.ts';
import type { DayOfSlots } from './pages/book.tsx';
import { seriesStarts } from './series.ts';

/** Booking form posts per connection: generous for people, a brake for scripts. */
export const bookingRateLimit = { rateLimit: { max: 30, timeWindow: '10 minutes' } };

/** A week of free times in the visitor's zone, with paging limited to today … the horizon. */
export async function weekOfSlots(
  deps: Deps,
  bs: BookableService,
  tz: string,
  fromRaw: unknown,
): Promise<{ days: DayOfSlots[]; prevFrom: string | null; nextFrom: string | null }> {
  const now = deps.clock.now();
  const db = deps.dbh.db;
  const settings = await readSiteSettings(db);
  const today = localDateAt(now, tz);
  const last = localDateAt(now + bs.rules.horizon_days * 86_400_000, tz);
  let from = typeof fromRaw === 'string' && isLocalDate(fromRaw) ? fromRaw : today;
  if (from < today) from = today;
  if (from > last) from = last;
  const to = addDays(from, 7);
  const slots = await freeSlots(db, bs, settings.timeZone, now, startOfDay(from, tz), startOfDay(to, tz));
  const days: DayOfSlots[] = Array.from({ length: 7 }, (_, i) => ({ date: addDays(from, i), slots: [] }));
  for (const s of slots) days.find((d) => d.date === localDateAt(s.start, tz))?.slots.push(s);
  // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, compared as text
  const prev = addDays(from, -7) < today ? today : addDays(from, -7);
  return { days, prevFrom: from > today ? prev : null, nextFrom: to <= last ? to : null };
}

/** The form's request id when it has one's shape, else a new one (a repeated submit books once). */
export function requestIdOf(values: Record<string, string>): string {
  return /^[A-Za-z0-9-]{8,64}$/.test(values.requestId ?? '') ? values.requestId! : newId();
}

/** The visitor's chosen zone (an alias becomes its canonical name), else the fallback. */
export function zoneFrom(raw: unknown, fallback: string): string {
  return canonicalTimeZone(raw) ?? canonicalTimeZone(fallback) ?? fallback;
}

/**
 * The zone a visitor's times are shown in: the one they chose, else the one their language's
 * region points to (en-IN → Asia/Kolkata; the practice's zone when it lies in that country), else
 * the practice's. With JavaScript the zone island then swaps a guess for the browser's own zone.
 */
export function visitorZone(raw: unknown, ctx: Pick<ViewContext, 'settings' | 'visitorLocale'>, now: number): string {
  const practice = canonicalTimeZone(ctx.settings.timeZone) ?? 'UTC';
  return canonicalTimeZone(raw) ?? guessTimeZone(ctx.visitorLocale, practice, now) ?? practice;
}

/** A signed note that the intake screen let this request through; it holds no answers. */
export function intakePassFor(secret: string, requestId: string): string {
  return crypto.createHmac('sha256', secret).update(`intake:${requestId}`).digest('base64url');
}

/**
 * True when a form's intake pass is the one we made for this request. Compared as SHA-256 digests,
 * which always have the same length: a multibyte pass padded to 43 characters is longer than 43
 * bytes, and timingSafeEqual throws on buffers of different lengths (a 500; issue 9, finding 5).
 */
export function intakePassValid(secret: string, requestId: string, given: string | undefined): boolean {
  if (!given) return false;
  const digest = (v: string) => crypto.createHash('sha256').update(v).digest();
  return crypto.timingSafeEqual(digest(intakePassFor(secret, requestId)), digest(given));
}

/** The series a details form asks for, each time checked; undefined for a single session; errors for a bad choice. */
export async function planSeries(
  deps: Deps,
  bs: BookableService,
  body: unknown,
  start: number,
): Promise<{ errors: Record<string, string> } | { series: SeriesCheck[] | undefined }> {
  // A package books the series it promises, whatever the form says.
  if (bs.rules.series_count > 1)
    return { series: await checkSeries(deps, bs.service.id, await startsOfBooking(deps.dbh.db, bs, start)) };
  const parsed = parseForm(seriesSchema, body);
  if (!parsed.ok) return { errors: parsed.state.errors };
  if (parsed.data.repeat === 'none') return { series: undefined };
  const zone = (await readSiteSettings(deps.dbh.db)).timeZone;
  return {
    series: await checkSeries(deps, bs.service.id, seriesStarts(start, zone, parsed.data.repeat, parsed.data.count)),
  };
}
