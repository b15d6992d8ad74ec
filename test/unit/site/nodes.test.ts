import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../../lib/core/template';
import { lintText } from '../../../lib/engine';
import { diskContext } from '../../../lib/site/view';

function cluster(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'pxe-nodes-')), 'cluster');
  cpSync('examples/cluster', root, { recursive: true });
  return root;
}

const lint = (file: string) => lintText(file, readFileSync(file, 'utf8'), { context: diskContext(file) }).findings;

describe('profile templates', () => {
  it('fill ${node.*} and ${site.*} and map every rendered offset back to the template', () => {
    const t = 'kernel ${site.baseUrl}vmlinuz name=${node.name} ${node.nope} end';
    const r = render(t, { 'site.baseUrl': 'http://nas/tftp/', 'node.name': 'cp1' });
    expect(r.text).toBe('kernel http://nas/tftp/vmlinuz name=cp1 ${node.nope} end');
    expect(r.unknown).toEqual([
      { name: 'node.nope', start: t.indexOf('${node.nope}'), end: t.indexOf('${node.nope}') + 12 },
    ]);
    // "vmlinuz" in the output is "vmlinuz" in the template; inside a variable maps to the variable.
    expect(r.toTemplate(r.text.indexOf('vmlinuz'))).toBe(t.indexOf('vmlinuz'));
    expect(r.toTemplate(r.text.indexOf('nas/'))).toBe(t.indexOf('${site.baseUrl}'));
    expect(r.toTemplate(r.text.indexOf(' end'))).toBe(t.indexOf(' end'));
  });

  it('are checked as each node’s file: a finding all nodes share is the template’s, one node’s names it', () => {
    const root = cluster();
    expect(lint(join(root, 'profiles', 'control.ipxe'))).toEqual([]);
    expect(lint(join(root, 'profiles', 'worker.cfg'))).toEqual([]);
    const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
    site.nodes[1].kernelArgs = 'ignition.config.ulr=http://x/y.ign';
    writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
    writeFileSync(
      join(root, 'profiles', 'control.ipxe'),
      readFileSync(join(root, 'profiles', 'control.ipxe'), 'utf8')
        .replace('initrd --name main', 'initrdd --name main')
        .replace('${node.name} from', '${node.nmae} from'),
    );
    const control = lint(join(root, 'profiles', 'control.ipxe'));
    const cp2 = control.filter((f) => /^node cp2: /.test(f.message));
    expect(cp2.map((f) => f.ruleId)).toEqual(['ipxe.unknownKernelArgument']);
    expect(cp2[0]!.message).toMatch(/ignition\.config\.ulr/);
    const text = readFileSync(join(root, 'profiles', 'control.ipxe'), 'utf8');
    expect(cp2[0]!.start).toBe(text.indexOf('${node.kernelArgs}'));
    expect(control.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['ipxe.unknownCommand', 'site.templateVariable']),
    );
    expect(control.find((f) => f.ruleId === 'ipxe.unknownCommand')?.message).not.toMatch(/^node/);
    expect(control.some((f) => f.ruleId === 'ipxe.undefinedVariable')).toBe(false);
  });
});

describe('the node table (site.nodes)', () => {
  it('finds duplicate names, MACs and IPs, addresses outside the subnet, unknown profiles and missing templates', () => {
    const root = cluster();
    const file = join(root, 'pxe-site.json');
    expect(lint(file)).toEqual([]);
    const site = JSON.parse(readFileSync(file, 'utf8'));
    site.nodes[1].name = 'cp1';
    site.nodes[2].ip = '192.168.255.61';
    site.nodes[3].mac = '52:54:00:00:01:01';
    site.nodes[4].ip = '10.0.0.4';
    site.nodes[5].profile = 'wroker';
    site.profiles.worker.ignition = 'profiles/missing.ign';
    writeFileSync(file, JSON.stringify(site, null, 2));
    expect(
      lint(file)
        .filter((f) => f.ruleId === 'site.nodes')
        .map((f) => f.message),
    ).toEqual([
      'Profile worker: the ignition template profiles/missing.ign does not exist (relative to the site file).',
      "cp1: name cp1 is also cp1's: every node needs its own name.",
      "cp3: ip 192.168.255.61 is also cp1's: every node needs its own IP address.",
      "w1: mac 52:54:00:00:01:01 is also cp1's: every node needs its own MAC address.",
      'w2: 10.0.0.4 is outside network.subnet 192.168.255.0/24: the DHCP server cannot hand it out there.',
      'w3: there is no profile "wroker" (profiles: control, worker): define it under "profiles" or correct the name.',
    ]);
  });
});
