/**
 * The files PXELINUX asks the TFTP server for, in order, before it settles on a config: the client UUID,
 * `01-<mac>` (ARP type 1 = Ethernet), the IPv4 address in upper-case hex shortened one digit at a time,
 * then `default`.
 */

export interface LookupInput {
  mac: string;
  ip: string;
  uuid?: string;
}

export class LookupError extends Error {
  override readonly name = 'LookupError';
}

export function normalizeMac(mac: string): string {
  const hex = mac
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
  if (hex.length !== 12 || !/^([0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$/i.test(mac.trim())) {
    throw new LookupError(`"${mac}" is not a MAC address: write it like 52:54:00:12:34:56.`);
  }
  return hex.match(/../g)!.join('-');
}

export function hexIp(ip: string): string {
  const parts = ip.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new LookupError(`"${ip}" is not an IPv4 address: write it like 192.168.255.50.`);
  }
  return parts.map((p) => Number(p).toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** Config file names under pxelinux.cfg/, in the order PXELINUX tries them. */
export function lookupOrder(input: LookupInput): string[] {
  const names: string[] = [];
  if (input.uuid) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.uuid.trim())) {
      throw new LookupError(`"${input.uuid}" is not a UUID: write it like b8945908-d6a6-41a9-611d-74a6ab80b83d.`);
    }
    names.push(input.uuid.trim().toLowerCase());
  }
  names.push(`01-${normalizeMac(input.mac)}`);
  const hex = hexIp(input.ip);
  for (let length = hex.length; length >= 1; length--) names.push(hex.slice(0, length));
  names.push('default');
  return names;
}
