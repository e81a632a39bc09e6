import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Backups and restores of the whole database, for the command-line tool. SQLite uses its online
 * backup (a consistent copy while the app keeps running); PostgreSQL uses pg_dump/pg_restore.
 * Failures are BackupError with a message meant for the person at the terminal.
 */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Writes through a temporary file created 0600 up front, so no other user can ever read a partial copy. */
async function writeAtomically(
  target: string,
  force: boolean,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  if (!force && fs.existsSync(target))
    throw new BackupError(`${target} already exists. Choose another file name, or add --force to replace it.`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial-${process.pid}`;
  fs.writeFileSync(partial, '', { mode: 0o600, flag: 'wx' });
  try {
    await write(partial);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Copies a live SQLite database to `file` with SQLite's online backup. */
export async function backupSqlite(sqlite: SqliteDatabase.Database, file: string, force: boolean): Promise<void> {
  // An empty file is a valid empty database to SQLite, so the backup can write into the 0600 file.
  await writeAtomically(path.resolve(file), force, async (partial) => {
    await sqlite.backup(partial);
    // A backup is one self-contained file: no write-ahead log beside it when it is opened later.
    const copy = new SqliteDatabase(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  });
}

/** Checks that `file` is a sound SQLite database made by Tandem; returns the migrations it has. Opens it for writing, so pass a copy. */
export function checkSqliteBackup(file: string, label = file): string[] {
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true });
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check[0]?.integrity_check !== 'ok')
      throw new BackupError(
        `${label} is damaged (SQLite integrity check: ${check[0]?.integrity_check ?? 'no answer'}).`,
      );
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!hasMigrations)
      throw new BackupError(`${label} is a SQLite database, but not a Tandem one (it has no migrations table).`);
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${label} is not a SQLite database Tandem can read (${(err as Error).message}).`);
  } finally {
    db?.close();
  }
}

/**
 * Puts a SQLite backup in place of the database. The current database is first folded into one
 * file and moved aside (never deleted), so a restore can itself be undone.
 */
export function restoreSqlite(dbFile: string, backupFile: string, now: number): { aside: string | null } {
  if (!fs.existsSync(backupFile)) throw new BackupError(`There is no file at ${backupFile}.`);
  // Checked as a copy beside the database, so the backup itself is never opened or changed.
  const incoming = `${dbFile}.restoring-${process.pid}`;
  fs.copyFileSync(path.resolve(backupFile), incoming);
  fs.chmodSync(incoming, 0o600);
  try {
    checkSqliteBackup(incoming, backupFile);
  } catch (err) {
    fs.rmSync(incoming, { force: true });
    throw err;
  }
  let aside: string | null = null;
  if (fs.existsSync(dbFile)) {
    const current = new SqliteDatabase(dbFile);
    try {
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    aside = `${dbFile}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dbFile, aside);
    // If the app wrote in the meantime, its log belongs with the copy set aside.
    if (fs.existsSync(`${dbFile}-wal`)) fs.renameSync(`${dbFile}-wal`, `${aside}-wal`);
  }
  // A stale shared-memory index or log would be replayed onto the restored file.
  fs.rmSync(`${dbFile}-wal`, { force: true });
  fs.rmSync(`${dbFile}-shm`, { force: true });
  fs.renameSync(incoming, dbFile);
  return { aside };
}

/** Fails clearly when a PostgreSQL client tool is not installed. */
function requireTool(tool: 'pg_dump' | 'pg_restore'): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new BackupError(
      `${tool} was not found. Install the PostgreSQL client tools (for example: apt install postgresql-client), the same major version as the server or newer, and try again.`,
    );
  }
}

/** The URL without its password, and the password on its own, so it never shows in a process list. */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function run(
  tool: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: 'pipe' | number,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

/** Dumps the PostgreSQL database to `file` in pg_dump's custom format. */
export async function backupPostgres(databaseUrl: string, file: string, force: boolean): Promise<void> {
  requireTool('pg_dump');
  const { url, env } = connection(databaseUrl);
  await writeAtomically(path.resolve(file), force, async (partial) => {
    const fd = fs.openSync(partial, 'w', 0o600);
    try {
      const r = await run('pg_dump', ['--format=custom', '--no-password', `--dbname=${url}`], env, fd);
      if (r.code !== 0) throw new BackupError(`pg_dump failed: ${r.err.trim() || `exit code ${r.code}`}`);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Restores a pg_dump custom-format file into the database, replacing what is there, in one transaction. */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  requireTool('pg_restore');
  if (!fs.existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  const list = await run('pg_restore', ['--list', file], process.env, 'pipe');
  if (list.code !== 0) throw new BackupError(`${file} is not a pg_dump backup in custom format (${list.err.trim()}).`);
  if (!/ TABLE \S+ kysely_migration /.test(list.out))
    throw new BackupError(`${file} is a PostgreSQL backup, but not of a Tandem database.`);
  const { url, env } = connection(databaseUrl);
  const r = await run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      '--no-password',
      `--dbname=${url}`,
      file,
    ],
    env,
    'pipe',
  );
  if (r.code !== 0)
    throw new BackupError(`pg_restore failed, and nothing was changed: ${r.err.trim() || `exit code ${r.code}`}`);
}
