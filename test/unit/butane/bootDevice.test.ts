import { describe, expect, it } from 'vitest';
import { decodeUrls, haveOracle, levelPaths, runOracle, runSugar, SPECS, sameAsOracle } from './sugarHelpers';
import { parseButane } from '../../../lib/languages/butane/parser';
import { bootDevice } from '../../../lib/languages/butane/rules/bootDevice';
import { partition } from '../../../lib/languages/butane/rules/partition';

const FCOS_BOOT = SPECS.filter((s) => s.startsWith('fcos') && !/1\.[012]\./.test(s));

const CONFIGS: Record<string, string> = {
  mirrorLuks: `boot_device:
  layout: x86_64
  luks:
    tpm2: true
    tang:
      - url: http://a
        thumbprint: x
    threshold: 2
  mirror:
    devices: [/dev/sda, /dev/sdb]
`,
  mirrorNoLayout: `boot_device:
  mirror:
    devices: [/dev/sda, /dev/sdb, /dev/sdc]
`,
  aarch64: `boot_device:
  layout: aarch64
  mirror:
    devices: [/dev/vda, /dev/vdb]
`,
  ppc64le: `boot_device:
  layout: ppc64le
  luks:
    tpm2: true
  mirror:
    devices: [/dev/sda, /dev/sdb]
`,
  tpmOnly: `boot_device:
  luks:
    tpm2: true
`,
  tangAdvertised: `boot_device:
  luks:
    discard: true
    tang:
      - url: https://tang.example.com
        thumbprint: REPLACE-THIS
        advertisement: '{"payload": "eyJrZXlzIjogW119", "protected": "eyJhbGciOiJFUzUxMiJ9", "signature": "AZ"}'
`,
  eckd: `boot_device:
  layout: s390x-eckd
  luks:
    device: /dev/dasdb
    tpm2: true
`,
  zfcpCex: `boot_device:
  layout: s390x-zfcp
  luks:
    device: /dev/sdb
    cex:
      enabled: true
kernel_arguments:
  should_exist: [rd.luks.key=/etc/luks/cex.key]
`,
  virt: `boot_device:
  layout: s390x-virt
  luks:
    tang:
      - url: http://t
        thumbprint: t
`,
  badLayouts: `boot_device:
  layout: foo
  mirror:
    devices: [/dev/sda]
  luks:
    cex:
      enabled: true
    tpm2: true
`,
  s390xMirror: `boot_device:
  layout: s390x-zfcp
  luks:
    device: /dev/dasda
    tpm2: true
  mirror:
    devices: [/dev/sda, /dev/sdb]
`,
  cexNoLayout: `boot_device:
  luks:
    cex:
      enabled: true
`,
  noMethod: `boot_device:
  layout: s390x-eckd
  luks:
    device: /dev/dasdb
    tang:
      - {}
`,
  mergedWithUser: `boot_device:
  layout: x86_64
  luks:
    tpm2: true
  mirror:
    devices: [/dev/sda, /dev/sdb]
storage:
  disks:
    - device: /dev/sda
      partitions:
        - label: root-1
          size_mib: 10000
        - label: var
  filesystems:
    - device: /dev/md/md-boot
      format: ext4
      label: boot
      wipe_filesystem: true
      options: [-E, lazy_itable_init=0]
  luks:
    - name: root
      discard: true
  raid:
    - name: md-boot
      level: raid1
      devices: [/dev/disk/by-partlabel/boot-1, /dev/disk/by-partlabel/boot-2, /dev/sdz]
`,
  partitions: `storage:
  disks:
    - device: /dev/sdb
      partitions:
        - label: root
          size_mib: 100
        - label: EFI-SYSTEM
          number: 3
        - label: data
    - device: /dev/disk/by-id/coreos-boot-disk
      partitions:
        - label: root
          number: 4
        - label: var
          start_mib: 20000
    - device: /dev/sdc
      wipe_table: true
      partitions:
        - label: boot
        - label: other
    - device: /dev/sdd
      partitions:
        - label: root
          number: 4
        - label: x
          number: 5
`,
  reuseOnMirror: `boot_device:
  layout: x86_64
  mirror:
    devices: [/dev/sda, /dev/sdb]
storage:
  disks:
    - device: /dev/sda
      partitions:
        - label: var
`,
};

describe('boot_device', () => {
  it('lays out mirrored x86_64 disks, RAID and LUKS as Butane does', () => {
    const storage = runSugar('fcos 1.7.0', CONFIGS.mirrorLuks ?? '').ignition?.storage as Record<string, unknown>;
    expect(storage.disks).toEqual(
      [1, 2].map((n) => ({
        device: n === 1 ? '/dev/sda' : '/dev/sdb',
        wipeTable: true,
        partitions: [
          { label: `bios-${n}`, sizeMiB: 1, typeGuid: '21686148-6449-6E6F-744E-656564454649' },
          { label: `esp-${n}`, sizeMiB: 127, typeGuid: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B' },
          { label: `boot-${n}`, sizeMiB: 384 },
          { label: `root-${n}` },
        ],
      })),
    );
    expect(storage.luks).toEqual([
      {
        clevis: { tang: [{ url: 'http://a', thumbprint: 'x' }], threshold: 2, tpm2: true },
        device: '/dev/md/md-root',
        label: 'luks-root',
        name: 'root',
        wipeVolume: true,
      },
    ]);
    expect((storage.filesystems as { device: string }[]).map((f) => f.device)).toEqual([
      '/dev/disk/by-partlabel/esp-1',
      '/dev/disk/by-partlabel/esp-2',
      '/dev/md/md-boot',
      '/dev/mapper/root',
    ]);
  });

  it('puts the s390x root volume on the named disk (eckd: partition 2, zfcp: 4)', () => {
    const luksOf = (name: string): unknown =>
      (runSugar('fcos 1.6.0', CONFIGS[name] ?? '').ignition?.storage as { luks: unknown[] }).luks[0];
    expect(luksOf('eckd')).toMatchObject({ device: '/dev/dasdb2', clevis: { tpm2: true } });
    expect(luksOf('zfcpCex')).toMatchObject({ device: '/dev/sdb4', cex: { enabled: true } });
  });

  it('warns (fcos < 1.7) or fails (1.7+) on a mirror without a layout; reports a single device twice', () => {
    expect(levelPaths(runSugar('fcos 1.6.0', CONFIGS.mirrorNoLayout ?? '').reports)).toEqual([
      'warning $.boot_device.mirror',
    ]);
    expect(levelPaths(runSugar('fcos 1.7.0', CONFIGS.mirrorNoLayout ?? '').reports)).toEqual([
      'error $.boot_device.mirror',
    ]);
    expect(levelPaths(runSugar('fcos 1.7.0', CONFIGS.badLayouts ?? '').reports)).toEqual([
      'error $.boot_device.layout',
      'error $.boot_device.layout',
      'error $.boot_device.luks',
      'error $.boot_device.mirror.devices',
      'error $.boot_device.mirror.devices',
    ]);
  });

  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))('%s: the same output and report paths as butane', (name) => {
    const yaml = CONFIGS[name] ?? '';
    let outputs = 0;
    for (const spec of FCOS_BOOT) {
      const ours = runSugar(spec, yaml);
      const oracle = runOracle(spec, yaml);
      // Our fake base maps every field; only Butane's own reports (not unused keys, not Ignition's) compare here.
      const own = oracle.reports.filter(
        (r) => !r.message.startsWith('unused key') && !IGNITION_MESSAGES.test(r.message),
      );
      if (oracle.reports.some((r) => r.message.startsWith('unused key'))) continue;
      expect({ spec, reports: levelPaths(ours.reports) }).toEqual({ spec, reports: levelPaths(own) });
      if (own.length === oracle.reports.length) {
        expect({ spec, ignition: decodeUrls(ours.ignition) }).toEqual({ spec, ignition: decodeUrls(oracle.ignition) });
        outputs++;
      }
    }
    expect(outputs).toBeGreaterThan(0);
  });
  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))(
    '%s through the whole translator: as butane in every version',
    (name) => {
      sameAsOracle(SPECS, CONFIGS[name] ?? '', undefined, KNOWN[name]);
    },
    60_000,
  );
});

/** Messages of Ignition's checks of the output (the core maps those), left out of this comparison. */
const IGNITION_MESSAGES = /^(invalid url scheme|thumbprint is required|.*must be absolute|cex)/;

/** Disagreements outside the sugar (the core's Ignition checks), by config and spec: none left. */
const KNOWN: Record<string, Record<string, string>> = {};

describe('rules butane.bootDevice and butane.partition', () => {
  const rows = (problems: { ruleId: string; start: number; end: number }[], text: string): string[][] =>
    problems.map((p) => [p.ruleId, text.slice(p.start, p.end)]);

  it('report at the YAML of the field Butane names', () => {
    const bad = 'variant: fcos\nversion: 1.6.0\nboot_device:\n  layout: sparc\n';
    expect(rows(bootDevice.check(parseButane(bad).ast, bad, {}), bad)).toEqual([['butane.bootDevice', 'sparc']]);
    const small =
      'variant: fcos\nversion: 1.6.0\nstorage:\n  disks:\n    - device: /dev/sdb\n' +
      '      partitions:\n        - label: root\n          size_mib: 100\n          number: 4\n';
    expect(rows(partition.check(parseButane(small).ast, small, {}), small)).toEqual([['butane.partition', '100']]);
  });
});
