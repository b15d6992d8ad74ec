/**
 * How QEMU's user networking stands in for the site: the subnet and router address, the lease's address,
 * the boot file the router would hand this firmware/MAC (options 67 / 17, next-server), the TFTP root, and
 * the HTTP hosts the chain names, each reached through a `guestfwd` to a local server. Every place where
 * QEMU's DHCP/TFTP differs from the router's is said in `notes`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRouterOs } from '../languages/routeros/parser';
import { bootFileOf, dhcpFacts, offerFor, type LeaseFact } from '../chain/offer';
import { loaderOf } from '../chain/hops';
import type { Firmware } from '../chain/model';
import { loadSite } from '../site/load';
import type { Site } from '../site/model';
import { siteView } from '../site/view';
import { servedPath, type SiteView } from '../core/ruleContext';
import { inSubnet, isIpv4, isIpv4Network } from '../core/ipv4';
import { escapeControl, readTextOrThrow, UntrustedInputError } from '../core/untrusted';

export class VmError extends Error {
  override readonly name = 'VmError';
}

export interface VmPlan {
  site: SiteView;
  firmware: Firmware;
  /** UEFI with Secure Boot on: OVMF's Secure Boot build, Microsoft's keys enrolled, no iPXE ROM on the card. */
  secureBoot: boolean;
  mac: string;
  /** The machine's name in the chain (its lease comment, or "Any BIOS machine"). */
  machine: string;
  /** `net=` and `host=` of the user network (the site's subnet and router address). */
  net?: string;
  host?: string;
  /** The address QEMU's DHCP hands out first (`dhcpstart=`): the lease's. */
  dhcpStart?: string;
  /** What QEMU's DHCP sends as the boot file: a TFTP name or a URL. */
  bootFile: string;
  /** Folder QEMU's TFTP server serves. */
  tftpRoot?: string;
  /** HTTP hosts of the chain (`192.168.255.2:80`), each forwarded to the local server for the HTTP folder. */
  httpHosts: { host: string; port: number }[];
  memoryMiB: number;
  timeoutSeconds: number;
  notes: string[];
}

export interface VmRequest {
  firmware?: Firmware;
  /** Secure Boot on (UEFI only; without `firmware` it means UEFI). */
  secureBoot?: boolean;
  mac?: string;
  memoryMiB?: number;
  timeoutSeconds?: number;
}

const URL_SCHEME = /^(https?|tftp):\/\//i;
const QEMU_MAC = '52:54:00:12:34:56';

const shown = (value: unknown): string => `"${escapeControl(String(value))}"`;

/** The VM's MAC (lower case, colons), or a VmError that says how to write one. */
export function checkedMac(mac: string): string {
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac))
    throw new VmError(`${shown(mac)} is not a MAC address: write it as 52:54:00:12:34:56.`);
  return mac;
}

/** Runs a read of untrusted input; its refusal (a message naming the file and the fix) becomes a VmError. */
function refusedAsVmError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UntrustedInputError) throw new VmError(error.message);
    throw error;
  }
}

/** A whole number in a range, or a VmError naming the setting and the value. */
function whole(value: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new VmError(
      `${what} ${shown(value)} must be a whole number from ${min} to ${max}: correct it in the site file or the command.`,
    );
  return value;
}

/**
 * `net=` and `host=` of the user network: the site's subnet and router. Both reach QEMU's option list, so what
 * is not an address is refused, not passed on; a real network QEMU cannot take (/31, /32, /7) is a note.
 */
function userNetwork(site: Site, siteFile: string, notes: string[]): { net?: string; host?: string } {
  const { subnet, router } = site.network ?? {};
  if (subnet !== undefined && !isIpv4Network(subnet))
    throw new VmError(
      `network.subnet ${shown(subnet)} in ${siteFile} is not an IPv4 network: write it like 192.168.255.0/24.`,
    );
  if (router !== undefined && !isIpv4(router))
    throw new VmError(
      `network.router ${shown(router)} in ${siteFile} is not an IPv4 address: write four numbers ` +
        '0–255 separated by dots, like 192.168.255.1.',
    );
  if (subnet === undefined) return {};
  if (!isIpv4Network(subnet, 8, 30)) {
    notes.push(
      `network.subnet ${subnet} cannot be QEMU's user network; it uses 10.0.2.0/24, so URLs ` +
        `naming the site's hosts do not resolve inside the VM.`,
    );
    return {};
  }
  if (router && !inSubnet(router, subnet))
    throw new VmError(
      `network.router ${router} is not inside network.subnet ${subnet} in ${siteFile}: QEMU ` +
        'cannot put its router there. Correct one of them.',
    );
  return { net: subnet, ...(router ? { host: router } : {}) };
}

/** The lease's address as QEMU's first DHCP address, when it is one inside the user network. */
function leaseStart(
  address: string,
  at: { mac: string; net?: string; host?: string; routerConfig?: string },
  notes: string[],
): string | undefined {
  if (/^[a-z][\w.-]*$/i.test(address)) {
    notes.push(
      `The lease of ${at.mac} takes its address from pool ${address}; QEMU hands out its first address instead.`,
    );
    return undefined;
  }
  if (!isIpv4(address))
    throw new VmError(
      `The lease of ${at.mac} in ${at.routerConfig ?? 'the router config'} has ` +
        `address=${shown(address)}, which is not an IPv4 address: write one address, like ` +
        'address=192.168.255.50 (the linter marks the line).',
    );
  if (!at.net || !inSubnet(address, at.net) || address === at.host) {
    notes.push(
      `The lease's address ${address} is outside QEMU's network${at.net ? ` ${at.net}` : ''} (or ` +
        `is the router's); the VM gets QEMU's first address instead.`,
    );
    return undefined;
  }
  notes.push(`QEMU's DHCP hands out ${address} (the lease of ${at.mac}) from dhcpstart; it has no per-MAC leases.`);
  return address;
}

/** The machine: firmware, MAC, memory and timeout from the request, else the site's `vm`, else the defaults. */
function machineOf(
  site: Site,
  request: VmRequest,
  notes: string[],
): Pick<VmPlan, 'firmware' | 'secureBoot' | 'mac' | 'memoryMiB' | 'timeoutSeconds'> {
  const vm = site.vm;
  // The request's own choice, else the site's vm.secureBoot (unless the request asks for BIOS).
  const secureBoot = secureBootOf(request) ?? (vm?.secureBoot === true && request.firmware !== 'bios');
  // Secure Boot is a UEFI feature: asking for it picks UEFI unless the request itself says BIOS.
  const firmware = request.firmware ?? (secureBoot ? 'uefi' : (vm?.firmware ?? 'bios'));
  if (secureBoot && firmware !== 'uefi')
    throw new VmError(
      'Secure Boot is a UEFI feature: a BIOS VM cannot boot with it. Choose UEFI (--firmware uefi, or no ' +
        '--firmware) or leave Secure Boot off.',
    );
  if (secureBoot && vm?.firmware === 'bios' && !request.firmware)
    notes.push("Secure Boot means UEFI: the site's vm.firmware (bios) is not used for this run.");
  return {
    firmware,
    secureBoot,
    mac: checkedMac((request.mac ?? vm?.mac ?? QEMU_MAC).toLowerCase()),
    memoryMiB: whole(request.memoryMiB ?? vm?.memoryMiB ?? 2048, 'The memory (MiB)', 64, 65536),
    timeoutSeconds: whole(request.timeoutSeconds ?? vm?.timeoutSeconds ?? 300, 'The timeout (seconds)', 1, 86400),
  };
}

/** `secureBoot` as given (a task definition is JSON: anything but true or false is refused, not guessed). */
function secureBootOf(request: VmRequest): boolean | undefined {
  const value: unknown = request.secureBoot;
  if (value !== undefined && typeof value !== 'boolean')
    throw new VmError(`secureBoot ${shown(value)} must be true or false: correct it in the task or the command.`);
  return value;
}

/** What the router's DHCP hands this machine: its lease, the boot file and option 17. */
interface RouterOffer {
  machine: string;
  bootFile: string;
  rootPath?: string;
  lease?: LeaseFact;
}

/** The offer of the site's router config for this firmware and MAC, or the loader the chain assumes without one. */
function routerOffer(
  view: SiteView,
  at: { firmware: Firmware; mac: string; host?: string },
  notes: string[],
): RouterOffer {
  const { firmware, mac, host } = at;
  const routerConfig = view.routerConfig;
  if (!routerConfig || !existsSync(routerConfig)) {
    const bootFile = firmware === 'bios' ? 'lpxelinux.0' : 'syslinux.efi';
    notes.push(
      `No router config in the site file: the VM gets ${bootFile}, ` +
        `the loader the boot chain assumes for ${firmware.toUpperCase()}.`,
    );
    return { machine: `Any ${firmware === 'bios' ? 'BIOS' : 'UEFI'} machine`, bootFile };
  }
  const facts = dhcpFacts(routerConfig, parseRouterOs(refusedAsVmError(() => readTextOrThrow(routerConfig))).ast);
  const lease = facts.leases.find((l) => l.mac === mac);
  const machine = lease ? (lease.comment ?? lease.mac) : `Any ${firmware === 'bios' ? 'BIOS' : 'UEFI'} machine`;
  const offer = offerFor(facts, firmware, lease);
  const bootFile = bootFileOf(offer)?.name;
  const rootPath = offer.options.get('17')?.text;
  const nextServer = offer.options.get('66')?.text ?? offer.network?.nextServer?.value;
  if (nextServer && host && nextServer !== host)
    notes.push(
      `The router sends TFTP server ${nextServer}; QEMU's TFTP server answers at ${host} instead, ` +
        `serving the same folder (${view.tftpRoot ?? 'none'}).`,
    );
  if (!bootFile)
    throw new VmError(
      `The router config gives ${machine} (${firmware.toUpperCase()}) no boot file ` +
        '(no option 67 and no boot-file-name): fix that first (see the Boot Chain view).',
    );
  return { machine, bootFile, ...(rootPath ? { rootPath } : {}), ...(lease ? { lease } : {}) };
}

/**
 * What QEMU's DHCP sends as the boot file. QEMU's NIC ROM is iPXE already: an iPXE binary as the boot file
 * would ask DHCP again, get the same file and loop (slirp cannot tell the second request apart). The router's
 * setup does `dhcp && chain ${root-path}`, so the VM gets option 17 instead. Under Secure Boot the card has no
 * iPXE ROM: the firmware's own PXE client loads the boot file as the router names it, and refuses it unsigned.
 */
function qemuBootFile(offer: RouterOffer, at: { firmware: Firmware; secureBoot: boolean }, notes: string[]): string {
  const { firmware, secureBoot } = at;
  let bootFile = offer.bootFile;
  const loader = loaderOf(bootFile);
  if (secureBoot) secureBootNotes(bootFile, loader.family === 'ipxe', notes);
  else if (!URL_SCHEME.test(bootFile) && loader.family === 'ipxe') {
    if (!offer.rootPath)
      throw new VmError(
        `The boot file ${escapeControl(bootFile)} is iPXE, which under QEMU (whose network card already runs iPXE) ` +
          "would loop, and the router sends no option 17 (root-path) to chain to. Add option 17 with the boot script's URL.",
      );
    notes.push(
      `${bootFile} is iPXE: QEMU's network card runs iPXE already, so the VM is handed option 17 (${offer.rootPath}) ` +
        'as its boot file, as the embedded `dhcp && chain ${root-path}` would chain it.',
    );
    bootFile = offer.rootPath;
  }
  if (loader.firmware && loader.firmware !== firmware && !URL_SCHEME.test(bootFile))
    notes.push(
      `${bootFile} is a ${loader.firmware.toUpperCase()} loader but the VM boots ${firmware.toUpperCase()}: ` +
        'expect the firmware to refuse it.',
    );
  return bootFile;
}

/** What differs from the router's network under Secure Boot, said before the run. */
function secureBootNotes(bootFile: string, ipxe: boolean, notes: string[]): void {
  notes.push(
    "Secure Boot on: OVMF's Secure Boot build with Microsoft's keys enrolled (a fresh copy of its variables " +
      "per run). QEMU's iPXE ROM is left off the network card (it is unsigned and would be refused): the " +
      "firmware's own PXE client fetches the boot file over TFTP.",
  );
  if (URL_SCHEME.test(bootFile))
    notes.push(
      `The boot file ${bootFile} is a URL: the firmware's PXE client fetches names over TFTP only (UEFI HTTP ` +
        'Boot is not set up in the test VM), so expect it to fail. Hand UEFI machines shim (shimx64.efi) instead.',
    );
  else if (ipxe)
    notes.push(
      `${bootFile} is iPXE: the firmware starts it only if it is signed by a key in its db (an iPXE shim-signed ` +
        'release); Debian\'s ipxe.efi is not, so expect "Access Denied".',
    );
}

/** The boot file must be there, or the VM stops right after DHCP. */
function checkBootFileThere(view: SiteView, bootFile: string): void {
  if (URL_SCHEME.test(bootFile)) {
    const local = bootFile.startsWith('http') ? servedPath(view.http, bootFile) : undefined;
    if (view.http && bootFile.startsWith(view.http.baseUrl) && local && !existsSync(local))
      throw new VmError(
        `The boot file ${escapeControl(bootFile)} is not in the HTTP folder (${local}): the VM would stop after DHCP. ` +
          'Add the file or correct the URL (see the Boot Chain view).',
      );
  } else if (view.tftpRoot && !existsSync(join(view.tftpRoot, bootFile))) {
    throw new VmError(
      `The boot file ${escapeControl(bootFile)} is not in the TFTP folder (${view.tftpRoot}): ` +
        'the VM would stop after DHCP. Add it (Debian: pxelinux, syslinux-efi or ipxe) or correct option 67.',
    );
  }
}

/** Every HTTP host the site names: the base URL's host and a URL boot file's (none off the site's network). */
function httpHostsOf(view: SiteView, bootFile: string, net: string | undefined): VmPlan['httpHosts'] {
  const hosts = new Map<string, { host: string; port: number }>();
  const addHost = (url: string | undefined): void => {
    if (!url) return;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' || !isIpv4(u.hostname)) return;
      const port = Number(u.port || 80);
      hosts.set(`${u.hostname}:${port}`, { host: u.hostname, port });
    } catch {
      // not a URL
    }
  };
  addHost(view.http?.baseUrl);
  if (URL_SCHEME.test(bootFile)) addHost(bootFile);
  return net ? [...hosts.values()] : [];
}

export function vmPlan(siteFile: string, request: VmRequest = {}): VmPlan {
  // One read, typed by the loader (a wrongly typed field is refused, naming it): the model for network and vm,
  // the view for the rest.
  const site = refusedAsVmError(() => loadSite(siteFile));
  const view = siteView(siteFile, site);
  const notes: string[] = [];
  const { firmware, secureBoot, mac, memoryMiB, timeoutSeconds } = machineOf(site, request, notes);
  const { net, host } = userNetwork(site, siteFile, notes);
  const offer = routerOffer(view, { firmware, mac, ...(host ? { host } : {}) }, notes);
  const lease = offer.lease;
  const routerConfig = view.routerConfig;
  const dhcpStart = lease?.address ? leaseStart(lease.address, { mac, net, host, routerConfig }, notes) : undefined;
  const bootFile = qemuBootFile(offer, { firmware, secureBoot }, notes);
  checkBootFileThere(view, bootFile);
  const httpHosts = httpHostsOf(view, bootFile, net);
  if (!view.http) notes.push('The site has no http section: nothing is served over HTTP to the VM.');
  if (!view.tftpRoot) notes.push('The site has no tftp.root: QEMU serves no TFTP.');
  return {
    site: view,
    firmware,
    secureBoot,
    mac,
    machine: offer.machine,
    ...(net ? { net } : {}),
    ...(host ? { host } : {}),
    ...(dhcpStart ? { dhcpStart } : {}),
    bootFile,
    ...(view.tftpRoot ? { tftpRoot: view.tftpRoot } : {}),
    httpHosts,
    memoryMiB,
    timeoutSeconds,
    notes,
  };
}
