/**
 * examples/cluster end to end on real protocol code: its files to a NAS (a real sshd), its static leases
 * to a router (the RouterOS API simulator); changing one node deploys only that node's files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, type Secrets } from '../../lib/deploy';
import { planNodes, writeNodes } from '../../lib/nodes/generate';
import { deployRouter } from '../../lib/router';
import { deploySite } from '../helpers/deploySite';
import { realTree, startSimulator, type Simulator } from '../helpers/routerosSim';
import { routerSite } from '../helpers/routerSite';
import { startSshd, type Sshd } from '../helpers/sshd';

const secrets: Secrets = { get: async () => 'secret' };

describe('examples/cluster: deploy to the NAS and the router', () => {
  let sshd: Sshd;
  let sim: Simulator;
  beforeAll(async () => {
    sshd = await startSshd();
    sim = await startSimulator({
      tree: realTree(),
      credentials: { user: sshd.user, password: 'secret' },
      emptyMode: true,
    });
  });
  afterAll(async () => {
    await sim?.close();
    await sshd?.stop();
  });

  it('pushes every node file, then only the files of the node that changed', async () => {
    const site = deploySite(sshd, 'examples/cluster');
    const first = await deploy(site.target(), { secrets, verify: false });
    expect(first.result?.uploaded).toEqual(
      expect.arrayContaining([
        'nodes/boot.ipxe',
        'nodes/52-54-00-00-01-01.ipxe',
        'nodes/cp1.ign',
        'pxelinux.cfg/01-52-54-00-00-02-02',
        'nodes/w3.ign',
      ]),
    );
    const json = JSON.parse(readFileSync(site.siteFile, 'utf8'));
    json.nodes[4].kernelArgs = 'nomodeset quiet';
    writeFileSync(site.siteFile, JSON.stringify(json, null, 2));
    const written = writeNodes(planNodes(site.siteFile)).written.map((p) => p.slice(site.workspace.length + 1));
    expect(written).toEqual(['tftp/pxelinux.cfg/01-52-54-00-00-02-02']);
    const second = await deploy(site.target(), { secrets, verify: false });
    expect(second.result?.uploaded).toEqual(['pxelinux.cfg/01-52-54-00-00-02-02']);
  });

  it('gives the router every node: a lease, an option set and an option-12 host name each; again changes nothing', async () => {
    const target = await routerSite(sshd, sim, 'examples/cluster').target();
    const first = await deployRouter(target, { secrets });
    expect(first.result?.remaining).toEqual([]);
    const leases = sim.menus.get('/ip/dhcp-server/lease') ?? [];
    expect(leases.map((l) => `${l.comment} ${l.address} ${l['dhcp-option-set']}`)).toEqual([
      'cp1 (control) 192.168.255.61 node-cp1',
      'cp2 (control) 192.168.255.62 node-cp2',
      'cp3 (control) 192.168.255.63 node-cp3',
      'w1 (worker) 192.168.255.71 node-w1',
      'w2 (worker) 192.168.255.72 node-w2',
      'w3 (worker) 192.168.255.73 node-w3',
    ]);
    expect(sim.menus.get('/ip/dhcp-server/option')?.find((o) => o.name === 'hostname-w2')?.value).toBe("s'w2'");
    expect(sim.menus.get('/ip/dhcp-server/option/sets')?.find((o) => o.name === 'node-cp1')?.options).toBe(
      'tftp-server,boot-ipxe-uefi,nodes-root-path,hostname-cp1',
    );
    const again = await deployRouter(target, { secrets });
    expect(again.plan.ops).toEqual([]);
  });
});
