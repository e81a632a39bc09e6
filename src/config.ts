import path from 'node:path';
import { z } from 'zod';

/** The one reader of process.env. Each key is declared once, with its default and what it expects. */
const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected one of true/false, 1/0, yes/no, on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** A comma-separated list of ICE server URLs (RFC 7064/7065), each of the given scheme. */
function iceUrls(scheme: RegExp, error: string) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(scheme, error)
          .regex(/^[a-z]+:[^\s/?#]+(\?transport=(udp|tcp))?$/, error),
      ),
    );
}

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port between 0 and 65535')
    .max(65535, 'expected a port between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'expected a host name or address').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'expected a folder path').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL, or leave it unset for SQLite in DATA_DIR')
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL, such as https://coach.example' })
    .optional(),
  MAIL_URL: z
    .string()
    .regex(
      /^smtps?:\/\//,
      'expected smtp://user:pass@host:port (or smtps://), or leave it unset to keep mail in the outbox',
    )
    .optional(),
  MAIL_FROM: z.string().min(3, 'expected an address such as "Practice <hello@coach.example>"').optional(),
  DEMO: boolish.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TRUST_PROXY: boolish.default(false),
  STUN_URLS: iceUrls(/^stuns?:/, 'expected stun:host:port addresses separated by commas').default([]),
  TURN_URLS: iceUrls(/^turns?:/, 'expected turn:host:port or turns:host:443 addresses separated by commas').default([]),
  TURN_SECRET: z.string().min(16, "expected the TURN server's static-auth-secret, at least 16 characters").optional(),
  ICE_RELAY_ONLY: boolish.default(false),
  OUTBOUND_ALLOW_PRIVATE: boolish.default(false),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  readonly secureCookies: boolean;
  readonly mailUrl: string | undefined;
  readonly mailFrom: string | undefined;
  readonly demo: boolean;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  /** The video room's ICE servers (STUN_URLS, TURN_URLS, TURN_SECRET, ICE_RELAY_ONLY). */
  readonly ice: {
    readonly stunUrls: string[];
    readonly turnUrls: string[];
    readonly turnSecret: string | undefined;
    readonly relayOnly: boolean;
  };
  /**
   * OUTBOUND_ALLOW_PRIVATE: requests to other servers (the external calendar) may reach loopback
   * and private-network addresses, for a calendar server on the coach's own network. Link-local and
   * cloud metadata addresses stay refused.
   */
  readonly outboundAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tandem cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0])}=${JSON.stringify(input[String(i.path[0])])}: ${i.message}`),
    );
  }
  const e = parsed.data;
  if (e.TURN_URLS.length > 0 && !e.TURN_SECRET)
    throw new ConfigError([
      "TURN_SECRET is unset: TURN_URLS needs the secret the TURN server checks credentials with (coturn's static-auth-secret)",
    ]);
  if (e.ICE_RELAY_ONLY && e.TURN_URLS.length === 0)
    throw new ConfigError(['ICE_RELAY_ONLY=true needs a TURN server in TURN_URLS (and TURN_SECRET)']);
  const publicUrl = (
    e.PUBLIC_URL ??
    `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST === '127.0.0.1' ? 'localhost' : e.HOST}:${e.PORT}`
  ).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    mailUrl: e.MAIL_URL,
    mailFrom: e.MAIL_FROM,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    ice: Object.freeze({
      stunUrls: e.STUN_URLS,
      turnUrls: e.TURN_URLS,
      turnSecret: e.TURN_SECRET,
      relayOnly: e.ICE_RELAY_ONLY,
    }),
    outboundAllowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
  });
}

/** A config for tests: defaults, no mail, a throwaway data folder. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({ DATA_DIR: '/tmp/tandem-test-unused', LOG_LEVEL: 'silent', DEMO: 'false' }),
    ...overrides,
  });
}
