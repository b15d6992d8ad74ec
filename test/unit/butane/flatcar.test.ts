import { describe, expect, it } from 'vitest';
import { decodeUrls, haveOracle, levelPaths, runOracle, runSugar, sameAsOracle, SPECS } from './sugarHelpers';

const CONFIGS: Record<string, string> = {
  clevis: `storage:
  luks:
    - name: a
      device: /dev/sdb
      key_file:
        inline: secret
    - name: b
      device: /dev/sdc
      clevis:
        tpm2: true
    - name: c
      device: /dev/sdd
      clevis:
        tang: []
    - name: d
      device: /dev/sde
      clevis:
        threshold: 0
`,
  cex: `storage:
  luks:
    - name: a
      device: /dev/sdb
      cex:
        enabled: true
    - name: b
      device: /dev/sdc
      cex:
        enabled: false
`,
  mountUnits: `storage:
  filesystems:
    - device: /dev/sdb
      path: /opt/data
      format: ext4
      with_mount_unit: true
    - device: /dev/sdc
      format: swap
      with_mount_unit: true
`,
};

describe('flatcar', () => {
  it('refuses Clevis in 1.0 and 1.1 (at the luks entry’s clevis), not in 1.2.0-experimental', () => {
    for (const spec of ['flatcar 1.0.0', 'flatcar 1.1.0']) {
      expect(levelPaths(runSugar(spec, CONFIGS.clevis ?? '').reports)).toEqual([
        'error $.storage.luks.1.clevis',
        'error $.storage.luks.3.clevis',
      ]);
    }
    expect(runSugar('flatcar 1.2.0-experimental', CONFIGS.clevis ?? '').reports).toEqual([]);
  });

  it('refuses CEX in 1.2.0-experimental, even switched off', () => {
    expect(levelPaths(runSugar('flatcar 1.2.0-experimental', CONFIGS.cex ?? '').reports)).toEqual([
      'error $.storage.luks.0.cex',
      'error $.storage.luks.1.cex',
    ]);
  });

  it('has no boot_device, grub or fcos mount point rule', () => {
    const run = runSugar('flatcar 1.1.0', CONFIGS.mountUnits ?? '');
    expect(run.reports).toEqual([]);
    expect((run.ignition?.systemd as { units: { name: string }[] }).units.map((u) => u.name)).toEqual([
      'opt-data.mount',
      'dev-sdc.swap',
    ]);
  });

  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))('%s: the same output and report paths as butane', (name) => {
    const yaml = CONFIGS[name] ?? '';
    for (const spec of ['flatcar 1.0.0', 'flatcar 1.1.0', 'flatcar 1.2.0-experimental']) {
      if (name === 'cex' && !spec.includes('1.2')) continue; // an unknown key there: the whole-translator test covers it
      const ours = runSugar(spec, yaml);
      const oracle = runOracle(spec, yaml);
      expect({ spec, reports: levelPaths(ours.reports) }).toEqual({ spec, reports: levelPaths(oracle.reports) });
      if (ours.ignition) delete (ours.ignition.storage as { luks?: unknown }).luks;
      const theirs = oracle.ignition as { storage?: { luks?: unknown } } | undefined;
      if (theirs?.storage) delete theirs.storage.luks;
      if (name === 'mountUnits')
        expect({ spec, ignition: decodeUrls(ours.ignition) }).toEqual({ spec, ignition: decodeUrls(theirs) });
    }
  });
  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))(
    '%s through the whole translator: as butane in every version',
    (name) => {
      sameAsOracle(SPECS, CONFIGS[name] ?? '', undefined, KNOWN[name]);
    },
    60_000,
  );
});

/** Disagreements outside the sugar (the core's output), by config and spec. */
const KNOWN: Record<string, Record<string, string>> = {
  clevis: {
    'fcos 1.2.0': 'Ignition 3.2 output: an empty clevis is a non-nil pointer, written as {}',
    'fcos 1.3.0': 'Ignition 3.2 output: an empty clevis is a non-nil pointer, written as {}',
  },
};
