/**
 * How QEMU's user networking stands in for the site: the subnet and router address, the lease's address,
 * the boot file the router would hand this firmware/MAC (options 67 / 17, next-server), the TFTP root, and
 * the HTTP hosts the chain names, each reached through a `guestfwd` to a local server. Every place where
 * QEMU's DHCP/TFTP differs from the router's is said in `notes`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { parseRouterOs } from '../../../server/src/languages/routeros/parser';
import { dhcpFacts, offerFor, type LeaseFact } from '../../../server/src/site/chain/dhcp';
import { loaderOf } from '../../../server/src/site/chain/hops';
import type { Firmware } from '../../../server/src/site/chain/model';
import { readSite } from '../../../server/src/site/context';
import { servedPath, type SiteView } from '../../../server/src/core/context';
import { ipv4ToInt } from '../../../server/src/core/ipv4';

export class VmError extends Error {
  override readonly name = 'VmError';
}

export interface VmPlan {
  site: SiteView;
  firmware: Firmware;
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
  mac?: string;
  memoryMiB?: number;
  timeoutSeconds?: number;
}

const URL_SCHEME = /^(https?|tftp):\/\//i;
const QEMU_MAC = '52:54:00:12:34:56';

interface RawSite {
  network?: { subnet?: string; router?: string };
  vm?: { firmware?: Firmware; memoryMiB?: number; mac?: string; timeoutSeconds?: number };
}

/** The user network's `net=`: the site's subnet when slirp can take it (a /8 to /30 IPv4 network). */
function slirpNet(subnet: string | undefined): string | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(subnet ?? '');
  if (!m || ipv4ToInt(m[1]!) === undefined || Number(m[2]) < 8 || Number(m[2]) > 30) return undefined;
  return subnet;
}

export function vmPlan(siteFile: string, request: VmRequest = {}): VmPlan {
  const site = readSite(siteFile);
  if (!site) throw new VmError(`${siteFile} cannot be read as a site file: run \`pxe-workbench lint ${siteFile}\` to see why.`);
  const raw = (parse(readFileSync(siteFile, 'utf8')) ?? {}) as RawSite;
  const firmware: Firmware = request.firmware ?? raw.vm?.firmware ?? 'bios';
  const mac = (request.mac ?? raw.vm?.mac ?? QEMU_MAC).toLowerCase();
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) throw new VmError(`"${mac}" is not a MAC address: write it as 52:54:00:12:34:56.`);
  const notes: string[] = [];
  const net = slirpNet(raw.network?.subnet);
  if (raw.network?.subnet && !net) notes.push(`network.subnet ${raw.network.subnet} cannot be QEMU's user network; it uses 10.0.2.0/24, so URLs naming the site's hosts do not resolve inside the VM.`);
  const host = net && raw.network?.router ? raw.network.router : undefined;

  let bootFile: string | undefined;
  let lease: LeaseFact | undefined;
  let rootPath: string | undefined;
  let machine = `Any ${firmware === 'bios' ? 'BIOS' : 'UEFI'} machine`;
  if (site.routerConfig && existsSync(site.routerConfig)) {
    const facts = dhcpFacts(site.routerConfig, parseRouterOs(readFileSync(site.routerConfig, 'utf8')).ast);
    lease = facts.leases.find((l) => l.mac === mac);
    if (lease) machine = lease.comment ?? lease.mac;
    const offer = offerFor(facts, firmware, lease);
    bootFile = offer.options.get('67')?.text ?? offer.network?.bootFile?.value;
    rootPath = offer.options.get('17')?.text;
    const nextServer = offer.options.get('66')?.text ?? offer.network?.nextServer?.value;
    if (nextServer && host && nextServer !== host) notes.push(`The router sends TFTP server ${nextServer}; QEMU's TFTP server answers at ${host} instead, serving the same folder (${site.tftpRoot ?? 'none'}).`);
    if (!bootFile) throw new VmError(`The router config gives ${machine} (${firmware.toUpperCase()}) no boot file (no option 67 and no boot-file-name): fix that first (see the Boot Chain view).`);
  } else {
    bootFile = firmware === 'bios' ? 'lpxelinux.0' : 'syslinux.efi';
    notes.push(`No router config in the site file: the VM gets ${bootFile}, the loader the boot chain assumes for ${firmware.toUpperCase()}.`);
  }
  if (lease?.address) {
    if (net) notes.push(`QEMU's DHCP hands out ${lease.address} (the lease of ${mac}) from dhcpstart; it has no per-MAC leases.`);
    else notes.push(`The lease's address ${lease.address} is outside QEMU's network; the VM gets 10.0.2.15.`);
  }

  // QEMU's NIC ROM is iPXE already: an iPXE binary as the boot file would ask DHCP again, get the same file and
  // loop (slirp cannot tell the second request apart). The router's setup does `dhcp && chain ${root-path}`.
  const loader = loaderOf(bootFile);
  if (!URL_SCHEME.test(bootFile) && loader.family === 'ipxe') {
    if (!rootPath) throw new VmError(`The boot file ${bootFile} is iPXE, which under QEMU (whose network card already runs iPXE) would loop, and the router sends no option 17 (root-path) to chain to. Add option 17 with the boot script's URL.`);
    notes.push(`${bootFile} is iPXE: QEMU's network card runs iPXE already, so the VM is handed option 17 (${rootPath}) as its boot file, as the embedded \`dhcp && chain \${root-path}\` would chain it.`);
    bootFile = rootPath;
  }
  if (loader.firmware && loader.firmware !== firmware && !URL_SCHEME.test(bootFile)) notes.push(`${bootFile} is a ${loader.firmware.toUpperCase()} loader but the VM boots ${firmware.toUpperCase()}: expect the firmware to refuse it.`);

  // The boot file must be there, or the VM stops right after DHCP.
  if (URL_SCHEME.test(bootFile)) {
    const local = bootFile.startsWith('http') ? servedPath(site.http, bootFile) : undefined;
    if (site.http && bootFile.startsWith(site.http.baseUrl) && local && !existsSync(local)) throw new VmError(`The boot file ${bootFile} is not in the HTTP folder (${local}): the VM would stop after DHCP. Add the file or correct the URL (see the Boot Chain view).`);
  } else if (site.tftpRoot && !existsSync(join(site.tftpRoot, bootFile))) {
    throw new VmError(`The boot file ${bootFile} is not in the TFTP folder (${site.tftpRoot}): the VM would stop after DHCP. Add it (Debian: pxelinux, syslinux-efi or ipxe) or correct option 67.`);
  }

  // Every HTTP host the site names: the base URL's host and the NAS.
  const httpHosts = new Map<string, { host: string; port: number }>();
  const addHost = (url: string | undefined): void => {
    if (!url) return;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' || ipv4ToInt(u.hostname) === undefined) return;
      const port = Number(u.port || 80);
      httpHosts.set(`${u.hostname}:${port}`, { host: u.hostname, port });
    } catch {
      // not a URL
    }
  };
  addHost(site.http?.baseUrl);
  if (URL_SCHEME.test(bootFile)) addHost(bootFile);
  if (!net) httpHosts.clear();
  if (!site.http) notes.push('The site has no http section: nothing is served over HTTP to the VM.');
  if (!site.tftpRoot) notes.push('The site has no tftp.root: QEMU serves no TFTP.');
  return {
    site,
    firmware,
    mac,
    machine,
    ...(net ? { net } : {}),
    ...(host ? { host } : {}),
    ...(lease?.address && net ? { dhcpStart: lease.address } : {}),
    bootFile,
    ...(site.tftpRoot ? { tftpRoot: site.tftpRoot } : {}),
    httpHosts: [...httpHosts.values()],
    memoryMiB: request.memoryMiB ?? raw.vm?.memoryMiB ?? 2048,
    timeoutSeconds: request.timeoutSeconds ?? raw.vm?.timeoutSeconds ?? 300,
    notes,
  };
}
