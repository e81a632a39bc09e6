import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  type AddressClass,
  addressAllowed,
  checkOutboundUrl,
  classifyAddress,
  fetchOutbound,
  OutboundError,
  type OutboundPolicy,
} from './outbound.ts';

/**
 * Issue 9, finding 7 and issue 15: outgoing requests refuse loopback, private, link-local and
 * metadata addresses, after DNS and on every redirect. Real sockets throughout: a local server
 * stands for "something inside the network", and counts what reaches it.
 */
describe('outbound requests', () => {
  const hits: string[] = [];
  let server: http.Server;
  let port: number;
  /** Listening on :: (both stacks) lets every way of writing loopback reach it, if not refused. */
  let dualStack = true;
  let bigClosedEarly: Promise<boolean>;
  let markBig: (early: boolean) => void;
  before(async () => {
    bigClosedEarly = new Promise((r) => {
      markBig = r;
    });
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      const here = `http://127.0.0.1:${port}`;
      if (req.url === '/cal.ics') return res.writeHead(200, { 'content-type': 'text/calendar' }).end('BEGIN:VCALENDAR');
      if (req.url === '/to-loopback') return res.writeHead(302, { location: `${here}/cal.ics` }).end();
      if (req.url === '/to-localhost')
        return res.writeHead(301, { location: `http://localhost:${port}/cal.ics` }).end();
      if (req.url === '/to-mapped')
        return res.writeHead(308, { location: `http://[::ffff:127.0.0.1]:${port}/cal.ics` }).end();
      if (req.url === '/to-relative') return res.writeHead(303, { location: '/cal.ics' }).end();
      if (req.url === '/to-private') return res.writeHead(302, { location: 'http://192.168.1.1/cal.ics' }).end();
      if (req.url === '/to-metadata')
        return res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      const loop = /^\/loop\/(\d+)$/.exec(req.url ?? '');
      if (loop) return res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
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
    try {
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '::', resolve));
    } catch {
      dualStack = false; // a machine without IPv6: the IPv4 ways of writing loopback still reach it
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    }
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const get = (url: string, policy: OutboundPolicy = {}, maxBytes = 1024) =>
    fetchOutbound(url, { maxBytes, timeoutMs: 2_000, policy });
  const refused = async (url: string, reason: string, policy: OutboundPolicy = {}, kind?: AddressClass) =>
    assert.rejects(
      get(url, policy),
      (err: unknown) => {
        assert.ok(err instanceof OutboundError, `${url}: ${String(err)}`);
        assert.equal(err.reason, reason, url);
        if (kind) assert.equal(err.addressClass, kind, url);
        return true;
      },
      url,
    );
  /** Allows exactly one URL (a test's own first hop): anything it redirects to is checked as usual. */
  const only = (href: string): OutboundPolicy => ({ allow: (hop) => hop.url.href === href });

  it('classifies addresses: only ordinary public unicast is public', () => {
    const cases: [string, AddressClass][] = [
      ['127.0.0.1', 'loopback'],
      ['127.1.2.3', 'loopback'],
      ['::1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fc00::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.169.254', 'metadata'],
      ['fd00:ec2::254', 'metadata'],
      ['100.100.100.200', 'metadata'],
      ['168.63.129.16', 'metadata'],
      ['169.254.1.1', 'link_local'],
      ['fe80::1', 'link_local'],
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['::', 'unspecified'],
      ['255.255.255.255', 'multicast'],
      ['224.0.0.1', 'multicast'],
      ['ff02::1', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['192.0.2.1', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['2001:db8::1', 'reserved'],
      // IPv4 in IPv6 clothing is judged as the IPv4 address it carries, or refused when it could hide one.
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:10.0.0.1', 'private'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['64:ff9b::7f00:1', 'loopback'],
      ['::7f00:1', 'reserved'],
      ['2002:7f00:1::1', 'reserved'],
      ['2001::1', 'reserved'],
      ['93.184.216.34', 'public'],
      ['1.1.1.1', 'public'],
      ['::ffff:93.184.216.34', 'public'],
      ['64:ff9b::5db8:d822', 'public'],
      ['2606:4700:4700::1111', 'public'],
    ];
    for (const [ip, kind] of cases) assert.equal(classifyAddress(ip), kind, ip);
    assert.equal(classifyAddress('not an address'), undefined);
    assert.equal(classifyAddress('example.com'), undefined);
  });

  it('lets only public addresses through; OUTBOUND_ALLOW_PRIVATE adds loopback and private, never metadata', () => {
    for (const good of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) assert.equal(addressAllowed(good), true);
    for (const bad of ['127.0.0.1', '::1', '10.1.2.3', '192.168.0.1', '169.254.169.254', '0.0.0.0', 'nonsense'])
      assert.equal(addressAllowed(bad), false, bad);
    const lan = { allowPrivate: true };
    for (const ok of ['127.0.0.1', '::1', '10.1.2.3', '172.16.0.9', '192.168.0.1', '100.64.1.1', 'fd12::1'])
      assert.equal(addressAllowed(ok, lan), true, ok);
    for (const bad of ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.0.1', 'fe80::1', '0.0.0.0'])
      assert.equal(addressAllowed(bad, lan), false, bad);
    for (const bad of ['::', '224.0.0.1', '255.255.255.255', '240.0.0.1', '::7f00:1'])
      assert.equal(addressAllowed(bad, lan), false, bad);
  });

  it('a public address passes the check without any request being made', async () => {
    // A literal public IP needs no DNS and nothing is sent: the machine may have no internet.
    await checkOutboundUrl('https://93.184.216.34/calendar.ics', { timeoutMs: 1_000 });
    await checkOutboundUrl('https://[2606:4700:4700::1111]/calendar.ics', { timeoutMs: 1_000 });
    await assert.rejects(
      checkOutboundUrl(`http://localhost:${port}/cal.ics`, { timeoutMs: 1_000 }),
      (err: unknown) => err instanceof OutboundError && err.reason === 'address_refused',
    );
  });

  it('refuses loopback however it is written, a name that resolves to it included, before connecting', async () => {
    const forms = [
      '127.0.0.1',
      '[::1]',
      '0.0.0.0',
      '[::ffff:127.0.0.1]',
      'localhost',
      '0x7f000001',
      '127.1',
      '2130706433',
    ];
    const start = hits.length;
    for (const host of forms) {
      const url = `http://${host}:${port}/cal.ics`;
      const kind = host === '0.0.0.0' ? 'unspecified' : 'loopback';
      await refused(url, 'address_refused', {}, kind);
    }
    assert.equal(hits.length, start, 'the local server was never reached');

    // The same addresses do reach the server when a test lets them: the refusals above were the guard's.
    const reachable = dualStack ? ['127.0.0.1', '[::1]', '0.0.0.0', '[::ffff:127.0.0.1]'] : ['127.0.0.1', '0.0.0.0'];
    for (const host of reachable) {
      const res = await get(`http://${host}:${port}/cal.ics`, { allow: () => true });
      assert.equal(res.body.toString(), 'BEGIN:VCALENDAR', host);
    }
    assert.equal(hits.length, start + reachable.length);
  });

  it('refuses private, link-local and metadata addresses at once, without trying to connect', async () => {
    const cases: [string, AddressClass][] = [
      ['http://10.1.2.3/cal.ics', 'private'],
      ['http://172.16.0.1/cal.ics', 'private'],
      ['http://172.31.200.7:8080/cal.ics', 'private'],
      ['http://192.168.0.10/cal.ics', 'private'],
      ['http://100.64.0.1/cal.ics', 'private'],
      ['http://[fd12:3456::1]/cal.ics', 'private'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[::ffff:169.254.169.254]/latest/meta-data/', 'metadata'],
      ['http://169.254.10.20/', 'link_local'],
      ['http://[fe80::1]/', 'link_local'],
      ['http://[::]/', 'unspecified'],
      ['http://224.0.0.1/', 'multicast'],
      ['http://255.255.255.255/', 'multicast'],
      ['http://240.0.0.1/', 'reserved'],
    ];
    for (const [url, kind] of cases) {
      const started = Date.now();
      await refused(url, 'address_refused', {}, kind);
      // A connection attempt to an address with no server would end in a timeout or a network error.
      assert.ok(Date.now() - started < 1_000, `${url} was refused without waiting on a connection`);
    }
    // With OUTBOUND_ALLOW_PRIVATE the metadata and link-local addresses stay refused.
    await refused('http://169.254.169.254/latest/meta-data/', 'address_refused', { allowPrivate: true }, 'metadata');
    await refused('http://169.254.10.20/', 'address_refused', { allowPrivate: true }, 'link_local');
    await refused(`http://0.0.0.0:${port}/cal.ics`, 'address_refused', { allowPrivate: true }, 'unspecified');
  });

  it('refuses odd schemes and credentials in the address', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://127.0.0.1/', 'not a url'])
      await refused(url, 'bad_url');
    await refused('http://user:pw@93.184.216.34/', 'bad_url');
  });

  it('OUTBOUND_ALLOW_PRIVATE reaches a calendar server on the local network', async () => {
    const res = await get(`http://127.0.0.1:${port}/cal.ics`, { allowPrivate: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'BEGIN:VCALENDAR');
  });

  it('checks every redirect the same way: an allowed server cannot send Tandem inside the network', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const start = hits.length;
    // The first hop is allowed (this test's own server, exactly that URL); where it points is not.
    await refused(`${origin}/to-loopback`, 'address_refused', only(`${origin}/to-loopback`), 'loopback');
    await refused(`${origin}/to-localhost`, 'address_refused', only(`${origin}/to-localhost`), 'loopback');
    await refused(`${origin}/to-mapped`, 'address_refused', only(`${origin}/to-mapped`), 'loopback');
    await refused(`${origin}/to-relative`, 'address_refused', only(`${origin}/to-relative`), 'loopback');
    await refused(`${origin}/to-private`, 'address_refused', only(`${origin}/to-private`), 'private');
    await refused(`${origin}/to-metadata`, 'address_refused', only(`${origin}/to-metadata`), 'metadata');
    await refused(`${origin}/to-file`, 'bad_url', only(`${origin}/to-file`));
    assert.deepEqual(
      hits.slice(start),
      ['/to-loopback', '/to-localhost', '/to-mapped', '/to-relative', '/to-private', '/to-metadata', '/to-file'],
      'only the allowed first hops reached the server; no redirect target did',
    );

    // Allowed targets are followed, at most five redirects.
    const ok = await get(`${origin}/to-relative`, { allow: (hop) => hop.url.origin === origin });
    assert.equal(ok.body.toString(), 'BEGIN:VCALENDAR');
    assert.equal(ok.url, `${origin}/cal.ics`);
    const before = hits.length;
    await refused(`${origin}/loop/0`, 'too_many_redirects', { allow: (hop) => hop.url.origin === origin });
    assert.equal(hits.length - before, 6, 'the first request and five redirects');
  });

  it('stops reading at the size limit while streaming, and ends a silent server at the time limit', async () => {
    const policy = { allowPrivate: true };
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

  it('says why in plain words, as a clause and as a sentence', () => {
    const err = new OutboundError('address_refused', 'private');
    assert.equal(err.message, 'that address points inside a private network, so Tandem will not fetch it');
    assert.equal(err.sentence, 'That address points inside a private network, so Tandem will not fetch it.');
  });
});
