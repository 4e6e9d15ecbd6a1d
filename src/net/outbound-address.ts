/**
 * Where crisisroom may send a request that a customer chose the address of (webhooks): only to
 * public unicast addresses, so a registered URL cannot make the server reach its own network, the
 * cloud metadata service or itself (SSRF). Checked when the URL is registered, for a clear refusal,
 * and again before every send, because DNS may answer differently later (rebinding); the send then
 * connects to the very address that was checked.
 */
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export interface OutboundPolicy {
  /** Test-only: loopback receivers (127.0.0.1, ::1) are allowed, over http too. */
  allowLoopback: boolean;
}

/** A URL that passed the policy, and the address the request must connect to. */
export interface CheckedUrl {
  url: URL;
  /** The host name as written, without IPv6 brackets: the TLS server name and the Host header. */
  host: string;
  address: string;
  family: 4 | 6;
}

/** The URL itself breaks the policy: retrying cannot help until the URL or its DNS changes. */
export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
}

export type Resolver = (host: string) => Promise<readonly { address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Why an address is refused, in words; ipaddr.js names the range. */
const refusedRanges: Readonly<Record<string, string>> = {
  loopback: 'a loopback address (this server itself)',
  private: 'a private network address (RFC 1918)',
  uniqueLocal: 'a private network address (fc00::/7)',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'the unspecified address',
};

const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254']);

/** Null when the address may be reached; else why not. */
function refusalOf(address: string, policy: OutboundPolicy): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  if (metadataAddresses.has(parsed.toString())) return 'the cloud metadata service';
  const range = parsed.range();
  if (range === 'unicast' || (range === 'loopback' && policy.allowLoopback)) return null;
  return refusedRanges[range] ?? `a reserved address (${range})`;
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new UnsafeUrlError(`"${raw.trim()}" is not a URL: give the full address, like https://hooks.example.com/crisisroom.`);
  }
}

/**
 * Checks a webhook URL against the policy and resolves its host. Throws UnsafeUrlError for a URL
 * the policy refuses; a failed DNS look-up throws the resolver's own error (it may be transient).
 */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy, resolve: Resolver = systemResolver): Promise<CheckedUrl> {
  const url = parseUrl(raw);
  const plainHttp = url.protocol === 'http:';
  if (url.protocol !== 'https:' && !(plainHttp && policy.allowLoopback)) {
    throw new UnsafeUrlError(`Webhook URLs must start with https:// (got ${url.protocol}//…).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeUrlError('Webhook URLs cannot carry a user name or password; every request is signed instead.');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(host) ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }] : await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address in DNS`);
  // Every address must pass: a resolver that answers one public and one private address would
  // otherwise let the connection pick the private one.
  for (const { address } of addresses) {
    const refusal = refusalOf(address, policy);
    if (refusal === null) continue;
    const where = address === host ? `${host} is` : `${host} resolves to ${address},`;
    throw new UnsafeUrlError(`Refused: ${where} ${refusal}; webhooks may only reach public addresses.`);
  }
  if (plainHttp && !addresses.every(({ address }) => ipaddr.process(address).range() === 'loopback')) {
    throw new UnsafeUrlError('Webhook URLs must start with https:// (http:// is only for loopback test receivers).');
  }
  const [first] = addresses;
  return { url, host, address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
