/**
 * Router deploy end to end: examples/home-lab's RouterOS script planned, applied and verified against the
 * RouterOS API simulator (both reply modes), files over SFTP to a real sshd, and the ways it can go wrong
 * half-way (a refusal, a dropped connection) converging on the next run.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Secrets } from '../../lib/deploy';
import { deployRouter, pullRouter, RouterApplyError, RouterError, routerPlanLines } from '../../lib/router';
import { desiredOf } from '../../lib/router/desired';
import { makeRouterPlan } from '../../lib/router/plan';
import { makeCertificate } from '../helpers/routerCert';
import { realTree, startSimulator, type Simulator, type SimulatorOptions } from '../helpers/routerosSim';
import { routerSite } from '../helpers/routerSite';
import { startSshd, type Sshd } from '../helpers/sshd';

const secrets: Secrets = { get: async () => 'secret' };
const WRITES = /\/(add|set|remove)$/;

describe('deploy to a MikroTik (RouterOS API simulator + a real sshd for its files)', () => {
  let sshd: Sshd;
  const sims: Simulator[] = [];
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });
  const sim = async (options: SimulatorOptions = {}): Promise<Simulator> => {
    const s = await startSimulator({
      tree: realTree(),
      credentials: { user: sshd.user, password: 'secret' },
      ...options,
    });
    sims.push(s);
    return s;
  };
  const writes = (s: Simulator): string[] => s.commands.filter((c) => WRITES.test(c[0] ?? '')).map((c) => c[0]!);

  for (const emptyMode of [false, true]) {
    it(
      'plans, applies and verifies examples/home-lab; the second deploy changes nothing ' +
        `(${emptyMode ? '!empty' : 'classic'} replies)`,
      async () => {
        const s = await sim({ emptyMode });
        const site = routerSite(sshd, s);
        const target = await site.target();
        const dry = await deployRouter(target, { secrets, dryRun: true });
        expect(dry.plan.ops.map((o) => o.action)).toEqual(Array(13).fill('add'));
        expect(writes(s)).toEqual([]);

        const shown: string[] = [];
        const first = await deployRouter(target, {
          secrets,
          confirm: async (plan) => (shown.push(...routerPlanLines(plan)), true),
        });
        expect(first.result?.applied).toHaveLength(13);
        expect(first.result?.remaining).toEqual([]);
        expect(shown.at(-1)).toBe('13 to add, 0 to change, 0 to remove, 0 already right.');
        expect(s.menus.get('/ip/dhcp-server/option/sets')?.find((r) => r.name === 'node1')?.options).toBe(
          'tftp-server,boot-uefi,hostname-node1',
        );
        expect(s.menus.get('/ip/dhcp-server/lease')?.[0]).toMatchObject({
          'mac-address': '52:54:00:12:34:56',
          address: '192.168.255.50',
          'dhcp-option-set': 'node1',
          server: 'lab-dhcp',
          comment: 'node1 (UEFI)',
        });

        const before = writes(s).length;
        const second = await deployRouter(target, { secrets });
        expect(second.plan.ops).toEqual([]);
        expect(second.plan.same).toBe(13);
        expect(writes(s).length).toBe(before);
      },
    );
  }

  for (const emptyMode of [false, true]) {
    const mode = emptyMode ? '!empty replies' : 'classic replies';
    it(`stops at a !trap with the router message and what was and was not applied; the next deploy converges (${mode})`, async () => {
      let refuse = true;
      const s = await sim({
        emptyMode,
        interfere: (w) =>
          refuse && w[0] === '/ip/dhcp-server/option/sets/add' && w.includes('=name=pxe-uefi')
            ? { trap: 'failure: not enough flash space' }
            : undefined,
      });
      const target = await routerSite(sshd, s).target();
      const error = (await deployRouter(target, { secrets }).catch((e: unknown) => e)) as RouterApplyError;
      expect(error).toBeInstanceOf(RouterApplyError);
      expect(error.message).toContain(
        'The router refused "add /ip dhcp-server option sets name=pxe-uefi": failure: not enough flash space.',
      );
      expect(error.applied.map((o) => o.key)).toEqual([
        'lab-pool',
        'tftp-server',
        'boot-bios',
        'boot-uefi',
        'root-path',
        'hostname-node1',
        'pxe-bios',
      ]);
      expect(error.notApplied[0]?.key).toBe('pxe-uefi');
      expect(error.message).toMatch(/Not applied \(6\): add \/ip dhcp-server option sets name=pxe-uefi; /);
      refuse = false;
      const again = await deployRouter(target, { secrets });
      expect(again.plan.ops.map((o) => o.key)).toEqual([
        'pxe-uefi',
        'node1',
        'lab-dhcp',
        '192.168.255.0/24',
        'uefi-x64',
        '52:54:00:12:34:56',
      ]);
      expect(again.result?.remaining).toEqual([]);
    });

    it(`a connection dropped between two calls leaves a state the next deploy converges from (${mode})`, async () => {
      let drop = true;
      let adds = 0;
      const s = await sim({
        emptyMode,
        interfere: (w) => (drop && WRITES.test(w[0] ?? '') && ++adds === 5 ? 'drop' : undefined),
      });
      const target = await routerSite(sshd, s).target();
      const error = (await deployRouter(target, { secrets }).catch((e: unknown) => e)) as RouterApplyError;
      expect(error).toBeInstanceOf(RouterApplyError);
      expect(error.connectionLost).toBe(true);
      expect(error.applied).toHaveLength(4);
      expect(error.message).toMatch(/connection broke off.*\n.*Applied \(4\)[\s\S]*Deploy again/);
      drop = false;
      const again = await deployRouter(target, { secrets });
      expect(again.plan.ops).toHaveLength(9);
      expect(again.result?.remaining).toEqual([]);
      expect(makeRouterPlan(desiredOf(target.script), s.menus).ops).toEqual([]);
    });

    it(`removes the duplicate a double paste left and fixes a changed value, old → new (${mode})`, async () => {
      const s = await sim({
        emptyMode,
        state: {
          '/ip/pool': [{ '.id': '*1', name: 'lab-pool', ranges: '192.168.255.100-192.168.255.150' }],
          '/ip/dhcp-server/option': [{ '.id': '*2', name: 'boot-bios', code: '67', value: "'pxelinux.0'" }],
        },
      });
      const target = await routerSite(sshd, s).target();
      const first = await deployRouter(target, { secrets });
      expect(first.plan.ops.filter((o) => o.action === 'set').map((o) => o.changes)).toEqual([
        [{ name: 'ranges', old: '192.168.255.100-192.168.255.150', new: '192.168.255.100-192.168.255.199' }],
        [{ name: 'value', old: "'pxelinux.0'", new: "'lpxelinux.0'" }],
      ]);
      // The lease script pasted twice by hand (RouterOS allows a second lease on another server).
      s.menus
        .get('/ip/dhcp-server/lease')!
        .push({ '.id': '*77', 'mac-address': '52:54:00:12:34:56', address: '192.168.255.50' });
      const second = await deployRouter(target, { secrets });
      expect(second.plan.ops.map((o) => `${o.action} ${o.id}`)).toEqual(['remove *77']);
      expect(s.menus.get('/ip/dhcp-server/lease')).toHaveLength(1);
    });

    it(`lists statements it cannot translate and makes the user choose: skip them, or /import the script (${mode})`, async () => {
      const s = await sim({ emptyMode });
      const site = routerSite(sshd, s);
      appendFileSync(site.scriptFile, ':log info "PXE settings loaded"\n/system identity set name=lab-router\n');
      const target = await site.target();
      const stop = (await deployRouter(target, { secrets }).catch((e: unknown) => e)) as RouterError;
      expect(stop).toBeInstanceOf(RouterError);
      expect(stop.message).toMatch(
        new RegExp(
          /2 statement\(s\) of the script are not translated[\s\S]*line 24: :log info "PXE settings loaded"/.source +
            /[\s\S]*line 25: \/system identity set name=lab-router[\s\S]*--skip-unsupported[\s\S]*--import/.source,
        ),
      );
      expect(writes(s)).toEqual([]);
      const dry = await deployRouter(target, { secrets, dryRun: true });
      expect(routerPlanLines(dry.plan).join('\n')).toContain(
        '? skip   line 25: /system identity set name=lab-router — menu /system identity is not one router deploy manages',
      );

      // Asked once the statements are known (the editor's way): no answer changes nothing.
      const asked: number[] = [];
      const declined = await deployRouter(target, {
        secrets,
        unsupported: async (list) => (asked.push(list.length), undefined),
      });
      expect(asked).toEqual([2]);
      expect(declined.result).toBeUndefined();
      expect(writes(s)).toEqual([]);

      const skipped = await deployRouter(target, { secrets, unsupported: 'skip' });
      expect(skipped.result?.applied).toHaveLength(13);

      const imported = await deployRouter(target, { secrets, unsupported: 'import' });
      expect(imported.imported).toBe(join(site.routerFs, 'pxe-workbench-import.rsc').replace(/^\/+/, ''));
      expect(s.imports).toEqual([imported.imported]);
      // The uploaded script is removed after /import ran.
      expect(existsSync(join(site.routerFs, 'pxe-workbench-import.rsc'))).toBe(false);
    });

    it(`uploads the files the router serves over TFTP into its tftp/ folder (created), then the /ip tftp entries (${mode})`, async () => {
      const s = await sim({ emptyMode });
      const site = routerSite(sshd, s);
      appendFileSync(
        site.scriptFile,
        '/ip tftp\nadd req-filename=lpxelinux.0 real-filename=tftp/lpxelinux.0\n' +
          'add req-filename=pxelinux.cfg/.* real-filename=tftp/pxelinux.cfg/\n',
      );
      const target = await site.target();
      expect(target.paths).toEqual(['lpxelinux.0', 'pxelinux.cfg/default']);
      const first = await deployRouter(target, { secrets });
      expect(first.files?.result?.uploaded.sort()).toEqual(['lpxelinux.0', 'pxelinux.cfg/default']);
      const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
      expect(sha(join(site.routerFs, 'tftp/lpxelinux.0'))).toBe(sha(join(site.workspace, 'tftp/lpxelinux.0')));
      expect(readdirSync(join(site.routerFs, 'tftp'))).toEqual(['lpxelinux.0', 'pxelinux.cfg']);
      expect(s.menus.get('/ip/tftp')?.map((r) => r['real-filename'])).toEqual([
        'tftp/lpxelinux.0',
        'tftp/pxelinux.cfg/',
      ]);
      const second = await deployRouter(target, { secrets });
      expect(second.files?.result?.uploaded).toEqual([]);
      expect(second.plan.ops).toEqual([]);
    });
  }

  it('over api-ssl: asks to trust an unpinned certificate, then uses the pin; pulls the config as a script', async () => {
    const cert = makeCertificate();
    const s = await sim({ tls: cert });
    const site = routerSite(sshd, s);
    const target = await site.target({ apiTls: true });
    await expect(deployRouter(target, { secrets, dryRun: true })).rejects.toThrow(
      /cannot check[\s\S]*fingerprint SHA256:/,
    );
    const asked: string[] = [];
    const outcome = await deployRouter(target, { secrets, trustCertificate: async (fp) => (asked.push(fp), true) });
    expect(asked).toEqual([cert.fingerprint]);
    expect(outcome.trustedCertificate).toBe(cert.fingerprint);
    const pinned = await site.target({ apiTls: true, apiCertificate: cert.fingerprint });
    const pulled = await pullRouter(pinned, { secrets });
    expect(pulled.script).toMatch(/^# Pulled from 127\.0\.0\.1 \(targets\.router\), RouterOS 7\.16/);
    expect(pulled.script).toContain('add name=lab-pool ranges=192.168.255.100-192.168.255.199');
    // The pulled script, deployed back, is already what the router has.
    writeFileSync(site.scriptFile, pulled.script);
    const roundTrip = await deployRouter(await site.target({ apiTls: true, apiCertificate: cert.fingerprint }), {
      secrets,
      dryRun: true,
    });
    expect(roundTrip.plan.ops).toEqual([]);
    expect(roundTrip.plan.unsupported).toEqual([]);
  });
});
