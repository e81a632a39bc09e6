import net from 'node:net';

/**
 * A TCP proxy a fault test controls, between the app and PostgreSQL: it passes bytes through,
 * cuts every connection, or black-holes them (accepts and keeps them open, forwards nothing until
 * resumed), which is what a hung server or a stalled network path looks like from the app's side.
 */
export type ProxyMode = 'pass' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  /** Connections open right now (client side). */
  readonly open: number;
  setMode(mode: ProxyMode): void;
  /** Destroys every open connection at once, as a restart or a cable pull would. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; held: [net.Socket, Buffer][] }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream, held: [] as [net.Socket, Buffer][] };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Data is forwarded by hand, not piped, so the mode can change under an open connection.
    // While black-holed, bytes are held (as a stalled network path holds them) and delivered in
    // order when the path comes back, so a connection that survives the stall is still sound.
    client.on('data', (chunk) => {
      if (mode === 'pass') upstream.write(chunk);
      else pair.held.push([upstream, chunk]);
    });
    upstream.on('data', (chunk) => {
      if (mode === 'pass') client.write(chunk);
      else pair.held.push([client, chunk]);
    });
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
    setMode(m) {
      mode = m;
      if (m === 'pass')
        for (const p of pairs) {
          for (const [to, chunk] of p.held) to.write(chunk);
          p.held = [];
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
