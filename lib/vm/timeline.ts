/**
 * The boot timeline: stages marked as the serial console and the HTTP server show them — Secure Boot,
 * firmware, DHCP, boot file, shim and GRUB, loader, config or script, kernel and initrd (bytes, time, TFTP or
 * HTTP), `Linux version`, the initramfs, the Ignition fetch — and the line where it stopped when it failed.
 */
import { EventEmitter } from 'node:events';
import type { HttpEvent } from './http';
import { SECURE_BOOT_PATTERNS } from './secureBoot';
import { STAGE_NAME, STAGE_ORDER, type Failure, type Pattern, type SoFar, type Stage, type StageId } from './stages';

export { STAGE_NAME, STAGE_ORDER, type Failure, type Pattern, type SoFar, type Stage, type StageId } from './stages';

/** `\x1b[…m`, `\x1bc` and the other escapes SeaBIOS, iPXE and OVMF write to the serial console. */
// eslint-disable-next-line no-control-regex -- escape sequences are what this removes
const ANSI = /\x1b\[[0-9;?=]*[A-Za-z]|\x1b[c()][0-9A-Za-z]?|\x1b./g;

/** What kind of file a fetched name is. */
export function kindOf(name: string): StageId {
  const file = name.split(/[?#]/)[0]!.split('/').pop()!.toLowerCase();
  if (/\.ign$/.test(file)) return 'ignition';
  if (/\.ipxe$|\.cfg$|^default$|^01-|^[0-9a-f]{1,8}$/.test(file) || /pxelinux\.cfg\//.test(name)) return 'config';
  if (/\.(c32|e64|e32)$/.test(file)) return 'module';
  if (/initrd|initramfs|\.cpio|\.img(\.gz|\.xz)?$/.test(file) && !/rootfs/.test(file)) return 'initrd';
  if (/vmlinu[xz]|kernel|bzimage|^linux$/.test(file)) return 'kernel';
  if (/\.(0|efi|kpxe|pxe|lkrn)$/.test(file)) return 'loader';
  return 'module';
}

/**
 * Cursor positioning (`ESC[row;colH`): shim draws its messages in a box row by row with no line ends, SYSLINUX
 * EFI places every character of a line, PXELINUX at the screen's foot writes "L", CR, then moves to column 2
 * for the rest. A move to column 1 starts a line; a move further along (a CR before it too) continues it.
 */
// eslint-disable-next-line no-control-regex -- escape sequences are what this finds
const CURSOR_AT = /\r?\x1b\[\d*(?:;(\d*))?H/g;
/** What may be the start of a CR and a cursor move, cut by the end of a chunk: kept for the next one. */
// eslint-disable-next-line no-control-regex -- escape sequences are what this finds
const CUT = /\r?(?:\x1b(?:\[[\d;]*)?)?$/;

/** A prompt waits for input without a line end: read as a line once it is all that is left. */
// eslint-disable-next-line no-control-regex -- escape sequences are what this ignores
const PROMPT = /^(?:\x1b\[[0-9;]*m)*grub> $/;

const PATTERNS: Pattern[] = [
  { re: /SeaBIOS \(version ([^)]+)\)/, stage: (m) => ({ id: 'firmware', label: `SeaBIOS ${m[1]}` }) },
  {
    re: /BdsDxe: (?:loading|starting) Boot\d+ "([^"]+)"/,
    stage: (m) => ({ id: 'firmware', label: `UEFI (OVMF): ${m[1]}` }),
  },
  { re: />>Start PXE over IPv4/, stage: () => ({ id: 'firmware', label: 'UEFI (OVMF) PXE' }) },
  {
    re: /iPXE (\S+) -- Open Source Network Boot Firmware/,
    stage: (m, t) => ({
      id: 'firmware',
      label: t.firmware === 'uefi' ? `OVMF (UEFI) with iPXE ${m[1]} as its network driver` : `iPXE ${m[1]} network ROM`,
    }),
  },
  { re: /Configuring \(net\d ([0-9a-f:]+)\)[. ]*ok/, stage: (m) => ({ id: 'dhcp', label: `iPXE, ${m[1]}` }) },
  { re: /Station IP address is (\S+)/, stage: (m) => ({ id: 'dhcp', label: m[1]! }) },
  { re: /My IP address seems to be [0-9A-F]+ (\S+)/, stage: (m) => ({ id: 'dhcp', label: `PXELINUX: ${m[1]}` }) },
  {
    re: /^\s*(?:net\d: )?(\d+\.\d+\.\d+\.\d+)\/(\d+\.\d+\.\d+\.\d+)(?: gw (\S+))?/,
    stage: (m) => ({ id: 'dhcp', label: m[1]!, ...(m[3] ? { detail: `gateway ${m[3]}` } : {}) }),
  },
  { re: /Filename: (\S+)/, stage: (m) => ({ id: 'bootfile', label: m[1]! }) },
  { re: /NBP filename is (\S+)/, stage: (m) => ({ id: 'bootfile', label: m[1]! }) },
  {
    re: /NBP filesize is (\d+) Bytes/,
    stage: (m, t) => ({
      id: 'bootfile',
      label: t.bootFile || 'boot file',
      bytes: Number(m[1]),
      via: 'tftp',
      detail: `${Number(m[1]).toLocaleString('en')} bytes over TFTP`,
    }),
  },
  {
    re: /^(\S+) : (\d+) bytes \[(?:PXE-NBP|EFI|PXE|NBI)\]/,
    stage: (m) => ({
      id: 'bootfile',
      label: m[1]!.split('/').pop()!,
      bytes: Number(m[2]),
      detail: `${Number(m[2]).toLocaleString('en')} bytes`,
    }),
  },
  {
    re: /(PXELINUX|SYSLINUX) (\d+\.\d+)\S*( EFI)?/,
    stage: (m) => ({ id: 'loader', label: `${m[1]} ${m[2]}${m[3] ?? ''}` }),
  },
  // syslinux.efi prints no banner; this is its first line.
  { re: /^Getting cached packet/, stage: () => ({ id: 'loader', label: 'SYSLINUX (EFI)' }) },
  {
    re: /^(\S+) : (\d+) bytes \[script\]/,
    stage: (m) => ({
      id: 'config',
      label: m[1]!.split('/').pop()!,
      bytes: Number(m[2]),
      detail: `${m[2]} bytes, iPXE script`,
    }),
  },
  // A loader fetched by the firmware's iPXE is the DHCP boot file.
  {
    re: /^((?:https?|tftp):\/\/\S+?)\.{3} ok/,
    stage: (m) => ({
      id: kindOf(m[1]!) === 'loader' ? 'bootfile' : kindOf(m[1]!),
      label: m[1]!.split('/').pop()!,
      via: m[1]!.startsWith('tftp') ? 'tftp' : 'http',
    }),
  },
  // PXELINUX/SYSLINUX: "Loading <file>... ok". Under load the "ok" can come after a carriage return (its
  // own line here), so the fetch counts from "Loading"; a failed one is caught by the failure lines.
  {
    re: /Loading (\S+?)\.{3,}(?:\s*ok)?/,
    stage: (m) => ({
      id: kindOf(m[1]!),
      label: m[1]!.split('/').pop()!,
      ...(/^https?:/.test(m[1]!) ? { via: 'http' as const } : { via: 'tftp' as const }),
    }),
  },
  { re: /Linux version (\S+)/, stage: (m) => ({ id: 'linux', label: `Linux ${m[1]}` }) },
  { re: /Run (\S+) as init process/, stage: (m) => ({ id: 'initramfs', label: m[1]! }) },
  // The kernel's own word that an initrd arrived, for loaders that do not say they fetched one.
  {
    re: /Freeing initrd memory: (\d+)K/,
    stage: (m, t) =>
      t.has('initrd')
        ? undefined
        : { id: 'initrd', label: 'initrd (unpacked by the kernel)', detail: `${m[1]} KiB unpacked by the kernel` },
  },
  { re: /ignition\[\d+\]: .*GET (\S+): attempt/, stage: (m) => ({ id: 'ignition', label: m[1]! }) },
  {
    re: /VFS: Unable to mount root fs.*/,
    failure: (m) =>
      `${m[0]} — the kernel found no initrd. Under UEFI the kernel line needs initrd=<name> ` +
      '(iPXE rule ipxe.missingInitrd); otherwise check the INITRD/initrd line and the file.',
  },
  { re: /Kernel panic.*/, failure: (m) => m[0] },
  {
    re: new RegExp(
      [
        'Connection reset.*',
        'No such file or directory.*',
        'Operation not supported.*',
        'Permission denied \\(http.*',
        'Could not boot.*',
        'Boot Failed.*',
        'Failed to load.*',
        'Could not find kernel image.*',
        'Unable to locate configuration file.*',
        'No bootable device.*',
        'PXE-E\\d\\d.*',
        'Exec format error.*',
        'Not found \\(http.*',
      ].join('|'),
    ),
    failure: (m) => m[0],
  },
  ...SECURE_BOOT_PATTERNS,
];

export class Timeline extends EventEmitter {
  readonly stages: Stage[] = [];
  failure?: Failure;
  private started = Date.now();
  private partial = '';

  constructor(
    /** A line the test initramfs (or any boot) prints when it got where it should. */
    private readonly marker?: string,
    private readonly firmware: 'bios' | 'uefi' = 'bios',
    /** The VM's firmware enforces Secure Boot (OVMF prints nothing about it: the plan says so). */
    private readonly secureBoot = false,
  ) {
    super();
  }

  private now(): number {
    return Math.round((Date.now() - this.started) / 100) / 10;
  }

  private bootFile = '';

  private add(stage: Omit<Stage, 'at'>): void {
    if (stage.id === 'bootfile' && !this.bootFile) this.bootFile = stage.label.split('/').pop()!;
    // The boot file named by DHCP and then fetched is one stage ("lpxelinux.0", "http://…/boot.ipxe" by its name).
    if (stage.id === 'bootfile' && this.bootFile && stage.label.split('/').pop() === this.bootFile)
      stage = { ...stage, label: this.stages.find((s) => s.id === 'bootfile')?.label ?? stage.label };
    // One DHCP stage: later lines (the address, the gateway) add to it.
    const dhcp = stage.id === 'dhcp' ? this.stages.find((s) => s.id === 'dhcp') : undefined;
    if (dhcp) {
      dhcp.detail = [dhcp.detail, stage.label, stage.detail].filter(Boolean).join(', ');
      return;
    }
    // Several lines (and the HTTP log) tell about one file: keep the first, add what it lacks.
    const earlier = this.stages.find((s) => s.id === stage.id && s.label === stage.label);
    if (earlier) {
      if (stage.bytes !== undefined && earlier.bytes === undefined)
        Object.assign(earlier, { bytes: stage.bytes, ...(stage.detail ? { detail: stage.detail } : {}) });
      if (stage.via && !earlier.via) earlier.via = stage.via;
      return;
    }
    const full: Stage = { ...stage, at: this.now() };
    this.stages.push(full);
    this.emit('stage', full);
  }

  /** Restarts the clock (when QEMU starts: the stages' times are seconds since then). */
  start(): void {
    this.started = Date.now();
    if (this.secureBoot)
      this.add({
        id: 'secureboot',
        label: 'on',
        detail: "OVMF's Secure Boot build, Microsoft's keys enrolled; no iPXE ROM on the network card",
      });
  }

  /** Feeds serial console output (any chunking: an escape sequence may be split across chunks). */
  serial(chunk: string): void {
    const all = this.partial + chunk;
    const held = all.slice(CUT.exec(all)!.index);
    const text = all
      .slice(0, all.length - held.length)
      .replace(CURSOR_AT, (_move, column?: string) => (Number(column || 1) > 1 ? '' : '\n'));
    const lines = text.split(/\r\n|\r|\n/);
    this.partial = (lines.pop() ?? '') + held;
    for (const line of lines) this.line(line);
    if (PROMPT.test(this.partial)) {
      this.line(this.partial);
      this.partial = '';
    }
  }

  line(raw: string): void {
    // SYSLINUX EFI writes "Loading vmlinuz... okLoading initrd.img...ok[    0.000000] Linux version…" as one line.
    const parts = raw.replace(ANSI, '').split(/(?<=ok)(?=Loading |\[\s*\d+\.\d+\])/);
    if (parts.length > 1) {
      parts.forEach((p) => this.line(p));
      return;
    }
    const line = parts[0]!.trim();
    if (!line) return;
    if (this.marker && line.includes(this.marker)) this.add({ id: 'marker', label: line.slice(0, 120) });
    const soFar: SoFar = {
      firmware: this.firmware,
      bootFile: this.bootFile,
      has: (id) => this.stages.some((s) => s.id === id),
      stage: (id) => this.stages.find((s) => s.id === id),
    };
    for (const p of PATTERNS) {
      const m = p.re.exec(line);
      if (!m) continue;
      if (p.stage) {
        const stage = p.stage(m, soFar);
        if (stage) this.add(stage);
      }
      if (p.failure && !this.failure) {
        const text = p.failure(m, soFar);
        if (text) this.failed(text, p.refusedBy);
      }
    }
  }

  /** The first failure: `line — hint` (the hint may hold dashes of its own). */
  private failed(text: string, refusedBy?: StageId): void {
    const dash = text.indexOf(' — ');
    const [first, hint] = dash < 0 ? [text, ''] : [text.slice(0, dash), text.slice(dash + 3)];
    this.failure = {
      line: first.slice(0, 200),
      ...(hint ? { hint } : {}),
      ...(refusedBy ? { refusedBy } : {}),
      at: this.now(),
    };
    this.emit('failure', this.failure);
  }

  /** An HTTP request the VM made (the local server's log). */
  http(event: HttpEvent): void {
    const name = event.url.split('/').pop() || event.url;
    if (event.status >= 400) {
      this.emit('note', `HTTP ${event.status} for ${event.url}`);
      return;
    }
    if (event.method !== 'GET' || event.status !== 200) return;
    const mib = event.bytes / 1048576;
    const rate = event.ms > 0 && mib >= 1 ? ` at ${(mib / (event.ms / 1000)).toFixed(1)} MiB/s` : '';
    this.add({
      id: kindOf(event.url),
      label: name,
      via: 'http',
      bytes: event.bytes,
      detail: `${event.bytes.toLocaleString('en')} bytes over HTTP in ${(event.ms / 1000).toFixed(1)} s${rate}`,
    });
  }

  /** The furthest stage reached. */
  reached(): Stage | undefined {
    let best: Stage | undefined;
    for (const s of this.stages) if (!best || STAGE_ORDER.indexOf(s.id) >= STAGE_ORDER.indexOf(best.id)) best = s;
    return best;
  }

  flush(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }
}

/** One line per stage, for the CLI and logs. */
export function stageLine(stage: Stage): string {
  const note = stage.detail ? `  (${stage.detail})` : stage.via ? `  (${stage.via.toUpperCase()})` : '';
  return `${stage.at.toFixed(1).padStart(6)} s  ${STAGE_NAME[stage.id].padEnd(24)} ${stage.label}${note}`;
}
