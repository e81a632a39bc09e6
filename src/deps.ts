import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { type DbHandle, migrateToLatest, openDb } from './db/index.ts';
import { createMailTransport, type MailTransport } from './mail/index.ts';
import type { OutboundPolicy } from './security/index.ts';
import { createSealer, loadOrCreateSecrets, type Sealer, type Secrets } from './security/index.ts';

/** The clock, passed in so tests can move time. Epoch milliseconds. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Everything a use case may need, built once in main (or in a test). */
export interface Deps {
  readonly config: Config;
  readonly dbh: DbHandle;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly sealer: Sealer;
  readonly log: Logger;
  /** null when MAIL_URL is unset: mail then waits in the outbox. */
  readonly mail: MailTransport | null;
  /** Names this process in leases (outbox worker), unique per instance. */
  readonly instanceId: string;
  /** Rules for requests to other servers; unset means the strict default. Tests may allow loopback. */
  readonly outbound?: OutboundPolicy;
}

/**
 * The process's logger: JSON lines on stdout, written asynchronously in batches (8 KB, or every
 * 250 ms), so a busy server does not make a write call per request (one per request halved what
 * a cached page could serve, decision 023), and flushed when the process exits.
 */
let stdout: ReturnType<typeof pino.destination> | undefined;

function stdoutDestination(): ReturnType<typeof pino.destination> {
  if (stdout) return stdout;
  const dest = pino.destination({ dest: 1, sync: false, minLength: 8192 });
  // Lines wait for 8 KB or a quarter of a second, whichever comes first.
  setInterval(() => dest.flush(), 250).unref();
  process.once('exit', () => {
    try {
      dest.flushSync();
    } catch {
      // stdout already closed: nothing more can be written anyway
    }
  });
  stdout = dest;
  return dest;
}

export function createLogger(level: string): Logger {
  // A silent logger writes nothing: no stream for it (tests make hundreds).
  if (level === 'silent') return pino({ level });
  return pino(
    {
      level,
      base: { app: 'tandem' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The path only: query strings may carry tokens; no addresses; bodies are never logged.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    },
    stdoutDestination(),
  );
}

/** Where the SQLite database lives (the CLI's backup and restore need the same path). */
export function sqliteFileFor(config: Config): string {
  return path.join(config.dataDir, 'tandem.sqlite');
}

/** The composition root: opens the database (migrating it), loads secrets, sets up mail. */
export async function createDeps(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Deps> {
  const secrets = loadOrCreateSecrets(config.dataDir);
  const dbh = openDb({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileFor(config) });
  await migrateToLatest(dbh.db);
  return {
    config,
    dbh,
    clock: systemClock,
    secrets,
    sealer: createSealer(secrets.encryptionKey),
    log,
    mail: config.mailUrl ? createMailTransport(config.mailUrl) : null,
    instanceId: `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
  };
}
