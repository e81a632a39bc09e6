import net from 'node:net';

/**
 * A TCP proxy a fault test controls, between the app and PostgreSQL: it passes bytes through,
 * cuts every connection, black-holes them (accepts and keeps them open, forwards nothing until
 * resumed), which is what a hung server or a stalled network path looks like from the app's side,
 * or slows them (each chunk arrives `delayMs` late, in order), as a congested link would.
 */
export type ProxyMode = 'pass' | 'blackhole' | 'slow';

export interface TcpProxy {
  readonly port: number;
  /** Connections open right now (client side). */
  readonly open: number;
  /** `delayMs` is the added latency in 'slow' mode. */
  setMode(mode: ProxyMode, delayMs?: number): void;
  /** Destroys every open connection at once, as a restart or a cable pull would. */
  cutAll(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Chunks held while black-holed, with the socket each is bound for. */
  held: [net.Socket, Buffer][];
  send(to: net.Socket, chunk: Buffer): void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let delayMs = 0;
  const pairs = new Set<Pair>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    // One chain per direction keeps chunks in order when the latency changes under them.
    const chains = new Map<net.Socket, Promise<void>>();
    const pair: Pair = {
      client,
      upstream,
      held: [],
      send(to, chunk) {
        if (mode === 'blackhole') {
          pair.held.push([to, chunk]);
          return;
        }
        const due = Date.now() + (mode === 'slow' ? delayMs : 0);
        const next = (chains.get(to) ?? Promise.resolve())
          .then(() => new Promise<void>((r) => setTimeout(r, Math.max(0, due - Date.now()))))
          .then(() => {
            if (!to.destroyed) to.write(chunk);
          });
        chains.set(to, next);
      },
    };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Data is forwarded by hand, not piped, so the mode can change under an open connection.
    // While black-holed, bytes are held (as a stalled network path holds them) and delivered in
    // order when the path comes back, so a connection that survives the stall is still sound.
    client.on('data', (chunk) => pair.send(upstream, chunk));
    upstream.on('data', (chunk) => pair.send(client, chunk));
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: TcpProxy = {
    port,
    get open() {
      return pairs.size;
    },
    setMode(m, delay = 0) {
      mode = m;
      delayMs = delay;
      if (m !== 'blackhole')
        for (const p of pairs) {
          const held = p.held;
          p.held = [];
          for (const [to, chunk] of held) p.send(to, chunk);
        }
    },
    cutAll() {
      for (const p of [...pairs]) {
        p.client.destroy();
        p.upstream.destroy();
      }
      pairs.clear();
    },
    async close() {
      proxy.cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
