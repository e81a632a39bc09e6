import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from './app.ts';
import { followLink } from './auth/testing.ts';
import { findOrCreateClient } from './clients/index.ts';
import { loadConfig } from './config.ts';
import { openDb } from './db/database.ts';
import { createDeps, createLogger } from './deps.ts';
import { startCaptureServer, unusedPort } from './mail/testing.ts';
import { hashToken } from './security/crypto.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm run tandem -- …` as a child process, with the environment the app would get. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'MAIL_URL', 'PUBLIC_URL', 'DATA_DIR']) delete base[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...base, DEMO: 'false', LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const linkIn = (text: string) => {
  const m = /https?:\/\/\S+\/sign-in\/verify\?token=\S+/.exec(text);
  assert.ok(m, `a link in: ${text}`);
  return new URL(m[0]);
};

describe('command-line tool [sqlite]', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
    env = { DATA_DIR: dir };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Reads from the data folder's database with a short-lived handle, as a second process would. */
  async function query<T>(fn: (db: ReturnType<typeof openDb>['db']) => Promise<T>): Promise<T> {
    const h = openDb({ sqliteFile: path.join(dir, 'tandem.sqlite') });
    try {
      return await fn(h.db);
    } finally {
      await h.close();
    }
  }

  it('prints its help with no command, and refuses an unknown one', async () => {
    const none = await cli([], env);
    assert.equal(none.code, 0);
    assert.match(none.out, /create-owner --email/);
    assert.match((await cli(['help'], env)).out, /send-test-mail --to/);
    const bad = await cli(['frobnicate'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /There is no command "frobnicate"/);
    const badOption = await cli(['sign-in-link', '--emial', 'x@example.test'], env);
    assert.equal(badOption.code, 2);
    assert.match(badOption.err, /Unknown option '--emial'/);
  });

  it('migrates, then says there is nothing left to do', async () => {
    const first = await cli(['migrate'], env);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Applied \d+ migrations?:\n {2}0001_foundation\n {2}0002_jobs/);
    const again = await cli(['migrate'], env);
    assert.match(again.out, /already up to date/);
  });

  it('creates the owner and prints a link that signs in to an app on the same data', async () => {
    const res = await cli(['create-owner', '--email', 'Robin@Example.test', '--name', 'Robin Coach'], env);
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /Created the coach account for robin@example.test/);
    const link = linkIn(res.out);
    const stored = await query((db) => db.selectFrom('auth_tokens').select('token_hash').execute());
    assert.deepEqual(stored, [{ token_hash: hashToken(link.searchParams.get('token')!) }]);

    const deps = await createDeps(
      loadConfig({ DATA_DIR: dir, DEMO: 'false', LOG_LEVEL: 'silent' }),
      createLogger('silent'),
    );
    const app = await buildApp(deps);
    try {
      const { res: signedIn } = await followLink(app, link);
      assert.equal(signedIn.statusCode, 303);
      assert.equal(signedIn.headers.location, '/admin');
    } finally {
      await app.close();
      await deps.dbh.close();
    }

    const other = await cli(['create-owner', '--email', 'someone@example.test'], env);
    assert.equal(other.code, 1);
    assert.match(other.err, /already has its owner, robin@example.test/);
    const same = await cli(['create-owner', '--email', 'robin@example.test'], env);
    assert.equal(same.code, 0);
    assert.match(same.out, /already is the coach account/);
    linkIn(same.out);
  });

  it('prints a sign-in link for a coach, and refuses an unknown address', async () => {
    await cli(['create-owner', '--email', 'robin@example.test'], env);
    const res = await cli(['sign-in-link', '--email', 'robin@example.test'], env);
    assert.equal(res.code, 0, res.err);
    const token = linkIn(res.out).searchParams.get('token')!;
    const row = await query((db) =>
      db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst(),
    );
    assert.equal(row?.purpose, 'sign_in');
    assert.equal(row!.expires_at - row!.created_at, 15 * 60_000);
    const unknown = await cli(['sign-in-link', '--email', 'nobody@example.test'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No coach account uses nobody@example.test/);
    const missing = await cli(['sign-in-link'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /--email you@example.com/);
  });

  it("prints a one-time link into a client's portal, and refuses an address that is no client's", async () => {
    await cli(['create-owner', '--email', 'robin@example.test'], env);
    await query((db) =>
      findOrCreateClient(
        db,
        { email: 'kim@example.test', name: 'Kim Client', timeZone: 'Europe/Paris', source: 'coach' },
        Date.now(),
      ),
    );
    const res = await cli(['portal-link', '--email', 'KIM@example.test'], env);
    assert.equal(res.code, 0, res.err);
    const link = linkIn(res.out);
    assert.equal(link.searchParams.get('next'), '/portal');
    const user = await query((db) =>
      db.selectFrom('users').select(['role', 'id']).where('email', '=', 'kim@example.test').executeTakeFirst(),
    );
    assert.equal(user?.role, 'client', 'the client has an account now');
    const coach = await cli(['portal-link', '--email', 'robin@example.test'], env);
    assert.equal(coach.code, 1);
    assert.match(coach.err, /No client uses robin@example.test/);
    const nobody = await cli(['portal-link', '--email', 'nobody@example.test'], env);
    assert.equal(nobody.code, 1);
  });

  it('backs up and restores: the row changed after the backup comes back', async () => {
    await cli(['create-owner', '--email', 'robin@example.test', '--name', 'Before'], env);
    const file = path.join(dir, 'backups', 'backup.sqlite'); // the folder is made when missing
    const backup = await cli(['backup', file], env);
    assert.equal(backup.code, 0, backup.err);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const refused = await cli(['backup', file], env);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /already exists.*--force/);
    assert.equal((await cli(['backup', file, '--force'], env)).code, 0);

    await query((db) => db.updateTable('users').set({ name: 'After' }).execute());
    const unconfirmed = await cli(['restore', file], env);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.err, /--yes/);
    assert.equal((await query((db) => db.selectFrom('users').select('name').executeTakeFirstOrThrow())).name, 'After');

    const restored = await cli(['restore', file, '--yes'], env);
    assert.equal(restored.code, 0, restored.err);
    assert.match(restored.out, /Restart Tandem/);
    assert.equal((await query((db) => db.selectFrom('users').select('name').executeTakeFirstOrThrow())).name, 'Before');
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('tandem.sqlite.before-restore-'));
    assert.equal(aside.length, 1, 'the replaced database is kept');
    assert.equal(fs.statSync(path.join(dir, 'tandem.sqlite')).mode & 0o777, 0o600);
  });

  it('refuses to restore a file that is not a Tandem database, changing nothing', async () => {
    await cli(['create-owner', '--email', 'robin@example.test'], env);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all, just some text '.repeat(200));
    const res = await cli(['restore', junk, '--yes'], env);
    assert.equal(res.code, 1);
    assert.match(res.err, /not a SQLite database/);
    const foreign = path.join(dir, 'foreign.sqlite');
    const h = openDb({ sqliteFile: foreign });
    h.sqlite!.exec('create table notes (x text)');
    await h.close();
    const res2 = await cli(['restore', foreign, '--yes'], env);
    assert.equal(res2.code, 1);
    assert.match(res2.err, /not a Tandem one/);
    assert.equal((await query((db) => db.selectFrom('users').select('email').execute())).length, 1);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('restoring')),
      [],
    );
  });

  it('queues a test message when MAIL_URL is unset, and says so', async () => {
    const res = await cli(['send-test-mail', '--to', 'me@example.test'], env);
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /MAIL_URL is not set/);
    assert.match(res.out, /waits in the outbox/);
    const rows = await query((db) => db.selectFrom('outbox').select(['to_address', 'status']).execute());
    assert.deepEqual(rows, [{ to_address: 'me@example.test', status: 'queued' }]);
  });

  it('sends a test message through SMTP when MAIL_URL is set', async () => {
    const smtp = await startCaptureServer();
    try {
      const res = await cli(['send-test-mail', '--to', 'me@example.test'], { ...env, MAIL_URL: smtp.url });
      assert.equal(res.code, 0, res.err);
      assert.match(res.out, /Sent a test message to me@example.test/);
      const [mail] = await smtp.waitFor(1);
      assert.match(mail!.subject ?? '', /Test message/);
    } finally {
      await smtp.stop();
    }
  });

  it('reports the SMTP error when the mail server cannot be reached', async () => {
    const res = await cli(['send-test-mail', '--to', 'me@example.test'], {
      ...env,
      MAIL_URL: `smtp://127.0.0.1:${await unusedPort()}`,
    });
    assert.equal(res.code, 1);
    assert.match(res.err, /did not take the test message: .*ECONNREFUSED/);
    assert.match(res.err, /stays in the outbox/);
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
const hasPgDump = !spawnSync('pg_dump', ['--version']).error;
// Like forEachEngine: PostgreSQL runs when TEST_DATABASE_URL is set (and here, pg_dump is installed).
if (pgUrl && hasPgDump) {
  describe('command-line tool [postgres]', () => {
    const name = `tandem_cli_${crypto.randomBytes(5).toString('hex')}`;
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-pg-')) };
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.end();
      }
    };
    after(async () => {
      await admin(`drop database if exists ${name} with (force)`);
      fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
    });

    it('backs up with pg_dump and restores with pg_restore', async () => {
      await admin(`create database ${name}`);
      assert.equal((await cli(['create-owner', '--email', 'robin@example.test', '--name', 'Before'], env)).code, 0);
      const file = path.join(env.DATA_DIR, 'backup.dump');
      const backup = await cli(['backup', file], env);
      assert.equal(backup.code, 0, backup.err);
      assert.match(backup.out, /PostgreSQL database/);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);

      const h = openDb({ databaseUrl: env.DATABASE_URL });
      try {
        await h.db.updateTable('users').set({ name: 'After' }).execute();
        const restored = await cli(['restore', file, '--yes'], env);
        assert.equal(restored.code, 0, restored.err);
        const row = await h.db.selectFrom('users').select('name').executeTakeFirstOrThrow();
        assert.equal(row.name, 'Before');
      } finally {
        await h.close();
      }
      const junk = path.join(env.DATA_DIR, 'junk.dump');
      fs.writeFileSync(junk, 'nothing useful');
      const bad = await cli(['restore', junk, '--yes'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /not a pg_dump backup/);
    });
  });
}
