/**
 * The config names GRUB's network search tries (grub-core/net/net.c grub_net_search_config_file, called by
 * `normal` without arguments when `$prefix` is on TFTP: upstream GRUB 2.06 and later, Red Hat's builds since
 * RHEL 7): per network card, the client UUID when DHCP gave one (option 97), `01-<mac>` (lower case, dashes),
 * the IPv4 address in upper-case hex shortened one digit at a time, and at last plain grub.cfg.
 */
import { posix } from 'node:path';
import { hexIp, LookupError, normalizeMac } from '../pxelinux/lookup';

export interface GrubLookupInput {
  mac: string;
  ip: string;
  /** The client UUID DHCP option 97 carries (GRUB tries it only when the DHCP answer has the option). */
  uuid?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The file names GRUB tries, in order (grub.cfg last); without an IP address (not known yet) the hex names are
 * left out. Throws LookupError for a malformed MAC, IP or UUID.
 */
export function grubLookupNames(mac: string, ip?: string, uuid?: string): string[] {
  const names: string[] = [];
  if (uuid) {
    if (!UUID.test(uuid.trim()))
      throw new LookupError(`"${uuid}" is not a UUID: write it like b8945908-d6a6-41a9-611d-74a6ab80b83d.`);
    names.push(`grub.cfg-${uuid.trim().toLowerCase()}`);
  }
  names.push(`grub.cfg-01-${normalizeMac(mac)}`);
  const hex = ip === undefined ? '' : hexIp(ip);
  for (let length = hex.length; length >= 1; length--) names.push(`grub.cfg-${hex.slice(0, length)}`);
  names.push('grub.cfg');
  return names;
}

/** The same names under `prefix` (a folder relative to the TFTP root, `/` separated). */
export function grubLookupOrder(input: GrubLookupInput, prefix: string): string[] {
  return grubLookupNames(input.mac, input.ip, input.uuid).map((name) =>
    posix.join(prefix || '.', name).replace(/^\.\//, ''),
  );
}
