import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { WriteCounter } from './write-counter.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: queries take this first. */
export type Executor = Db | Tx;

export interface DbHandle {
  readonly db: Db;
  readonly engine: Engine;
  /** Where the SQLite file lives (undefined on PostgreSQL or in memory). */
  readonly file: string | undefined;
  /** The raw SQLite connection, for backups (undefined on PostgreSQL). */
  readonly sqlite: SqliteDatabase.Database | undefined;
  /** How to open another connection to the same PostgreSQL data (a LISTEN connection); undefined on SQLite. */
  readonly pg?: { readonly connectionString: string; readonly schema: string };
  /** This process's committed writes so far (the page cache's stamp, read-your-writes). */
  readonly localWrites?: WriteCounter;
  close(): Promise<void>;
}

// int8 (bigint) and numeric come back as strings by default; our instants are epoch ms, well
// inside 2^53, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  /** postgres://… to use PostgreSQL. */
  databaseUrl?: string | undefined;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string;
  pgPoolSize?: number;
  /** Time limits, in ms (tests shorten them); see `pgLimits` for what each one bounds. */
  pgLimits?: Partial<PgLimits>;
}

/**
 * Every wait on PostgreSQL has an end, so a database that hangs (accepts connections but never
 * answers) gives a 503 in bounded time instead of hanging every request: getting a connection,
 * a statement on the server, a transaction left idle, and a reply on the wire (which also ends
 * waits the server never sees, e.g. a cut network).
 */
export interface PgLimits {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
  replyMs: number;
}
export const pgLimits: PgLimits = {
  connectMs: 5_000,
  statementMs: 15_000,
  idleInTransactionMs: 30_000,
  replyMs: 20_000,
};

/** Opens the database: PostgreSQL when a URL is given, else SQLite (WAL, foreign keys on). */
export function openDb(opts: OpenOptions): DbHandle {
  if (opts.databaseUrl) {
    const limits = { ...pgLimits, ...opts.pgLimits };
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      connectionTimeoutMillis: limits.connectMs,
      statement_timeout: limits.statementMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      query_timeout: limits.replyMs,
      keepAlive: true,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // A dropped connection must not crash the process. The pool listens on idle clients only; a
    // client that is checked out when its socket dies emits 'error' with no listener, which used to
    // end the process (issue 9, finding 1). The query in flight fails (a 503) and the pool drops the
    // broken client when it is released; the next query opens a new connection.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const localWrites = new WriteCounter();
    const db = new Kysely<Database>({ dialect: localWrites.wrap(new PostgresDialect({ pool })) });
    return {
      db,
      localWrites,
      engine: 'postgres',
      file: undefined,
      sqlite: undefined,
      pg: { connectionString: opts.databaseUrl, schema: opts.pgSchema ?? 'public' },
      close: () => db.destroy(),
    };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (file !== ':memory:') fs.chmodSync(file, 0o600);
  const localWrites = new WriteCounter();
  const db = new Kysely<Database>({ dialect: localWrites.wrap(new SqliteDialect({ database: sqlite })) });
  return {
    db,
    localWrites,
    engine: 'sqlite',
    file: file === ':memory:' ? undefined : file,
    sqlite,
    close: () => db.destroy(),
  };
}

/** True when the database answers a trivial query within `withinMs`. */
export async function isReachable(db: Db, withinMs = 2_000): Promise<boolean> {
  return withTimeout(
    sql`select 1`.execute(db).then(() => true),
    withinMs,
  ).catch(() => false);
}

/**
 * True when the database can take a write, within `withinMs`: SQLite can be readable and not
 * writable (a read-only file or mount, a full disk), so /readyz tries a write in a transaction it
 * rolls back. On PostgreSQL a reachable primary takes writes; a read-only server says so here too.
 */
export async function isWritable(dbh: DbHandle, withinMs = 2_000): Promise<boolean> {
  if (dbh.sqlite) {
    const sqlite = dbh.sqlite;
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        // The migrator's own lock row: always there, and a write to it touches no one's data.
        sqlite.prepare("update kysely_migration_lock set is_locked = is_locked where id = 'migration_lock'").run();
      } finally {
        sqlite.exec('ROLLBACK');
      }
      return true;
    } catch {
      return false;
    }
  }
  return withTimeout(
    sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`
      .execute(dbh.db)
      .then((r) => r.rows[0]?.ro === 'off'),
    withinMs,
  ).catch(() => false);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
