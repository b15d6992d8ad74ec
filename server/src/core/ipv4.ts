/** IPv4 addresses as numbers, and whether one lies inside a `a.b.c.d/n` network. */

export function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, o) => n * 256 + o, 0) >>> 0;
}

/** True when `ip` is inside `cidr`; false when either cannot be read. */
export function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const address = ipv4ToInt(ip);
  const base = net ? ipv4ToInt(net) : undefined;
  if (address === undefined || base === undefined || !bits) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((address & mask) >>> 0) === ((base & mask) >>> 0);
}
