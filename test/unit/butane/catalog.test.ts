import { describe, expect, it } from 'vitest';
import {
  butaneFieldAt,
  butaneFields,
  childrenOf,
  firstSpecWith,
  specOf,
  versionsOf,
} from '../../../lib/languages/butane/catalog';

const all = [...versionsOf('fcos'), ...versionsOf('flatcar')];

describe('Butane catalog (the editor`s view of schema.ts)', () => {
  it('documents every field of every spec, and says what each field of Butane`s own becomes', () => {
    for (const spec of all)
      for (const f of butaneFields(spec)) {
        expect(f.doc, `${spec.version} ${f.path}`).not.toBe('');
        expect(f.ignition ?? f.becomes, `${spec.version} ${f.path}`).toBeTruthy();
      }
  });

  it('names Ignition fields snake_cased and keeps the Ignition path they become', () => {
    const spec = specOf('fcos', '1.5.0')!;
    expect(butaneFieldAt(spec, 'storage.disks[].partitions[].size_mib')?.ignition).toBe(
      'storage.disks[].partitions[].sizeMiB',
    );
    expect(butaneFieldAt(spec, 'ignition.version')).toBeUndefined();
    expect(butaneFieldAt(spec, 'storage.files[].contents.source')?.required).toBe(false);
    expect(butaneFieldAt(spec, 'storage.files[].mode')?.doc).toContain('0644');
  });

  it('knows when Butane`s own fields came, per variant', () => {
    expect(firstSpecWith('fcos', 'boot_device')?.version).toBe('1.3.0');
    expect(firstSpecWith('fcos', 'grub')?.version).toBe('1.5.0');
    expect(firstSpecWith('fcos', 'kernel_arguments')?.version).toBe('1.4.0');
    expect(firstSpecWith('fcos', 'storage.trees[].file_mode')?.version).toBe('1.7.0');
    expect(firstSpecWith('flatcar', 'passwd.users[].ssh_authorized_keys_local')?.version).toBe('1.1.0');
    expect(firstSpecWith('flatcar', 'boot_device')).toBeUndefined();
    expect(butaneFieldAt(specOf('fcos', '1.0.0')!, 'storage.files[].contents.inline')?.since).toBe('1.0.0');
    expect(butaneFieldAt(specOf('fcos', '1.0.0')!, 'storage.files[].contents.local')).toBeUndefined();
  });

  it('leaves out what a variant refuses: flatcar`s clevis before 1.2.0-experimental', () => {
    const keys = (version: string): string[] =>
      childrenOf(specOf('flatcar', version)!, 'storage.luks[]').map((f) => f.path);
    expect(keys('1.1.0')).not.toContain('storage.luks[].clevis');
    expect(keys('1.2.0-experimental')).toContain('storage.luks[].clevis');
  });
});

describe('specOf', () => {
  it('reads the version as Butane`s semver does', () => {
    expect(specOf('fcos', '01.5.0')?.ignition).toBe('3.4.0');
    expect(specOf('fcos', '1.5')).toBeUndefined();
    expect(specOf(undefined, '1.5.0')).toBeUndefined();
  });
});
