import type { Executor } from '../db/database.ts';
import type { Clock } from '../deps.ts';

/** The table behind the store (migration 0006). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface RouteOptions {
  routeInfo?: { method?: string; url?: string };
}

/** Old windows are swept now and then, on the way, rather than by a job. */
const SWEEP_EVERY = 500;
const KEEP_MS = 24 * 3600_000;

/**
 * A store for @fastify/rate-limit that counts in the database, so that several app instances on
 * one PostgreSQL share their limits (the in-memory store would give each instance its own). Each
 * hit is one atomic upsert: a fixed window per key, restarted when it has run out.
 */
export function databaseRateLimitStore(db: Executor, clock: Clock) {
  let calls = 0;
  return class DatabaseStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'global:',
    ) {}

    incr(id: string, cb: Callback, timeWindow: number): void {
      const now = clock.now();
      const key = this.prefix + id;
      db.insertInto('rate_limits')
        .values({ key, window_start: now, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb.case().when('rate_limits.window_start', '<=', now - timeWindow).then(1).else(eb('rate_limits.hits', '+', 1)).end(),
            window_start: eb.case().when('rate_limits.window_start', '<=', now - timeWindow).then(now).else(eb.ref('rate_limits.window_start')).end(),
          })),
        )
        .returning(['hits', 'window_start'])
        .executeTakeFirstOrThrow()
        .then((row) => {
          cb(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.window_start) + timeWindow - now) });
          if (++calls % SWEEP_EVERY === 0) void db.deleteFrom('rate_limits').where('window_start', '<', now - KEEP_MS).execute().catch(() => {});
        })
        .catch((err: Error) => cb(err));
    }

    read(id: string, cb: Callback, timeWindow: number): void {
      const now = clock.now();
      db.selectFrom('rate_limits')
        .select(['hits', 'window_start'])
        .where('key', '=', this.prefix + id)
        .executeTakeFirst()
        .then((row) =>
          !row || Number(row.window_start) + timeWindow <= now
            ? cb(null, { current: 0, ttl: 0 })
            : cb(null, { current: Number(row.hits), ttl: Number(row.window_start) + timeWindow - now }),
        )
        .catch((err: Error) => cb(err));
    }

    /** One counter space per route, as the plugin expects. */
    child(routeOptions: object): DatabaseStore {
      const info = (routeOptions as RouteOptions).routeInfo;
      return new DatabaseStore(undefined, `${info?.method ?? ''}${info?.url ?? ''}:`);
    }
  };
}
