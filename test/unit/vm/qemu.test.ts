/**
 * QEMU option injection: no value from the site (router, subnet, lease, MAC, memory, folders, boot file)
 * may add an option to `-netdev user,…` (a `hostfwd=` opens a host port to the guest, a second `restrict=`
 * lets it out). The generated argument is read back here with a parser written after QEMU's own
 * (util/qemu-option.c: a value runs to the next single comma, `,,` is a comma, `flag` is flag=on, `noflag`
 * is flag=off), independent of the one the code uses.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmPlan, VmError, type VmPlan } from '../../../lib/vm/plan';
import { firmwareArgs, nicDevice, readQemuOptions, userNetdev } from '../../../lib/vm/qemu';
import { networkArgs, qemuArgs } from '../../../lib/vm/run';

function qemuReads(text: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    let name = '';
    while (i < text.length && text[i] !== '=' && text[i] !== ',') name += text[i++];
    if (text[i] !== '=' && out.length > 0) {
      out.push(name.startsWith('no') ? [name.slice(2), 'off'] : [name, 'on']);
      i++;
      continue;
    }
    if (text[i] === '=') i++;
    else [name, i] = ['type', i - name.length];
    let value = '';
    for (; i < text.length; i++) {
      if (text[i] !== ',') value += text[i];
      else if (text[i + 1] === ',') value += text[++i];
      else {
        i++;
        break;
      }
    }
    out.push([name, value]);
  }
  return out;
}

const OPTION_67 = (name: string): string =>
  `/ip dhcp-server option\nadd code=67 name=b value="'${name}'"\n/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option=b`;

function site(
  options: {
    rsc?: string;
    extra?: Record<string, unknown>;
    network?: Record<string, unknown>;
    tftp?: string;
    files?: string[];
  } = {},
): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-vmqemu-'));
  const tftp = options.tftp ?? 'tftp';
  mkdirSync(join(root, tftp));
  for (const f of ['lpxelinux.0', ...(options.files ?? [])]) writeFileSync(join(root, tftp, f), '');
  mkdirSync(join(root, 'router'));
  writeFileSync(join(root, 'router', 'r.rsc'), options.rsc ?? OPTION_67('lpxelinux.0'));
  const network = { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2', ...options.network };
  writeFileSync(
    join(root, 'pxe-site.json'),
    JSON.stringify({
      version: 1,
      network,
      tftp: { root: tftp },
      http: { baseUrl: 'http://192.168.255.2/tftp/', root: tftp },
      router: { config: 'router/r.rsc' },
      ...options.extra,
    }),
  );
  return join(root, 'pxe-site.json');
}

/** The -netdev argument of a plan, as QEMU reads it; checks it holds one restrict=on and no hostfwd. */
function netdevOf(plan: VmPlan, forwarder = '/tmp/pxe-vm-x/forward.js'): Map<string, string[]> {
  const args = networkArgs(plan, { forwarder, port: 4242 });
  const options = qemuReads(args[1]!);
  const byKey = new Map<string, string[]>();
  for (const [key, value] of options) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  expect(byKey.get('restrict')).toEqual(['on']);
  expect(byKey.has('hostfwd')).toBe(false);
  expect(
    [...byKey.keys()].every((k) =>
      ['type', 'id', 'restrict', 'net', 'host', 'dhcpstart', 'tftp', 'bootfile', 'guestfwd'].includes(k),
    ),
  ).toBe(true);
  return byKey;
}

const HOSTFWD = 'hostfwd=tcp:127.0.0.1:25555-:22';

describe('values that reach QEMU', () => {
  it('refuses a router address that is not one IPv4 address, naming it', () => {
    expect(() => vmPlan(site({ network: { router: `192.168.255.1,${HOSTFWD}` } }))).toThrow(
      /network\.router "192\.168\.255\.1,hostfwd=tcp:127\.0\.0\.1:25555-:22" .* is not an IPv4 address: write four numbers/,
    );
    expect(() => vmPlan(site({ network: { router: '192.168.255.1,restrict=off' } }))).toThrow(VmError);
    expect(() => vmPlan(site({ network: { router: '192.168.255.01' } }))).toThrow(/is not an IPv4 address/);
    expect(() => vmPlan(site({ network: { router: '192.168.255.1\u001b[2J' } }))).toThrow('"192.168.255.1\\x1b[2J"');
    expect(() => vmPlan(site({ network: { router: '10.0.0.1' } }))).toThrow(/is not inside network\.subnet/);
  });

  it('refuses a subnet that is not an IPv4 network', () => {
    expect(() => vmPlan(site({ network: { subnet: '192.168.255.0/24,restrict=off' } }))).toThrow(
      /network\.subnet "192\.168\.255\.0\/24,restrict=off" .* is not an IPv4 network: write it like 192\.168\.255\.0\/24/,
    );
    expect(() => vmPlan(site({ network: { subnet: `192.168.255.0/24,${HOSTFWD}` } }))).toThrow(VmError);
    // A real network QEMU cannot take (/31) is a note, not an error.
    expect(vmPlan(site({ network: { subnet: '192.168.255.0/31' } })).net).toBeUndefined();
  });

  it("refuses a lease's address from the router config that is not one IPv4 address", () => {
    const lease = (address: string): string =>
      `${OPTION_67('lpxelinux.0')}\n/ip dhcp-server lease\nadd address=${address} mac-address=52:54:00:12:34:56`;
    expect(() => vmPlan(site({ rsc: lease(`"192.168.255.50,${HOSTFWD}"`) }))).toThrow(
      new RegExp(
        /The lease of 52:54:00:12:34:56 .* has address="192\.168\.255\.50,hostfwd=tcp:127\.0\.0\.1:25555-:22", /
          .source + /which is not an IPv4 address: write one address/.source,
      ),
    );
    expect(() => vmPlan(site({ rsc: lease('192.168.255.50,restrict=off') }))).toThrow(VmError);
    const ok = vmPlan(site({ rsc: lease('192.168.255.50') }));
    expect(ok.dhcpStart).toBe('192.168.255.50');
    expect(netdevOf(ok).get('dhcpstart')).toEqual(['192.168.255.50']);
    // An address outside QEMU's network, or a pool's name, is not handed to it.
    expect(vmPlan(site({ rsc: lease('10.1.2.3') })).dhcpStart).toBeUndefined();
    expect(vmPlan(site({ rsc: lease('lab-pool') })).notes.join('\n')).toMatch(/from pool lab-pool/);
  });

  it('refuses a MAC that is not one, from the request or the site file (a wrongly typed one names the field)', () => {
    expect(() => vmPlan(site(), { mac: `52:54:00:12:34:56,${HOSTFWD}` })).toThrow(
      /"52:54:00:12:34:56,hostfwd=.*" is not a MAC address: write it as 52:54:00:12:34:56/,
    );
    expect(() => vmPlan(site({ extra: { vm: { mac: '52:54:00:12:34:56,bootindex=9' } } }))).toThrow(
      /is not a MAC address/,
    );
    expect(() => vmPlan(site({ extra: { vm: { mac: 5 } } }))).toThrow(VmError);
    expect(() => vmPlan(site({ extra: { vm: { mac: 5 } } }))).toThrow(/`vm\.mac` must be a string \(it is 5\)/);
  });

  it('refuses memory and timeouts that are not whole numbers in range', () => {
    expect(() => vmPlan(site(), { memoryMiB: 1.5 })).toThrow(
      /The memory \(MiB\) "1\.5" must be a whole number from 64 to 65536/,
    );
    expect(() => vmPlan(site(), { memoryMiB: 0 })).toThrow(VmError);
    expect(() => vmPlan(site(), { timeoutSeconds: 1e12 })).toThrow(/The timeout \(seconds\)/);
    expect(() => vmPlan(site({ extra: { vm: { memoryMiB: '2048,maxmem=1T' } } }))).toThrow(
      /`vm\.memoryMiB` must be a whole number \(it is "2048,maxmem=1T"\)/,
    );
  });

  it('passes a TFTP folder with a comma as one value (doubled), never as a new option', () => {
    const file = site({ tftp: 'tftp,restrict=off,hostfwd=tcp::25555-:22' });
    const plan = vmPlan(file);
    expect(plan.tftpRoot).toMatch(/tftp,restrict=off,hostfwd=tcp::25555-:22$/);
    expect(netdevOf(plan).get('tftp')).toEqual([plan.tftpRoot]);
  });

  it('passes a boot file name with a comma as one value, and refuses control characters and over-long names', () => {
    const name = 'boot,restrict=off,hostfwd=tcp::25555-:22';
    const plan = vmPlan(site({ rsc: OPTION_67(name), files: [name] }));
    expect(plan.bootFile).toBe(name);
    expect(netdevOf(plan).get('bootfile')).toEqual([name]);
    expect(() => networkArgs({ ...plan, bootFile: 'a\u0007b' })).toThrow(
      /The boot file name "a\\x07b" has control characters/,
    );
    expect(() => networkArgs({ ...plan, bootFile: 'x'.repeat(128) })).toThrow(/longer than 127 bytes/);
  });

  it('passes the forwarder command as one guestfwd value, quoted where it has spaces', () => {
    const plan = vmPlan(site());
    const guestfwd = netdevOf(plan, '/tmp/a dir,x/forward.js').get('guestfwd');
    expect(guestfwd).toEqual([`tcp:192.168.255.2:80-cmd:${process.execPath} '/tmp/a dir,x/forward.js' 4242`]);
  });

  it('checks the values again where the QEMU argument is written (a plan made by hand)', () => {
    const plan = vmPlan(site());
    expect(() => networkArgs({ ...plan, host: `192.168.255.1,${HOSTFWD}` })).toThrow(
      /The router address "192\.168\.255\.1,hostfwd=.*" is not an IPv4 address/,
    );
    expect(() => networkArgs({ ...plan, dhcpStart: '192.168.255.50,restrict=off' })).toThrow(/The lease's address/);
    expect(() => networkArgs({ ...plan, net: '192.168.255.0/24,restrict=off' })).toThrow(/is not an IPv4 network/);
    expect(() => networkArgs({ ...plan, mac: '52:54:00:12:34:56,netdev=n1' })).toThrow(/is not a MAC address/);
    expect(() =>
      networkArgs(
        { ...plan, httpHosts: [{ host: '192.168.255.2,restrict=off', port: 80 }] },
        { forwarder: '/f.js', port: 1 },
      ),
    ).toThrow(/The HTTP host/);
    expect(() => networkArgs({ ...plan, tftpRoot: '/srv/\u001btftp' })).toThrow(/The TFTP folder "\/srv\/\\x1btftp"/);
  });

  it('reads QEMU options as QEMU does', () => {
    const cases: [string, [string, string][]][] = [
      [
        'user,id=n0,restrict=on',
        [
          ['type', 'user'],
          ['id', 'n0'],
          ['restrict', 'on'],
        ],
      ],
      [
        'user,tftp=a,,b,bootfile=c',
        [
          ['type', 'user'],
          ['tftp', 'a,b'],
          ['bootfile', 'c'],
        ],
      ],
      [
        'user,tftp=a,,,norestrict',
        [
          ['type', 'user'],
          ['tftp', 'a,'],
          ['restrict', 'off'],
        ],
      ],
      [
        'user,bootfile=x,,,,y,,',
        [
          ['type', 'user'],
          ['bootfile', 'x,,y,'],
        ],
      ],
      [
        'user,a=b=c,',
        [
          ['type', 'user'],
          ['a', 'b=c'],
        ],
      ],
    ];
    for (const [text, expected] of cases) {
      expect(qemuReads(text), text).toEqual(expected);
      expect(readQemuOptions(text), text).toEqual(expected);
    }
    expect(userNetdev({ bootFile: 'a,b', tftpRoot: '/t,u' })).toBe('user,id=n0,restrict=on,tftp=/t,,u,bootfile=a,,b');
  });
});

describe('the firmware on the command line', () => {
  const OVMF = { code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/tmp/pxe-vm-x/vars.fd' };
  const SECBOOT = { code: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', vars: '/tmp/pxe-vm-x/vars.fd' };
  const forward = { forwarder: '/tmp/pxe-vm-x/forward.js', port: 4242 };
  const GUESTFWD = `guestfwd=tcp:192.168.255.2:80-cmd:${process.execPath} /tmp/pxe-vm-x/forward.js 4242`;
  const NETDEV = `user,id=n0,restrict=on,net=192.168.255.0/24,host=192.168.255.1,tftp=`;

  it('keeps BIOS and UEFI as they were, and adds q35/SMM, a secure pflash and no NIC ROM for Secure Boot', () => {
    const file = site();
    const bios = vmPlan(file, { firmware: 'bios' });
    const tftp = `${NETDEV}${bios.tftpRoot},bootfile=lpxelinux.0,${GUESTFWD}`;
    const common = ['-accel', 'tcg', '-m', '2048', '-nographic', '-no-reboot', '-monitor', 'none', '-serial', 'stdio'];
    expect(qemuArgs(bios, { accel: 'tcg', forward })).toEqual([
      ...[...common, '-netdev', tftp],
      ...['-device', 'virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56', '-boot', 'n'],
    ]);
    const uefi = vmPlan(file, { firmware: 'uefi' });
    expect(qemuArgs(uefi, { accel: 'tcg', forward, ovmf: OVMF })).toEqual([
      ...[...common, '-netdev', tftp, '-device', 'virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56,bootindex=0'],
      ...['-drive', 'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd'],
      ...['-drive', 'if=pflash,format=raw,file=/tmp/pxe-vm-x/vars.fd'],
    ]);
    const secure = vmPlan(file, { secureBoot: true });
    expect(qemuArgs(secure, { accel: 'tcg', forward, ovmf: SECBOOT })).toEqual([
      ...[...common, '-netdev', tftp],
      ...['-device', 'virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56,bootindex=0,romfile='],
      ...['-machine', 'q35,smm=on', '-global', 'driver=cfi.pflash01,property=secure,value=on'],
      ...['-drive', 'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd'],
      ...['-drive', 'if=pflash,format=raw,file=/tmp/pxe-vm-x/vars.fd'],
    ]);
    // romfile= is one empty value to QEMU: the card loads no option ROM.
    expect(readQemuOptions(nicDevice('52:54:00:12:34:56', true, true)).at(-1)).toEqual(['romfile', '']);
  });

  it('refuses Secure Boot with BIOS or without a variables store, where the argument is written', () => {
    expect(() => firmwareArgs('bios', undefined, true)).toThrow(/Secure Boot is a UEFI feature/);
    expect(() => firmwareArgs('uefi', { code: SECBOOT.code }, true)).toThrow(
      /Secure Boot needs OVMF's Secure Boot build and its variables store/,
    );
    expect(() => firmwareArgs('uefi', undefined, true)).toThrow(VmError);
  });

  it('passes firmware paths as one file each: commas doubled, relative names and control characters refused', () => {
    const odd = firmwareArgs('uefi', { code: SECBOOT.code, vars: '/tmp/a,readonly=off,file=/etc/x/vars.fd' }, true);
    const drive = odd.at(-1)!;
    expect(drive).toBe('if=pflash,format=raw,file=/tmp/a,,readonly=off,,file=/etc/x/vars.fd');
    expect(qemuReads(drive)).toEqual([
      ['if', 'pflash'],
      ['format', 'raw'],
      ['file', '/tmp/a,readonly=off,file=/etc/x/vars.fd'],
    ]);
    // A name QEMU would read as a block driver (json:, nbd:) is not a path.
    expect(() => firmwareArgs('uefi', { code: 'json:{"driver":"nbd"}', vars: OVMF.vars })).toThrow(
      /The OVMF firmware "json:\{"driver":"nbd"\}" is not an absolute path/,
    );
    expect(() => firmwareArgs('uefi', { code: OVMF.code, vars: 'nbd:127.0.0.1:10809' }, true)).toThrow(
      /The OVMF variables' copy "nbd:127\.0\.0\.1:10809" is not an absolute path/,
    );
    expect(() => firmwareArgs('uefi', { code: OVMF.code, vars: '/tmp/\u001b[2Jvars.fd' })).toThrow(
      /"\/tmp\/\\x1b\[2Jvars\.fd" has control characters/,
    );
    expect(() => firmwareArgs('uefi', { code: 'OVMF.fd' })).toThrow(/is not an absolute path/);
  });
});
