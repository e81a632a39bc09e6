import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db, DbHandle } from './database.ts';

/**
 * A value that changes whenever a write commits, from this process or any other (another
 * instance, a job, the CLI), read without a round trip, so the page cache can check a hit in
 * microseconds (decision 023). `current()` is undefined while no stamp can be trusted (the
 * PostgreSQL listener is not connected): then nothing may be cached.
 */
export interface WriteStamp {
  /** Grows with every committed write; undefined while it cannot be trusted. */
  current(): number | undefined;
  /** Settles once the stamp can be read (PostgreSQL: listening), or after a few seconds without. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Tables whose writes never show on a cached public page and happen all the time (jobs leasing,
 * mail sending, sign-ins, the room, access logs): left out of PostgreSQL's change notices, so
 * they do not empty the page cache. Everything else notifies, tables added later included.
 */
export const QUIET_TABLES = [
  'jobs',
  'outbox',
  'sessions',
  'auth_tokens',
  'webauthn_challenges',
  'audit_log',
  'rooms',
  'client_access_log',
  'booking_reminders_sent',
  'kysely_migration',
  'kysely_migration_lock',
];

/** The NOTIFY channel of a schema's changes (one per schema, so test schemas never hear each other). */
export function changeChannel(schema: string): string {
  return `tandem_changes_${crypto.createHash('md5').update(schema).digest('hex').slice(0, 16)}`;
}

/**
 * PostgreSQL: a statement-level trigger on every table but the quiet ones sends one NOTIFY per
 * committing transaction (PostgreSQL folds repeats within a transaction, and sends nothing for a
 * rollback). Run after the migrations on every start, so a table a later migration adds gets one.
 */
export async function installChangeTriggers(db: Db, schema: string): Promise<void> {
  const quiet = QUIET_TABLES.map((t) => `'${t}'`).join(', ');
  const literal = `'${schema.replace(/'/g, "''")}'`;
  // One round trip: the function, then a trigger on each table that has none yet.
  await sql
    .raw(`do $do$
declare t record;
begin
  -- Instances starting together take turns (catalog updates from two at once can collide).
  perform pg_advisory_xact_lock(hashtext('tandem_changes:' || ${literal}));
  if not exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where p.proname = 'tandem_notify_change' and n.nspname = ${literal}) then
    execute format($f$create function %I.tandem_notify_change() returns trigger language plpgsql as $b$
    begin
      perform pg_notify('tandem_changes_' || left(md5(tg_table_schema), 16), '');
      return null;
    end $b$$f$, ${literal});
  end if;
  for t in
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${literal} and c.relkind in ('r', 'p') and c.relname not in (${quiet})
      and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'tandem_changes')
  loop
    execute format('create trigger tandem_changes after insert or update or delete or truncate on %I.%I for each statement execute function %I.tandem_notify_change()', ${literal}, t.relname, ${literal});
  end loop;
end $do$`)
    .execute(db);
}

/** How long SQLite's own counter of other connections' commits may go unread (writes by the CLI, say). */
const SQLITE_RECHECK_MS = 100;

/**
 * SQLite: this process's commits, counted as they happen (one connection: no reader sees a write
 * before it commits), plus the changes of the counter SQLite bumps when another connection
 * commits, read at most every 100 ms instead of on every hit (a query was a fifth of a hit's CPU).
 */
function sqliteStamp(dbh: DbHandle): WriteStamp {
  const stmt = dbh.sqlite!.prepare('select data_version from pragma_data_version()').pluck();
  const local = dbh.localWrites;
  let seen = stmt.get();
  let changes = 0;
  let readAt = performance.now();
  return {
    current() {
      const now = performance.now();
      if (now - readAt >= SQLITE_RECHECK_MS) {
        readAt = now;
        const v = stmt.get();
        if (v !== seen) {
          seen = v;
          changes++;
        }
      }
      return (local?.count ?? 0) + changes;
    },
    ready: Promise.resolve(),
    close: async () => {},
  };
}

/**
 * PostgreSQL: one listening connection per process counts the change notices; the stamp is the
 * sum of the connections made, the notices heard and this process's own commits. Each
 * (re)connection moves it, so whatever was stamped before a gap in listening is never trusted
 * again; the own commits count at once, before their notice comes back.
 */
function postgresStamp(
  opts: { connectionString: string; schema: string },
  local: { count: number } | undefined,
  log: Logger,
): WriteStamp {
  const channel = changeChannel(opts.schema);
  let epoch = 0;
  let count = 0;
  let listening = false;
  let client: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  async function listen(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.connectionString, keepAlive: true });
    c.on('notification', (n) => {
      if (n.channel === channel) count++;
    });
    c.on('error', (err) => {
      if (client === c) {
        listening = false;
        client = null;
      }
      c.end().catch(() => {});
      if (closed) return;
      log.warn({ err: err.message }, 'page cache: the change listener failed; not caching until it reconnects');
      setTimeout(() => void listen(), retry).unref();
      retry = Math.min(retry * 2, 10_000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      epoch++;
      listening = true;
      retry = 250;
    } catch (err) {
      c.emit('error', err as Error);
    }
  }
  const first = listen();
  const ready = Promise.race([first, new Promise<void>((r) => setTimeout(r, 5_000).unref())]);

  return {
    ready,
    // Each part only grows, so their sum changes whenever one does.
    current: () => (listening ? epoch + count + (local?.count ?? 0) : undefined),
    async close() {
      closed = true;
      listening = false;
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

/** The write stamp for this database. */
export function openWriteStamp(dbh: DbHandle, log: Logger): WriteStamp {
  if (dbh.engine === 'sqlite' && dbh.sqlite) return sqliteStamp(dbh);
  if (dbh.pg) return postgresStamp(dbh.pg, dbh.localWrites, log);
  return { current: () => undefined, ready: Promise.resolve(), close: async () => {} };
}
