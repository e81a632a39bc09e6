import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningTurnServer {
  /** `turn:127.0.0.1:<port>?transport=udp` and `…?transport=tcp`, for RTCIceServer.urls. */
  urls: string[];
  /** The REST-API shared secret: credential = base64(HMAC-SHA1(secret, `${expiryUnixSeconds}:${user}`)). */
  secret: string;
  realm: string;
  /** Everything coturn logged so far (it logs to stdout; stderr is kept too). */
  log(): string;
  stop(): Promise<void>;
}

const TURNSERVER = process.env.TURNSERVER_PATH ?? 'turnserver';

/**
 * A real coturn on 127.0.0.1 (UDP and TCP on one free port, relays on 127.0.0.1, no TLS/DTLS, no CLI,
 * no config file), with the TURN REST API's time-limited credentials (`use-auth-secret`) and loopback
 * peers allowed, so that two browsers on this machine can relay through it. Resolves once it answers a
 * STUN Binding request on its UDP port and accepts a TCP connection.
 */
export async function startTurnServer(): Promise<RunningTurnServer> {
  assertInstalled();
  const secret = randomBytes(24).toString('hex');
  const realm = 'tandem.test';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-turn-'));
  const port = await freeUdpAndTcpPort();
  // coturn picks relay ports at random in the range and skips ones it cannot bind.
  const minPort = 40000 + Math.floor(Math.random() * 80) * 100;
  const args = [
    '-n', // no config file: /etc/turnserver.conf is not read
    '--listening-ip=127.0.0.1',
    `--listening-port=${port}`,
    '--relay-ip=127.0.0.1',
    `--min-port=${minPort}`,
    `--max-port=${minPort + 99}`,
    // With relay-only ICE each side's peer is the other's relay address, 127.0.0.1: without this flag
    // coturn answers CreatePermission with 403 Forbidden IP.
    '--allow-loopback-peers',
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-rfc5780', // one listener, no alternate port (port + 1) to collide with
    '--no-software-attribute',
    `--db=${path.join(dir, 'turndb')}`,
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
  const child = spawn(TURNSERVER, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => {}); // a spawn failure shows as an exit before listening

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilListening(port, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    secret,
    realm,
    log: () => output,
    stop,
  };
}

function assertInstalled() {
  try {
    execFileSync(TURNSERVER, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error("Debian's coturn is not installed: apt-get install coturn");
  }
}

/** A port free for both UDP and TCP on 127.0.0.1: the kernel picks a UDP one, then TCP must bind it too. */
async function freeUdpAndTcpPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcpFree) return port;
  }
  throw new Error('no free UDP+TCP port on 127.0.0.1');
}

async function waitUntilListening(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`turnserver exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    if ((await stunBindingAnswered(port)) && (await tcpAccepts(port))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`turnserver did not listen on 127.0.0.1:${port} within 10 s:\n${output()}`);
}

/** Sends a STUN Binding request (RFC 5389) and waits briefly for a Binding success response. */
function stunBindingAnswered(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const id = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.on('error', () => done(false));
    socket.on('message', (msg) =>
      done(msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)),
    );
    socket.send(request, port, '127.0.0.1');
  });
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
