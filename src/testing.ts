import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, testConfig } from './config.ts';
import type { Engine } from './db/database.ts';
import { createTestDb, type TestDb } from './db/testing.ts';
import { seedDemoContent } from './demo/index.ts';
import { type Clock, createLogger, type Deps, systemClock } from './deps.ts';
import { createMailTransport } from './mail/transport.ts';
import { createSealer } from './security/crypto.ts';
import { testSecrets } from './security/secrets.ts';
import { startWorkers } from './workers.ts';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestContext {
  deps: Deps;
  db: TestDb;
  clock: TestClock;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Deps over a fresh isolated database; pass config overrides such as { mailUrl }. */
export async function createTestDeps<C extends Clock = TestClock>(
  engine: Engine,
  overrides: Partial<Config> = {},
  clock: C = new TestClock() as unknown as C,
): Promise<{ deps: Deps; db: TestDb; clock: C }> {
  const db = await createTestDb(engine);
  const config = testConfig(overrides);
  const secrets = testSecrets();
  const deps: Deps = {
    config,
    dbh: db,
    clock,
    secrets,
    sealer: createSealer(secrets.encryptionKey),
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    mail: config.mailUrl ? createMailTransport(config.mailUrl) : null,
    instanceId: `test-${Math.random().toString(36).slice(2, 8)}`,
  };
  return { deps, db, clock };
}

/** The whole app over a fresh database, for app.inject tests. */
export async function createTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestContext> {
  const { deps, db, clock } = await createTestDeps(engine, overrides);
  const app = await buildApp(deps);
  await app.ready();
  return {
    deps,
    db,
    clock,
    app,
    async close() {
      await app.close();
      deps.mail?.close();
      await db.destroy();
    },
  };
}

/** A browser-like cookie jar for inject: collects Set-Cookie and sends them back. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(setCookie: string | string[] | undefined): void {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** GETs a page with the jar and returns its body and the form's CSRF token (if any). */
export async function getPage(
  app: FastifyInstance,
  url: string,
  jar: CookieJar,
): Promise<{ status: number; body: string; csrf: string | undefined; headers: Record<string, unknown> }> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
  return { status: res.statusCode, body: res.body, csrf: m?.[1], headers: res.headers };
}

/** POSTs a urlencoded form with the jar. */
export async function postForm(app: FastifyInstance, url: string, fields: Record<string, string>, jar: CookieJar) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  return res;
}

/** Creates the owner (if needed) and a signed-in session; returns a jar carrying its cookie. */
export async function signedInCoach(
  ctx: Pick<TestContext, 'deps'>,
  email = 'coach@example.test',
): Promise<{ jar: CookieJar; userId: string }> {
  const { startSession, SESSION_COOKIE } = await import('./auth/sessions.ts');
  const { newId } = await import('./security/crypto.ts');
  const db = ctx.deps.dbh.db;
  let user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!user) {
    user = { id: newId() };
    await db
      .insertInto('users')
      .values({ id: user.id, email, name: 'Test Coach', role: 'owner', created_at: ctx.deps.clock.now() })
      .execute();
  }
  const token = await startSession(db, user.id, 'test', ctx.deps.clock.now());
  const jar = new CookieJar();
  jar.store(`${SESSION_COOKIE}=${token}; Path=/`);
  return { jar, userId: user.id };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface RunningSite<C extends Clock = Clock> {
  url: string;
  deps: Deps;
  clock: C;
  close(): Promise<void>;
}

export interface SiteOptions<C extends Clock> {
  /** Defaults to a TestClock. */
  clock?: C;
  /** Fill the database with the demo practice first. */
  demo?: boolean;
  /** Run the mail and jobs workers. */
  workers?: boolean;
  /** Change the deps before the app is built (e.g. a logger the test reads). */
  adjust?: (deps: Deps) => Deps;
}

/** The real app on a fresh SQLite database, listening on a free loopback port (browser tests, benchmarks). */
export async function startTestSite<C extends Clock = TestClock>(
  overrides: Partial<Config> = {},
  opts: SiteOptions<C> = {},
): Promise<RunningSite<C>> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const made = await createTestDeps<C>('sqlite', { publicUrl: url, port, ...overrides }, opts.clock);
  const deps = opts.adjust ? opts.adjust(made.deps) : made.deps;
  if (opts.demo) await seedDemoContent(deps);
  const app = await buildApp(deps);
  const workers = opts.workers ? startWorkers(deps) : undefined;
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    deps,
    clock: made.clock,
    async close() {
      await app.close();
      await workers?.stop();
      deps.mail?.close();
      await made.db.destroy();
    },
  };
}

/** The demo practice on the real clock; with `workers`, mail and jobs run too. */
export function startDemoSite(overrides: Partial<Config> = {}, opts: { workers?: boolean } = {}): Promise<RunningSite> {
  return startTestSite(overrides, { clock: systemClock, demo: true, workers: opts.workers ?? false });
}
