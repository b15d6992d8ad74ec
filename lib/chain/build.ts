/** Follows the boot chain of a site, hop by hop, for each kind of machine; reports what breaks between files. */
import { basename, dirname, join, posix, resolve } from 'node:path';
import { decodeUrlPath, imageArtifact, servedPath, type SiteView } from '../core/ruleContext';
import { readCapped } from '../core/untrusted';
import { INTERNAL } from '../core/coreRules';
import type { Fix, Problem, Related } from '../core/problem';
import { report as problemOf, type RuleMeta } from '../core/rule';
import type { GrubImage } from '../languages/grub/image';
import { grubImageAt } from '../languages/grub/loader';
import { urlHost } from '../languages/pxelinux/paths';
import { parseRouterOs } from '../languages/routeros';
import {
  bootFileOf,
  dhcpFacts,
  offerFor,
  type BootFile,
  type DhcpFacts,
  type LeaseFact,
  type Offer,
  type OptionFact,
} from './offer';
import {
  FIRMWARES,
  type Chain,
  type ChainInputs,
  type Client,
  type Firmware,
  type Hop,
  type HopKind,
  type Place,
} from './model';
import { butaneServed, checkButaneHop, followButane } from './butane';
import { followIgnition, followScript } from './follow';
import { grubChildren, shimChildren } from './grub';
import { checkFirstStage } from './trust';
import { FIRMWARE_NAME, loaderOf, URL_SCHEME, urlName, type Env, type HopBuilder } from './hops';
import { nginxLocations, serve, type Location } from './nginx';
import { pxelinuxChildren } from './pxelinux';
import { CHAIN } from './rules';

export const UPDATE_IMAGES_COMMAND = 'pxeWorkbench.updateImages';

/** A boot file the router's own TFTP server answers: the `/ip tftp` entry and the TFTP-root file it maps to. */
interface RoutedTftp {
  matched: boolean;
  entry: { real: string; at: Place };
  file?: string;
}

/** Builds one chain; pxelinux.ts and follow.ts add the hops of configs and scripts through its HopBuilder face. */
export class ChainBuilder implements HopBuilder {
  private readonly problems = new Map<string, Problem[]>();
  private readonly reported = new Set<string>();
  private files = new Set<string>();
  private texts = new Map<string, string>();
  private readonly parsed = new Map<string, unknown>();
  private locations: Location[] | undefined;
  /** Files on the path being followed (a script that chains itself must not recurse forever). */
  private readonly following = new Set<string>();
  private readonly notes: string[] = [];
  private facts: DhcpFacts | undefined;
  private pending: Promise<void> | undefined;
  /** The machine being followed (its reads and reports are recorded for the next incremental build). */
  private current: ClientRecord | undefined;
  private readonly records = new Map<string, ClientRecord>();

  constructor(private readonly inputs: ChainInputs) {}

  get site() {
    return this.inputs.site;
  }

  get fileView() {
    return this.inputs.files;
  }

  build(): Chain {
    // Kept machines are only valid if what every machine shares (the site, the router config) is unchanged.
    const previous = this.inputs.previous;
    const reusable =
      previous &&
      !previous.chain.pending &&
      previous.chain.site === this.site &&
      !previous.changed.has(this.site.file) &&
      !(this.site.routerConfig && previous.changed.has(this.site.routerConfig))
        ? previous
        : undefined;
    if (reusable) {
      // The stale chain's reads and texts carry over (it is not used again): what the kept machines read
      // stays read (a file only a re-followed machine read may stay listed — one needless re-check later,
      // never a missed one), and the edited files are read again.
      this.files = reusable.chain.files;
      this.texts = reusable.chain.texts;
      for (const path of reusable.changed) this.texts.delete(path);
    }
    const facts = this.routerFacts();
    this.facts = facts;
    const clients: Client[] = [];
    const machine = this.inputs.machine;
    const firmwares = FIRMWARES.filter((f) => !machine?.firmware || f === machine.firmware);
    const mac = machine?.mac?.toLowerCase().replace(/-/g, ':');
    const leases = (facts?.leases ?? []).filter((l) => !mac || l.mac === mac);
    const records = reusable && recordsOf.get(reusable.chain);
    if (reusable && records && sameFacts(records, facts)) {
      // The same router facts give the same machines in the same order: walk the kept list, following again
      // only the machines whose hops read an edited file.
      for (const record of records.values())
        clients.push(touches(record, reusable.changed) ? this.recorded(record.origin) : this.keep(record));
    } else {
      if (!mac || !leases.length)
        for (const firmware of firmwares) clients.push(this.recorded({ facts, firmware, mac }));
      for (const lease of leases) {
        for (const firmware of this.leaseFirmwares(facts as DhcpFacts, lease))
          if (firmwares.includes(firmware)) clients.push(this.recorded({ facts, firmware, lease }));
      }
    }
    // Parses of files this build no longer reads are dropped.
    if (!reusable)
      for (const path of this.inputs.parsed?.keys() ?? []) if (!this.files.has(path)) this.inputs.parsed?.delete(path);
    const chain: Chain = {
      site: this.site,
      clients,
      problems: this.problems,
      files: this.files,
      texts: this.texts,
      notes: this.notes,
      ...(this.pending ? { pending: this.pending } : {}),
    };
    recordsOf.set(chain, this.records);
    return chain;
  }

  /** Follows one machine, recording what its hops read and report. */
  private recorded(origin: ClientRecord['origin']): Client {
    const record: ClientRecord = {
      client: undefined as unknown as Client,
      origin,
      files: new Set(),
      problems: [],
      notes: [],
    };
    this.current = record;
    try {
      record.client = this.client(origin.facts, origin.firmware, origin.lease, origin.mac);
    } finally {
      this.current = undefined;
    }
    this.records.set(record.client.id, record);
    return record.client;
  }

  /** A machine kept from the previous build: its findings and notes as they were (its reads are copied in bulk). */
  private keep(record: ClientRecord): Client {
    for (const { key, file, problem } of record.problems) this.add(key, file, problem);
    this.notes.push(...record.notes);
    this.records.set(record.client.id, record);
    return record.client;
  }

  /** A file the chain (and the machine being followed) depends on. */
  private use(path: string): void {
    this.files.add(path);
    this.current?.files.add(path);
  }

  awaiting(work: Promise<void>): void {
    this.pending ??= work;
  }

  // ---- files -------------------------------------------------------------------------------------

  text(path: string): string | undefined {
    this.use(path);
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.inputs.read(path);
    if (text !== undefined) this.texts.set(path, text);
    else this.unreadable(path);
    return text;
  }

  /** A file that is there but was not read (a FIFO, a device, over the cap) is said, never skipped silently. */
  private unreadable(path: string): void {
    if (!this.inputs.files.exists(path)) return;
    const probe = readCapped(path);
    if (probe.ok || probe.reason === 'missing') return;
    const message = `${this.rel(path)} was not read: ${probe.why}`;
    this.notes.push(message);
    this.current?.notes.push(message);
    // Said on the site file (a FIFO or a device gets no diagnostics of its own), where it names the file.
    const siteText = path === this.site.file ? undefined : this.inputs.read(this.site.file);
    const named = siteText?.indexOf(JSON.stringify(this.rel(path))) ?? -1;
    const at = named >= 0 ? { start: named, end: named + JSON.stringify(this.rel(path)).length } : { start: 0, end: 1 };
    this.report(INTERNAL.notChecked, { file: this.site.file, ...at }, message);
  }

  parse<T>(path: string, parser: (text: string) => T, kind?: string): T | undefined {
    if (this.parsed.has(path)) {
      this.use(path);
      return this.parsed.get(path) as T | undefined;
    }
    const text = this.text(path);
    const kept = kind === undefined ? undefined : this.inputs.parsed?.get(path);
    const value =
      text === undefined ? undefined : kept?.text === text && kept.kind === kind ? (kept.value as T) : parser(text);
    if (kind !== undefined && text !== undefined) this.inputs.parsed?.set(path, { text, kind, value });
    this.parsed.set(path, value);
    return value;
  }

  grubImage(path: string): GrubImage | undefined {
    return grubImageAt(this.inputs.files, path);
  }

  /** 'ok', 'missing', or 'dangling' (a symlink whose target is not there). */
  fileState(path: string): 'ok' | 'missing' | 'dangling' {
    this.use(path);
    const { files } = this.inputs;
    if (!files.exists(path)) return 'missing';
    const target = files.link?.(path);
    if (target === undefined) return 'ok';
    this.use(resolve(dirname(path), target));
    return files.exists(resolve(dirname(path), target)) ? 'ok' : 'dangling';
  }

  // ---- reporting --------------------------------------------------------------------------------

  report(rule: Pick<RuleMeta, 'id'>, at: Place, message: string, related: Related[] = [], fixes?: Fix[]): void {
    const key = `${rule.id}\u0000${at.file}\u0000${at.start}\u0000${message}`;
    const problem = problemOf(rule, at, message, {
      ...(related.length ? { related } : {}),
      ...(fixes ? { fixes } : {}),
    });
    this.current?.problems.push({ key, file: at.file, problem });
    this.add(key, at.file, problem);
  }

  /** A finding on `file`, once (several machines meet the same mistake). */
  private add(key: string, file: string, problem: Problem): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const list = this.problems.get(file) ?? [];
    list.push(problem);
    this.problems.set(file, list);
  }

  relate(place: Place | undefined, message: string): Related[] {
    return place ? [{ file: place.file, start: place.start, end: place.end, message }] : [];
  }

  rel(path: string): string {
    return posix.normalize(
      path.startsWith(this.site.root)
        ? path
            .slice(this.site.root.length + 1)
            .split('\\')
            .join('/')
        : path,
    );
  }

  // ---- DHCP -------------------------------------------------------------------------------------

  private routerFacts(): DhcpFacts | undefined {
    const file = this.site.routerConfig;
    if (!file) {
      this.notes.push(
        'pxe-site.json names no router config (router.config): the chain assumes the usual ' +
          'loaders, lpxelinux.0 for BIOS and syslinux.efi for UEFI.',
      );
      return undefined;
    }
    const script = this.parse(file, (text) => parseRouterOs(text).ast, 'routeros');
    if (!script) {
      if (this.inputs.files.exists(file)) return undefined; // there but not readable: already said
      this.notes.push(
        `The router config ${this.rel(file)} (router.config in pxe-site.json) is missing: create it or correct the path.`,
      );
      return undefined;
    }
    return dhcpFacts(file, script);
  }

  /** A lease whose boot file only one firmware can run belongs to that firmware; otherwise to both. */
  private leaseFirmwares(facts: DhcpFacts, lease: LeaseFact): Firmware[] {
    return FIRMWARES.filter((firmware) => {
      const boot = bootFileOf(offerFor(facts, firmware, lease))?.name;
      const pinned = boot ? loaderOf(boot).firmware : undefined;
      return !pinned || URL_SCHEME.test(boot ?? '') || pinned === firmware;
    });
  }

  private client(facts: DhcpFacts | undefined, firmware: Firmware, lease?: LeaseFact, mac?: string): Client {
    const offer: Offer | undefined = facts ? offerFor(facts, firmware, lease) : undefined;
    const hostname = offer?.options.get('12')?.text;
    const name = lease
      ? (hostname ?? lease.comment ?? lease.mac)
      : mac
        ? `${mac} (no static lease)`
        : `Any ${FIRMWARE_NAME[firmware]} machine`;
    const id = lease ? `${firmware}/${lease.mac}` : mac ? `${firmware}/${mac}` : firmware;
    const client: Client = {
      id,
      firmware,
      name,
      ...(lease || mac ? { mac: lease?.mac ?? (mac as string) } : {}),
      ...(lease?.address ? { ip: lease.address } : {}),
      ...(hostname ? { hostname } : {}),
      ...secureBootOf(this.site, firmware, lease?.mac ?? mac),
      root: { kind: 'dhcp', label: 'DHCP', status: 'ok', children: [] },
    };
    client.root = facts && offer ? this.dhcpHop(client, facts, offer, lease) : this.assumedDhcp(client);
    return client;
  }

  private assumedDhcp(client: Client): Hop {
    const boot = client.firmware === 'bios' ? 'lpxelinux.0' : 'syslinux.efi';
    const env: Env = { client, ...(this.site.tftpServer ? { tftpServer: this.site.tftpServer } : {}) };
    return {
      kind: 'dhcp',
      label: 'DHCP (not in the workspace)',
      detail: `assumed boot file ${boot}`,
      status: 'unknown',
      message: this.notes[0] ?? '',
      children: [this.loaderHop(env, boot, undefined, false)],
    };
  }

  private dhcpHop(client: Client, facts: DhcpFacts, offer: Offer, lease?: LeaseFact): Hop {
    const network = offer.network;
    const source: Place = lease?.at ?? network?.at ?? { file: facts.file, start: 0, end: 0 };
    const sets = offer.sets.length ? `option set ${offer.sets.join(', ')}` : 'no option set';
    const where = lease ? `lease ${lease.address ?? lease.mac}` : `network ${network?.address ?? ''}`.trim();
    const hop: Hop = {
      kind: 'dhcp',
      label: 'DHCP',
      detail: `${where} · ${sets}`,
      at: source,
      status: 'ok',
      children: [],
    };
    const server = this.tftpServerOf(offer, hop);
    const boot = bootFileOf(offer);
    const env: Env = {
      client,
      ...(server.name ? { tftpServer: server.name } : {}),
      ...(server.at ? { tftpServerAt: server.at } : {}),
      ...(offer.options.get('17') ? { rootPath: offer.options.get('17') as OptionFact } : {}),
      ...(boot ? { bootFile: boot.name } : {}),
    };
    if (!boot) {
      const machines = lease ? `the lease ${lease.mac}` : `this network`;
      this.report(
        CHAIN.noBootFile,
        source,
        `Machines on ${machines} get no boot file (${sets}, no option 67, no boot-file-name): they cannot network-boot. ` +
          'Add option 67 to the option set.',
      );
      hop.status = 'missing';
      hop.message = 'no boot file (option 67 or boot-file-name)';
      return hop;
    }
    if (!this.refusedByFirmware(client, boot, { lease, sets, source, hop }))
      hop.children.push(this.loaderHop(env, boot.name, boot.at, boot.fromOption67));
    return hop;
  }

  /** The TFTP server DHCP names (option 66, else next-server); a disagreement or a foreign host is reported. */
  private tftpServerOf(offer: Offer, hop: Hop): { name?: string; at?: Place } {
    const option66 = offer.options.get('66');
    const next = offer.network?.nextServer;
    const name = option66?.text ?? next?.value;
    const at = option66?.text ? option66.at : next?.at;
    if (option66?.text && next && option66.text !== next.value) {
      this.report(
        CHAIN.nextServerMismatch,
        option66.at,
        `Option 66 names the TFTP server ${option66.text}, but the network's next-server is ${next.value}: ` +
          "some firmware asks one, some the other. Make both the TFTP server's address.",
        this.relate(next.at, `next-server ${next.value}`),
      );
      hop.status = 'warning';
      hop.message = `option 66 (${option66.text}) and next-server (${next.value}) disagree`;
    }
    // Option 66 without any next-server is routeros.missingNextServer's (single-file) finding.
    if (name && at && !this.knownHost(name)) {
      this.report(
        CHAIN.foreignHost,
        at,
        `The TFTP server ${name} is neither the NAS (${this.site.nas ?? 'network.nas not set'}) ` +
          `nor the router (${this.site.router ?? 'network.router not set'}) of pxe-site.json: ` +
          'correct the address, or the site file.',
      );
    }
    return { ...(name ? { name } : {}), ...(at ? { at } : {}) };
  }

  /**
   * True (reported, with a hop the firmware refuses) when the boot file is a loader for the other firmware:
   * the chain stops there.
   */
  private refusedByFirmware(
    client: Client,
    boot: BootFile,
    from: { lease: LeaseFact | undefined; sets: string; source: Place; hop: Hop },
  ): boolean {
    const loader = loaderOf(boot.name);
    if (!loader.firmware || loader.firmware === client.firmware || URL_SCHEME.test(boot.name)) return false;
    const has = FIRMWARE_NAME[client.firmware];
    const wants = FIRMWARE_NAME[loader.firmware];
    this.report(
      CHAIN.firmwareMismatch,
      boot.at,
      `${has} machines${from.lease ? '' : ' without a lease'} get ${boot.name}, a ${wants} loader (${from.sets}): ` +
        'the firmware refuses it. Give them their own option set with a matcher, e.g. /ip dhcp-server matcher add ' +
        `code=93 value=${client.firmware === 'uefi' ? '0x0007' : '0x0000'} option-set=<set> server=<dhcp server>.`,
      this.relate(from.source, from.lease ? 'the lease' : 'the network that hands it out'),
    );
    from.hop.children.push({
      kind: 'loader',
      label: boot.name,
      at: boot.at,
      status: 'missing',
      message: `a ${wants} loader: ${has} firmware cannot run it`,
      children: [],
    });
    return true;
  }

  /**
   * When the router itself serves TFTP (DHCP names it, and the script has `/ip tftp` entries): the entry
   * whose req-filename matches, and the TFTP-root file its real-filename is deployed from (the router's
   * `tftp/` folder mirrors the site's TFTP root).
   */
  private routerTftp(env: Env, name: string): RoutedTftp | undefined {
    const entries = this.facts?.tftp ?? [];
    if (
      !entries.length ||
      !env.tftpServer ||
      env.tftpServer !== this.site.router ||
      env.tftpServer === this.site.tftpServer
    )
      return undefined;
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
    if (!root)
      return {
        kind: 'loader',
        label: name,
        detail,
        ...(at ? { at } : {}),
        status: 'unknown',
        message: 'pxe-site.json has no tftp.root: add it so the chain can find the loader',
        children: [],
      };
    const routed = this.routerTftp(env, name);
    const relative = posix.normalize((routed?.file ?? name).replace(/^\/+/, ''));
    const path = join(root, ...relative.split('/'));
    const hop: Hop = {
      kind: 'loader',
      label: name,
      detail: routed ? `${detail} (router, /ip tftp → ${routed.entry.real})` : detail,
      via: 'tftp',
      path,
      ...(at ? { at } : {}),
      status: 'ok',
      children: [],
    };
    if (routed && !routed.matched) {
      // routeros.bootFileNotServed says so on the option; here the hop stops.
      hop.status = 'missing';
      hop.message = 'the router serves TFTP, and no /ip tftp req-filename matches this name';
      return hop;
    }
    if (relative.startsWith('..') || this.fileState(path) !== 'ok') {
      this.missingLoader(hop, name, at, { routed, covered: coveredByOption67 });
      return hop;
    }
    const loader = loaderOf(name);
    const inner: Env = { ...env, loader, ...(at ? { bootAt: at } : {}) };
    checkFirstStage(this, inner, hop, path);
    if (hop.status === 'missing') return hop;
    if (loader.family === 'pxelinux') pxelinuxChildren(this, inner, hop, path);
    else if (loader.family === 'ipxe') this.ipxeChildren(inner, hop);
    else if (loader.family === 'shim') shimChildren(this, inner, hop, path);
    else if (loader.family === 'grub') grubChildren(this, inner, hop, path);
    else hop.message = 'PXE Workbench does not follow this loader further';
    return hop;
  }

  /** A boot file that is not in the TFTP root: reported where the router maps it, else on the option. */
  private missingLoader(
    hop: Hop,
    name: string,
    at: Place | undefined,
    how: { routed: RoutedTftp | undefined; covered: boolean },
  ): void {
    const path = hop.path ?? '';
    hop.status = 'missing';
    hop.message = `not in the TFTP root: looked for ${this.rel(path)}`;
    const routed = how.routed;
    if (routed?.matched)
      this.report(
        CHAIN.missingFile,
        routed.entry.at,
        `The router answers requests for ${name} with ${routed.entry.real}, which deploy copies ` +
          `from ${this.rel(path)}: that file is not there. Correct real-filename or add the file.`,
        this.relate(at, `the boot file machines ask for: ${name}`),
      );
    else if (at && !how.covered)
      this.report(
        CHAIN.missingFile,
        at,
        `The boot file ${name} is not in the TFTP root (looked for ${path}). ` +
          'Correct the name or copy the loader there.',
      );
  }

  ipxeChildren(env: Env, hop: Hop): void {
    const root = env.rootPath;
    if (!root?.text) {
      hop.children.push({
        kind: 'script',
        label: 'embedded script',
        status: 'unknown',
        message:
          'iPXE runs its embedded script; send option 17 (root-path) so `chain ${root-path}` finds the boot script',
        children: [],
      });
      return;
    }
    hop.children.push(
      this.urlHop(env, 'script', root.text, root.at, undefined, {
        covered: true,
        note: 'chained by the embedded script `dhcp && chain ${root-path}` (option 17)',
      }),
    );
  }

  // ---- URLs and files -----------------------------------------------------------------------------

  urlHop(
    env: Env,
    kind: HopKind,
    url: string,
    at: Place | undefined,
    from: Place | undefined,
    options: { covered: boolean; note?: string },
  ): Hop {
    const hop: Hop = {
      kind,
      label: urlName(url),
      detail: options.note ?? url,
      url,
      ...(at ? { at } : {}),
      status: 'ok',
      children: [],
    };
    if (url.includes('${')) {
      hop.status = 'unknown';
      hop.message = `depends on ${/\$\{[^}]*\}/.exec(url)?.[0] ?? 'a setting'}, known only at boot time`;
      return hop;
    }
    const scheme = URL_SCHEME.exec(url)?.[1]?.toLowerCase();
    let path: string | undefined;
    if (scheme === 'tftp') path = this.tftpPath(hop, url);
    else if (scheme === 'http' || scheme === 'https') path = this.httpPath(hop, url, at, from);
    else {
      hop.status = 'unknown';
      hop.message = `${scheme ?? 'this'} URLs are not followed`;
    }
    if (path === undefined) return hop;
    hop.path = path;
    const butane = kind === 'ignition' ? butaneServed(this, path) : undefined;
    if (butane) checkButaneHop(this, hop, butane, at, from);
    else this.checkFile(hop, kind, path, at, { covered: options.covered, ...(from ? { from } : {}) });
    if (hop.status === 'ok') this.follow(env, hop);
    return hop;
  }

  /** The TFTP-root file of a tftp:// URL; undefined (the hop says why) without a TFTP root. */
  private tftpPath(hop: Hop, url: string): string | undefined {
    const root = this.site.tftpRoot;
    const rest = url.replace(/^tftp:\/\/[^/]*\/?/i, '');
    hop.via = 'tftp';
    if (root) return join(root, ...posix.normalize(decodeUrlPath(rest)).split('/'));
    hop.status = 'unknown';
    hop.message = 'pxe-site.json has no tftp.root';
    return undefined;
  }

  /** The HTTP-folder file of an http(s):// URL; undefined (the hop says why, reported on `at`) when none serves it. */
  private httpPath(hop: Hop, url: string, at: Place | undefined, from: Place | undefined): string | undefined {
    const host = urlHost(url);
    hop.via = 'http';
    if (!host || !this.nasHost(host)) {
      this.foreignUrl(hop, url, host, at, from);
      return undefined;
    }
    if (!this.servedByNginx(url, hop, at, from)) return undefined;
    const path = servedPath(this.site.http, url);
    if (path) return path;
    hop.status = 'missing';
    hop.message = `not under the site's HTTP base URL ${this.site.http?.baseUrl ?? '(http.baseUrl not set)'}`;
    if (at)
      this.report(
        CHAIN.notServed,
        at,
        `${url} is on the NAS but not under the site's HTTP base URL ` +
          `(${this.site.http?.baseUrl ?? 'http.baseUrl is not set in pxe-site.json'}): the web server has nothing there. ` +
          'Use a URL under the base URL.',
        this.relate(from, 'fetched from here'),
      );
    return undefined;
  }

  /** A URL on a host that is neither the NAS nor the router (the router's own are not checked). */
  private foreignUrl(hop: Hop, url: string, host: string | undefined, at: Place | undefined, from: Place | undefined) {
    if (host && host === this.site.router) {
      hop.status = 'unknown';
      hop.message = 'served by the router: not checked';
      return;
    }
    hop.status = 'warning';
    hop.message = `${host ?? 'this host'} is neither the NAS nor the router of the site`;
    if (at)
      this.report(
        CHAIN.foreignHost,
        at,
        `${url} is on ${host ?? 'an unknown host'}, neither the NAS (${this.site.nas ?? 'network.nas not set'}) ` +
          `nor the router (${this.site.router ?? 'network.router not set'}) of pxe-site.json: ` +
          'the workspace cannot check it and deploy does not put it there. Use the NAS address, or correct the site file.',
        this.relate(from, 'fetched from here'),
      );
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
        CHAIN.notServed,
        at,
        `nginx (${this.rel(file)}) serves no location for ` +
          `${pathname}${first ? ` (it serves ${this.locations.map((l) => l.prefix).join(', ')})` : ''}: ` +
          'the NAS answers 404. Use a URL under a served location, or add one to the snippet.',
        [
          ...this.relate(
            first ? { file, start: first.prefixStart, end: first.prefixEnd } : { file, start: 0, end: 0 },
            'the locations nginx serves',
          ),
          ...this.relate(from, 'fetched from here'),
        ],
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
        this.report(
          CHAIN.nginxAlias,
          at,
          `location ${l.prefix} ends with / but its alias ${l.dir} does not: nginx maps ${l.prefix}x to ${l.dir}x. Write alias ${l.dir}/;`,
          [],
          [
            {
              title: `Add the trailing slash`,
              edits: [{ start: l.dirEnd, end: l.dirEnd, newText: '/' }],
              preferred: true,
            },
          ],
        );
      }
      const remote = this.site.nasRemoteRoot;
      if (
        remote &&
        l.dir.replace(/\/+$/, '') !== remote.replace(/\/+$/, '') &&
        this.site.http &&
        this.site.tftpRoot === this.site.http.root
      ) {
        this.report(
          CHAIN.nginxAlias,
          at,
          `nginx serves ${l.prefix} from ${l.dir}, but deploy puts the files in ${remote} ` +
            '(targets.nas.remoteRoot in pxe-site.json): the NAS answers 404 for every file. Make them ' +
            'the same folder.',
          [],
          [
            {
              title: `Use alias ${remote.replace(/\/+$/, '')}/`,
              edits: [{ start: l.dirStart, end: l.dirEnd, newText: `${remote.replace(/\/+$/, '')}/` }],
              preferred: true,
            },
          ],
        );
      }
    }
  }

  /** Sets the hop's status for a workspace file and reports a missing one on `at`. */
  checkFile(
    hop: Hop,
    kind: HopKind,
    path: string,
    at: Place | undefined,
    options: { covered: boolean; from?: Place },
  ): void {
    const state = this.fileState(path);
    if (state === 'ok') return;
    const related = this.relate(options.from, 'fetched from here');
    if (imageArtifact(this.site, path) && this.site.images) {
      this.missingArtifact(hop, path, state, at, related);
      return;
    }
    hop.status = 'missing';
    hop.message =
      state === 'dangling'
        ? `symlink to ${this.inputs.files.link?.(path) ?? '?'}, which is not there`
        : `not there: looked for ${this.rel(path)}`;
    if (!at || options.covered) return;
    if (kind === 'ignition') {
      this.report(
        CHAIN.ignitionUnreachable,
        at,
        `The Ignition config is not there (looked for ${path}): the machine boots without its configuration. ` +
          'Correct the URL or add the file.',
        related,
      );
    } else {
      this.report(
        CHAIN.missingFile,
        at,
        `${kind === 'script' ? 'The script' : `The ${kind}`} is not there: looked for ${path}. ` +
          'Correct the name or add the file.',
        related,
      );
    }
  }

  /**
   * A Fedora CoreOS artifact that is not there: not downloaded yet (information, the image updater fetches
   * it), or a stable symlink to a version that is gone while others are present.
   */
  private missingArtifact(
    hop: Hop,
    path: string,
    state: 'missing' | 'dangling',
    at: Place | undefined,
    related: Related[],
  ): void {
    const images = this.site.images;
    if (!images) return;
    const part = /kernel|initramfs|rootfs/.exec(basename(path))?.[0] ?? '';
    const versions = (this.inputs.files.list(images.dir) ?? []).filter(
      (n) => /^fedora-coreos-.+-live-/.test(n) && n.includes(part) && this.fileState(join(images.dir, n)) === 'ok',
    );
    if (state === 'dangling' && versions.length) {
      const target = this.inputs.files.link?.(path) ?? '';
      hop.status = 'missing';
      hop.message = `symlink to ${target}, which is not there`;
      if (at)
        this.report(
          CHAIN.brokenSymlink,
          at,
          `${basename(path)} points to ${target}, which is not there (present: ${versions.join(', ')}). ` +
            'Run PXE: Update Fedora CoreOS Images again, or repoint the link.',
          related,
          [this.updateImagesFix()],
        );
      return;
    }
    hop.status = 'info';
    hop.message = `not downloaded yet (${this.rel(path)}): PXE: Update Fedora CoreOS Images fetches it`;
    if (at)
      this.report(
        CHAIN.imageMissing,
        at,
        `${basename(path)} is not downloaded yet (${this.rel(path)}; images in pxe-site.json). ` +
          `Run PXE: Update Fedora CoreOS Images to fetch the ${images.stream} ${images.arch} artifacts.`,
        related,
        [this.updateImagesFix()],
      );
  }

  private updateImagesFix(): Fix {
    return {
      title: 'Download with the image updater',
      edits: [],
      command: { id: UPDATE_IMAGES_COMMAND, arguments: [this.site.file] },
    };
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
      if (hop.kind === 'script') followScript(this, env, hop, path);
      else if (hop.source) followButane(this, env, hop, hop.source);
      else followIgnition(this, env, hop, path);
    } finally {
      this.following.delete(path);
    }
  }
}

/** Secure Boot for a machine: its node's own value, else the site's for UEFI; nothing when neither says. */
function secureBootOf(site: SiteView, firmware: Firmware, mac: string | undefined): { secureBoot?: boolean } {
  const said = site.secureBoot;
  if (firmware !== 'uefi' || !said) return {};
  const value = (mac ? said.nodes.get(mac.toLowerCase()) : undefined) ?? said.uefi;
  return value === undefined ? {} : { secureBoot: value };
}

/** One machine's part of a chain build: the files its hops read or looked for, what they reported and noted. */
interface ClientRecord {
  client: Client;
  /** What the machine was followed from: the router's facts, its firmware, its lease or MAC. */
  origin: { facts: DhcpFacts | undefined; firmware: Firmware; lease?: LeaseFact; mac?: string };
  files: Set<string>;
  problems: { key: string; file: string; problem: Problem }[];
  notes: string[];
}

/** True when the machine's hops read one of the edited files. */
function touches(record: ClientRecord, changed: Set<string>): boolean {
  for (const path of changed) if (record.files.has(path)) return true;
  return false;
}

/** True when every recorded machine was followed from these router facts. */
function sameFacts(records: Map<string, ClientRecord>, facts: DhcpFacts | undefined): boolean {
  for (const record of records.values()) if (record.origin.facts !== facts) return false;
  return true;
}

/** What each chain's machines read and reported: a rebuild after an edit keeps those that did not read it. */
const recordsOf = new WeakMap<Chain, Map<string, ClientRecord>>();

export function buildChain(inputs: ChainInputs): Chain {
  return new ChainBuilder(inputs).build();
}
