// Helpers for bench/pages.ts: the app and nginx as separate processes, their CPU time and memory
// from /proc, and the load generator (wrk when installed, else autocannon in a worker thread).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// ---- /proc ----------------------------------------------------------------------------------

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process (all its threads), in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state); utime is field 14, stime field 15.
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
}

/** A line of /proc/<pid>/status in MiB (VmRSS: now, VmHWM: the peak so far). */
export function memMiB(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** The pids whose parent is `ppid`. */
export function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === ppid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

// ---- processes ------------------------------------------------------------------------------

export interface Proc {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function track(child: ChildProcess): Proc {
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    pid: child.pid!,
    child,
    exited,
    async stop(graceMs = 20_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!done) child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The app as production runs it: `node scripts/start.mjs` (node itself, no npm or shell in
 * between, so the pid is the server's), output appended to `logFile`.
 */
export function spawnApp(env: Record<string, string>, logFile: string): Proc {
  const fd = fs.openSync(logFile, 'a');
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'DEMO', 'LOG_LEVEL', 'PUBLIC_URL', 'MAIL_URL', 'NODE_OPTIONS']) delete base[k];
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  return track(child);
}

/** Polls GET `url` every 10 ms until it answers 200; the milliseconds since `since`. */
export async function waitFor200(url: string, proc: Proc, since: number, timeoutMs = 120_000): Promise<number> {
  let gone = false;
  void proc.exited.then(() => {
    gone = true;
  });
  while (performance.now() - since < timeoutMs) {
    if (gone) throw new Error(`the process exited (code ${proc.child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
}

export interface Nginx extends Proc {
  /** The worker that serves requests (the master's one child), or undefined if not found. */
  readonly worker: number | undefined;
}

/** nginx on loopback serving `dir`/www: one worker, no access log, sendfile, long keep-alive. */
export async function startNginx(dir: string, port: number): Promise<Nginx> {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed');
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off; master_process on; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_timeout 65; keepalive_requests 1000000;
  types { text/html html; text/css css; image/svg+xml svg; text/javascript js; }
  default_type application/octet-stream;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}/www; location / { try_files $uri $uri/index.html =404; } }
}\n`,
  );
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const child = spawn(bin, ['-c', conf, '-p', dir, '-e', `${dir}/error.log`], { stdio: 'ignore' });
  const proc = track(child);
  try {
    await waitFor200(`http://127.0.0.1:${port}/`, proc, performance.now(), 10_000);
  } catch (err) {
    await proc.stop(2000);
    const log = fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : '';
    throw new Error(`nginx: ${err instanceof Error ? err.message : err}\n${log.slice(-2000)}`);
  }
  const workers = childrenOf(proc.pid);
  return { ...proc, worker: workers.length === 1 ? workers[0] : undefined };
}

// ---- load -----------------------------------------------------------------------------------

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers other than 2xx/3xx, plus socket errors. */
  bad: number;
}

export function wrkBinary(): string | undefined {
  return ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => fs.existsSync(p));
}

function wrkMs(s: string): number {
  const m = s.match(/^([\d.]+)(us|ms|s|m)$/);
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000;
}

/** Parses wrk's `--latency` report. */
export function parseWrk(out: string): LoadResult {
  const num = (re: RegExp) => {
    const m = out.match(re);
    return m ? m[1]! : undefined;
  };
  const rps = Number(num(/Requests\/sec:\s+([\d.]+)/));
  const requests = Number(num(/(\d+) requests in/));
  const p50 = wrkMs(num(/^\s+50%\s+(\S+)/m) ?? '');
  const p99 = wrkMs(num(/^\s+99%\s+(\S+)/m) ?? '');
  const non2xx = Number(num(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0);
  const sock = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  if (!Number.isFinite(rps) || !Number.isFinite(p99)) throw new Error(`could not read wrk's output:\n${out}`);
  return { rps, p50, p99, requests, bad: non2xx + errors };
}

function runWrk(bin: string, url: string, connections: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`wrk exited with ${code}:\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (err) {
          reject(err);
        }
      }
    });
  });
}

async function runAutocannon(url: string, connections: number, seconds: number): Promise<LoadResult> {
  // In a worker thread, so the load generator does not share the bench's event loop.
  const r = await autocannon({ url, connections, duration: seconds, pipelining: 1, workers: 1 });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

export const loadGenerator = wrkBinary() ? 'wrk' : 'autocannon';

/** Loads `url` for `seconds` with `connections` keep-alive connections (identity bodies). */
export function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const bin = wrkBinary();
  return bin ? runWrk(bin, url, connections, seconds) : runAutocannon(url, connections, seconds);
}
