import { insertRecordedSessions, manageCapability, roomPath, sessionsForClient } from '../booking/index.ts';
import { listClients } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { allServices } from '../site/index.ts';

const MIN = 60_000;

/** The demo's video session near now, with the client's way into its room and the coach's. */
export interface DemoRoom {
  clientName: string;
  startAt: number;
  /** Opens the room as the client (it carries the booking's capability). */
  clientLink: string;
  /** Opens the room as the coach, once she is signed in. */
  coachLink: string;
}

/**
 * So that two browser windows can hold a call straight after `npm start`: the first active demo
 * client's video session starting within the next few minutes, made when none is near (a
 * session that started up to 20 minutes ago counts). Undefined when the demo clients are gone or
 * the time is taken.
 */
export async function demoRoom(deps: Deps): Promise<DemoRoom | undefined> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const demo = (await listClients(db, { status: 'active' })).filter((c) => c.source === 'demo');
  const client = demo.sort((a, b) => a.created_at - b.created_at)[0];
  if (!client) return undefined;
  const near = (s: { modality: string; status: string; startAt: number }) =>
    s.modality === 'video' && s.status === 'confirmed' && s.startAt > now - 20 * MIN && s.startAt < now + 30 * MIN;
  let session = (await sessionsForClient(db, client.id)).find(near);
  if (!session) {
    const services = await allServices(db);
    const service = services.find((s) => s.slug === 'coaching-session' && s.modality !== 'phone') ?? services[0];
    if (!service) return undefined;
    // On the next five-minute mark after five minutes: the room is open at once (it opens ten before).
    const start = Math.ceil((now + 5 * MIN) / (5 * MIN)) * 5 * MIN;
    try {
      await insertRecordedSessions(
        db,
        [
          {
            serviceId: service.id,
            clientId: client.id,
            clientName: client.name,
            clientEmail: client.email,
            clientPhone: null,
            timeZone: client.time_zone,
            start,
            durationMinutes: 50,
            modality: 'video',
            status: 'confirmed',
          },
        ],
        now,
        deps.config.publicUrl,
      );
    } catch {
      return undefined; // the coach's time is taken (PostgreSQL's exclusion constraint said so)
    }
    session = (await sessionsForClient(db, client.id)).find(near);
    if (!session) return undefined;
  }
  const base = deps.config.publicUrl;
  return {
    clientName: client.name,
    startAt: session.startAt,
    clientLink: `${base}${roomPath(session.id, manageCapability(deps.secrets, session.id))}`,
    coachLink: `${base}${roomPath(session.id)}`,
  };
}
