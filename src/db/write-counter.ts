import type { CompiledQuery, DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/**
 * Counts this process's committed writes as they happen: after each COMMIT, and after each
 * statement outside a transaction that is not a plain read. The page cache adds the count to its
 * PostgreSQL stamp, so a page this instance changed is never served from the cache in the moment
 * before the database's change notice arrives (read-your-writes, decision 023). Counting more
 * than needed only empties the cache sooner; counting less is what must never happen.
 */
export class WriteCounter {
  count = 0;

  /** The dialect with its driver wrapped. */
  wrap(dialect: Dialect): Dialect {
    const counter = this;
    return new Proxy(dialect, {
      get(target, prop, receiver) {
        if (prop === 'createDriver') return () => new CountingDriver(target.createDriver(), counter);
        return Reflect.get(target, prop, receiver);
      },
    });
  }
}

// Not counted: reads and transaction control, except COMMIT (a raw one ends a write; counting it is safe).
const READS = /^\s*(select|show|explain|begin|start transaction|rollback|savepoint|release|set |listen)\b/i;

function isWrite(q: CompiledQuery): boolean {
  if (q.query.kind === 'SelectQueryNode') return false;
  return !(q.query.kind === 'RawNode' && READS.test(q.sql));
}

class CountingDriver implements Driver {
  readonly #inTx = new WeakSet<DatabaseConnection>();

  constructor(
    readonly inner: Driver,
    readonly counter: WriteCounter,
  ) {}

  init(...a: Parameters<Driver['init']>) {
    return this.inner.init(...a);
  }

  async acquireConnection(...a: Parameters<Driver['acquireConnection']>): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection(...a);
    const inTx = this.#inTx;
    const counter = this.counter;
    const proxy: DatabaseConnection = new Proxy(conn, {
      get(target, prop, receiver) {
        if (prop === 'executeQuery')
          return async (q: CompiledQuery, o?: unknown) => {
            const result = await target.executeQuery(q, o as never);
            if (!inTx.has(proxy) && isWrite(q)) counter.count++;
            return result;
          };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    return proxy;
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    this.#inTx.add(conn);
    return this.inner.beginTransaction(conn, settings);
  }

  async commitTransaction(conn: DatabaseConnection) {
    try {
      await this.inner.commitTransaction(conn);
    } finally {
      this.#inTx.delete(conn);
      this.counter.count++;
    }
  }

  async rollbackTransaction(conn: DatabaseConnection) {
    try {
      await this.inner.rollbackTransaction(conn);
    } finally {
      this.#inTx.delete(conn);
    }
  }

  savepoint(...a: Parameters<NonNullable<Driver['savepoint']>>) {
    return this.inner.savepoint!(...a);
  }

  rollbackToSavepoint(...a: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    return this.inner.rollbackToSavepoint!(...a);
  }

  releaseSavepoint(...a: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    return this.inner.releaseSavepoint!(...a);
  }

  releaseConnection(conn: DatabaseConnection, ...a: unknown[]) {
    this.#inTx.delete(conn);
    return this.inner.releaseConnection(conn, ...(a as []));
  }

  destroy(...a: Parameters<Driver['destroy']>) {
    return this.inner.destroy(...a);
  }
}
