// npm run bench — loads public pages with autocannon and, when nginx is installed, nginx serving
// the same bytes from a file in the same run; prints requests per second, p50 and p99 and the ratio.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { freePort, startDemoSite } from '../src/testing.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** The demo's longest article: the page a reader from a search lands on. */
const ARTICLE = '/blog/therapy-or-coaching-seven-differences';

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

async function load(target: string, url: string): Promise<Row> {
  // The load generator runs in a worker thread, so it does not share the server's event loop.
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1, workers: 1 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${target}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return {
    target,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes: Math.round(r.throughput.average / Math.max(r.requests.average, 1)),
  };
}

function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
}

async function startNginx(dir: string, port: number): Promise<() => void> {
  const bin = nginxBinary()!;
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; sendfile on; keepalive_requests 100000;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}/www; location / { try_files $uri $uri/index.html =404; } } }\n`,
  );
  const child = spawn(bin, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return () => child.kill('SIGTERM');
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

async function main(): Promise<void> {
  const site = await startDemoSite({ logLevel: 'silent' });
  const { url } = site;

  const rows: Row[] = [];
  const weights: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  const withNginx = Boolean(nginxBinary());
  let stopNginx: (() => void) | undefined;
  let nginxPort = 0;
  try {
    const pages = ['/', '/about', ARTICLE];
    if (withNginx) {
      for (const p of pages) {
        const file = path.join(dir, 'www', p === '/' ? 'index.html' : `${p.slice(1)}/index.html`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, Buffer.from(await (await fetch(url + p)).arrayBuffer()));
      }
      nginxPort = await freePort();
      stopNginx = await startNginx(dir, nginxPort);
    }
    for (const p of pages) {
      rows.push(await load(`tandem ${p}`, url + p));
      if (withNginx) rows.push(await load(`nginx  ${p}`, `http://127.0.0.1:${nginxPort}${p}`));
    }
    weights.push(...(await pageWeights(url, [ARTICLE, '/'])));
  } finally {
    stopNginx?.();
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| target | req/s | p50 ms | p99 ms | bytes | vs nginx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const ref = r.target.startsWith('tandem')
      ? rows.find((x) => x.target === r.target.replace('tandem', 'nginx '))
      : undefined;
    console.log(
      `| ${r.target} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.bytes} | ${ref ? (r.rps / ref.rps).toFixed(2) + '×' : ''} |`,
    );
  }
  console.log(`\n${weights.join('\n')}`);
  if (!withNginx)
    console.log('\n(nginx is not installed: `apt-get install nginx-light` to compare with it in the same run)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
