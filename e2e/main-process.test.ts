import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../src/testing.ts';

// These tests run the real entry point as a newcomer does with `npm start` (scripts/start.mjs), in a child process.
const root = path.resolve(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  // What `npm start` runs: the launcher compiles src/ into dist/ when needed and runs the compiled app.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start (the real entry point)', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('starts on an empty data folder with demo content, private secrets and a setup link, then stops gracefully', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-main-'));
    dirs.push(dataDir);
    const port = await freePort();
    const app = start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      await waitFor(() => /\/setup\?token=/.test(app.output()), 'the setup link');
      const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(app.output())![1]!;
      assert.ok(link.startsWith(`http://localhost:${port}/setup?token=`), link);

      const home = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /<h1/);
      assert.doesNotMatch(html, /My coaching practice/, 'the demo practice replaced the defaults');

      const setup = await fetch(link.replace('localhost', '127.0.0.1'));
      assert.equal(setup.status, 200, 'the printed link opens the setup page');

      // The demo client's printed link signs in to their portal.
      await waitFor(() => /demo client .*\n\n\s+http/.test(app.output()), 'the demo client link');
      const portalLink = /demo client ([^\n]+?) with this one-time link[^\n]*\n\n\s+(http:\/\/\S+)/.exec(app.output())!;
      const verify = await fetch(portalLink[2]!.replace('localhost', '127.0.0.1'));
      assert.equal(verify.status, 200, 'the printed link opens the sign-in step');
      const cookies = verify.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const form = await verify.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(form)?.[1] ?? '';
      const signedIn = await fetch(`http://127.0.0.1:${port}/sign-in/verify`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: field('_csrf'), token: field('token'), next: field('next') }).toString(),
      });
      assert.equal(signedIn.status, 303);
      assert.equal(signedIn.headers.get('location'), '/portal');
      const session = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const portal = await fetch(`http://127.0.0.1:${port}/portal`, { headers: { cookie: `${cookies}; ${session}` } });
      assert.equal(portal.status, 200);
      assert.match(await portal.text(), new RegExp(portalLink[1]!.split(' ')[0]!));

      const secrets = fs.statSync(path.join(dataDir, 'secrets.json'));
      assert.equal(secrets.mode & 0o777, 0o600, 'secrets are readable by the owner only');
      assert.equal(fs.statSync(dataDir).mode & 0o077, 0, 'the data folder is private');
      assert.equal(fs.statSync(path.join(dataDir, 'tandem.sqlite')).mode & 0o077, 0);

      // A request in flight when the signal arrives still gets its answer.
      const inFlight = fetch(`http://127.0.0.1:${port}/about`);
      await new Promise((r) => setTimeout(r, 5));
      app.child.kill('SIGTERM');
      assert.equal((await inFlight).status, 200);
      assert.equal(await app.exited, 0);
      assert.match(app.output(), /"msg":"stopped"/);
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('keeps its secrets and does not re-seed on a second start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-main-'));
    dirs.push(dataDir);
    for (let round = 0; round < 2; round++) {
      const port = await freePort();
      const app = start({ PORT: String(port), DATA_DIR: dataDir });
      await waitFor(() => /Tandem is running|"msg":"Server listening/.test(app.output()), 'listening');
      if (round === 0) {
        assert.match(app.output(), /demo content/);
        fs.copyFileSync(path.join(dataDir, 'secrets.json'), path.join(dataDir, 'secrets.first'));
      } else {
        assert.doesNotMatch(app.output(), /demo content/);
        assert.equal(
          fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'),
          fs.readFileSync(path.join(dataDir, 'secrets.first'), 'utf8'),
        );
      }
      app.child.kill('SIGTERM');
      assert.equal(await app.exited, 0);
    }
  });

  it('refuses a bad setting with a message that names the variable', async () => {
    for (const [name, value, expect] of [
      ['PORT', 'eighty', /PORT="eighty": expected a port number/],
      ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": expected a postgres:\/\/ URL/],
      ['PUBLIC_URL', 'coach.example', /PUBLIC_URL="coach.example": expected an absolute/],
      ['DEMO', 'maybe', /DEMO="maybe": expected one of/],
    ] as const) {
      const app = start({ [name]: value, DATA_DIR: path.join(os.tmpdir(), 'tandem-never-created') });
      const code = await app.exited;
      assert.notEqual(code, 0);
      assert.match(app.output(), expect);
    }
  });
});
