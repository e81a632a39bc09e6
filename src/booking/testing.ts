import type { Executor } from '../db/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings, writeSiteSettings } from '../settings/index.ts';
import { defaultRules, saveRules } from './booking.queries.ts';
import type { ServiceBookingRules } from './booking.tables.ts';

/** Test fixtures: a coach in Berlin working Monday to Friday 08:00–17:00, and a bookable service. */
export async function seedCoach(db: Executor, now: number, zone = 'Europe/Berlin'): Promise<void> {
  const settings = await readSiteSettings(db);
  await writeSiteSettings(
    db,
    { ...settings, timeZone: zone, contactEmail: 'coach@example.test', coachName: 'Maya Test' },
    now,
  );
  for (const weekday of [1, 2, 3, 4, 5])
    await db
      .insertInto('availability_weekly')
      .values({ id: newId(), weekday, start_min: 480, end_min: 1020 })
      .execute();
}

/** Adds an active service with booking rules (defaults overridden by `rules`); returns its id. */
export async function seedService(
  db: Executor,
  now: number,
  o: {
    slug?: string;
    durationMinutes?: number;
    modality?: 'video' | 'phone' | 'choice';
    rules?: Partial<ServiceBookingRules>;
  } = {},
): Promise<string> {
  const id = newId();
  const slug = o.slug ?? `session-${id.slice(0, 6)}`;
  await db
    .insertInto('services')
    .values({
      id,
      slug,
      name: `Session ${slug}`,
      summary: 'A test session.',
      description_md: 'Test.',
      duration_minutes: o.durationMinutes ?? 60,
      price_cents: 9000,
      currency: 'EUR',
      modality: o.modality ?? 'phone',
      active: 1,
      sort_order: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await saveRules(db, { ...defaultRules(id, now), notice_min: 60, step_min: 30, ...o.rules });
  return id;
}
