import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The one way Tandem makes a request to another server (a coach's external calendar now, webhooks
 * later). An address typed by a coach must not become a way into the server's own network, so:
 * only http(s); the host is resolved first and every address must be an ordinary public unicast
 * one (no loopback, private, link-local — which holds the cloud metadata address —, CGNAT,
 * multicast, broadcast, unspecified or reserved ranges, IPv4 mapped or embedded in IPv6 included);
 * the connection goes to the address that was checked (so DNS cannot answer differently a moment
 * later); each redirect is checked the same way, at most five; the body is read as a stream and cut
 * at a size; and the whole exchange has a time limit. Error messages never carry the other server's
 * words (issue 9, finding 7; issue 15).
 */
export interface OutboundPolicy {
  /**
   * OUTBOUND_ALLOW_PRIVATE: loopback and private-network addresses (10/8, 172.16/12, 192.168/16,
   * 100.64/10, fc00::/7, 127/8, ::1) may be reached, for a calendar server on the coach's own
   * network. Link-local (where cloud metadata lives), the known metadata addresses, unspecified,
   * multicast, broadcast and reserved addresses stay refused.
   */
  allowPrivate?: boolean | undefined;
  /**
   * Tests only: asked about one hop whose address was refused; true lets that hop through. A test
   * allows exactly its own server's first address, so a redirect onward is still checked honestly.
   * Production never sets it.
   */
  allow?: ((hop: OutboundHop) => boolean) | undefined;
}

/** One request of a chain, as the `allow` predicate sees it. */
export interface OutboundHop {
  readonly url: URL;
  /** The address it would connect to (one of those the name resolves to, or the literal IP). */
  readonly address: string;
  readonly port: number;
}

export interface OutboundRequest {
  maxBytes: number;
  timeoutMs: number;
  accept?: string;
  /** Redirects followed before giving up; 5 unless said. */
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

/** What kind of address an IP is; only `public` is reached without an allowance. */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link_local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

// Each a clause, so it reads inside a sentence ("The last read failed: …") and as one (`sentence`).
const plainWords: Record<OutboundRefusal, string> = {
  bad_url: 'that is not a web address starting with https:// (or http://)',
  address_refused: 'that address points inside a private network, so Tandem will not fetch it',
  not_found: 'no server answers at that name',
  too_large: 'the answer was larger than Tandem accepts',
  timeout: 'the server did not answer in time',
  too_many_redirects: 'the server sent Tandem on too many redirects',
  network: 'the server could not be reached',
};

/** A refused or failed outbound request, in words the back office can show as they are. */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundRefusal,
    /** For `address_refused`: what kind of address was refused (for tests and logs, not for people). */
    readonly addressClass?: AddressClass,
  ) {
    super(plainWords[reason]);
    this.name = 'OutboundError';
  }
  /** The message as a sentence of its own: "That address points inside a private network, …". */
  get sentence(): string {
    return `${this.message.charAt(0).toUpperCase()}${this.message.slice(1)}.`;
  }
}

// Cloud metadata services, refused whatever the policy: AWS/GCP/Azure/OpenStack (link-local
// anyway), AWS over IPv6 (inside fc00::/7), Alibaba (inside 100.64/10), Azure's wire server (public).
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16']);
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

function classOfV4(addr: ipaddr.IPv4): AddressClass {
  if (METADATA.has(addr.toString())) return 'metadata';
  switch (addr.range()) {
    case 'unicast':
      return 'public';
    case 'loopback':
      return 'loopback';
    case 'private':
    case 'carrierGradeNat':
      return 'private';
    case 'linkLocal':
      return 'link_local';
    case 'unspecified':
      return 'unspecified';
    case 'multicast':
    case 'broadcast':
      return 'multicast';
    default:
      return 'reserved';
  }
}

/** The kind of address `ip` is; undefined when it is not an IP address at all. */
export function classifyAddress(ip: string): AddressClass | undefined {
  if (net.isIP(ip) === 0) return undefined;
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv4') return classOfV4(addr as ipaddr.IPv4);
  const v6 = addr as ipaddr.IPv6;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) or behind the NAT64 prefix is the IPv4 one.
  if (v6.isIPv4MappedAddress()) return classOfV4(v6.toIPv4Address());
  if (v6.match(NAT64_WELL_KNOWN)) return classOfV4(new ipaddr.IPv4(v6.toByteArray().slice(12)));
  if (METADATA.has(v6.toString())) return 'metadata';
  switch (v6.range()) {
    case 'unicast':
      // ipaddr.js calls anything unnamed unicast, ::7f00:1 (IPv4-compatible) included: only the
      // global unicast block 2000::/3 is.
      return v6.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
    case 'loopback':
      return 'loopback';
    case 'uniqueLocal':
      return 'private';
    case 'linkLocal':
      return 'link_local';
    case 'unspecified':
      return 'unspecified';
    case 'multicast':
      return 'multicast';
    default:
      // 6to4, Teredo, the other NAT64 prefix, documentation, discard…: may hide any IPv4 address.
      return 'reserved';
  }
}

/** True for an address the policy lets Tandem reach: public unicast, or private with allowPrivate. */
export function addressAllowed(ip: string, policy: OutboundPolicy = {}): boolean {
  const kind = classifyAddress(ip);
  if (kind === 'public') return true;
  return policy.allowPrivate === true && (kind === 'private' || kind === 'loopback');
}

/** Resolves before the deadline or fails with `timeout`. */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(new OutboundError('timeout'));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutboundError('timeout')), left);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The address to connect to for a URL, after checking every address its name resolves to. */
async function checkedAddress(
  url: URL,
  policy: OutboundPolicy,
  deadline: number,
): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let found: { address: string; family: number }[];
  if (net.isIP(host) !== 0) found = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      found = await beforeDeadline(dns.lookup(host, { all: true, order: 'verbatim' }), deadline);
    } catch (err) {
      throw err instanceof OutboundError ? err : new OutboundError('not_found');
    }
  }
  if (found.length === 0) throw new OutboundError('not_found');
  // Every address must pass: a name that also resolves inside the network is refused whole.
  for (const a of found) {
    if (addressAllowed(a.address, policy)) continue;
    if (policy.allow?.({ url, address: a.address, port })) continue;
    throw new OutboundError('address_refused', classifyAddress(a.address) ?? 'reserved');
  }
  const first = found[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function parseUrl(raw: string, base?: URL): URL {
  if (!URL.canParse(raw, base)) throw new OutboundError('bad_url');
  const url = new URL(raw, base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundError('bad_url');
  if (url.username || url.password) throw new OutboundError('bad_url');
  return url;
}

/**
 * Checks a URL the way a request to it would be checked (scheme, then every address its name
 * resolves to now), without sending anything: for telling a person at once that an address will
 * be refused. Only the first hop: redirects are checked when the request is made.
 */
export async function checkOutboundUrl(raw: string, o: { timeoutMs: number; policy?: OutboundPolicy }): Promise<void> {
  await checkedAddress(parseUrl(raw), o.policy ?? {}, Date.now() + o.timeoutMs);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GETs a URL under the rules above. Throws an OutboundError in plain words when refused or failed. */
export async function fetchOutbound(raw: string, o: OutboundRequest): Promise<OutboundResponse> {
  const policy = o.policy ?? {};
  const deadline = Date.now() + o.timeoutMs;
  let url = parseUrl(raw);
  for (let hop = 0; hop <= (o.maxRedirects ?? 5); hop++) {
    const target = await checkedAddress(url, policy, deadline);
    const res = await getOnce(url, target, o, deadline);
    if (res.location !== undefined) {
      url = parseUrl(res.location, url);
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
    // agent: false — a socket of its own, never one pooled from a request checked under other answers.
    const options = { lookup, agent: false, headers: { accept: o.accept ?? '*/*', 'user-agent': 'Tandem' } };
    const req = client.get(url, options, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        clearTimeout(timer);
        res.destroy();
        return resolve({ status, contentType: '', body: Buffer.alloc(0), location });
      }
      if (Number(res.headers['content-length'] ?? 0) > o.maxBytes) {
        req.destroy(new OutboundError('too_large'));
        return;
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
