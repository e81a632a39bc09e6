import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The one way Tandem makes a request to another server (a coach's external calendar now, webhooks
 * later). An address typed by a coach must not become a way into the server's own network, so:
 * only http(s); the host is resolved first and every address must be an ordinary public unicast
 * one (no loopback, private, link-local — which holds the cloud metadata address —, CGNAT,
 * multicast, unspecified or reserved ranges, IPv4 mapped or embedded in IPv6 included); the
 * connection goes to the address that was checked (so DNS cannot answer differently a moment
 * later); each redirect is checked the same way; the body is read as a stream and cut at a size;
 * and the whole exchange has a time limit. Error messages never carry the other server's words.
 */
export interface OutboundPolicy {
  /** Tests only: these ports on 127.0.0.1 may be reached (a test's own server). Production never sets it. */
  allowLoopbackPorts?: readonly number[];
}

export interface OutboundRequest {
  maxBytes: number;
  timeoutMs: number;
  accept?: string;
  maxRedirects?: number;
  policy?: OutboundPolicy | undefined;
}

export interface OutboundResponse {
  status: number;
  contentType: string;
  body: Buffer;
  /** The address the body came from, after redirects. */
  url: string;
}

export type OutboundRefusal =
  | 'bad_url'
  | 'address_refused'
  | 'not_found'
  | 'too_large'
  | 'timeout'
  | 'too_many_redirects'
  | 'network';

const plainWords: Record<OutboundRefusal, string> = {
  bad_url: 'the address is not a web address starting with https://',
  address_refused: 'the address points inside this server’s own network, which Tandem does not reach',
  not_found: 'no server answers at that name',
  too_large: 'the answer was larger than Tandem accepts',
  timeout: 'the server did not answer in time',
  too_many_redirects: 'the server sent us on too many redirects',
  network: 'the server could not be reached',
};

export class OutboundError extends Error {
  constructor(readonly reason: OutboundRefusal) {
    super(plainWords[reason]);
    this.name = 'OutboundError';
  }
}

/** True for an ordinary public unicast address (or a loopback port a test allowed). */
export function addressAllowed(ip: string, policy: OutboundPolicy = {}, port?: number): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === 'unicast') return true;
  return range === 'loopback' && port !== undefined && (policy.allowLoopbackPorts ?? []).includes(port);
}

/** The address to connect to for a URL, after checking every address its name resolves to. */
async function checkedAddress(url: URL, policy: OutboundPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (ipaddr.isValid(host)) {
    if (!addressAllowed(host, policy, port)) throw new OutboundError('address_refused');
    return { address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 };
  }
  let found: { address: string; family: number }[];
  try {
    found = await dns.lookup(host, { all: true, verbatim: true });
  } catch {
    throw new OutboundError('not_found');
  }
  // Every address must pass: a name that also resolves inside the network is refused whole.
  if (found.length === 0 || found.some((a) => !addressAllowed(a.address, policy, port)))
    throw new OutboundError('address_refused');
  const first = found[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function parseUrl(raw: string): URL {
  if (!URL.canParse(raw)) throw new OutboundError('bad_url');
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundError('bad_url');
  if (url.username || url.password) throw new OutboundError('bad_url');
  return url;
}

/** GETs a URL under the rules above. Throws an OutboundError in plain words when refused or failed. */
export async function fetchOutbound(raw: string, o: OutboundRequest): Promise<OutboundResponse> {
  const policy = o.policy ?? {};
  const deadline = Date.now() + o.timeoutMs;
  let url = parseUrl(raw);
  for (let hop = 0; hop <= (o.maxRedirects ?? 3); hop++) {
    const target = await checkedAddress(url, policy);
    const res = await getOnce(url, target, o, deadline);
    if (res.location !== undefined) {
      if (!URL.canParse(res.location, url)) throw new OutboundError('bad_url');
      url = parseUrl(new URL(res.location, url).toString());
      continue;
    }
    return { status: res.status, contentType: res.contentType, body: res.body, url: url.toString() };
  }
  throw new OutboundError('too_many_redirects');
}

interface Once {
  status: number;
  contentType: string;
  body: Buffer;
  location: string | undefined;
}

function getOnce(
  url: URL,
  target: { address: string; family: 4 | 6 },
  o: OutboundRequest,
  deadline: number,
): Promise<Once> {
  // Connect to the address we checked, whatever DNS would say now; TLS still names the host.
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Once>((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) return reject(new OutboundError('timeout'));
    const req = client.get(url, { lookup, headers: { accept: o.accept ?? '*/*', 'user-agent': 'Tandem' } }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        clearTimeout(timer);
        return resolve({ status, contentType: '', body: Buffer.alloc(0), location });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Stop reading the moment the limit is passed: the rest is never held in memory.
        if (size > o.maxBytes) {
          req.destroy(new OutboundError('too_large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
          location: undefined,
        });
      });
      res.on('error', (err) => reject(err instanceof OutboundError ? err : new OutboundError('network')));
    });
    const timer = setTimeout(() => req.destroy(new OutboundError('timeout')), left);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err instanceof OutboundError ? err : new OutboundError('network'));
    });
  });
}
