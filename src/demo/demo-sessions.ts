import { insertRecordedSessions, type RecordedSession } from '../booking/index.ts';
import { type Client, listClients } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { allServices } from '../site/index.ts';
import { addDays, localDateAt, wallToInstant, weekdayOf } from '../time/index.ts';
import { demoSettings } from './demo-content.ts';

const DAY = 86_400_000;

/**
 * The demo clients' sessions: one every two weeks since each became a client (the last of them
 * missed by one client, another cancelled in good time), and one ahead for each active client, at
 * times inside the demo coach's hours (each client has their own hour, so none overlap).
 */
export async function seedDemoSessions(deps: Deps): Promise<number> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const zone = demoSettings.timeZone;
  const services = await allServices(db);
  const coaching = services.find((s) => s.slug === 'coaching-session') ?? services[0];
  if (!coaching) return 0;
  const clients = (await listClients(db)).filter((c) => c.source === 'demo');
  const today = localDateAt(now, zone);
  const sessions: RecordedSession[] = [];
  for (const [i, client] of clients.entries()) {
    const hour = [10, 14, 15][i % 3]!;
    const at = (date: string) => wallToInstant(weekday(date), hour * 60, zone);
    const base = (start: number, status: RecordedSession['status']): RecordedSession => ({
      serviceId: coaching.id,
      clientId: client.id,
      clientName: client.name,
      clientEmail: client.email,
      clientPhone: client.phone,
      timeZone: client.time_zone,
      start,
      durationMinutes: coaching.duration_minutes,
      modality: coaching.modality === 'phone' ? 'phone' : 'video',
      status,
    });
    const since = Math.floor((now - client.created_at) / DAY);
    for (let ago = since - 1; ago >= 3; ago -= 14) {
      const start = at(addDays(today, -ago));
      if (start >= now) continue;
      const status = ago < 14 && i === 1 ? 'cancelled' : 'completed';
      sessions.push(base(start, status));
    }
    if (isActive(client)) sessions.push(base(at(addDays(today, 3 + i * 2)), 'confirmed'));
  }
  await insertRecordedSessions(db, sessions, now, deps.config.publicUrl);
  return sessions.length;
}

function isActive(c: Client): boolean {
  return c.status === 'active';
}

/** The date itself on Monday to Thursday, else the next Monday (the coach's full days). */
function weekday(date: string): string {
  const wd = weekdayOf(date);
  return wd <= 4 ? date : addDays(date, 8 - wd);
}
