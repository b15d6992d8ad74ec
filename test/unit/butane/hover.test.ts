import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hoverButane } from '../../../lib/languages/butane/hover';
import { cursor } from './editorDoc';

function hover(fixture: string): string | undefined {
  const { doc, text, offset } = cursor(fixture);
  return hoverButane(doc, text, offset)?.markdown;
}

const HEAD = 'variant: fcos\nversion: 1.5.0\n';

describe('hoverButane on keys', () => {
  it('shows an Ignition field`s doc in Butane`s words and the Ignition it becomes', () => {
    const got = hover(
      `${HEAD}storage:\n  disks:\n    - device: /dev/sda\n      partitions:\n        - size_m‸ib: 100\n`,
    );
    expect(got).toContain('**storage.disks[].partitions[].size_mib** — whole number');
    expect(got).toContain('Becomes: `storage.disks[].partitions[].sizeMiB` (Ignition 3.4.0)');
  });

  it('names cross-references snake_cased and explains modes as octal', () => {
    expect(hover(`${HEAD}ignition:\n  proxy:\n    http_pr‸oxy: http://p\n`)).not.toMatch(/`httpsProxy`/);
    const mode = hover(`${HEAD}storage:\n  files:\n    - path: /a\n      mo‸de: 0644\n`);
    expect(mode).toContain('octal');
    expect(mode).not.toContain('decimal: 420');
  });

  it('shows Butane`s own fields with their version and what they turn into', () => {
    const inline = hover(`${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n        inl‸ine: hi\n`);
    expect(inline).toContain('**storage.files[].contents.inline** — text');
    expect(inline).toContain('Becomes: `source` as a `data:` URL');
    expect(inline).toContain('(Ignition 3.4.0)');
    const grub = hover(`${HEAD}gr‸ub:\n  users: []\n`);
    expect(grub).toContain(', since fcos 1.5.0');
    expect(grub).toContain('/boot/grub2/user.cfg');
    const local = hover(`${HEAD}passwd:\n  users:\n    - name: core\n      ssh_authorized_keys_lo‸cal: [a.pub]\n`);
    expect(local).toContain('since fcos 1.5.0');
    expect(local).toContain('sshAuthorizedKeys');
  });

  it('says which version brings a key the config`s version lacks', () => {
    expect(hover('variant: fcos\nversion: 1.4.0\ngr‸ub: {}\n')).toBe(
      '**grub** is not in fcos 1.4.0: it comes with fcos 1.5.0 (`version: 1.5.0`).',
    );
    expect(hover(`${HEAD}stor‸agex: {}\n`)).toBeUndefined();
  });

  it('falls back to the newest stable spec of the variant and says so', () => {
    expect(hover('variant: fcos\nversion: 9.9.9\nstor‸age: {}\n')).toContain('shown for fcos 1.7.0');
  });
});

describe('hoverButane on values', () => {
  it('maps the version to its Ignition spec and names the newest stable one', () => {
    const got = hover('variant: fcos\nversion: 1.4‸.0\n');
    expect(got).toContain('**fcos 1.4.0** becomes Ignition spec 3.3.0');
    expect(got).toContain('newest stable fcos spec is 1.7.0');
    expect(hover('variant: flat‸car\nversion: 1.1.0\n')).toBe('Flatcar Container Linux');
  });

  it('reads modes as Butane does: 0644 octal, 644 decimal (with the octal it likely meant)', () => {
    expect(hover(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: 06‸44\n`)).toBe(
      'Mode **0644** (octal) = 420 in the Ignition config (rw-r--r--)',
    );
    const decimal = hover(`${HEAD}storage:\n  directories:\n    - path: /a\n      mode: 75‸5\n`);
    expect(decimal).toContain('Mode **755** is a decimal number: octal 01363');
    expect(decimal).toContain('Did you mean `0755` (rwxr-xr-x)?');
  });

  it('decodes a data: URL source, gunzipped when the resource says gzip', () => {
    expect(
      hover(`${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n        source: data:,hel‸lo%20world\n`),
    ).toContain('hello world');
    const gz = gzipSync(Buffer.from('compressed text')).toString('base64');
    const file = `${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n`;
    const text = `${file}        compression: gzip\n        source: "data:;base64,${gz}‸"\n`;
    expect(hover(text)).toContain('compressed text');
  });
});
