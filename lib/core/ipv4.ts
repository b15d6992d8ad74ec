/** IPv4 addresses as numbers, and whether one lies inside a `a.b.c.d/n` network. */

/** Four decimal numbers (no signs, spaces, hex or exponents: `Number` would take those). */
export function ipv4ToInt(ip: string): number | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return undefined;
  const parts = ip.split('.').map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((n, o) => n * 256 + o, 0) >>> 0;
}

/**
 * An IPv4 address as every reader takes it alike: four numbers 0–255 without leading zeros (`010` is 8 to
 * inet_aton, which QEMU uses, and 10 to others).
 */
export function isIpv4(text: string): boolean {
  return ipv4ToInt(text) !== undefined && !/(^|\.)0\d/.test(text);
}

/** An `address/prefix` network with `isIpv4`'s address and a prefix from `minBits` to `maxBits`. */
export function isIpv4Network(text: string, minBits = 0, maxBits = 32): boolean {
  const [address, bits, more] = text.split('/');
  return (
    more === undefined &&
    address !== undefined &&
    isIpv4(address) &&
    /^\d{1,2}$/.test(bits ?? '') &&
    Number(bits) >= minBits &&
    Number(bits) <= maxBits
  );
}

/** True when `ip` is inside `cidr`; false when either cannot be read. */
export function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const address = ipv4ToInt(ip);
  const base = net ? ipv4ToInt(net) : undefined;
  if (address === undefined || base === undefined || !bits) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (address & mask) >>> 0 === (base & mask) >>> 0;
}
