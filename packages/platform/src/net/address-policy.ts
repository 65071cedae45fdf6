import ipaddr from 'ipaddr.js';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidrs(values: string[]): Cidr[] {
  return values.map((value) => ipaddr.parseCIDR(value));
}

/**
 * Whether an import may connect to `address`. Only globally routable unicast addresses are allowed:
 * loopback, private (RFC 1918), link-local (incl. 169.254.169.254 cloud metadata), unique-local,
 * carrier-grade NAT, multicast, reserved and unspecified addresses are refused, IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry, and any other IPv6 address outside 2000::/3
 * (IPv4-compatible, NAT64, unassigned space) is refused. `allowed` ranges (tests only) pass anyway.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export function isAllowedAddress(address: string, allowed: Cidr[] = []): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return true;
  if (ip.range() !== 'unicast') return false;
  // ipaddr calls everything it has no name for unicast, e.g. the deprecated IPv4-compatible ::a.b.c.d
  // (::127.0.0.1): an IPv6 address must also lie in IANA's global unicast block 2000::/3.
  return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
}
