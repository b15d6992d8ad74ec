import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRouterOs } from '../../lib/languages/routeros/parser';
import { argValue, statementsOf } from '../../lib/languages/routeros/statements';
import { built } from '../helpers/build';

const cli = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [built('cli.js'), ...args], { encoding: 'utf8', cwd });

function cluster(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'pxe-cluster-')), 'cluster');
  cpSync('examples/cluster', root, { recursive: true });
  return root;
}

describe('pxe-workbench nodes generate (examples/cluster, six nodes)', () => {
  it('is idempotent on the committed example, which lints clean and boots every node in the chain', () => {
    const root = cluster();
    const again = cli(['nodes', 'generate'], root);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 to add, 0 to change, 14 unchanged');
    expect(cli(['lint', '.'], root).status).toBe(0);
    const chain = cli(['chain'], root);
    expect(chain.status, chain.stdout).toBe(0);
    for (const node of ['cp1', 'cp2', 'cp3', 'w1', 'w2', 'w3'])
      expect(chain.stdout).toMatch(new RegExp(`· ${node} \\([0-9a-f:]+ [0-9.]+\\) — boots`));
    const one = cli(['chain', '--mac', '52:54:00:00:02:02'], root);
    expect(one.stdout).toContain('pxelinux.cfg/01-52-54-00-00-02-02');
    expect(one.stdout).toContain('w2.ign');
  });

  it('adds a node with a diff preview, keeps a file edited by hand unless --force', () => {
    const root = cluster();
    const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
    site.nodes.push({
      name: 'w4',
      mac: '52:54:00:00:02:04',
      ip: '192.168.255.74',
      firmware: 'bios',
      profile: 'worker',
    });
    writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
    const cp1 = join(root, 'tftp', 'nodes', 'cp1.ign');
    writeFileSync(cp1, readFileSync(cp1, 'utf8').replace('"core"', '"admin"'));
    const dry = cli(['nodes', 'generate', '--dry-run'], root);
    expect(dry.stdout).toContain('+ tftp/pxelinux.cfg/01-52-54-00-00-02-04  (w4)');
    expect(dry.stdout).toContain('+ tftp/nodes/w4.ign  (w4)');
    expect(dry.stdout).toContain('! tftp/nodes/cp1.ign  (cp1)  — changed by hand since it was generated');
    expect(dry.stdout).toMatch(
      new RegExp(
        /~ router\/pxe-dhcp\.rsc[\s\S]*\+add address=192\.168\.255\.74 mac-address=52:54:00:00:02:04 /.source +
          /dhcp-option-set=node-w4 server=lab-dhcp comment="w4 \(worker\)"/.source,
      ),
    );
    expect(dry.stdout).toContain('2 to add, 1 to change, 12 unchanged, 1 edited by hand (kept unless --force)');
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    const run = cli(['nodes', 'generate'], root);
    expect(run.stdout).toContain(
      'Wrote 3 file(s); kept 1 edited by hand: tftp/nodes/cp1.ign (--force overwrites them).',
    );
    expect(readFileSync(cp1, 'utf8')).toContain('"admin"');
    expect(cli(['lint', '.'], root).status).toBe(0);
    const forced = cli(['nodes', 'generate', '--force'], root);
    expect(forced.stdout).toContain('Wrote 1 file(s).');
    expect(readFileSync(cp1, 'utf8')).toContain('"core"');
    expect(cli(['nodes', 'generate'], root).stdout).toContain('0 to add, 0 to change, 16 unchanged');
  });

  it('says what is missing instead of writing half a fleet', () => {
    const root = cluster();
    writeFileSync(
      join(root, 'router', 'pxe-dhcp.rsc'),
      readFileSync(join(root, 'router', 'pxe-dhcp.rsc'), 'utf8').replace(/^add code=67 name=boot-ipxe-uefi.*$/m, ''),
    );
    const r = cli(['nodes', 'generate', '--dry-run'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'warning: cp1: the router config has no option 67 with an iPXE loader for UEFI (ipxe.efi) to give it: ' +
        'add one (outside the generated block).',
    );
  });

  const editSite = (
    root: string,
    edit: (site: { nodes: Record<string, unknown>[]; profiles: Record<string, unknown> }) => void,
  ): void => {
    const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
    edit(site);
    writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
  };

  it('refuses a node name that is not a host name, before writing anything (no file three folders up)', () => {
    const root = cluster();
    editSite(root, (site) =>
      site.nodes.push(
        { name: '../../../escaped-node', mac: '52:54:00:00:02:09', profile: 'worker' },
        { name: 'w"; /system reboot', mac: '52:54:00:00:02:0a', ip: '192.168.255.79;x', profile: 'worker' },
      ),
    );
    const before = readdirSync(join(root, 'tftp', 'nodes')).sort();
    const rsc = readFileSync(join(root, 'router', 'pxe-dhcp.rsc'), 'utf8');
    const r = cli(['nodes', 'generate', '--force'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('node "../../../escaped-node" (nodes[6]): the name is not a host name');
    expect(r.stderr).toContain('node "w\\"; /system reboot" (nodes[7]): the name is not a host name');
    expect(r.stderr).toContain('ip "192.168.255.79;x" is not an IPv4 address');
    expect(r.stderr).not.toMatch(/Please report|\n\s+at /);
    expect(existsSync(join(root, 'tftp', 'nodes', '../../../escaped-node.ign'))).toBe(false);
    expect(readdirSync(join(root, 'tftp', 'nodes')).sort()).toEqual(before);
    expect(readFileSync(join(root, 'router', 'pxe-dhcp.rsc'), 'utf8')).toBe(rsc);
  });

  it('escapes an odd profile name in the RouterOS block: quotes, $, [ ] and a newline stay inside the comment', () => {
    const root = cluster();
    const odd = 'work"er; $x [/system reboot]\n/system reset-configuration';
    editSite(root, (site) => {
      site.profiles[odd] = site.profiles.worker;
      site.nodes.push({ name: 'w9', mac: '52:54:00:00:02:09', ip: '192.168.255.79', firmware: 'bios', profile: odd });
    });
    const r = cli(['nodes', 'generate'], root);
    expect(r.status, r.stderr).toBe(0);
    const script = readFileSync(join(root, 'router', 'pxe-dhcp.rsc'), 'utf8');
    expect(script).toContain('comment="w9 (work\\"er; \\$x [/system reboot]\\n/system reset-configuration)"');
    expect(script).not.toMatch(/^\/system reset-configuration/m);
    // Read back with the RouterOS parser: one lease for w9 whose comment is exactly what was meant.
    const leases = statementsOf(parseRouterOs(script).ast).filter(
      (st) =>
        st.menu === '/ip dhcp-server lease' &&
        st.args.some((a) => a.name === 'mac-address' && argValue(a) === '52:54:00:00:02:09'),
    );
    const comments = leases.map((st) => st.args.find((a) => a.name === 'comment'));
    expect(comments.map((a) => a && argValue(a))).toEqual([`w9 (${odd})`]);
    expect(statementsOf(parseRouterOs(script).ast).some((st) => st.menu?.startsWith('/system'))).toBe(false);
  });

  it('refuses to write through a symlink that leads out of the site folder', () => {
    const root = cluster();
    const outside = mkdtempSync(join(tmpdir(), 'pxe-outside-'));
    renameSync(join(root, 'tftp', 'nodes'), join(outside, 'nodes'));
    symlinkSync(join(outside, 'nodes'), join(root, 'tftp', 'nodes'));
    const before = readdirSync(join(outside, 'nodes')).sort();
    const r = cli(['nodes', 'generate', '--force'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('node cp1: tftp/nodes/52-54-00-00-01-01.ipxe is outside the site folder');
    expect(readdirSync(join(outside, 'nodes')).sort()).toEqual(before);
  });
});

describe('pxe-workbench nodes generate with a Butane profile template', () => {
  const WORKER_BU = [
    'variant: fcos',
    'version: 1.5.0',
    'passwd:',
    '  users:',
    '    - name: core',
    '      ssh_authorized_keys:',
    '        - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ6d0Kh1mHFv2m8cX1x3Hn0RkZ2fW9mQb5o3yq7eXk1 admin@cluster',
    'storage:',
    '  files:',
    '    - path: /etc/motd.d/10-cluster.motd',
    '      mode: 0644',
    '      contents:',
    '        inline: "${node.name}: worker node of the cluster example.\\n"',
    '    - path: /etc/issue.d/banner.issue',
    '      contents:',
    '        local: banner.txt',
    '',
  ].join('\n');

  function butaneCluster(template: string): string {
    const root = cluster();
    writeFileSync(join(root, 'profiles', 'worker.bu'), template);
    writeFileSync(join(root, 'profiles', 'banner.txt'), 'cluster banner\n');
    const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
    site.profiles.worker.ignition = 'profiles/worker.bu';
    writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
    return root;
  }

  it('renders the template per node, then translates it (local: beside the template), then adds the hostname', () => {
    const root = butaneCluster(WORKER_BU);
    const r = cli(['nodes', 'generate'], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('~ tftp/nodes/w1.ign  (w1)');
    const w1 = JSON.parse(readFileSync(join(root, 'tftp', 'nodes', 'w1.ign'), 'utf8'));
    expect(w1.ignition.version).toBe('3.4.0');
    const files = Object.fromEntries(
      (w1.storage.files as { path: string; mode?: number; contents: { source: string } }[]).map((f) => [f.path, f]),
    );
    expect(files['/etc/motd.d/10-cluster.motd']).toMatchObject({
      mode: 420,
      contents: { source: 'data:,w1%3A%20worker%20node%20of%20the%20cluster%20example.%0A' },
    });
    expect(files['/etc/issue.d/banner.issue']!.contents.source).toBe('data:,cluster%20banner%0A');
    expect(files['/etc/hostname']!.contents.source).toBe('data:,w1%0A');
    expect(cli(['nodes', 'generate'], root).stdout).toContain('0 to add, 0 to change');
    expect(cli(['chain'], root).status).toBe(0);
  });

  it('writes nothing for a node whose filled-in template does not translate, naming the template line', () => {
    const root = butaneCluster(WORKER_BU.replace('mode: 0644', 'mode: rw-r--r--'));
    const before = readFileSync(join(root, 'tftp', 'nodes', 'w1.ign'), 'utf8');
    const r = cli(['nodes', 'generate'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'warning: w1: the Butane template profiles/worker.bu of profile worker does not translate once filled in ' +
        '(error at $.storage.files.0.mode, line 11 col 13: ',
    );
    expect(readFileSync(join(root, 'tftp', 'nodes', 'w1.ign'), 'utf8')).toBe(before);
  });
});
