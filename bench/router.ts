/**
 * Router deploy bench against the RouterOS API simulator on 127.0.0.1: planning a router that holds 1,000
 * static leases (connect, read the 8 managed menus, diff against the script) against routeros-client's
 * own menu API reading the same menus on a fresh connection.
 */
import { RouterOSClient } from 'routeros-client';
import { RouterApi } from '../lib/router';
import { desiredOf, MENUS } from '../lib/router';
import { makeRouterPlan, readState } from '../lib/router';
import { realTree, startSimulator, type Row as SimRow } from '../test/helpers/routerosSim';
import { time, type Row } from './stats';

export async function routerRows(): Promise<Row[]> {
  const leases: SimRow[] = [];
  const script = ['/ip dhcp-server option', 'add code=67 name=boot value="\'lpxelinux.0\'"', '/ip dhcp-server lease'];
  for (let i = 0; i < 1000; i++) {
    const mac =
      `52:54:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`.toUpperCase();
    const address = `10.${(i >> 8) & 0xff}.${i & 0xff}.10`;
    leases.push({
      '.id': `*${(i + 16).toString(16).toUpperCase()}`,
      'mac-address': mac,
      address,
      comment: `node ${i}`,
    });
    script.push(`add mac-address=${mac} address=${address} comment="node ${i}"`);
  }
  const sim = await startSimulator({
    tree: realTree(),
    state: {
      '/ip/dhcp-server/lease': leases,
      '/ip/dhcp-server/option': [{ '.id': '*1', name: 'boot', code: '67', value: "'lpxelinux.0'" }],
    },
  });
  const desired = desiredOf(script.join('\n'));
  try {
    const plan = await time(10, async () => {
      const api = await RouterApi.connect(
        { name: 'router', host: '127.0.0.1', port: sim.port, user: 'admin', tls: false },
        { password: 'secret' },
      );
      const result = makeRouterPlan(desired, await readState((menu) => api.print(menu)));
      await api.close();
      if (result.ops.length || result.same !== 1001)
        throw new Error(`bench plan should be empty, got ${result.ops.length} op(s), ${result.same} same`);
    });
    const baseline = await time(10, async () => {
      const client = new RouterOSClient({
        host: '127.0.0.1',
        port: sim.port,
        user: 'admin',
        password: 'secret',
        timeout: 10,
      });
      const api = await client.connect();
      for (const menu of MENUS) await api.menu(menu.api).get();
      await client.disconnect();
    });
    return [
      {
        name: 'plan a router with 1,000 leases (connect, read 8 menus, diff)',
        measured: plan,
        baselineName: 'routeros-client menu API reading the same menus',
        baseline,
      },
    ];
  } finally {
    await sim.close();
  }
}
