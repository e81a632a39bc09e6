import type { Executor } from '../db/index.ts';
import { upsertRoom } from './room.queries.ts';
import type { BusEvent, PresenceStatus, Role, SignalBus } from './signal-bus.ts';

/** Why the server ends a socket (sent as a `closed` frame first). */
export type CloseReason = 'window' | 'replaced' | 'cancelled';

/** One open WebSocket in a room, on this instance. */
export interface RoomSocket {
  readonly sid: string;
  readonly room: string;
  readonly role: Role;
  /** When it connected: of two sockets of one person, the newer stays. */
  readonly joinedAt: number;
  /** The coach is always in; a client once admitted. */
  admitted: boolean;
  /** The other person's socket, once known. */
  peerSid: string | undefined;
  send(frame: Record<string, unknown>): void;
  end(reason: CloseReason): void;
}

interface HubDeps {
  db: Executor;
  now(): number;
}

const statusOf = (s: RoomSocket): PresenceStatus => (s.role === 'coach' || s.admitted ? 'present' : 'waiting');

/**
 * The rooms of this instance: its open sockets, and what the bus says about the other person's.
 * A socket never talks to another directly: everything goes through the bus, so the other person
 * may be on this instance or another. The server enforces the waiting room: a client's signals
 * are dropped, and none reach it, until it is admitted.
 */
export class SignalHub {
  private readonly rooms = new Map<string, Set<RoomSocket>>();

  constructor(
    private readonly bus: SignalBus,
    private readonly deps: HubDeps,
  ) {
    bus.subscribe((room, event) => this.onEvent(room, event));
  }

  /** Sockets open here (for tests and the shutdown). */
  get size(): number {
    let n = 0;
    for (const set of this.rooms.values()) n += set.size;
    return n;
  }

  /** A socket has joined its room: tell the other person's side. */
  async attach(s: RoomSocket): Promise<void> {
    const set = this.rooms.get(s.room) ?? new Set<RoomSocket>();
    this.rooms.set(s.room, set);
    set.add(s);
    await this.seen(s);
    await this.bus.publish(s.room, { k: 'hello', sid: s.sid, role: s.role, status: statusOf(s), at: s.joinedAt });
  }

  /** A socket has closed. */
  async detach(s: RoomSocket): Promise<void> {
    const set = this.rooms.get(s.room);
    if (!set?.delete(s)) return;
    if (set.size === 0) this.rooms.delete(s.room);
    const stillHere = [...(set ?? [])].some((o) => o.role === s.role);
    if (!stillHere)
      await upsertRoom(
        this.deps.db,
        s.room,
        s.role === 'coach' ? { coach_seen_at: null } : { client_seen_at: null },
        this.deps.now(),
      );
    await this.bus.publish(s.room, { k: 'bye', sid: s.sid, role: s.role });
  }

  /** The periodic sign of life the back office reads ("client is waiting"). */
  async seen(s: RoomSocket): Promise<void> {
    const now = this.deps.now();
    await upsertRoom(this.deps.db, s.room, s.role === 'coach' ? { coach_seen_at: now } : { client_seen_at: now }, now);
  }

  /** A frame from the browser, already parsed and checked for shape. */
  async fromBrowser(s: RoomSocket, frame: BrowserFrame): Promise<void> {
    if (frame.t === 'signal') {
      if (!s.admitted) return; // the waiting room holds: nothing reaches the coach yet
      await this.bus.publish(s.room, { k: 'signal', sid: s.sid, role: s.role, data: frame.data });
    } else if (frame.t === 'admit' && s.role === 'coach') {
      await admitClient(this.deps.db, s.room, this.deps.now());
      await this.bus.publish(s.room, { k: 'admitted' });
    }
  }

  /** Something happened in a room outside any socket (the phone fallback was asked for). */
  publish(room: string, event: BusEvent): Promise<void> {
    return this.bus.publish(room, event);
  }

  private onEvent(room: string, ev: BusEvent): void {
    const set = this.rooms.get(room);
    if (!set) return;
    for (const s of [...set]) {
      if ('sid' in ev && ev.sid === s.sid) continue;
      switch (ev.k) {
        case 'hello':
          if (ev.role === s.role) {
            // The same person joined again (another tab, a reload that beat the old socket's close).
            if (ev.at >= s.joinedAt) s.end('replaced');
            break;
          }
          s.peerSid = ev.sid;
          s.send(peerFrame(s, ev.status, ev.sid));
          void this.bus
            .publish(room, { k: 'here', sid: s.sid, role: s.role, status: statusOf(s), to: ev.sid })
            .catch(() => {});
          break;
        case 'here':
          if (ev.to !== s.sid || ev.role === s.role) break;
          s.peerSid = ev.sid;
          s.send(peerFrame(s, ev.status, ev.sid));
          break;
        case 'bye':
          if (ev.sid !== s.peerSid) break;
          s.peerSid = undefined;
          s.send({ t: 'peer', state: 'absent' });
          break;
        case 'signal':
          if (ev.role !== s.role && s.admitted) s.send({ t: 'signal', data: ev.data });
          break;
        case 'admitted':
          if (s.role !== 'client' || s.admitted) break;
          s.admitted = true;
          s.send({ t: 'admitted' });
          void this.bus
            .publish(room, { k: 'hello', sid: s.sid, role: s.role, status: 'present', at: s.joinedAt })
            .catch(() => {});
          break;
        case 'phone':
          if (s.role === 'coach') s.send({ t: 'phone', phone: ev.phone });
          break;
      }
    }
  }
}

/** What the other person's presence looks like from this socket: a client sees the coach as present. */
function peerFrame(s: RoomSocket, status: PresenceStatus, sid: string): Record<string, unknown> {
  return { t: 'peer', state: s.role === 'coach' ? status : 'present', sid };
}

/** The coach lets the client in; it holds for the room's whole window. */
export async function admitClient(db: Executor, bookingId: string, now: number): Promise<void> {
  await upsertRoom(db, bookingId, { admitted_at: now }, now);
}

/** The frames a browser may send (see CONTEXT.md). */
export type BrowserFrame = { t: 'signal'; data: unknown } | { t: 'admit' } | { t: 'leave' };

/** A frame from the browser, or undefined when it is not one we know (it is then ignored). */
export function parseBrowserFrame(raw: string): BrowserFrame | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const f = v as Record<string, unknown>;
  if (f.t === 'admit' || f.t === 'leave') return { t: f.t };
  if (f.t === 'signal' && typeof f.data === 'object' && f.data !== null) {
    const d = f.data as Record<string, unknown>;
    const description = d.description as Record<string, unknown> | undefined;
    const okDescription =
      typeof description === 'object' &&
      description !== null &&
      ['offer', 'answer', 'pranswer', 'rollback'].includes(String(description.type)) &&
      (description.sdp === undefined || typeof description.sdp === 'string');
    const okCandidate = 'candidate' in d && (d.candidate === null || typeof d.candidate === 'object');
    if (okDescription || okCandidate) return { t: 'signal', data: d };
  }
  return undefined;
}
