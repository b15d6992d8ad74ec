import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import { built } from '../helpers/build';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

describe('pxe-workbench lint', () => {
  it('exits 0 on the clean example and says what it checked', () => {
    const r = cli('lint', 'examples/home-lab');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('0 error(s), 0 warning(s) in 6 file(s) checked.');
  });

  it('prints broken findings as a JSON array with 0-based LSP ranges and exits 1', () => {
    const r = cli('lint', 'examples/broken', '--format', 'json');
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    expect(findings.length).toBeGreaterThanOrEqual(12);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['code', 'file', 'message', 'range', 'severity']);
      expect(['error', 'warning', 'info', 'hint']).toContain(f.severity);
    }
    const header = findings.find((f) => f.code === 'ipxe.missingHeader')!;
    expect(header.file).toBe(join('examples', 'broken', 'missing-header.ipxe'));
    expect(header.range.start).toEqual({ line: 0, character: 0 });
    const kernal = findings.find((f) => f.code === 'ipxe.unknownCommand')!;
    expect(kernal.range).toEqual({ start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
  });

  it('prints text as file:line:col: severity code message, 1-based', () => {
    const r = cli('lint', 'examples/broken/unknown-command.ipxe');
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(
      `${join('examples', 'broken', 'unknown-command.ipxe')}:5:1: error ipxe.unknownCommand ` +
        'Unknown command `kernal`: did you mean `kernel`?',
    );
  });

  it('prints SARIF 2.1.0 with the rules and 1-based regions', () => {
    const json = JSON.parse(cli('lint', 'examples/broken', '--format', 'json').stdout) as JsonFinding[];
    const r = cli('lint', 'examples/broken', '--format', 'sarif');
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('pxe-workbench');
    expect(run.results).toHaveLength(json.length);
    const rules = run.tool.driver.rules!;
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      const region = result.locations![0]!.physicalLocation!.region!;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
    }
    const kernal = run.results!.find((x) => x.ruleId === 'ipxe.unknownCommand')!;
    expect(kernal.locations![0]!.physicalLocation!.region).toEqual({
      startLine: 5,
      startColumn: 1,
      endLine: 5,
      endColumn: 7,
    });
    expect(kernal.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('examples/broken/unknown-command.ipxe');
  });

  it('lets --rule turn a rule off or change its level', () => {
    const off = cli('lint', 'examples/broken/missing-header.ipxe', '--rule', 'ipxe.missingHeader=off');
    expect(off.status).toBe(0);
    const warn = cli('lint', 'examples/broken/missing-header.ipxe', '--rule', 'ipxe.missingHeader=warning');
    expect(warn.status).toBe(0);
    expect(warn.stdout).toContain('warning ipxe.missingHeader');
  });

  it('checks the site file given with --site', () => {
    const r = cli(
      'lint',
      'examples/home-lab/tftp',
      '--site',
      'examples/broken/site-with-password/pxe-site.json',
      '--format',
      'json',
    );
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.code)).toEqual(['site.secret']);
  });

  it.each([
    [['lint', '--format', 'xml'], /Allowed choices are text, json, sarif/],
    [['lint', 'no/such/path'], /no\/such\/path: no such file or folder/],
    [['lint', '--rule', 'nonsense'], /expected RULE=LEVEL/],
    [['lint', '--rule', 'ipxe.nope=off'], /unknown rule "ipxe.nope"/],
    [['lint', '--site', 'missing-site.json'], /missing-site.json: no such file/],
    [['lint', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 with a clear message on bad usage: %j', (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 for a file it does not check and for an unreadable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(cli('lint', join(dir, 'notes.txt')).stderr).toMatch(/not a file PXE Workbench checks/);
    expect(cli('lint', join(dir, 'notes.txt')).status).toBe(2);
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'a.ipxe'), '#!ipxe', { mode: 0o000 });
      expect(cli('lint', join(dir, 'a.ipxe')).status).toBe(2);
    }
  });

  it('explains the PXELINUX config lookup for a machine', () => {
    const r = spawnSync(
      process.execPath,
      [built('cli.js'), 'pxelinux-lookup', '--mac', '52:54:00:12:34:56', '--ip', '192.168.255.50'],
      { encoding: 'utf8', cwd: 'examples/home-lab' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1. pxelinux.cfg/01-52-54-00-12-34-56');
    expect(r.stdout).toContain('pxelinux.cfg/default   ← used');
    const bad = cli('pxelinux-lookup', '--mac', 'x', '--ip', '1.2.3.4');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not a MAC address');
  });

  it('validates an Ignition config with ignition-validate-style messages', () => {
    const bad = cli('ignition', 'validate', 'examples/broken/trailing-comma.ign');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^error at \$[.\w]*, line 5 col \d+: Invalid JSON: trailing comma/m);
    expect(cli('ignition', 'validate', 'examples/home-lab/tftp/fedora-coreos/config.ign')).toMatchObject({
      status: 0,
      stdout: '',
    });
    expect(cli('ignition', 'validate', 'nope.ign').status).toBe(2);
  });

  it('decodes and encodes data: URLs', () => {
    const decoded = cli(
      'ignition',
      'decode',
      'examples/home-lab/tftp/fedora-coreos/config.ign',
      '--path',
      'storage.files.0.contents.source',
    );
    expect(decoded).toMatchObject({ status: 0, stdout: 'node1\n' });
    expect(
      cli(
        'ignition',
        'decode',
        'examples/home-lab/tftp/fedora-coreos/config.ign',
        '--path',
        'storage.files.9.contents.source',
      ).stderr,
    ).toContain('No data: URL');
    const dir = mkdtempSync(join(tmpdir(), 'pxe-enc-'));
    writeFileSync(join(dir, 'hostname'), 'node1\n');
    writeFileSync(join(dir, 'blob'), Buffer.from([0, 1, 2, 255]));
    expect(cli('ignition', 'encode', join(dir, 'hostname')).stdout.trim()).toBe('data:,node1%0A');
    expect(cli('ignition', 'encode', join(dir, 'blob')).stdout.trim()).toBe('data:;base64,AAEC/w==');
  });

  it('formats RouterOS scripts: print, --check, --write, and refuses broken ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-fmt-'));
    const file = join(dir, 'a.rsc');
    writeFileSync(file, '/ip   pool\n   add name=p   ranges=1.1.1.1\n');
    expect(cli('fmt', file).stdout).toBe('/ip pool\nadd name=p ranges=1.1.1.1\n');
    expect(cli('fmt', '--check', file).status).toBe(1);
    expect(cli('fmt', '--write', file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('/ip pool\nadd name=p ranges=1.1.1.1\n');
    expect(cli('fmt', '--check', file).status).toBe(0);
    expect(cli('fmt', 'examples/home-lab/router/pxe-dhcp.rsc', '--check').status).toBe(0);
    const bad = cli('fmt', 'examples/broken/unterminated-string.rsc');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('syntax errors');
  });

  it('checks RouterOS scripts against a full command tree given with --routeros-tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-tree-'));
    const file = join(dir, 'wg.rsc');
    writeFileSync(file, '/interface wireguard\nadd name=wg0 listen-prot=51820\n');
    expect(cli('lint', file).status).toBe(0);
    const dump = join('..', 'shared', 'reference', 'routeros', 'restraml-7.24-inspect.json');
    if (!existsSync(dump)) return;
    const r = cli('lint', file, '--routeros-tree', dump, '--routeros-version', '7.24', '--format', 'json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).map((f: { code: string }) => f.code)).toEqual(['routeros.unknownArgument']);
    writeFileSync(join(dir, 'bad.json'), '{"x":1}');
    expect(cli('lint', file, '--routeros-tree', join(dir, 'bad.json')).stderr).toContain(
      'not a usable /console/inspect dump',
    );
  });

  it('answers --help and --version with exit 0', () => {
    expect(cli('--help').status).toBe(0);
    expect(cli('lint', '--help').stdout).toContain('--format');
    expect(cli('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('pxe-workbench vm: Secure Boot options', () => {
  it('refuses --secure-boot with --firmware bios before anything starts, and --help names both switches', () => {
    const r = cli('vm', '--site', 'examples/home-lab/pxe-site.json', '--secure-boot', '--firmware', 'bios');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--secure-boot is UEFI only');
    const help = cli('vm', '--help').stdout;
    expect(help).toContain('--secure-boot');
    expect(help).toContain('--no-secure-boot');
  });
});
