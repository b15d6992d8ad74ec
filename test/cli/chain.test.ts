import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { built } from '../helpers/build';
import { secureBootSite } from '../helpers/secureBootSite';

function cli(args: string[], cwd = process.cwd()): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pxe-workbench chain', () => {
  it('prints every hop of the clean example for both firmwares and exits 0', () => {
    const r = cli(['chain'], 'examples/home-lab');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('home-lab — pxe-site.json');
    expect(lines).toContain('BIOS · Any BIOS machine — boots');
    expect(lines).toContain('UEFI · node1 (52:54:00:12:34:56 192.168.255.50) — boots');
    expect(lines).toContain('    ✓ lpxelinux.0  TFTP 192.168.255.2  (router/pxe-dhcp.rsc:7)');
    expect(lines).toContain(
      '          ✓ config.ign  http://192.168.255.2/tftp/fedora-coreos/config.ign  (tftp/pxelinux.cfg/default:14)',
    );
    expect(r.stdout).not.toMatch(/[✗!]/);
    expect(r.stderr).toBe('3 kind(s) of machine: 3 boot, 0 broken.\n');
  });

  it('follows one machine with --mac and --firmware, and prints JSON', () => {
    const r = cli([
      'chain',
      '--site',
      'examples/home-lab/pxe-site.json',
      '--mac',
      '52-54-00-12-34-56',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      site: string;
      clients: {
        id: string;
        broken: boolean;
        root: { at: { file: string; line: number }; children: { label: string }[] };
      }[];
    };
    expect(out.site).toBe('examples/home-lab/pxe-site.json');
    expect(out.clients.map((c) => c.id)).toEqual(['uefi/52:54:00:12:34:56']);
    expect(out.clients[0]!.root.at).toMatchObject({ file: 'examples/home-lab/router/pxe-dhcp.rsc', line: 23 });
    expect(out.clients[0]!.root.children[0]!.label).toBe('syslinux.efi');
    const bios = cli(['chain', '--site', 'examples/home-lab/pxe-site.json', '--firmware', 'bios']);
    expect(bios.stdout).toContain('BIOS · Any BIOS machine');
    expect(bios.stdout).not.toContain('UEFI');
  });

  it('exits 1 and marks the broken hop with ✗ and where it is named', () => {
    const r = cli(['chain', '--site', 'examples/broken/chain/pxe-site.json', '--mac', '52:54:00:00:00:03']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('BIOS · ignition-typo (52:54:00:00:00:03 192.168.255.53) — BROKEN');
    expect(r.stdout).toMatch(
      new RegExp(
        /✗ conifg\.ign {2}http:\/\/192\.168\.255\.2\/tftp\/fedora-coreos\/conifg\.ign — not there: /.source +
          /looked for tftp\/fedora-coreos\/conifg\.ign {2}\(examples\/broken\/chain\/tftp\/typo\.ipxe:4\)/.source,
      ),
    );
    expect(r.stderr).toBe('1 kind(s) of machine: 0 boot, 1 broken.\n');
  });

  it('says what to do without a site file or with a bad MAC (exit 2)', () => {
    const none = cli(['chain'], '/');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no pxe-site.json in / or a folder above it: pass --site FILE');
    const mac = cli(['chain', '--site', 'examples/home-lab/pxe-site.json', '--mac', 'nope']);
    expect(mac.status).toBe(2);
    expect(mac.stderr).toContain('--mac nope: not a MAC address');
    const missing = cli(['chain', '--site', 'nowhere/pxe-site.json']);
    expect(missing.stderr).toContain('--site nowhere/pxe-site.json: no such file');
  });

  it('lint includes the cross-file rules (and reports on files of no language, like the nginx snippet)', () => {
    const r = cli(['lint', 'examples/broken/chain', '--format', 'json']);
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as { file: string; code: string }[];
    expect(findings.map((f) => `${f.file} ${f.code}`)).toEqual(
      expect.arrayContaining([
        'examples/broken/chain/nas/www.tftp.conf chain.nginxAlias',
        'examples/broken/chain/tftp/typo.ipxe chain.ignitionUnreachable',
        'examples/broken/chain/router/pxe-dhcp.rsc chain.firmwareMismatch',
      ]),
    );
  });
});

describe('pxe-workbench chain under Secure Boot: the signature reader beside the bundle', () => {
  const site = (): string => {
    const s = secureBootSite('syslinuxRefused');
    const json = JSON.parse(readFileSync(s.siteFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(s.siteFile, JSON.stringify({ ...json, secureBoot: { uefi: true } }));
    return s.siteFile;
  };

  it('loads out/secureboot.js on first use and gives the firmware verdict', () => {
    const r = cli(['chain', '--site', site(), '--firmware', 'uefi', '--mac', '52:54:00:12:34:56']);
    expect(r.stdout).toContain('The firmware refuses syslinux.efi ("Access Denied")');
    expect(r.status).toBe(1);
  });

  it('a bundle without it still runs, and says the signatures were not checked and why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-cli-no-reader-'));
    for (const part of ['cli.js', 'yaml.js', 'ajv.js'] as const) copyFileSync(built(part), join(dir, part));
    const r = spawnSync(process.execPath, [join(dir, 'cli.js'), 'chain', '--site', site()], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Unhandled|TypeError/);
    expect(r.stdout).toContain('Secure Boot: not checked (the signature reader did not load');
    expect(r.stdout).not.toContain('Access Denied');
  });
});
