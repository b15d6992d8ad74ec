import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFiles } from '../../../lib/site/disk';
import { completeButane } from '../../../lib/languages/butane/complete';
import { cursor } from './editorDoc';

function labels(fixture: string): string[] {
  const { doc, text, offset } = cursor(fixture);
  return completeButane(doc, text, offset).map((c) => c.label);
}

const HEAD = 'variant: fcos\nversion: 1.5.0\n';

describe('completeButane keys', () => {
  it('offers variant and version first in an empty config, and the top-level sections', () => {
    const got = labels('‸');
    expect(got.slice(0, 2)).toEqual(['variant', 'version']);
    expect(got).toEqual(expect.arrayContaining(['ignition', 'storage', 'systemd', 'passwd', 'boot_device', 'grub']));
    expect(got).not.toContain('openshift');
  });

  it('leaves out keys already written in the same mapping', () => {
    const got = labels(`${HEAD}‸\nstorage: {}\n`);
    expect(got).not.toContain('variant');
    expect(got).not.toContain('storage');
    expect(got).toContain('systemd');
  });

  it('follows the version: boot_device from fcos 1.3.0, grub from 1.5.0, kernel_arguments from 1.4.0', () => {
    const at = (version: string): string[] => labels(`variant: fcos\nversion: ${version}\n‸`);
    expect(at('1.2.0')).not.toContain('boot_device');
    expect(at('1.3.0')).toContain('boot_device');
    expect(at('1.3.0')).not.toContain('kernel_arguments');
    expect(at('1.4.0')).toContain('kernel_arguments');
    expect(at('1.4.0')).not.toContain('grub');
    expect(at('1.5.0')).toContain('grub');
  });

  it('offers snake_case keys of a list item, Butane`s own among them', () => {
    const got = labels(`${HEAD}storage:\n  files:\n    - path: /etc/motd\n      ‸\n`);
    expect(got).toEqual(expect.arrayContaining(['mode', 'contents', 'overwrite', 'user', 'group', 'append']));
    expect(got).not.toContain('path');
    const contents = labels(`${HEAD}storage:\n  files:\n    - path: /etc/motd\n      contents:\n        ‸\n`);
    expect(contents).toEqual(expect.arrayContaining(['source', 'inline', 'local', 'compression', 'http_headers']));
    const partitions = labels(`${HEAD}storage:\n  disks:\n    - device: /dev/sda\n      partitions:\n        - ‸\n`);
    expect(partitions).toEqual(expect.arrayContaining(['size_mib', 'start_mib', 'type_guid', 'wipe_partition_entry']));
  });

  it('knows the keys of the mapping a `- ` starts, and of the item after a nested block', () => {
    const text = [
      HEAD + 'systemd:',
      '  units:',
      '    - name: a.service',
      '      contents: |',
      '        [Unit]',
      '        Description: x',
      '      ‸',
    ].join('\n');
    const got = labels(text);
    expect(got).toEqual(expect.arrayContaining(['enabled', 'mask', 'dropins', 'contents_local']));
    expect(got).not.toContain('contents');
    expect(got).not.toContain('name');
  });

  it('reads CRLF files as well', () => {
    const got = labels(`${HEAD}storage:\r\n  files:\r\n    - path: /a\r\n      ‸\r\n      overwrite: true\r\n`);
    expect(got).toContain('mode');
    expect(got).not.toContain('overwrite');
  });

  it('offers nothing inside a block scalar or a comment', () => {
    expect(labels(`${HEAD}systemd:\n  units:\n    - name: a\n      contents: |\n        [Unit]\n        ‸`)).toEqual(
      [],
    );
    expect(labels(`${HEAD}# storage ‸`)).toEqual([]);
  });

  it('filters fields flatcar lacks: clevis before flatcar 1.2.0-experimental', () => {
    const luks = (version: string): string[] =>
      labels(`variant: flatcar\nversion: ${version}\nstorage:\n  luks:\n    - name: x\n      ‸`);
    expect(luks('1.1.0')).not.toContain('clevis');
    expect(luks('1.1.0')).toContain('key_file');
    expect(luks('1.2.0-experimental')).toContain('clevis');
  });

  it('inserts a nested mapping or list as a snippet and replaces the word typed so far', () => {
    const { doc, text, offset } = cursor(`${HEAD}sto‸`);
    const storage = completeButane(doc, text, offset).find((c) => c.label === 'storage');
    expect(storage).toMatchObject({
      insertText: 'storage:\n  $0',
      snippet: true,
      replace: { start: offset - 3, end: offset },
    });
    const files = completeButane(...args(`${HEAD}storage:\n  ‸`)).find((c) => c.label === 'files');
    expect(files?.insertText).toBe('files:\n  - $0');
    const format = completeButane(...args(`${HEAD}storage:\n  filesystems:\n    - ‸`)).find(
      (c) => c.label === 'format',
    );
    expect(format?.insertText).toBe('format: ${1|ext4,xfs,btrfs,vfat,swap,none|}');
    expect(format?.detail).toBe('string');
    const mountUnit = completeButane(...args(`${HEAD}storage:\n  filesystems:\n    - ‸`)).find(
      (c) => c.label === 'with_mount_unit',
    );
    expect(mountUnit?.detail).toBe('boolean — Butane, since fcos 1.1.0');
  });
});

describe('completeButane renaming a key', () => {
  it('replaces only the name when the key already has its colon', () => {
    const { doc, text, offset } = cursor(`${HEAD}sto‸rge:\n  files: []\n`);
    const storage = completeButane(doc, text, offset).find((c) => c.label === 'storage');
    expect(storage).toMatchObject({ insertText: 'storage', replace: { start: offset - 3, end: offset + 3 } });
    expect(storage?.snippet).toBeFalsy();
  });
});

function args(fixture: string): Parameters<typeof completeButane> {
  const { doc, text, offset } = cursor(fixture);
  return [doc, text, offset];
}

describe('completeButane values', () => {
  it('offers the variants, and the versions of the config`s variant', () => {
    expect(labels('variant: ‸')).toEqual(['fcos', 'flatcar']);
    expect(labels('variant: flatcar\nversion: ‸')).toEqual(['1.0.0', '1.1.0', '1.2.0-experimental']);
    expect(labels('variant: fcos\nversion: 1.‸')).toContain('1.8.0-experimental');
  });

  it('offers enumerated values: compression, format, layout by version, booleans', () => {
    expect(labels(`${HEAD}storage:\n  files:\n    - contents:\n        compression: ‸`)).toEqual(['gzip', 'null']);
    expect(labels(`${HEAD}boot_device:\n  layout: ‸`)).toEqual(['x86_64', 'aarch64', 'ppc64le']);
    expect(labels('variant: fcos\nversion: 1.6.0\nboot_device:\n  layout: ‸')).toContain('s390x-eckd');
    expect(labels(`${HEAD}systemd:\n  units:\n    - name: a\n      enabled: ‸`)).toEqual(['true', 'false']);
    expect(labels(`${HEAD}storage:\n  files:\n    - path: ‸`)).toEqual([]);
  });
});

describe('completeButane local paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-butane-complete-'));
  mkdirSync(join(dir, 'keys'));
  mkdirSync(join(dir, 'overlay'));
  writeFileSync(join(dir, 'motd.txt'), 'hi\n');
  writeFileSync(join(dir, 'keys', 'admin.pub'), 'ssh-ed25519 AAAA\n');
  writeFileSync(join(dir, 'config.bu'), '');
  const context = { path: join(dir, 'config.bu'), files: diskFiles() };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = (fixture: string): string[] => {
    const { doc, text, offset } = cursor(fixture);
    return completeButane(doc, text, offset, context).map((c) => c.label);
  };

  it('offers the files beside the config for local and contents_local, and those of the folder typed', () => {
    expect(files(`${HEAD}storage:\n  files:\n    - path: /etc/motd\n      contents:\n        local: ‸`).sort()).toEqual(
      ['keys/', 'motd.txt', 'overlay/'],
    );
    expect(files(`${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n        local: keys/a‸`)).toEqual([
      'admin.pub',
    ]);
    expect(files(`${HEAD}systemd:\n  units:\n    - name: a.service\n      contents_local: ‸`)).toContain('motd.txt');
  });

  it('offers folders only for a tree, files for SSH key files, nothing outside the folder', () => {
    expect(files(`${HEAD}storage:\n  trees:\n    - local: ‸`).sort()).toEqual(['keys/', 'overlay/']);
    const keys = files(
      `${HEAD}passwd:\n  users:\n    - name: core\n      ssh_authorized_keys_local:\n        - keys/‸`,
    );
    expect(keys).toEqual(['admin.pub']);
    expect(files(`${HEAD}storage:\n  files:\n    - contents:\n        local: ../‸`)).toEqual([]);
    expect(files(`${HEAD}storage:\n  files:\n    - contents:\n        local: /etc/‸`)).toEqual([]);
  });

  it('replaces only the last part of the path typed', () => {
    const { doc, text, offset } = cursor(`${HEAD}storage:\n  files:\n    - contents:\n        local: keys/ad‸`);
    expect(completeButane(doc, text, offset, context)[0]?.replace).toEqual({ start: offset - 2, end: offset });
  });
});
