/**
 * QEMU's option syntax for the VM's network: `-netdev user,key=value,…` and `-device …,mac=…`, written from
 * checked values and read back the way QEMU reads it, so that no value from the site (a router address, a
 * lease, a boot file name, a folder) can add an option: a `hostfwd=` would open a host port to the guest, a
 * second `restrict=` would let it out.
 */
import { escapeControl, hasControl } from '../core/untrusted';
import { isIpv4, isIpv4Network } from '../core/ipv4';
import { checkedMac, VmError } from './plan';

/** A value inside a QEMU option list: commas are doubled (`,,` is a literal comma to QEMU). */
export const qemuValue = (s: string): string => s.replace(/,/g, ',,');

/**
 * Reads `type,key=value,flag,nokey` as QEMU's option parser does: a value runs to the next single comma,
 * `,,` is a comma inside it; a first part without `=` is the implied key; a bare `key` is `key=on`, a bare
 * `nokey` is `key=off`.
 */
export function readQemuOptions(text: string, implied = 'type'): [string, string][] {
  const options: [string, string][] = [];
  // A value and where the next option starts.
  const valueFrom = (from: number): [string, number] => {
    let value = '';
    for (let at = from; ;) {
      const comma = text.indexOf(',', at);
      if (comma < 0) return [value + text.slice(at), text.length];
      value += text.slice(at, comma);
      if (text[comma + 1] !== ',') return [value, comma + 1];
      value += ',';
      at = comma + 2;
    }
  };
  for (let i = 0; i < text.length;) {
    const stop = text.slice(i).search(/[=,]/);
    const end = stop < 0 ? text.length : i + stop;
    if (text[end] === '=' || options.length === 0) {
      const named = text[end] === '=';
      const [value, next] = valueFrom(named ? end + 1 : i);
      options.push([named ? text.slice(i, end) : implied, value]);
      i = next;
    } else {
      const flag = text.slice(i, end);
      options.push(flag.startsWith('no') ? [flag.slice(2), 'off'] : [flag, 'on']);
      i = end + 1;
    }
  }
  return options;
}

/** Refuses what cannot be an option value: control characters (and an empty value). */
function text(what: string, value: string): string {
  if (!value || hasControl(value))
    throw new VmError(
      `${what} "${escapeControl(value)}" has control characters (or is empty): QEMU cannot be given it. Rename it to plain text.`,
    );
  return value;
}

function address(what: string, value: string): string {
  if (!isIpv4(value))
    throw new VmError(
      `${what} "${escapeControl(value)}" is not an IPv4 address: write four numbers 0–255 separated by dots, like 192.168.255.1.`,
    );
  return value;
}

/** DHCP's boot file field holds 128 bytes with the terminating NUL. */
const MAX_BOOT_FILE_BYTES = 127;

/**
 * A program and its arguments as one `cmd:` line. libslirp splits it like a shell (g_shell_parse_argv; older
 * releases on spaces only): plain words stay bare so both read them alike, others are single-quoted.
 */
const shellLine = (argv: string[]): string =>
  argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

export interface UserNetwork {
  net?: string;
  host?: string;
  dhcpStart?: string;
  tftpRoot?: string;
  bootFile: string;
  /** Guest connections to host:port run `command` (the forwarder to the local HTTP server). */
  forwards?: { host: string; port: number; command: string[] }[];
}

/** The keys the VM's user network may have: never `hostfwd` (a host port open to the guest), one `restrict=on`. */
const NETDEV_KEYS = new Set(['type', 'id', 'restrict', 'net', 'host', 'dhcpstart', 'tftp', 'bootfile', 'guestfwd']);

/** `-netdev user,…` for the VM: restricted, every value checked, and read back to prove it says only that. */
export function userNetdev(spec: UserNetwork): string {
  const parts = ['user', 'id=n0', 'restrict=on'];
  if (spec.net) {
    if (!isIpv4Network(spec.net, 8, 30))
      throw new VmError(
        `The VM network "${escapeControl(spec.net)}" is not an IPv4 network with a /8 to /30 prefix: write it like 192.168.255.0/24.`,
      );
    parts.push(`net=${spec.net}`);
  }
  if (spec.host) parts.push(`host=${address('The router address', spec.host)}`);
  if (spec.dhcpStart) parts.push(`dhcpstart=${address("The lease's address", spec.dhcpStart)}`);
  if (spec.tftpRoot) parts.push(`tftp=${qemuValue(text('The TFTP folder', spec.tftpRoot))}`);
  const bootFile = text('The boot file name', spec.bootFile);
  if (Buffer.byteLength(bootFile) > MAX_BOOT_FILE_BYTES)
    throw new VmError(
      `The boot file name "${escapeControl(bootFile)}" is longer than ${MAX_BOOT_FILE_BYTES} bytes, ` +
        'which DHCP cannot send: shorten it (a shorter path or URL).',
    );
  parts.push(`bootfile=${qemuValue(bootFile)}`);
  for (const f of spec.forwards ?? []) {
    if (!Number.isInteger(f.port) || f.port < 1 || f.port > 65535)
      throw new VmError(
        `HTTP port ${escapeControl(String(f.port))} is not a port number (1–65535): correct the URL in the site file.`,
      );
    const command = shellLine(f.command.map((a) => text('The forwarder command', a)));
    parts.push(`guestfwd=tcp:${address('The HTTP host', f.host)}:${f.port}-cmd:${qemuValue(command)}`);
  }
  const netdev = parts.join(',');
  // Read back as QEMU will: anything but the keys written, or restrict not exactly once and on, is refused.
  const options = readQemuOptions(netdev);
  const restrict = options.filter(([key]) => key === 'restrict');
  const stray = options.find(([key]) => !NETDEV_KEYS.has(key));
  const count = (key: string): number => options.filter(([k]) => k === key).length;
  if (
    stray ||
    restrict.length !== 1 ||
    restrict[0]?.[1] !== 'on' ||
    count('bootfile') !== 1 ||
    count('guestfwd') !== (spec.forwards?.length ?? 0) ||
    options.length !== parts.length
  ) {
    throw new VmError(
      "The VM's network options did not read back as written " +
        `(${escapeControl(stray ? `a stray "${stray[0]}"` : 'restrict, bootfile or guestfwd changed')}): ` +
        'not started. Please report this with the site file.',
    );
  }
  return netdev;
}

/**
 * `-device` for the VM's network card: the MAC checked again here (it is written into an option list too).
 * `romfile=` (empty) leaves QEMU's iPXE ROM off: under Secure Boot it is unsigned and the firmware refuses it,
 * so the firmware's own PXE driver runs instead.
 */
export function nicDevice(mac: string, uefi: boolean, withoutRom = false): string {
  return `virtio-net-pci,netdev=n0,mac=${checkedMac(mac)}${uefi ? ',bootindex=0' : ''}${withoutRom ? ',romfile=' : ''}`;
}

/** The firmware files a UEFI VM is given: OVMF's code and this run's copy of its variables store. */
export interface OvmfFiles {
  code: string;
  /** This run's copy of the variables store; none for a one-file OVMF (`-bios`). */
  vars?: string;
}

/** Secure Boot needs SMM (the variables store is only writable from it) and a pflash that enforces it. */
const SECURE_BOOT_MACHINE = ['-machine', 'q35,smm=on', '-global', 'driver=cfi.pflash01,property=secure,value=on'];

/**
 * The firmware's part of the command line: BIOS boots the network ROM; UEFI gets OVMF as two pflash drives
 * (code read-only, a copy of the variables), Secure Boot adds the q35 machine with SMM and a secure pflash.
 */
export function firmwareArgs(firmware: 'bios' | 'uefi', ovmf: OvmfFiles | undefined, secureBoot = false): string[] {
  if (firmware === 'bios') {
    if (secureBoot) throw new VmError('Secure Boot is a UEFI feature: a BIOS VM cannot boot with it.');
    return ['-boot', 'n'];
  }
  if (secureBoot && !ovmf?.vars)
    throw new VmError("Secure Boot needs OVMF's Secure Boot build and its variables store: sudo apt-get install ovmf");
  if (!ovmf) return [];
  if (!ovmf.vars) return ['-bios', firmwareFile('The OVMF firmware', ovmf.code)];
  return [
    ...(secureBoot ? SECURE_BOOT_MACHINE : []),
    ...['-drive', pflashDrive('The OVMF firmware', ovmf.code, true)],
    ...['-drive', pflashDrive("The OVMF variables' copy", ovmf.vars, false)],
  ];
}

/**
 * A firmware file's path as QEMU takes it: absolute (a name like `json:{…}` or `nbd:…` would be read as a
 * block driver and its options) and plain text.
 */
function firmwareFile(what: string, file: string): string {
  if (!file.startsWith('/'))
    throw new VmError(`${what} "${escapeControl(file)}" is not an absolute path: QEMU cannot be given it.`);
  return text(what, file);
}

/** `if=pflash,…,file=…`: the path's commas doubled, and read back to prove it adds no option. */
function pflashDrive(what: string, file: string, readonly: boolean): string {
  const drive = `if=pflash,format=raw${readonly ? ',readonly=on' : ''},file=${qemuValue(firmwareFile(what, file))}`;
  const options = readQemuOptions(drive, 'file');
  const keys = options.map(([key]) => key).join(',');
  if (keys !== (readonly ? 'if,format,readonly,file' : 'if,format,file') || options.at(-1)?.[1] !== file)
    throw new VmError(
      `${what} "${escapeControl(file)}" did not read back as one file name: not started. Please report this.`,
    );
  return drive;
}
