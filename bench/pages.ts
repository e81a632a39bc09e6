// npm run bench:pages — the app started as production starts it (`node scripts/start.mjs`, default
// logging) on SQLite and, with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL; its cached
// public pages and static assets loaded side by side with nginx serving the same bytes (interleaved:
// each repeat runs Tandem, then nginx, back to back), its uncached pages alone; start-up time, CPU
// per request and RSS from /proc. Prints one table; nothing here is asserted (issue 14).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import {
  cpuMs,
  freePort,
  type LoadResult,
  load,
  loadGenerator,
  median,
  memMiB,
  type Nginx,
  nginxBinary,
  type Proc,
  sleep,
  spawnApp,
  startNginx,
  waitFor200,
} from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const WARMUP_SECONDS = Math.min(2, SECONDS);
const CACHED_CONNECTIONS = [1, 50];
const UNCACHED_CONNECTIONS = 10;
/** The demo's longest article: the page a reader from a search lands on. */
const ARTICLE = '/blog/therapy-or-coaching-seven-differences';

type EngineName = 'sqlite' | 'postgres';

interface Target {
  label: string;
  path: string;
  cached: boolean;
  bytes?: number;
}

interface Sample {
  load: LoadResult;
  cpu: number;
}

interface Row {
  engine: EngineName;
  target: Target;
  connections: number;
  tandem: Sample[];
  nginx: Sample[];
}

interface EngineReport {
  engine: EngineName;
  rows: Row[];
  startupMs: number;
  startupNotes: string[];
  rssIdle: number;
  rssPeak: number;
  nginxRss?: { idle: number; peak: number };
  logMiB: number;
  notes: string[];
  weights: string[];
}

/** Cleanups still to run, newest first: also run on Ctrl-C. */
const cleanups: (() => Promise<void> | void)[] = [];
async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    void runCleanups().then(() => process.exit(130));
  });

/** GET without Accept-Encoding, as wrk sends it: the identity bytes. */
function getRaw(url: string): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function getOk(url: string): Promise<Buffer> {
  const r = await getRaw(url);
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
  return r.body;
}

/** What a first visit to a page transfers (brotli, as browsers ask for it), and whether it ships script. */
async function pageWeights(base: string, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const res = await fetch(base + p, { headers: { 'accept-encoding': 'br' } });
    const html = await res.text();
    const br = (b: string) => zlib.brotliCompressSync(Buffer.from(b)).length;
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    let cssBytes = 0;
    for (const href of css) cssBytes += br(await (await fetch(base + href)).text());
    const scripts = (html.match(/<script(?! type="application\/ld\+json")/g) ?? []).length;
    out.push(
      `${p}: HTML ${(br(html) / 1024).toFixed(1)} KB brotli, CSS ${(cssBytes / 1024).toFixed(1)} KB brotli, ${scripts} script element(s), ETag ${res.headers.get('etag') ?? 'none'}`,
    );
  }
  return out;
}

/** The targets, found in the demo site's own pages. */
async function discoverTargets(base: string, notes: string[]): Promise<Target[]> {
  const home = (await getOk(`${base}/`)).toString();
  const css = home.match(/<link rel="stylesheet" href="(\/assets\/site\.[^"]+\.css)"/)?.[1];
  if (!css) throw new Error('no <link rel="stylesheet" href="/assets/site.….css"> on the home page');
  const book = (await getOk(`${base}/book`)).toString();
  const slug = book.match(/href="\/book\/([a-z0-9-]+)"/)?.[1];
  if (!slug) throw new Error('no /book/<slug> link on /book');
  const bookPage = (await getOk(`${base}/book/${slug}`)).toString();
  const island = bookPage.match(/<script[^>]*\ssrc="(\/[^"]+)"/)?.[1];
  const cached: Target[] = [
    { label: 'home /', path: '/', cached: true },
    { label: 'article', path: ARTICLE, cached: true },
    { label: 'blog list /blog', path: '/blog', cached: true },
    { label: `stylesheet ${css}`, path: css, cached: true },
    { label: 'favicon /static/favicon.svg', path: '/static/favicon.svg', cached: true },
  ];
  if (island) cached.push({ label: `booking island ${island}`, path: island, cached: true });
  else notes.push(`no <script src> on /book/${slug}: no booking island to measure`);

  // The guide's question pages exist only as answers to a POST (with a CSRF token, rate-limited);
  // a GET of one redirects to /guide. So the GET that starts the guide is what is loaded, unless
  // the intro links a question page.
  const guide = (await getOk(`${base}/guide`)).toString();
  const question = [...guide.matchAll(/href="(\/guide\/[^"#?]+)"/g)]
    .map((m) => m[1]!)
    .find((p) => p !== '/guide/how-we-decide');
  const guidePath = question ?? '/guide';
  if (!question)
    notes.push(
      "the guide's question pages are only answers to POST /guide/answer (CSRF token, 300 per 10 minutes per address): measured GET /guide, the page that starts it",
    );
  const uncached: Target[] = [
    { label: `booking times /book/${slug}`, path: `/book/${slug}`, cached: false },
    { label: `guide ${guidePath}`, path: guidePath, cached: false },
    { label: 'contact /contact', path: '/contact', cached: false },
  ];
  for (const t of [...cached, ...uncached]) t.bytes = (await getOk(base + t.path)).length;
  return [...cached, ...uncached];
}

/** Where nginx finds the bytes of `p`: pages as <p>/index.html, files under their own name. */
function nginxFile(www: string, p: string): string {
  if (p === '/') return path.join(www, 'index.html');
  return /\.[a-z0-9]+$/i.test(p) ? path.join(www, p.slice(1)) : path.join(www, p.slice(1), 'index.html');
}

async function measure(url: string, connections: number, pid: number | undefined): Promise<Sample> {
  const before = pid ? cpuMs(pid) : 0;
  const r = await load(url, connections, SECONDS);
  const cpu = pid ? (cpuMs(pid) - before) / Math.max(r.requests, 1) : Number.NaN;
  return { load: r, cpu };
}

async function startApp(
  env: Record<string, string>,
  logFile: string,
  base: string,
): Promise<{ app: Proc; ms: number; compiled: boolean }> {
  const from = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const t0 = performance.now();
  const app = spawnApp(env, logFile);
  cleanups.push(() => app.stop());
  let ms: number;
  try {
    ms = await waitFor200(`${base}/`, app, t0);
  } catch (err) {
    const log = fs.readFileSync(logFile, 'utf8').slice(from);
    throw new Error(`${err instanceof Error ? err.message : err}\n--- the app's log ---\n${log.slice(-4000)}`);
  }
  const compiled = fs.readFileSync(logFile, 'utf8').slice(from).includes('compiled src/ into dist/');
  return { app, ms, compiled };
}

async function benchEngine(
  engine: EngineName,
  databaseUrl: string | undefined,
  weights: boolean,
): Promise<EngineReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${engine}-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const logFile = path.join(dir, 'app.log');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATA_DIR: path.join(dir, 'data'),
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const notes: string[] = [];
  const startupNotes: string[] = [];

  // First start: makes the data folder (or schema) and fills it with the demo practice.
  const first = await startApp(env, logFile, base);
  await first.app.stop();
  if ((await first.app.exited) !== 0)
    notes.push(`the first (seeding) start exited with code ${await first.app.exited}`);

  // Measured start, on the existing data; again if it had to compile src/ (someone changed it).
  let started = await startApp(env, logFile, base);
  if (started.compiled) {
    startupNotes.push(`${Math.round(started.ms)} ms including compiling src/ into dist/`);
    await started.app.stop();
    started = await startApp(env, logFile, base);
    if (started.compiled) startupNotes.push('compiled again on the next start: src/ is changing under the bench');
  }
  const app = started.app;
  await sleep(500);
  const rssIdle = memMiB(app.pid, 'VmRSS');

  const targets = await discoverTargets(base, notes);
  // nginx gets a folder of its own that others may read: run as root, its worker runs as nobody.
  const nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-nginx-'));
  cleanups.push(() => fs.rmSync(nginxDir, { recursive: true, force: true }));
  fs.chmodSync(nginxDir, 0o755);
  const www = path.join(nginxDir, 'www');
  let nginx: Nginx | undefined;
  let nginxBase = '';
  let nginxIdle = Number.NaN;
  if (nginxBinary()) {
    for (const t of targets.filter((x) => x.cached)) {
      const file = nginxFile(www, t.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await getOk(base + t.path));
    }
    const nginxPort = await freePort();
    nginxBase = `http://127.0.0.1:${nginxPort}`;
    nginx = await startNginx(nginxDir, nginxPort);
    cleanups.push(() => nginx?.stop(5000));
    if (nginx.worker) nginxIdle = memMiB(nginx.worker, 'VmRSS');
    else notes.push('nginx worker process not found: its CPU and RSS are not shown');
    for (const t of targets.filter((x) => x.cached)) {
      const a = await getOk(base + t.path);
      const b = await getOk(nginxBase + t.path);
      if (!a.equals(b)) notes.push(`${t.path}: nginx's bytes differ from the app's (${b.length} vs ${a.length})`);
    }
  }

  const rows: Row[] = [];
  for (const t of targets) {
    // A short warm-up per target, so the first measured run does not pay for the JIT.
    await load(base + t.path, 10, WARMUP_SECONDS);
    if (nginx && t.cached) await load(nginxBase + t.path, 10, WARMUP_SECONDS);
    for (const connections of t.cached ? CACHED_CONNECTIONS : [UNCACHED_CONNECTIONS]) {
      const row: Row = { engine, target: t, connections, tandem: [], nginx: [] };
      for (let i = 0; i < REPEATS; i++) {
        row.tandem.push(await measure(base + t.path, connections, app.pid));
        if (nginx && t.cached) row.nginx.push(await measure(nginxBase + t.path, connections, nginx.worker));
      }
      rows.push(row);
      const bad = row.tandem.reduce((n, s) => n + s.load.bad, 0);
      const nbad = row.nginx.reduce((n, s) => n + s.load.bad, 0);
      if (bad > 0)
        notes.push(`${t.path} at ${connections} conns: ${bad} answers from Tandem were not 2xx/3xx or failed`);
      if (nbad > 0)
        notes.push(`${t.path} at ${connections} conns: ${nbad} answers from nginx were not 2xx/3xx or failed`);
      process.stderr.write(`  ${engine} ${t.path} ×${connections} done\n`);
    }
  }
  const rssPeak = memMiB(app.pid, 'VmHWM');
  const nginxRss = nginx?.worker !== undefined ? { idle: nginxIdle, peak: memMiB(nginx.worker, 'VmHWM') } : undefined;
  const pageWeightLines = weights ? await pageWeights(base, [ARTICLE, '/']) : [];
  const logMiB = fs.statSync(logFile).size / 1024 / 1024;
  await runCleanups();
  return {
    engine,
    rows,
    startupMs: started.ms,
    startupNotes,
    rssIdle,
    rssPeak,
    nginxRss,
    logMiB,
    notes,
    weights: pageWeightLines,
  };
}

/** A fresh PostgreSQL database for the bench on the server of `url`, dropped afterwards. */
async function freshDatabase(url: string): Promise<string> {
  const name = 'tandem_bench';
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`drop database if exists ${name} with (force)`);
  await run(`create database ${name}`);
  cleanups.push(() => run(`drop database if exists ${name} with (force)`));
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function nginxVersion(): string {
  const r = spawnSync(nginxBinary()!, ['-v'], { encoding: 'utf8' });
  return (r.stderr || r.stdout).trim();
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const kb = (n: number | undefined) => (n === undefined ? '' : ` (${(n / 1024).toFixed(1)} KB)`);

function printTable(reports: EngineReport[], withNginx: boolean): void {
  console.log(
    '\n| engine | target | conns | Tandem req/s | p50 ms | p99 ms | CPU ms/req | nginx req/s | nginx p99 ms | ratio (Tandem/nginx) |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const rep of reports)
    for (const r of rep.rows) {
      const t = r.tandem;
      const n = r.nginx;
      const rps = median(t.map((s) => s.load.rps));
      let nRps = '–';
      let nP99 = '–';
      let ratio = '–';
      if (!withNginx && r.target.cached) ratio = 'nginx not installed';
      else if (n.length > 0) {
        nRps = f0(median(n.map((s) => s.load.rps)));
        nP99 = f2(median(n.map((s) => s.load.p99)));
        // The median of each repeat's ratio: both sides of a repeat ran back to back.
        ratio = `${median(t.map((s, i) => s.load.rps / n[i]!.load.rps)).toFixed(2)}×`;
      }
      console.log(
        `| ${r.engine} | ${r.target.label}${kb(r.target.bytes)} | ${r.connections} | ${f0(rps)} | ${f2(median(t.map((s) => s.load.p50)))} | ${f2(median(t.map((s) => s.load.p99)))} | ${f3(median(t.map((s) => s.cpu)))} | ${nRps} | ${nP99} | ${ratio} |`,
      );
    }
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const withNginx = Boolean(nginxBinary());
  const reports: EngineReport[] = [];
  try {
    process.stderr.write(
      `bench:pages: ${loadGenerator}, ${SECONDS} s × ${REPEATS} repeats per server${withNginx ? ', interleaved with nginx' : ''}\n`,
    );
    reports.push(await benchEngine('sqlite', undefined, true));
    if (pgUrl) reports.push(await benchEngine('postgres', await freshDatabase(pgUrl), false));
  } finally {
    await runCleanups();
  }

  const cpus = os.cpus();
  console.log(
    `\nTandem started with \`node scripts/start.mjs\` (default logging, demo data), loaded with ${loadGenerator} (1 thread, identity bodies, keep-alive); medians of ${REPEATS} × ${SECONDS} s, Tandem and nginx interleaved per repeat; cached targets at ${CACHED_CONNECTIONS.join(' and ')} connections, uncached at ${UNCACHED_CONNECTIONS}.`,
  );
  printTable(reports, withNginx);
  console.log('');
  for (const rep of reports) {
    console.log(
      `${rep.engine}: start-up on the existing data folder to the first 200 of GET /: ${Math.round(rep.startupMs)} ms${rep.startupNotes.length ? ` (${rep.startupNotes.join('; ')})` : ''}`,
    );
    console.log(
      `${rep.engine}: RSS idle after start ${rep.rssIdle.toFixed(0)} MiB, peak under load (VmHWM) ${rep.rssPeak.toFixed(0)} MiB; request log written: ${rep.logMiB.toFixed(1)} MiB`,
    );
    if (rep.nginxRss) {
      const cpu = rep.rows
        .filter((r) => r.nginx.length > 0)
        .map((r) => `${r.target.path} ×${r.connections} ${f3(median(r.nginx.map((s) => s.cpu)))}`);
      console.log(
        `${rep.engine}: nginx worker RSS idle ${rep.nginxRss.idle.toFixed(1)} MiB, peak ${rep.nginxRss.peak.toFixed(1)} MiB; CPU ms/req ${cpu.join(', ')}`,
      );
    }
    for (const n of rep.notes) console.log(`${rep.engine}: note: ${n}`);
  }
  for (const rep of reports) if (rep.weights.length) console.log(`\n${rep.weights.join('\n')}`);
  if (!withNginx)
    console.log('\nnginx is not installed: `apt-get install nginx-light` to compare with it in the same run');
  if (!pgUrl) console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to run it too');
  console.log(
    `\nMachine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.type()} ${os.release()}, Node ${process.version}${withNginx ? `, ${nginxVersion()}` : ''}.`,
  );
  console.log(
    'These are measurements on this machine at this moment (the load generator shares its cores), not promises.',
  );
}

main().catch(async (err) => {
  console.error(err);
  await runCleanups();
  process.exit(1);
});
