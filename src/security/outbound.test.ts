import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addressAllowed, fetchOutbound, OutboundError } from './outbound.ts';

/** Issue 9, finding 7: the coach's external calendar address reached internal addresses. */
describe('outbound requests', () => {
  let hits = 0;
  let server: http.Server;
  let port: number;
  let bigClosedEarly: Promise<boolean>;
  let markBig: (early: boolean) => void;
  before(async () => {
    bigClosedEarly = new Promise((r) => {
      markBig = r;
    });
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/cal.ics') return res.writeHead(200, { 'content-type': 'text/calendar' }).end('BEGIN:VCALENDAR');
      if (req.url === '/to-other-port') return res.writeHead(302, { location: 'http://127.0.0.1:9/x' }).end();
      if (req.url === '/to-metadata')
        return res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/hang') return; // never answers
      if (req.url === '/big') {
        // 40 MB, written in chunks: the client must stop reading long before the end.
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, 'x');
        res.writeHead(200, { 'content-type': 'text/calendar' });
        const pump = () => {
          while (sent < 40 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
          markBig(false);
        };
        res.on('close', () => markBig(sent < 40 * 1024 * 1024));
        pump();
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const refused = async (url: string, reason: string, policy = {}) =>
    assert.rejects(
      fetchOutbound(url, { maxBytes: 1024, timeoutMs: 2_000, policy }),
      (err: unknown) => err instanceof OutboundError && err.reason === reason,
      url,
    );

  it('classifies addresses: only ordinary public unicast passes', () => {
    for (const bad of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'fe80::1',
      'fc00::1',
      '::',
      '2002:7f00:1::1',
      'not an address',
    ])
      assert.equal(addressAllowed(bad), false, bad);
    for (const good of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111'])
      assert.equal(addressAllowed(good), true, good);
  });

  it('refuses loopback however it is written, before connecting', async () => {
    const before = hits;
    for (const host of ['127.0.0.1', '[::1]', '0x7f000001', '127.1', '2130706433', 'localhost', '[::ffff:127.0.0.1]'])
      await refused(`http://${host}:${port}/cal.ics`, 'address_refused');
    assert.equal(hits, before, 'the local server was never reached');
  });

  it('refuses private, link-local and metadata addresses, and odd schemes', async () => {
    for (const url of ['http://10.1.2.3/', 'http://192.168.0.10/', 'http://169.254.169.254/latest/meta-data/'])
      await refused(url, 'address_refused');
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'http://user:pw@example.com/', 'not a url'])
      await refused(url, 'bad_url');
  });

  it('checks every redirect the same way', async () => {
    const policy = { allowLoopbackPorts: [port] };
    const ok = await fetchOutbound(`http://127.0.0.1:${port}/cal.ics`, { maxBytes: 1024, timeoutMs: 2_000, policy });
    assert.equal(ok.body.toString(), 'BEGIN:VCALENDAR');
    await refused(`http://127.0.0.1:${port}/to-other-port`, 'address_refused', policy);
    await refused(`http://127.0.0.1:${port}/to-metadata`, 'address_refused', policy);
  });

  it('stops reading at the size limit while streaming, and ends a silent server at the time limit', async () => {
    const policy = { allowLoopbackPorts: [port] };
    await assert.rejects(
      fetchOutbound(`http://127.0.0.1:${port}/big`, { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000, policy }),
      (err: unknown) => err instanceof OutboundError && err.reason === 'too_large',
    );
    assert.equal(await bigClosedEarly, true, 'the connection was closed before the 40 MB were sent');
    const started = Date.now();
    await assert.rejects(
      fetchOutbound(`http://127.0.0.1:${port}/hang`, { maxBytes: 1024, timeoutMs: 500, policy }),
      (err: unknown) => err instanceof OutboundError && err.reason === 'timeout',
    );
    assert.ok(Date.now() - started < 3_000);
  });
});
