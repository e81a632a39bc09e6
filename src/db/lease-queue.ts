import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, Updateable } from 'kysely';
import type { Executor } from './database.ts';
import type { Database } from './schema.ts';

/**
 * A table worked as a queue with leases (the outbox, jobs): a row waits until it is due, a worker
 * claims it under its name until a lease runs out, and releases it with how it ended. A row whose
 * lease ran out (its worker crashed or hung) is due again. Every step is a compare-and-swap on
 * the status and the lease, on both engines: when two workers race for a row, the database
 * serialises the two updates and the loser's re-check no longer matches, so each row has exactly
 * one holder. (FOR UPDATE SKIP LOCKED on PostgreSQL would let the loser take other rows instead of
 * waiting for the winner's commit; the claim is the one place to add it, when a measurement asks.)
 */

/** The tables that have what a lease queue needs. */
export type LeaseTable = {
  [K in keyof Database]: Database[K] extends {
    id: string;
    status: string;
    lease_owner: string | null;
    lease_until: number | null;
  }
    ? K
    : never;
}[keyof Database];

type Column<T extends LeaseTable> = keyof Database[T] & string;

export interface LeaseQueueSpec<T extends LeaseTable> {
  table: T;
  /** The status of a row waiting its turn ('queued'). */
  waiting: Database[T]['status'];
  /** The status of a row a worker holds ('sending', 'running'). */
  held: Database[T]['status'];
  /** The column saying when a waiting row is due (epoch ms); claims take the earliest first. */
  dueAt: Column<T>;
  /** The order in which a worker gets its claimed rows. */
  heldOrder: Column<T>;
}

export interface ClaimOptions<T extends LeaseTable> {
  /** Who claims: an instance id, or one pass of it. */
  owner: string;
  now: number;
  /** Until when the claim holds; also the claim's mark, so the worker reads back exactly its rows. */
  leaseUntil: number;
  limit: number;
  /** A further condition on the rows to take (jobs: only the kinds this instance handles). */
  where?: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
}

export interface LeaseQueue<T extends LeaseTable> {
  /** Claims up to `limit` due rows for one owner and returns the rows it really holds. */
  claim(db: Executor, o: ClaimOptions<T>): Promise<Selectable<Database[T]>[]>;
  /** Extends a held lease (from the lease it set to a later one); false when the row is no longer ours. */
  renew(db: Executor, id: string, owner: string, from: number, to: number): Promise<boolean>;
  /** Ends the hold with the row's new state (status, attempts, next due time …); false when the lease was lost. */
  release(db: Executor, id: string, owner: string, set: Updateable<Database[T]>): Promise<boolean>;
}

// Kysely cannot follow a table name chosen by a type parameter, so the queries below are written
// against an untyped view of the same database; the spec's types keep the callers honest.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Untyped = Kysely<any>;

/** The lease queue over one table. */
export function leaseQueue<T extends LeaseTable>(spec: LeaseQueueSpec<T>): LeaseQueue<T> {
  // Plain strings from here on (see Untyped).
  const table: string = spec.table;
  const dueAt: string = spec.dueAt;
  const heldOrder: string = spec.heldOrder;
  const waiting: string = spec.waiting;
  const held: string = spec.held;
  // Waiting and due, or held under a lease that ran out.
  // biome-ignore lint/suspicious/noExplicitAny: see Untyped
  const isDue = (now: number, where: ClaimOptions<T>['where']) => (eb: ExpressionBuilder<any, any>) => {
    const due = eb.or([
      eb.and([eb('status', '=', waiting), eb(dueAt, '<=', now)]),
      eb.and([eb('status', '=', held), eb('lease_until', '<', now)]),
    ]);
    return where ? eb.and([where(eb as unknown as ExpressionBuilder<Database, T>), due]) : due;
  };
  return {
    async claim(db, o) {
      const u = db as unknown as Untyped;
      const candidates = u.selectFrom(table).select('id').where(isDue(o.now, o.where)).orderBy(dueAt).limit(o.limit);
      await u
        .updateTable(table)
        .set({ status: held, lease_owner: o.owner, lease_until: o.leaseUntil })
        .where('id', 'in', candidates)
        .where(isDue(o.now, o.where))
        .execute();
      return (await u
        .selectFrom(table)
        .selectAll()
        .where('status', '=', held)
        .where('lease_owner', '=', o.owner)
        .where('lease_until', '=', o.leaseUntil)
        .orderBy(heldOrder)
        .execute()) as Selectable<Database[T]>[];
    },
    async renew(db, id, owner, from, to) {
      const r = await (db as unknown as Untyped)
        .updateTable(table)
        .set({ lease_until: to })
        .where('id', '=', id)
        .where('status', '=', held)
        .where('lease_owner', '=', owner)
        .where('lease_until', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async release(db, id, owner, set) {
      const r = await (db as unknown as Untyped)
        .updateTable(table)
        .set({ ...(set as Record<string, unknown>), lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('status', '=', held)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

/**
 * The one retry policy of the house, for every queue: 30 s, 2 min, 10 min, 30 min, 1 h, then every
 * 2 h. It starts short because most failures are a server restarting, and settles at two hours so
 * a long outage costs a dozen tries a day, not hundreds. How many tries a row gets is each queue's
 * own business (the outbox gives up after 12, about a day; each job kind says its own).
 */
const RETRY_SCHEDULE_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000];
const RETRY_THEN_EVERY_MS = 2 * 60 * 60_000;

/** The wait before the next try, given how many tries have failed so far (1 or more). */
export function retryDelayMs(failedAttempts: number): number {
  return RETRY_SCHEDULE_MS[Math.max(0, failedAttempts - 1)] ?? RETRY_THEN_EVERY_MS;
}
