import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkRouterTree, WalkError } from '../../lib/router/treeWalk';
import { treeFromInspect } from '../../lib/languages/routeros/catalog';
import { startSimulator, type Simulator } from '../helpers/routerosSim';

const DUMP = join('..', 'shared', 'reference', 'routeros', 'restraml-7.24-inspect.json');

describe.skipIf(!existsSync(DUMP))('reading the command tree from a router over the RouterOS API', () => {
  let sim: Simulator;
  let subset: Record<string, unknown>;
  beforeAll(async () => {
    const full = JSON.parse(readFileSync(DUMP, 'utf8')) as Record<string, Record<string, unknown>>;
    // The router's tree, trimmed to a few menus so the walk stays short.
    subset = {
      ip: { _type: 'path', 'dhcp-server': full.ip!['dhcp-server'], tftp: full.ip!.tftp },
      system: { _type: 'path', identity: (full.system as Record<string, unknown>).identity },
      put: full.put,
    };
    sim = await startSimulator({ tree: subset });
  });
  afterAll(() => sim?.close());

  it('walks every menu, command and argument into a tree the server loads', async () => {
    const seen: number[] = [];
    const walked = await walkRouterTree({
      host: '127.0.0.1',
      port: sim.port,
      user: 'admin',
      password: 'secret',
      progress: (n) => seen.push(n),
    });
    const tree = treeFromInspect(walked, '7.24-router');
    expect(tree.menus.get('/ip dhcp-server option')?.commands.get('add')).toEqual(
      new Set(['code', 'comment', 'copy-from', 'force', 'name', 'value']),
    );
    expect(tree.topCommands.has('put')).toBe(true);
    expect(seen.at(-1)).toBeGreaterThan(100);
    expect(sim.commands.filter((c) => c[0] === '/console/inspect').length).toBeGreaterThan(20);
  });

  it('explains a refused login and stops when cancelled', async () => {
    await expect(
      walkRouterTree({ host: '127.0.0.1', port: sim.port, user: 'admin', password: 'wrong' }),
    ).rejects.toThrow(WalkError);
    const controller = new AbortController();
    controller.abort();
    await expect(
      walkRouterTree({
        host: '127.0.0.1',
        port: sim.port,
        user: 'admin',
        password: 'secret',
        signal: controller.signal,
      }),
    ).rejects.toThrow(/Stopped/);
  });
});
