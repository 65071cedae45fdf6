import ipaddr from 'ipaddr.js';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidrs(values: string[]): Cidr[] {
  return values.map((value) => ipaddr.parseCIDR(value));
}

/**
 * Whether an import may connect to `address`. Only globally routable unicast addresses are allowed:
 * loopback, private (RFC 1918), link-local (incl. 169.254.169.254 cloud metadata), unique-local,
 * carrier-grade NAT, multicast, reserved and unspecified addresses are refused, IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry. `allowed` ranges (tests only) pass anyway.
 */
export function isAllowedAddress(address: string, allowed: Cidr[] = []): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return true;
  return ip.range() === 'unicast';
}
