import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * How one room's signalling reaches the other person's socket, wherever it is connected. Events
 * are published with the room (a booking id) and delivered to every subscriber of every instance,
 * the publisher included; the hub filters. Delivery is at most once and in order per publisher.
 */
export interface SignalBus {
  publish(room: string, event: BusEvent): Promise<void>;
  subscribe(handler: (room: string, event: BusEvent) => void): void;
  close(): Promise<void>;
}

export type PresenceStatus = 'waiting' | 'present';
export type Role = 'coach' | 'client';

/** What instances tell each other about a room. `sid` names the socket it comes from. */
export type BusEvent =
  | { k: 'hello'; sid: string; role: Role; status: PresenceStatus; at: number }
  | { k: 'here'; sid: string; role: Role; status: PresenceStatus; to: string }
  | { k: 'bye'; sid: string; role: Role }
  | { k: 'signal'; sid: string; role: Role; data: unknown }
  | { k: 'admitted' }
  | { k: 'phone'; phone: string };

/** In one process (SQLite: one instance). Delivery is asynchronous, like the network's. */
export function inProcessBus(): SignalBus {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    async publish(room, event) {
      setImmediate(() => events.emit('event', room, event));
    },
    subscribe(handler) {
      events.on('event', handler);
    },
    async close() {
      events.removeAllListeners();
    },
  };
}

// NOTIFY payloads must stay under 8,000 bytes and an offer's SDP can come near that, so each
// message travels as numbered parts of at most 1,900 characters (at most 7,600 bytes in UTF-8).
const PART_CHARS = 1900;

export interface PostgresBusOptions {
  connectionString: string;
  /** The schema the app's tables live in: one channel per schema, so test schemas never hear each other. */
  schema: string;
  log: Logger;
}

/**
 * Across instances through PostgreSQL's LISTEN/NOTIFY: one listening connection per instance
 * (reconnected with backoff if it drops), publishing over a short-lived pool. Nothing is stored.
 */
export function postgresBus(opts: PostgresBusOptions): SignalBus {
  const channel = `tandem_rooms_${crypto.createHash('sha256').update(opts.schema).digest('hex').slice(0, 16)}`;
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: 4, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {});
  const handlers: ((room: string, event: BusEvent) => void)[] = [];
  const partial = new Map<string, { parts: string[]; got: number; at: number }>();
  let listener: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  function deliver(payload: string): void {
    // "<message id> <part> <parts> <text>"
    const [id, iRaw, nRaw] = payload.split(' ', 3) as [string, string, string];
    const text = payload.slice(id.length + iRaw.length + nRaw.length + 3);
    const i = Number(iRaw);
    const n = Number(nRaw);
    let whole: string | undefined;
    if (n === 1) whole = text;
    else {
      const now = Date.now();
      for (const [k, v] of partial) if (now - v.at > 10_000) partial.delete(k);
      const entry = partial.get(id) ?? { parts: new Array<string>(n), got: 0, at: now };
      if (entry.parts[i] === undefined) entry.got++;
      entry.parts[i] = text;
      partial.set(id, entry);
      if (entry.got === n) {
        partial.delete(id);
        whole = entry.parts.join('');
      }
    }
    if (whole === undefined) return;
    let message: { room: string; event: BusEvent };
    try {
      message = JSON.parse(whole);
    } catch {
      return;
    }
    for (const h of handlers) h(message.room, message.event);
  }

  async function listen(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString: opts.connectionString, keepAlive: true });
    client.on('notification', (n) => {
      if (n.channel === channel && n.payload) deliver(n.payload);
    });
    client.on('error', (err) => {
      opts.log.warn({ err: err.message }, 'room signalling: the listening connection failed; reconnecting');
      client.end().catch(() => {});
      if (listener === client) listener = null;
      setTimeout(() => void listen().catch(() => {}), retry).unref();
      retry = Math.min(retry * 2, 10_000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      listener = client;
      retry = 250;
    } catch (err) {
      client.emit('error', err as Error);
    }
  }
  const ready = listen();

  return {
    async publish(room, event) {
      await ready;
      const text = JSON.stringify({ room, event });
      const id = crypto.randomBytes(6).toString('base64url');
      const n = Math.max(1, Math.ceil(text.length / PART_CHARS));
      const params: string[] = [];
      const calls: string[] = [];
      for (let i = 0; i < n; i++) {
        params.push(`${id} ${i} ${n} ${text.slice(i * PART_CHARS, (i + 1) * PART_CHARS)}`);
        calls.push(`pg_notify('${channel}', $${i + 1})`);
      }
      // One statement, so the parts are delivered together and in order.
      await pool.query(`select ${calls.join(', ')}`, params);
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    async close() {
      closed = true;
      handlers.length = 0;
      await ready.catch(() => {});
      await listener?.end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
