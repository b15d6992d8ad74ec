/** The stages of a boot and how a serial line is read into one (the timeline and its Secure Boot lines share them). */

export type StageId =
  | 'secureboot'
  | 'firmware'
  | 'dhcp'
  | 'bootfile'
  | 'shim'
  | 'grub'
  | 'loader'
  | 'config'
  | 'kernel'
  | 'initrd'
  | 'module'
  | 'linux'
  | 'kernelSecureBoot'
  | 'initramfs'
  | 'ignition'
  | 'marker';

/** How far each stage gets a boot: a later stage reached means the earlier ones were passed. */
export const STAGE_ORDER: readonly StageId[] = [
  'secureboot',
  'firmware',
  'dhcp',
  'bootfile',
  'shim',
  'grub',
  'loader',
  'config',
  'module',
  'kernel',
  'initrd',
  'linux',
  'kernelSecureBoot',
  'initramfs',
  'ignition',
  'marker',
];

export const STAGE_NAME: Record<StageId, string> = {
  secureboot: 'Secure Boot',
  firmware: 'Firmware',
  dhcp: 'DHCP',
  bootfile: 'Boot file',
  shim: 'Shim',
  grub: 'GRUB',
  loader: 'Loader',
  config: 'Config / script',
  module: 'Loader module',
  kernel: 'Kernel',
  initrd: 'Initrd',
  linux: 'Linux started',
  kernelSecureBoot: 'Kernel Secure Boot',
  initramfs: 'Initramfs reached',
  ignition: 'Ignition config fetched',
  marker: 'Marker seen',
};

export interface Stage {
  id: StageId;
  /** What was seen: `SeaBIOS 1.16.2`, `lpxelinux.0`, `vmlinuz`. */
  label: string;
  /** Bytes, time and how (TFTP/HTTP), an address… */
  detail?: string;
  via?: 'tftp' | 'http';
  bytes?: number;
  /** Seconds since the VM started. */
  at: number;
}

export interface Failure {
  line: string;
  /** What it usually means and where to look. */
  hint?: string;
  /** The link of a Secure Boot chain that refused the next one's signature (firmware, shim or GRUB). */
  refusedBy?: StageId;
  /** For a Secure Boot refusal: the chain-of-trust rules' account (who signed the file, whom the judge trusts). */
  signers?: string;
  at: number;
}

/** What a pattern may need to know about the boot so far. */
export interface SoFar {
  firmware: 'bios' | 'uefi';
  /** The boot file DHCP named (its last path segment), once seen. */
  bootFile: string;
  has(id: StageId): boolean;
  /** The first stage of this kind. */
  stage(id: StageId): Stage | undefined;
}

/** A serial line that marks a stage, or a failure: `what — what it means and what to do`. */
export interface Pattern {
  re: RegExp;
  stage?: (m: RegExpExecArray, soFar: SoFar) => Omit<Stage, 'at'> | undefined;
  failure?: (m: RegExpExecArray, soFar: SoFar) => string | undefined;
  /** A Secure Boot refusal: the stage whose check refused. */
  refusedBy?: StageId;
}
