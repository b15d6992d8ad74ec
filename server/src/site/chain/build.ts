/** Follows the boot chain of a site, hop by hop, for each kind of machine; reports what breaks between files. */
import { basename, dirname, join, posix, resolve } from 'node:path';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { decodeUrlPath, imageArtifact, servedPath } from '../../core/context';
import { analyze } from '../../core/language';
import type { Fix, Problem, Related } from '../../core/problem';
import { ignition } from '../../languages/ignition';
import { parseIpxe } from '../../languages/ipxe';
import { splitArgs } from '../../languages/ipxe/args';
import { modelOf, type IpxeModel } from '../../languages/ipxe/model';
import { lookupOrder, parsePxelinux, type PxelinuxConfig } from '../../languages/pxelinux';
import type { Directive } from '../../languages/pxelinux/ast';
import { localPath, urlHost } from '../../languages/pxelinux/paths';
import { parseRouterOs } from '../../languages/routeros';
import { dhcpFacts, offerFor, type DhcpFacts, type LeaseFact, type Offer, type OptionFact } from './dhcp';
import { FIRMWARES, type Chain, type ChainInputs, type Client, type Firmware, type Hop, type HopKind, type Place } from './model';
import { nginxLocations, serve, type Location } from './nginx';

export const UPDATE_IMAGES_COMMAND = 'pxeWorkbench.updateImages';

type Loader = { family: 'pxelinux' | 'ipxe' | 'other'; firmware?: Firmware };

/** What a boot file is, by its name. */
export function loaderOf(name: string): Loader {
  const file = basename(name).toLowerCase();
  if (/^(l|g)?pxelinux\.0$/.test(file)) return { family: 'pxelinux', firmware: 'bios' };
  if (/^syslinux(64)?\.efi$/.test(file)) return { family: 'pxelinux', firmware: 'uefi' };
  if (/\.(kpxe|kkpxe|kkkpxe|pxe)$/.test(file) || /^undionly/.test(file)) return { family: 'ipxe', firmware: 'bios' };
  if (/(ipxe|snponly|snp)[\w.-]*\.efi$/.test(file)) return { family: 'ipxe', firmware: 'uefi' };
  if (/\.efi$/.test(file)) return { family: 'other', firmware: 'uefi' };
  if (/\.0$/.test(file)) return { family: 'other', firmware: 'bios' };
  return { family: 'other' };
}

/** The last path segment of a URL, keeping `${scope/name}` settings whole. */
function urlName(url: string): string {
  const settings: string[] = [];
  const masked = (url.split(/[?#]/)[0] as string).replace(/\$\{[^}]*\}/g, (m) => `\u{e000}${settings.push(m) - 1}\u{e001}`);
  const name = masked.slice(masked.lastIndexOf('/') + 1).replace(/\u{e000}(\d+)\u{e001}/gu, (_, i: string) => settings[Number(i)] ?? '');
  return name || url;
}

const FIRMWARE_NAME: Record<Firmware, string> = { bios: 'BIOS', uefi: 'UEFI' };

/** What iPXE knows about the machine at boot time (`${net0/mac}`, `${ip}`, …). */
interface Env {
  client: Client;
  tftpServer?: string;
  tftpServerAt?: Place;
  rootPath?: OptionFact;
  bootFile?: string;
  /** The loader that reads the current config (for syslinux.efi's HTTP quirk). */
  loader?: Loader;
}

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export class ChainBuilder {
  private readonly problems = new Map<string, Problem[]>();
  private readonly reported = new Set<string>();
  private readonly files = new Set<string>();
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, unknown>();
  private locations: Location[] | undefined;
  /** Files on the path being followed (a script that chains itself must not recurse forever). */
  private readonly following = new Set<string>();
  private readonly notes: string[] = [];
  private facts: DhcpFacts | undefined;

  constructor(private readonly inputs: ChainInputs) {}

  private get site() {
    return this.inputs.site;
  }

  build(): Chain {
    const facts = this.routerFacts();
    this.facts = facts;
    const clients: Client[] = [];
    const machine = this.inputs.machine;
    const firmwares = FIRMWARES.filter((f) => !machine?.firmware || f === machine.firmware);
    const mac = machine?.mac?.toLowerCase().replace(/-/g, ':');
    const leases = (facts?.leases ?? []).filter((l) => !mac || l.mac === mac);
    if (!mac || !leases.length) {
      for (const firmware of firmwares) clients.push(this.client(facts, firmware, undefined, mac));
    }
    for (const lease of leases) {
      for (const firmware of this.leaseFirmwares(facts as DhcpFacts, lease)) if (firmwares.includes(firmware)) clients.push(this.client(facts, firmware, lease));
    }
    return { site: this.site, clients, problems: this.problems, files: this.files, texts: this.texts, notes: this.notes };
  }

  // ---- files -------------------------------------------------------------------------------------

  private text(path: string): string | undefined {
    this.files.add(path);
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.inputs.read(path);
    if (text !== undefined) this.texts.set(path, text);
    return text;
  }

  private parse<T>(path: string, parser: (text: string) => T): T | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path) as T | undefined;
    const text = this.text(path);
    const value = text === undefined ? undefined : parser(text);
    this.parsed.set(path, value);
    return value;
  }

  /** 'ok', 'missing', or 'dangling' (a symlink whose target is not there). */
  private fileState(path: string): 'ok' | 'missing' | 'dangling' {
    this.files.add(path);
    const { files } = this.inputs;
    if (!files.exists(path)) return 'missing';
    const target = files.link?.(path);
    if (target === undefined) return 'ok';
    this.files.add(resolve(dirname(path), target));
    return files.exists(resolve(dirname(path), target)) ? 'ok' : 'dangling';
  }

  // ---- reporting --------------------------------------------------------------------------------

  private report(ruleId: string, at: Place, message: string, related: Related[] = [], fixes?: Fix[]): void {
    const key = `${ruleId}\u0000${at.file}\u0000${at.start}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const list = this.problems.get(at.file) ?? [];
    list.push({ ruleId, start: at.start, end: at.end, message, ...(related.length ? { related } : {}), ...(fixes ? { fixes } : {}) });
    this.problems.set(at.file, list);
  }

  private relate(place: Place | undefined, message: string): Related[] {
    return place ? [{ file: place.file, start: place.start, end: place.end, message }] : [];
  }

  private rel(path: string): string {
    return posix.normalize(path.startsWith(this.site.root) ? path.slice(this.site.root.length + 1).split('\\').join('/') : path);
  }

  // ---- DHCP -------------------------------------------------------------------------------------

  private routerFacts(): DhcpFacts | undefined {
    const file = this.site.routerConfig;
    if (!file) {
      this.notes.push('pxe-site.json names no router config (router.config): the chain assumes the usual loaders, lpxelinux.0 for BIOS and syslinux.efi for UEFI.');
      return undefined;
    }
    const script = this.parse(file, (text) => parseRouterOs(text).ast);
    if (!script) {
      this.notes.push(`The router config ${this.rel(file)} (router.config in pxe-site.json) is missing: create it or correct the path.`);
      return undefined;
    }
    return dhcpFacts(file, script);
  }

  /** A lease whose boot file only one firmware can run belongs to that firmware; otherwise to both. */
  private leaseFirmwares(facts: DhcpFacts, lease: LeaseFact): Firmware[] {
    return FIRMWARES.filter((firmware) => {
      const offer = offerFor(facts, firmware, lease);
      const boot = offer.options.get('67')?.text ?? offer.network?.bootFile?.value;
      const pinned = boot ? loaderOf(boot).firmware : undefined;
      return !pinned || URL_SCHEME.test(boot ?? '') || pinned === firmware;
    });
  }

  private client(facts: DhcpFacts | undefined, firmware: Firmware, lease?: LeaseFact, mac?: string): Client {
    const offer: Offer | undefined = facts ? offerFor(facts, firmware, lease) : undefined;
    const hostname = offer?.options.get('12')?.text;
    const name = lease ? (hostname ?? lease.comment ?? lease.mac) : mac ? `${mac} (no static lease)` : `Any ${FIRMWARE_NAME[firmware]} machine`;
    const id = lease ? `${firmware}/${lease.mac}` : mac ? `${firmware}/${mac}` : firmware;
    const client: Client = {
      id,
      firmware,
      name,
      ...(lease || mac ? { mac: lease?.mac ?? (mac as string) } : {}),
      ...(lease?.address ? { ip: lease.address } : {}),
      ...(hostname ? { hostname } : {}),
      root: { kind: 'dhcp', label: 'DHCP', status: 'ok', children: [] },
    };
    client.root = facts && offer ? this.dhcpHop(client, facts, offer, lease) : this.assumedDhcp(client);
    return client;
  }

  private assumedDhcp(client: Client): Hop {
    const boot = client.firmware === 'bios' ? 'lpxelinux.0' : 'syslinux.efi';
    const env: Env = { client, ...(this.site.tftpServer ? { tftpServer: this.site.tftpServer } : {}) };
    return { kind: 'dhcp', label: 'DHCP (not in the workspace)', detail: `assumed boot file ${boot}`, status: 'unknown', message: this.notes[0] ?? '', children: [this.loaderHop(env, boot, undefined, false)] };
  }

  private dhcpHop(client: Client, facts: DhcpFacts, offer: Offer, lease?: LeaseFact): Hop {
    const network = offer.network;
    const source: Place = lease?.at ?? network?.at ?? { file: facts.file, start: 0, end: 0 };
    const option66 = offer.options.get('66');
    const next = network?.nextServer;
    const tftpServer = option66?.text ?? next?.value;
    const tftpServerAt = option66?.text ? option66.at : next?.at;
    const sets = offer.sets.length ? `option set ${offer.sets.join(', ')}` : 'no option set';
    const hop: Hop = { kind: 'dhcp', label: 'DHCP', detail: `${lease ? `lease ${lease.address ?? lease.mac}` : `network ${network?.address ?? ''}`.trim()} · ${sets}`, at: source, status: 'ok', children: [] };

    if (option66?.text && next && option66.text !== next.value) {
      this.report('chain.nextServerMismatch', option66.at, `Option 66 names the TFTP server ${option66.text}, but the network's next-server is ${next.value}: some firmware asks one, some the other. Make both the TFTP server's address.`, this.relate(next.at, `next-server ${next.value}`));
      hop.status = 'warning';
      hop.message = `option 66 (${option66.text}) and next-server (${next.value}) disagree`;
    }
    // Option 66 without any next-server is routeros.missingNextServer's (single-file) finding.
    if (tftpServer && tftpServerAt && !this.knownHost(tftpServer)) {
      this.report('chain.foreignHost', tftpServerAt, `The TFTP server ${tftpServer} is neither the NAS (${this.site.nas ?? 'network.nas not set'}) nor the router (${this.site.router ?? 'network.router not set'}) of pxe-site.json: correct the address, or the site file.`);
    }

    const option67 = offer.options.get('67');
    const bootName = option67?.text ?? network?.bootFile?.value;
    const bootAt = option67?.text ? option67.at : network?.bootFile?.at;
    const env: Env = { client, ...(tftpServer ? { tftpServer } : {}), ...(tftpServerAt ? { tftpServerAt } : {}), ...(offer.options.get('17') ? { rootPath: offer.options.get('17') as OptionFact } : {}), ...(bootName ? { bootFile: bootName } : {}) };
    if (!bootName || !bootAt) {
      const where = lease ? `the lease ${lease.mac}` : `this network`;
      this.report('chain.noBootFile', source, `Machines on ${where} get no boot file (${sets}, no option 67, no boot-file-name): they cannot network-boot. Add option 67 to the option set.`);
      hop.status = 'missing';
      hop.message = 'no boot file (option 67 or boot-file-name)';
      return hop;
    }
    const loader = loaderOf(bootName);
    if (loader.firmware && loader.firmware !== client.firmware && !URL_SCHEME.test(bootName)) {
      this.report(
        'chain.firmwareMismatch',
        bootAt,
        `${FIRMWARE_NAME[client.firmware]} machines${lease ? '' : ' without a lease'} get ${bootName}, a ${FIRMWARE_NAME[loader.firmware]} loader (${sets}): the firmware refuses it. Give them their own option set with a matcher, e.g. /ip dhcp-server matcher add code=93 value=${client.firmware === 'uefi' ? '0x0007' : '0x0000'} option-set=<set> server=<dhcp server>.`,
        this.relate(source, lease ? 'the lease' : 'the network that hands it out'),
      );
      hop.children.push({ kind: 'loader', label: bootName, at: bootAt, status: 'missing', message: `a ${FIRMWARE_NAME[loader.firmware]} loader: ${FIRMWARE_NAME[client.firmware]} firmware cannot run it`, children: [] });
      return hop;
    }
    hop.children.push(this.loaderHop(env, bootName, bootAt, Boolean(option67?.text)));
    return hop;
  }

  /**
   * When the router itself serves TFTP (DHCP names it, and the script has `/ip tftp` entries): the entry
   * whose req-filename matches, and the TFTP-root file its real-filename is deployed from (the router's
   * `tftp/` folder mirrors the site's TFTP root).
   */
  private routerTftp(env: Env, name: string): { matched: boolean; entry: { real: string; at: Place }; file?: string } | undefined {
    const entries = this.facts?.tftp ?? [];
    if (!entries.length || !env.tftpServer || env.tftpServer !== this.site.router || env.tftpServer === this.site.tftpServer) return undefined;
    for (const entry of entries) {
      let re: RegExp;
      try {
        re = new RegExp(entry.req === '' ? '.*' : `^(?:${entry.req})$`);
      } catch {
        continue;
      }
      if (!re.test(name)) continue;
      const real = entry.real.endsWith('/') ? `${entry.real}${name}` : entry.real;
      return { matched: true, entry, file: real.replace(/^\/+/, '').replace(/^tftp\//, '') };
    }
    return { matched: false, entry: entries[0] as { real: string; at: Place } };
  }

  /** The NAS, the router, or the TFTP server named in the site file. */
  private knownHost(host: string): boolean {
    const s = this.site;
    const base = s.http ? urlHost(s.http.baseUrl) : undefined;
    return host === s.nas || host === s.router || host === s.tftpServer || host === base;
  }

  private nasHost(host: string): boolean {
    const s = this.site;
    return host === s.nas || host === s.tftpServer || (s.http !== undefined && host === urlHost(s.http.baseUrl));
  }

  // ---- loaders ------------------------------------------------------------------------------------

  private loaderHop(env: Env, name: string, at: Place | undefined, coveredByOption67: boolean): Hop {
    if (URL_SCHEME.test(name)) {
      // A URL boot file: the NIC ROM is iPXE (or UEFI HTTP boot); it fetches this directly.
      const kind: HopKind = /\.efi$/i.test(name) ? 'loader' : 'script';
      return this.urlHop(env, kind, name, at, undefined, { covered: false });
    }
    const root = this.site.tftpRoot;
    const detail = `TFTP ${env.tftpServer ?? this.site.tftpServer ?? ''}`.trim();
    if (!root) return { kind: 'loader', label: name, detail, ...(at ? { at } : {}), status: 'unknown', message: 'pxe-site.json has no tftp.root: add it so the chain can find the loader', children: [] };
    const routed = this.routerTftp(env, name);
    const relative = posix.normalize((routed?.file ?? name).replace(/^\/+/, ''));
    const path = join(root, ...relative.split('/'));
    const hop: Hop = { kind: 'loader', label: name, detail: routed ? `${detail} (router, /ip tftp → ${routed.entry.real})` : detail, via: 'tftp', path, ...(at ? { at } : {}), status: 'ok', children: [] };
    if (routed && !routed.matched) {
      // routeros.bootFileNotServed says so on the option; here the hop stops.
      hop.status = 'missing';
      hop.message = 'the router serves TFTP, and no /ip tftp req-filename matches this name';
      return hop;
    }
    if (relative.startsWith('..') || this.fileState(path) !== 'ok') {
      hop.status = 'missing';
      hop.message = `not in the TFTP root: looked for ${this.rel(path)}`;
      if (routed?.matched) this.report('chain.missingFile', routed.entry.at, `The router answers requests for ${name} with ${routed.entry.real}, which deploy copies from ${this.rel(path)}: that file is not there. Correct real-filename or add the file.`, this.relate(at, `the boot file machines ask for: ${name}`));
      else if (at && !coveredByOption67) this.report('chain.missingFile', at, `The boot file ${name} is not in the TFTP root (looked for ${path}). Correct the name or copy the loader there.`);
      return hop;
    }
    const loader = loaderOf(name);
    const inner: Env = { ...env, loader };
    if (loader.family === 'pxelinux') this.pxelinuxChildren(inner, hop, path);
    else if (loader.family === 'ipxe') this.ipxeLoaderChildren(inner, hop);
    else hop.message = 'PXE Workbench does not follow this loader further';
    return hop;
  }

  private pxelinuxChildren(env: Env, hop: Hop, loaderPath: string): void {
    const dir = dirname(loaderPath);
    const module = env.loader?.firmware === 'uefi' ? 'ldlinux.e64' : 'ldlinux.c32';
    const modulePath = join(dir, module);
    const moduleOk = this.fileState(modulePath) === 'ok';
    hop.children.push({ kind: 'module', label: module, detail: 'TFTP, beside the loader', via: 'tftp', path: modulePath, status: moduleOk ? 'ok' : 'missing', ...(moduleOk ? {} : { message: `${module} is not beside the loader: copy it from the syslinux package` }), children: [] });
    const { mac, ip } = env.client;
    let names = ['default'];
    if (mac) {
      try {
        names = lookupOrder({ mac, ip: ip ?? '0.0.0.0' }).filter((n) => ip || !/^[0-9A-F]+$/.test(n));
      } catch {
        names = ['default'];
      }
    }
    const configDir = join(dir, 'pxelinux.cfg');
    const found = names.map((n) => join(configDir, n)).find((p) => this.fileState(p) === 'ok');
    const tried = names.length > 4 ? `${names.slice(0, 2).join(', ')} … ${names.at(-1) ?? ''} (${names.length} names)` : names.join(', ');
    if (!found) {
      hop.children.push({ kind: 'config', label: 'pxelinux.cfg/default', path: join(configDir, 'default'), status: 'missing', message: `no config: tried ${tried}`, children: [] });
      if (hop.at) this.report('chain.noPxelinuxConfig', hop.at, `${basename(loaderPath)} finds no config for ${env.client.name}: ${this.rel(configDir)}/ has none of ${tried}. Create pxelinux.cfg/default beside the loader.`);
      return;
    }
    const index = names.findIndex((n) => join(configDir, n) === found);
    hop.children.push(this.pxelinuxConfigHop(env, found, index > 0 ? `TFTP, after ${index} name${index === 1 ? '' : 's'} not there (${names.slice(0, Math.min(index, 2)).join(', ')}${index > 2 ? ', …' : ''})` : 'TFTP'));
  }

  private ipxeLoaderChildren(env: Env, hop: Hop): void {
    const root = env.rootPath;
    if (!root?.text) {
      hop.children.push({ kind: 'script', label: 'embedded script', status: 'unknown', message: 'iPXE runs its embedded script; send option 17 (root-path) so `chain ${root-path}` finds the boot script', children: [] });
      return;
    }
    hop.children.push(this.urlHop(env, 'script', root.text, root.at, undefined, { covered: true, note: 'chained by the embedded script `dhcp && chain ${root-path}` (option 17)' }));
  }

  // ---- PXELINUX -----------------------------------------------------------------------------------

  private pxelinuxConfigHop(env: Env, path: string, detail: string): Hop {
    const config = this.parse(path, (text) => parsePxelinux(text).ast);
    const hop: Hop = { kind: 'config', label: `pxelinux.cfg/${basename(path)}`, detail, via: 'tftp', path, status: 'ok', children: [] };
    if (!config) return hop;
    const defaultName = config.global.find((d) => d.name === 'default' || d.name === 'ontimeout')?.argument?.text.split(/\s+/)[0];
    const ui = config.global.find((d) => d.name === 'ui')?.argument;
    if (ui) hop.children.push(this.pxelinuxFile(env, path, 'module', ui.text.split(/\s+/)[0] as string, { file: path, start: ui.start, end: ui.start + (ui.text.split(/\s+/)[0] as string).length }));
    for (const label of config.labels) {
      const isDefault = label.name.text === defaultName;
      const labelHop: Hop = { kind: 'label', label: `LABEL ${label.name.text}${isDefault ? ' (default)' : ''}`, at: { file: path, start: label.name.start, end: label.name.end }, status: 'ok', children: [] };
      this.pxelinuxLabel(env, path, config, label.directives, labelHop);
      hop.children.push(labelHop);
    }
    return hop;
  }

  private pxelinuxLabel(env: Env, path: string, _config: PxelinuxConfig, directives: Directive[], hop: Hop): void {
    const word = (d: Directive | undefined): { text: string; at: Place } | undefined => {
      const a = d?.argument;
      if (!a) return undefined;
      const text = a.text.split(/\s+/)[0] as string;
      return { text, at: { file: path, start: a.start, end: a.start + text.length } };
    };
    const kernel = word(directives.find((d) => d.name === 'kernel' || d.name === 'linux'));
    const append = directives.find((d) => d.name === 'append')?.argument;
    if (directives.some((d) => d.name === 'localboot')) {
      hop.children.push({ kind: 'local', label: 'local disk', status: 'ok', children: [] });
      return;
    }
    if (kernel) {
      const k = this.pxelinuxFile(env, path, 'kernel', kernel.text, kernel.at);
      hop.children.push(k);
      // An iPXE kernel (ipxe.lkrn) runs its APPEND line as commands: follow its `chain URL`.
      if (/ipxe|\.lkrn$/i.test(kernel.text) && append) {
        const chain = /(?:^|\s)chain\s+(\S+)/.exec(append.text);
        if (chain?.[1]) {
          const start = append.start + (chain.index ?? 0) + chain[0].length - chain[1].length;
          k.children.push(this.urlHop(env, 'script', chain[1], { file: path, start, end: start + chain[1].length }, undefined, { covered: false }));
        }
        return;
      }
    }
    const initrd = word(directives.find((d) => d.name === 'initrd'));
    if (initrd) {
      let offset = initrd.at.start;
      for (const name of initrd.text.split(',')) {
        hop.children.push(this.pxelinuxFile(env, path, 'initrd', name, { file: path, start: offset, end: offset + name.length }));
        offset += name.length + 1;
      }
    }
    if (append) {
      for (const m of append.text.matchAll(/(?:^|\s)(initrd|coreos\.live\.rootfs_url|ignition\.config\.url|coreos\.inst\.ignition_url)=(\S+)/g)) {
        const start = append.start + (m.index ?? 0) + m[0].length - (m[2] as string).length;
        let offset = start;
        for (const value of m[1] === 'initrd' ? (m[2] as string).split(',') : [m[2] as string]) {
          const at = { file: path, start: offset, end: offset + value.length };
          offset += value.length + 1;
          const kind: HopKind = m[1] === 'initrd' ? 'initrd' : /rootfs/.test(m[1] as string) ? 'rootfs' : 'ignition';
          hop.children.push(kind === 'initrd' ? this.pxelinuxFile(env, path, kind, value, at) : this.urlHop(env, kind, value, at, undefined, { covered: false }));
        }
      }
    }
  }

  /** A PXELINUX file name: a TFTP name under the loader's root, or a URL (HTTP via lpxelinux/syslinux.efi). */
  private pxelinuxFile(env: Env, configPath: string, kind: HopKind, name: string, at: Place): Hop {
    if (URL_SCHEME.test(name)) {
      const hop = this.urlHop(env, kind, name, at, undefined, { covered: true });
      this.efiHttpHost(env, name, at, hop);
      return hop;
    }
    const path = localPath(name, { path: configPath, site: this.site });
    const hop: Hop = { kind, label: name, detail: 'TFTP', via: 'tftp', at, status: 'ok', children: [] };
    if (!path) {
      hop.status = 'unknown';
      hop.message = 'resolved only at boot time';
      return hop;
    }
    hop.path = path;
    this.checkFile(hop, kind, path, at, { covered: true });
    return hop;
  }

  /** syslinux.efi asks the TFTP server from DHCP for http:// URLs, whatever host they name (#907805). */
  private efiHttpHost(env: Env, url: string, at: Place, hop: Hop): void {
    if (env.loader?.family !== 'pxelinux' || env.loader.firmware !== 'uefi' || !env.tftpServer) return;
    const host = urlHost(url);
    if (!host || host === env.tftpServer) return;
    hop.status = hop.status === 'ok' ? 'warning' : hop.status;
    hop.message = `syslinux.efi fetches this from the TFTP server ${env.tftpServer}, not ${host} (Debian bug #907805)`;
    // pxelinux.efiHttpHost already says it when the site's TFTP server is the one DHCP names.
    if (env.tftpServer === this.site.tftpServer) return;
    this.report('chain.efiHttpHost', at, `Under UEFI, syslinux.efi fetches this from the TFTP server DHCP names (${env.tftpServer}), not from ${host} (Debian bug #907805): make the DHCP TFTP server ${host}, or boot UEFI machines with iPXE.`, this.relate(env.tftpServerAt, `the TFTP server machines get: ${env.tftpServer}`));
  }

  // ---- URLs and files -----------------------------------------------------------------------------

  private urlHop(env: Env, kind: HopKind, url: string, at: Place | undefined, from: Place | undefined, options: { covered: boolean; note?: string }): Hop {
    const hop: Hop = { kind, label: urlName(url), detail: options.note ?? url, url, ...(at ? { at } : {}), status: 'ok', children: [] };
    if (url.includes('${')) {
      hop.status = 'unknown';
      hop.message = `depends on ${/\$\{[^}]*\}/.exec(url)?.[0] ?? 'a setting'}, known only at boot time`;
      return hop;
    }
    const scheme = URL_SCHEME.exec(url)?.[1]?.toLowerCase();
    const host = urlHost(url) ?? /^tftp:\/\/([^/:]+)/i.exec(url)?.[1];
    if (scheme === 'tftp') {
      const root = this.site.tftpRoot;
      const rest = url.replace(/^tftp:\/\/[^/]*\/?/i, '');
      hop.via = 'tftp';
      if (!root) return { ...hop, status: 'unknown', message: 'pxe-site.json has no tftp.root' };
      hop.path = join(root, ...posix.normalize(decodeUrlPath(rest)).split('/'));
    } else if (scheme === 'http' || scheme === 'https') {
      hop.via = 'http';
      if (!host || !this.nasHost(host)) {
        if (host && host === this.site.router) {
          hop.status = 'unknown';
          hop.message = 'served by the router: not checked';
          return hop;
        }
        hop.status = 'warning';
        hop.message = `${host ?? 'this host'} is neither the NAS nor the router of the site`;
        if (at) this.report('chain.foreignHost', at, `${url} is on ${host ?? 'an unknown host'}, neither the NAS (${this.site.nas ?? 'network.nas not set'}) nor the router (${this.site.router ?? 'network.router not set'}) of pxe-site.json: the workspace cannot check it and deploy does not put it there. Use the NAS address, or correct the site file.`, this.relate(from, 'fetched from here'));
        return hop;
      }
      if (!this.servedByNginx(url, hop, at, from)) return hop;
      const path = servedPath(this.site.http, url);
      if (!path) {
        hop.status = 'missing';
        hop.message = `not under the site's HTTP base URL ${this.site.http?.baseUrl ?? '(http.baseUrl not set)'}`;
        if (at) this.report('chain.notServed', at, `${url} is on the NAS but not under the site's HTTP base URL (${this.site.http?.baseUrl ?? 'http.baseUrl is not set in pxe-site.json'}): the web server has nothing there. Use a URL under the base URL.`, this.relate(from, 'fetched from here'));
        return hop;
      }
      hop.path = path;
    } else {
      hop.status = 'unknown';
      hop.message = `${scheme ?? 'this'} URLs are not followed`;
      return hop;
    }
    this.checkFile(hop, kind, hop.path, at, { covered: options.covered, ...(from ? { from } : {}) });
    if (hop.status === 'ok') this.follow(env, hop);
    return hop;
  }

  /** False (and reported) when the nginx snippet serves no location for the URL's path. */
  private servedByNginx(url: string, hop: Hop, at: Place | undefined, from: Place | undefined): boolean {
    const file = this.site.nginxConfig;
    if (!file) return true;
    this.locations ??= nginxLocations(this.text(file) ?? '');
    if (!this.text(file)) return true;
    const pathname = (() => {
      try {
        return decodeUrlPath(new URL(url).pathname);
      } catch {
        return undefined;
      }
    })();
    if (pathname === undefined) return true;
    const served = serve(this.locations, pathname);
    this.checkAlias(file);
    if (served) return true;
    hop.status = 'missing';
    hop.message = `nginx serves no location for ${pathname}: 404`;
    const first = this.locations[0];
    if (at) {
      this.report(
        'chain.notServed',
        at,
        `nginx (${this.rel(file)}) serves no location for ${pathname}${first ? ` (it serves ${this.locations.map((l) => l.prefix).join(', ')})` : ''}: the NAS answers 404. Use a URL under a served location, or add one to the snippet.`,
        [...this.relate(first ? { file, start: first.prefixStart, end: first.prefixEnd } : { file, start: 0, end: 0 }, 'the locations nginx serves'), ...this.relate(from, 'fetched from here')],
      );
    }
    return false;
  }

  /** The alias must be where deploy puts the files (targets.nas.remoteRoot), with the location's trailing slash. */
  private checkAlias(file: string): void {
    for (const l of this.locations ?? []) {
      if (l.mode !== 'alias' || !l.dir || l.dirStart === undefined || l.dirEnd === undefined) continue;
      const at = { file, start: l.dirStart, end: l.dirEnd };
      if (l.prefix.endsWith('/') && !l.dir.endsWith('/')) {
        this.report('chain.nginxAlias', at, `location ${l.prefix} ends with / but its alias ${l.dir} does not: nginx maps ${l.prefix}x to ${l.dir}x. Write alias ${l.dir}/;`, [], [{ title: `Add the trailing slash`, edits: [{ start: l.dirEnd, end: l.dirEnd, newText: '/' }], preferred: true }]);
      }
      const remote = this.site.nasRemoteRoot;
      if (remote && l.dir.replace(/\/+$/, '') !== remote.replace(/\/+$/, '') && this.site.http && this.site.tftpRoot === this.site.http.root) {
        this.report('chain.nginxAlias', at, `nginx serves ${l.prefix} from ${l.dir}, but deploy puts the files in ${remote} (targets.nas.remoteRoot in pxe-site.json): the NAS answers 404 for every file. Make them the same folder.`, [], [{ title: `Use alias ${remote.replace(/\/+$/, '')}/`, edits: [{ start: l.dirStart, end: l.dirEnd, newText: `${remote.replace(/\/+$/, '')}/` }], preferred: true }]);
      }
    }
  }

  /** Sets the hop's status for a workspace file and reports a missing one on `at`. */
  private checkFile(hop: Hop, kind: HopKind, path: string, at: Place | undefined, options: { covered: boolean; from?: Place }): void {
    const state = this.fileState(path);
    if (state === 'ok') return;
    const images = this.site.images;
    const artifact = imageArtifact(this.site, path);
    const related = this.relate(options.from, 'fetched from here');
    if (artifact && images) {
      const part = /kernel|initramfs|rootfs/.exec(basename(path))?.[0] ?? '';
      const versions = (this.inputs.files.list(images.dir) ?? []).filter((n) => /^fedora-coreos-.+-live-/.test(n) && n.includes(part) && this.fileState(join(images.dir, n)) === 'ok');
      if (state === 'dangling' && versions.length) {
        const target = this.inputs.files.link?.(path) ?? '';
        hop.status = 'missing';
        hop.message = `symlink to ${target}, which is not there`;
        if (at) this.report('chain.brokenSymlink', at, `${basename(path)} points to ${target}, which is not there (present: ${versions.join(', ')}). Run PXE: Update Fedora CoreOS Images again, or repoint the link.`, related, [this.updateImagesFix()]);
        return;
      }
      hop.status = 'info';
      hop.message = `not downloaded yet (${this.rel(path)}): PXE: Update Fedora CoreOS Images fetches it`;
      if (at) this.report('chain.imageMissing', at, `${basename(path)} is not downloaded yet (${this.rel(path)}; images in pxe-site.json). Run PXE: Update Fedora CoreOS Images to fetch the ${images.stream} ${images.arch} artifacts.`, related, [this.updateImagesFix()]);
      return;
    }
    hop.status = 'missing';
    hop.message = state === 'dangling' ? `symlink to ${this.inputs.files.link?.(path) ?? '?'}, which is not there` : `not there: looked for ${this.rel(path)}`;
    if (!at || options.covered) return;
    if (kind === 'ignition') {
      this.report('chain.ignitionUnreachable', at, `The Ignition config is not there (looked for ${path}): the machine boots without its configuration. Correct the URL or add the file.`, related);
    } else {
      this.report('chain.missingFile', at, `${kind === 'script' ? 'The script' : `The ${kind}`} is not there: looked for ${path}. Correct the name or add the file.`, related);
    }
  }

  private updateImagesFix(): Fix {
    return { title: 'Download with the image updater', edits: [], command: { id: UPDATE_IMAGES_COMMAND, arguments: [this.site.file] } };
  }

  /** What a fetched file leads to: a script's images, an Ignition config's merged configs. */
  private follow(env: Env, hop: Hop): void {
    const path = hop.path;
    if (!path || (hop.kind !== 'script' && hop.kind !== 'ignition')) return;
    if (this.following.has(path)) {
      hop.status = 'warning';
      hop.message = 'loops back to a file already on this path';
      return;
    }
    this.following.add(path);
    try {
      if (hop.kind === 'script') this.followScript(env, hop, path);
      else this.followIgnition(env, hop, path);
    } finally {
      this.following.delete(path);
    }
  }

  // ---- iPXE ---------------------------------------------------------------------------------------

  private followScript(env: Env, hop: Hop, path: string): void {
    const parsed = this.parse(path, (text) => ({ script: parseIpxe(text).ast, text }));
    if (!parsed) return;
    if (!parsed.script.header) {
      hop.status = 'warning';
      hop.message = 'no #!ipxe first line: iPXE does not run it as a script';
      return;
    }
    const model = modelOf(parsed.script, parsed.text);
    const from = hop.at;
    for (const { command } of model.commands) {
      const name = command.name.text;
      const { positional } = splitArgs(command);
      const first = positional[0];
      if (!first) continue;
      const image = ['kernel', 'chain', 'imgexec', 'boot', 'imgselect', 'imgload'].includes(name);
      const initrd = ['initrd', 'imgfetch', 'module'].includes(name);
      if (!image && !initrd) continue;
      const expand = (text: string): string => this.expand(text, model, command.start, env);
      const at = { file: path, start: first.start, end: first.end };
      const url = this.absolute(expand(first.text), hop.url);
      let kind: HopKind = initrd ? 'initrd' : 'kernel';
      if ((name === 'chain' || name === 'imgexec') && /\.ipxe$|\.txt$|\/[^./]*$/i.test(url.split(/[?#]/)[0] as string)) kind = 'script';
      if (initrd && /rootfs/.test(url)) kind = 'rootfs';
      const child = this.urlHop(env, kind, url, at, from, { covered: false });
      if (image) {
        for (const word of positional.slice(1)) {
          const m = /^(coreos\.live\.rootfs_url|ignition\.config\.url|coreos\.inst\.ignition_url)=(.+)$/.exec(word.text);
          if (!m) continue;
          const value = m[2] as string;
          const argAt = { file: path, start: word.end - value.length, end: word.end };
          child.children.push(this.urlHop(env, /rootfs/.test(m[1] as string) ? 'rootfs' : 'ignition', this.absolute(expand(value), hop.url), argAt, from, { covered: false }));
        }
      }
      hop.children.push(child);
    }
  }

  /** Resolves a URL relative to the script that names it, the way iPXE does. */
  private absolute(url: string, base: string | undefined): string {
    if (URL_SCHEME.test(url) || !base || url.includes('${')) return url;
    try {
      return new URL(url, base).href;
    } catch {
      return url;
    }
  }

  /** Expands `${…}` with the script's literal `set`s before `offset` and what the machine knows. */
  private expand(text: string, model: IpxeModel, offset: number, env: Env, depth = 0): string {
    // Unresolved settings stay masked until the outermost call, so a value that names its own setting
    // (`set a ${a}${a}`) cannot be substituted again and again; long results stop expanding.
    if (!text.includes('${') || depth > 8) return text;
    const known = (scope: string | undefined, name: string): string | undefined => {
      const c = env.client;
      switch (name) {
        case 'mac':
          return c.mac;
        case 'ip':
          return c.ip;
        case 'hostname':
          return c.hostname;
        case 'root-path':
          return env.rootPath?.text;
        case 'next-server':
          return env.tftpServer;
        case 'filename':
          return env.bootFile;
        case 'platform':
          return c.firmware === 'uefi' ? 'efi' : 'pcbios';
        case 'buildarch':
          return c.firmware === 'uefi' ? 'x86_64' : 'i386';
      }
      if (scope && scope !== 'local' && !/^net\d/.test(scope)) return undefined;
      let value: string | undefined;
      let at = -1;
      for (const def of model.defs) {
        if (def.name === name && def.value !== undefined && def.command.start < offset && def.command.start > at) {
          value = def.value;
          at = def.command.start;
        }
      }
      return value === undefined ? undefined : this.expand(value, model, at, env, depth + 1);
    };
    let result = text;
    for (let i = 0; i < 16 && result.length < 8192 && /\$\{[^{}$]*\}/.test(result); i++) {
      let unresolved = false;
      result = result.replace(/\$\{([^{}$]*)\}/g, (whole, inner: string) => {
        const [ref = '', type] = inner.split(':');
        const slash = ref.lastIndexOf('/');
        const scope = slash >= 0 ? ref.slice(0, slash) : undefined;
        const value = known(scope, ref.slice(slash + 1));
        if (value === undefined) {
          unresolved = true;
          return whole.replace('${', '$\u{e000}{');
        }
        if (type === 'hexhyp') return value.replace(/:/g, '-');
        if (type === 'hexraw') return value.replace(/:/g, '');
        return value;
      });
      if (unresolved) break;
    }
    return depth ? result : result.replace(/\$\u{e000}\{/gu, '${');
  }

  // ---- Ignition -----------------------------------------------------------------------------------

  private followIgnition(env: Env, hop: Hop, path: string): void {
    const text = this.text(path);
    if (text === undefined) return;
    const result = this.parse(path, (t) => analyze(ignition, t));
    if (!result) return;
    const severities = new Map([...ignition.parserRules, ...ignition.rules].map((r) => [r.id, r.severity]));
    const errors = result.problems.filter((p) => (severities.get(p.ruleId) ?? 'error') === 'error').length;
    if (errors) {
      hop.status = 'warning';
      hop.message = `${errors} error${errors === 1 ? '' : 's'} in the config: Ignition would refuse it (see the file)`;
    }
    const root = result.ast.root;
    if (!root) return;
    const sources: Node[] = [];
    const merge = findNodeAtLocation(root, ['ignition', 'config', 'merge']);
    for (const item of merge?.children ?? []) {
      const source = findNodeAtLocation(item, ['source']);
      if (source) sources.push(source);
    }
    const replace = findNodeAtLocation(root, ['ignition', 'config', 'replace', 'source']);
    if (replace) sources.push(replace);
    for (const source of sources) {
      if (typeof source.value !== 'string' || !/^https?:\/\//.test(source.value)) continue;
      const at = { file: path, start: source.offset + 1, end: source.offset + source.length - 1 };
      hop.children.push(this.urlHop(env, 'ignition', source.value, at, hop.at, { covered: false }));
    }
  }
}

export function buildChain(inputs: ChainInputs): Chain {
  return new ChainBuilder(inputs).build();
}

