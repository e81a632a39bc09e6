import fs from 'node:fs';
import path from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { z } from 'zod';
import { BackupError, backupPostgres, backupSqlite, restorePostgres, restoreSqlite } from './admin/index.ts';
import { recordAudit } from './audit/index.ts';
import { createOwner, createSignInLink, findOwner, isCoach, normaliseEmail, userByEmail } from './auth/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { migrateToLatest, openDb } from './db/index.ts';
import { createDeps, createLogger, type Deps, sqliteFileFor } from './deps.ts';
import { deliverDueMail, enqueueMail, renderEmail } from './mail/index.ts';
import { portalLinkOnServer } from './portal/index.ts';
import { readSiteSettings } from './settings/index.ts';

const usage = `Tandem's command-line tool.

Usage: npm run tandem -- <command> [options]

Commands:
  create-owner --email E [--name N]   Create the coach account (the owner) and print a one-time sign-in link.
  sign-in-link --email E              Print a one-time sign-in link (15 minutes) for a coach account.
  portal-link --email E               Print a one-time link (15 minutes) into a client's portal.
  migrate                             Bring the database up to date and list what changed.
  backup <file> [--force]             Copy the database to <file> while Tandem runs. Add --force to replace <file>.
  restore <file> --yes                Replace the database with a backup, then restart Tandem.
  send-test-mail --to E               Send a test email through the outbox and say what happened.
  seo-lint [--warnings]               Check every published page as search engines see it; exits 1 on errors.
  import-wxr <file>                   Import posts from a WordPress/Squarespace export (WXR), with redirects from old addresses.
  help                                Show this help.

Settings come from the same environment variables as the app: DATA_DIR, DATABASE_URL, PUBLIC_URL, MAIL_URL…
`;

/** A problem to tell the person at the terminal, in plain words; exits 1. */
class CliError extends Error {}

const say = (text: string) => process.stdout.write(text + '\n');
const email = z.email();

function requireEmail(value: string | undefined, option: string): string {
  if (!value) throw new CliError(`Please give an address with ${option}, for example ${option} you@example.com`);
  const normalised = normaliseEmail(value);
  if (!email.safeParse(normalised).success) throw new CliError(`"${value}" is not an email address.`);
  return normalised;
}

function args<O extends ParseArgsOptionsConfig>(argv: string[], options: O, positionals = 0) {
  const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (parsed.positionals.length > positionals)
    throw new CliError(`Unexpected: ${parsed.positionals.slice(positionals).join(' ')}`);
  return parsed;
}

async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await createDeps(config, createLogger('error'));
  try {
    return await fn(deps);
  } finally {
    deps.mail?.close();
    await deps.dbh.close();
  }
}

/** Opens the database without migrating it (backup must not change what it copies). */
async function withDb<T>(config: Config, fn: (dbh: ReturnType<typeof openDb>) => Promise<T>): Promise<T> {
  if (!config.databaseUrl && !fs.existsSync(sqliteFileFor(config))) {
    throw new CliError(`There is no database at ${sqliteFileFor(config)}. Is DATA_DIR set to the folder Tandem uses?`);
  }
  const dbh = openDb({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileFor(config) });
  try {
    return await fn(dbh);
  } finally {
    await dbh.close();
  }
}

const commands: Record<string, (argv: string[], config: Config) => Promise<void>> = {
  async 'create-owner'(argv, config) {
    const { values } = args(argv, { email: { type: 'string' }, name: { type: 'string' } });
    const address = requireEmail(values.email, '--email');
    const name = values.name?.trim() || 'Coach';
    await withDeps(config, async (deps) => {
      const now = deps.clock.now();
      const outcome = await deps.dbh.db.transaction().execute(async (tx) => {
        const created = await createOwner(tx, { email: address, name }, 'cli', now);
        if (created.ok) return { created: true, link: await createSignInLink(tx, deps, created.user, null) };
        const owner = await findOwner(tx);
        if (created.reason === 'owner_exists' && owner?.email === address)
          return { created: false, link: await createSignInLink(tx, deps, owner, null) };
        if (created.reason === 'owner_exists') {
          throw new CliError(
            `This practice already has its owner, ${owner?.email}. To sign in as them: npm run tandem -- sign-in-link --email ${owner?.email}`,
          );
        }
        throw new CliError(`${address} already belongs to another account. Use a different address.`);
      });
      say(
        outcome.created
          ? `Created the coach account for ${address} (${name}).`
          : `${address} already is the coach account; nothing was changed.`,
      );
      say(`Sign in within 15 minutes with this one-time link:\n\n  ${outcome.link}\n`);
    });
  },

  async 'sign-in-link'(argv, config) {
    const { values } = args(argv, { email: { type: 'string' } });
    const address = requireEmail(values.email, '--email');
    await withDeps(config, async (deps) => {
      const link = await deps.dbh.db.transaction().execute(async (tx) => {
        const user = await userByEmail(tx, address);
        if (!user || !isCoach(user))
          throw new CliError(
            `No coach account uses ${address}. To create the first one: npm run tandem -- create-owner --email ${address}`,
          );
        await recordAudit(
          tx,
          { actorUserId: null, action: 'auth.sign_in_link_created', subject: user.id, detail: { via: 'cli' } },
          deps.clock.now(),
        );
        return createSignInLink(tx, deps, user, null);
      });
      say(`A one-time sign-in link for ${address}, valid for 15 minutes:\n\n  ${link}\n`);
    });
  },

  async 'portal-link'(argv, config) {
    const { values } = args(argv, { email: { type: 'string' } });
    const address = requireEmail(values.email, '--email');
    await withDeps(config, async (deps) => {
      const link = await portalLinkOnServer(deps, address);
      if (!link)
        throw new CliError(
          `No client uses ${address} (or it belongs to a coach account). The back office's Clients page lists every client.`,
        );
      say(`A one-time link into the portal of ${address}, valid for 15 minutes:\n\n  ${link}\n`);
    });
  },

  async migrate(argv, config) {
    args(argv, {});
    const dbh = openDb({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileFor(config) });
    try {
      const applied = await migrateToLatest(dbh.db);
      say(
        applied.length
          ? `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${applied.map((m) => `  ${m}`).join('\n')}`
          : 'The database was already up to date. Nothing to apply.',
      );
    } finally {
      await dbh.close();
    }
  },

  async backup(argv, config) {
    const { values, positionals } = args(argv, { force: { type: 'boolean' } }, 1);
    const file = positionals[0];
    if (!file)
      throw new CliError('Say where to write the backup, for example: npm run tandem -- backup tandem-backup.sqlite');
    if (config.databaseUrl) {
      await backupPostgres(config.databaseUrl, file, values.force ?? false);
    } else {
      await withDb(config, async (dbh) => backupSqlite(dbh.sqlite!, file, values.force ?? false));
    }
    say(`Backed up the ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'} database to ${file} (readable only by you).`);
    say(
      `Keep a copy of ${path.join(config.dataDir, 'secrets.json')} with it: messages in the backup are encrypted, and only that file can open them.`,
    );
  },

  async restore(argv, config) {
    const { values, positionals } = args(argv, { yes: { type: 'boolean' } }, 1);
    const file = positionals[0];
    if (!file)
      throw new CliError(
        'Say which backup to restore, for example: npm run tandem -- restore tandem-backup.sqlite --yes',
      );
    const target = config.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : sqliteFileFor(config);
    if (!values.yes)
      throw new CliError(
        `This replaces everything in ${target} with ${file}. If that is what you want, run the same command with --yes.`,
      );
    if (config.databaseUrl) {
      await restorePostgres(config.databaseUrl, file);
      say(`Restored ${file} into the PostgreSQL database.`);
    } else {
      const { aside } = restoreSqlite(sqliteFileFor(config), file, Date.now());
      say(`Restored ${file} to ${sqliteFileFor(config)}.`);
      if (aside) say(`The database it replaced is kept at ${aside}.`);
    }
    say('Restart Tandem now so it opens the restored database.');
  },

  async 'send-test-mail'(argv, config) {
    const { values } = args(argv, { to: { type: 'string' } });
    const to = requireEmail(values.to, '--to');
    await withDeps(config, async (deps) => {
      const { practiceName } = await readSiteSettings(deps.dbh.db);
      const body = renderEmail({
        practiceName,
        heading: 'A test message',
        paragraphs: [`This message checks that ${practiceName} can send email. If it reached you, email works.`],
      });
      const id = await enqueueMail(deps.dbh.db, deps, {
        kind: 'cli.test_mail',
        to,
        subject: `Test message from ${practiceName}`,
        ...body,
      });
      if (!deps.mail) {
        say(
          `MAIL_URL is not set, so the test message to ${to} waits in the outbox (back office → Outbox).\nSet MAIL_URL (smtp://user:password@host:587) and restart Tandem; waiting messages are then sent.`,
        );
        return;
      }
      await deliverDueMail(deps);
      const row = await deps.dbh.db
        .selectFrom('outbox')
        .select(['status', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (row?.status === 'sent') say(`Sent a test message to ${to}. Check that inbox (and its spam folder).`);
      else
        throw new CliError(
          `The mail server did not take the test message${row?.last_error ? `: ${row.last_error}` : ''}.\nIt stays in the outbox and will be tried again while Tandem runs.`,
        );
    });
  },

  async 'import-wxr'(argv, config) {
    const { positionals } = args(argv, {}, 1);
    const file = positionals[0];
    if (!file) throw new CliError('Name the export file, for example: npm run tandem -- import-wxr export.xml');
    if (!fs.existsSync(file)) throw new CliError(`There is no file at ${file}.`);
    await withDeps(config, async (deps) => {
      const { importWxr } = await import('./blog/index.ts');
      try {
        const r = await importWxr(deps, fs.readFileSync(file, 'utf8'), null);
        say(
          `Imported ${r.imported} post${r.imported === 1 ? '' : 's'} with ${r.redirects} redirect${r.redirects === 1 ? '' : 's'} from the old addresses.`,
        );
        if (r.skipped.length) say(`Skipped ${r.skipped.length} already here: ${r.skipped.join(', ')}`);
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
    });
  },

  async 'seo-lint'(argv, config) {
    const { values } = args(argv, { warnings: { type: 'boolean' } });
    await withDeps(config, async (deps) => {
      const { buildApp } = await import('./app.ts');
      const { lintSite } = await import('./seo/index.ts');
      const app = await buildApp(deps);
      try {
        const reports = await lintSite(app, deps.dbh.db, deps.config.publicUrl);
        let errors = 0;
        for (const r of reports) {
          const shown = r.findings.filter((f) => f.level === 'error' || values.warnings);
          errors += r.findings.filter((f) => f.level === 'error').length;
          say(`${r.findings.some((f) => f.level === 'error') ? '✗' : '✓'} ${r.path}`);
          for (const f of shown) say(`    ${f.level}: ${f.message}`);
        }
        say(`\n${reports.length} published pages checked, ${errors} error${errors === 1 ? '' : 's'}.`);
        if (errors) throw new CliError('Fix the errors above: pages with errors look broken in search results.');
      } finally {
        await app.close();
      }
    });
  },
};

/** Runs one command; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return 0;
  }
  const run = commands[command];
  if (!run) {
    process.stderr.write(`There is no command "${command}".\n\n${usage}`);
    return 2;
  }
  try {
    await run(rest, loadConfig());
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      return 78; // EX_CONFIG, as the app itself
    }
    if (err instanceof CliError || err instanceof BackupError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      // Node's own wording talks about positional arguments; the first sentence is what matters.
      const first = (err as Error).message.split(/(?<=\.) /)[0];
      process.stderr.write(`${first}\nRun "npm run tandem -- help" to see the commands and their options.\n`);
      return 2;
    }
    process.stderr.write(`${command} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
