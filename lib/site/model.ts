/**
 * pxe-site.json as types, one interface per object of schemas/pxe-site.schema.json. `loadSite` guarantees the
 * types of every value that is present (a wrong type is refused, naming the field); it does not refuse a
 * missing required property, an unknown property or a value in the wrong form (a pattern): those are the site
 * file's own diagnostics (rule site.schema) and the command that needs the value says so. So every property is
 * optional here, the schema's required ones included.
 */

/** `network`: the boot network. */
export interface SiteNetwork {
  /** CIDR, e.g. 192.168.255.0/24 (required by the schema). */
  subnet?: string;
  /** The router that serves DHCP (required by the schema). */
  router?: string;
  /** The NAS that serves TFTP and HTTP. */
  nas?: string;
  dns?: string[];
}

/** `tftp`: the TFTP root. */
export interface SiteTftp {
  /** Local folder, relative to the site file (required by the schema). */
  root?: string;
  /** DHCP next-server / option 66. */
  server?: string;
}

/** `http`: what the web server serves, and from which local folder. */
export interface SiteHttp {
  /** Ends in `/` (required by the schema). */
  baseUrl?: string;
  /** Local folder served at baseUrl (required by the schema). */
  root?: string;
  /** Local nginx snippet deployed to the NAS. */
  nginxConfig?: string;
}

/** `router`: the router's configuration in the workspace. */
export interface SiteRouter {
  /** RouterOS script with the DHCP settings, relative to the site file. */
  config?: string;
  routerOsVersion?: string;
}

export type TargetKind = 'synology' | 'mikrotik' | 'sftp';

/** `targets.<name>`: where to deploy (a NAS over SFTP, or a MikroTik router). */
export interface SiteTarget {
  /** Required by the schema, with `host` and `user`. */
  kind?: TargetKind;
  host?: string;
  port?: number;
  user?: string;
  identityFile?: string;
  hostKey?: string;
  remoteRoot?: string;
  nginxConfig?: string;
  apiPort?: number;
  apiTls?: boolean;
  apiCertificate?: string;
  files?: string[];
  prune?: boolean;
  deleteRemoved?: boolean;
  sudo?: boolean;
  nginxTest?: string;
  nginxReload?: string;
  verifyHash?: boolean;
  uploadOnSave?: boolean;
}

/** `images`: the Fedora CoreOS artifacts the image updater downloads. */
export interface SiteImages {
  /** Required by the schema. */
  dir?: string;
  stream?: 'stable' | 'testing' | 'next';
  arch?: 'x86_64' | 'aarch64';
  keep?: number;
  streamUrl?: string;
}

/** `butane.sources[i]`: a Butane config and the Ignition config it translates to. */
export interface SiteButaneSource {
  /** The `.bu` file, relative to the site file (required by the schema, with `target`). */
  source?: string;
  /** The `.ign` file the translation is written/uploaded as, relative to the site file. */
  target?: string;
}

/** `butane`: Butane configs and what reads them. */
export interface SiteButane {
  /** Folder `local:` paths resolve against (default: each `.bu` file's folder). */
  filesDir?: string;
  /** The machines' Ignition (2.27.0 and later) reads Butane: a URL may serve a `.bu` itself. */
  ignitionReadsButane?: boolean;
  sources?: SiteButaneSource[];
}

/** `profiles.<name>`: templates a node of the profile is generated from. */
export interface SiteProfile {
  ipxe?: string;
  pxelinux?: string;
  ignition?: string;
  kernelArgs?: string;
}

export type SiteFirmware = 'bios' | 'uefi';

/** The certificates a UEFI firmware's db holds (Secure Boot): which Microsoft CAs it trusts. */
export type FirmwareKeys = 'microsoft' | 'microsoft-2011' | 'microsoft-2023';

/** `secureBoot`: UEFI Secure Boot on the site's machines (absent: unknown, advice only). */
export interface SiteSecureBoot {
  /** Secure Boot is on (true) or off (false) on the UEFI machines; a node's own value wins. */
  uefi?: boolean;
  firmwareKeys?: FirmwareKeys;
}

/** `nodes[i]`: a machine of the fleet. */
export interface SiteNode {
  /** Required by the schema, with `mac` and `profile`. */
  name?: string;
  mac?: string;
  ip?: string;
  firmware?: SiteFirmware;
  profile?: string;
  kernelArgs?: string;
  ignition?: string[];
  /** This node's firmware has Secure Boot on or off (overrides `secureBoot.uefi`). */
  secureBoot?: boolean;
}

/** `vm`: defaults for the local test VM. */
export interface SiteVm {
  firmware?: SiteFirmware;
  memoryMiB?: number;
  mac?: string;
  timeoutSeconds?: number;
  /** Boot with UEFI Secure Boot on (implies UEFI). */
  secureBoot?: boolean;
}

/** The whole site file. */
export interface Site {
  $schema?: string;
  /** Always 1 (required by the schema, with `name`, `network` and `tftp`). */
  version?: 1;
  name?: string;
  network?: SiteNetwork;
  tftp?: SiteTftp;
  http?: SiteHttp;
  router?: SiteRouter;
  targets?: Record<string, SiteTarget>;
  images?: SiteImages;
  butane?: SiteButane;
  secureBoot?: SiteSecureBoot;
  profiles?: Record<string, SiteProfile>;
  nodes?: SiteNode[];
  vm?: SiteVm;
}

/** The target of that name: an own property only (a target named `constructor` or `__proto__` is no exception). */
export function targetOf(site: Site, name: string): SiteTarget | undefined {
  return site.targets && Object.hasOwn(site.targets, name) ? site.targets[name] : undefined;
}
