import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { desiredOf } from '../../../lib/router/desired';
import { exportScript, makeRouterPlan, normal, routerPlanLines, type RouterPlan } from '../../../lib/router/plan';
import type { Row } from '../../../lib/router/api';

const HOME_LAB = readFileSync('examples/home-lab/router/pxe-dhcp.rsc', 'utf8');
const state = (menus: Record<string, Row[]>): Map<string, Row[]> => new Map(Object.entries(menus));
const ops = (plan: RouterPlan): string[] => plan.ops.map((o) => `${o.action} ${o.menu.api} ${o.keyName}=${o.key}`);

describe('the router script as desired state', () => {
  it('reads every item of examples/home-lab, keyed by its natural key, with nothing left out', () => {
    const desired = desiredOf(HOME_LAB);
    expect(desired.unsupported).toEqual([]);
    expect(desired.items.map((i) => `${i.menu.api} ${i.keyName}=${i.key}`)).toEqual([
      '/ip/pool name=lab-pool',
      '/ip/dhcp-server/option name=tftp-server',
      '/ip/dhcp-server/option name=boot-bios',
      '/ip/dhcp-server/option name=boot-uefi',
      '/ip/dhcp-server/option name=root-path',
      '/ip/dhcp-server/option name=hostname-node1',
      '/ip/dhcp-server/option/sets name=pxe-bios',
      '/ip/dhcp-server/option/sets name=pxe-uefi',
      '/ip/dhcp-server/option/sets name=node1',
      '/ip/dhcp-server name=lab-dhcp',
      '/ip/dhcp-server/matcher name=uefi-x64',
      '/ip/dhcp-server/network address=192.168.255.0/24',
      '/ip/dhcp-server/lease mac-address=52:54:00:12:34:56',
    ]);
    const option = desired.items.find((i) => i.key === 'tftp-server')!;
    expect(option.props).toEqual({ code: '66', name: 'tftp-server', value: "'192.168.255.2'" });
    expect(desired.items.at(-1)!.props.comment).toBe('node1 (UEFI)');
  });

  it('merges set lines into their item, records removes, and lists what it cannot translate with its line', () => {
    const desired = desiredOf(
      [
        '/ip pool',
        'add name=p ranges=10.0.0.10-10.0.0.20',
        'set [find name=p] ranges=10.0.0.30-10.0.0.40',
        'set other comment="only a set"',
        '/ip dhcp-server lease',
        'remove [find mac-address=52:54:00:aa:bb:cc]',
        'add address=10.0.0.5 comment=no-mac',
        'set 0 comment=by-number',
        ':foreach i in=[/ip pool find] do={ :log info $i }',
        '/system identity set name=router',
        '/ip dhcp-server option',
        'add code=12 name=host value=$hostname',
        'print',
      ].join('\n'),
    );
    const pool = desired.items.find((i) => i.key === 'p')!;
    expect(pool.props.ranges).toBe('10.0.0.30-10.0.0.40');
    expect(pool.setOnly).toBe(false);
    expect(desired.items.find((i) => i.key === 'other')?.setOnly).toBe(true);
    expect(desired.removals).toEqual([
      expect.objectContaining({ keyName: 'mac-address', key: '52:54:00:AA:BB:CC', line: 6 }),
    ]);
    expect(desired.items.find((i) => i.keyName === 'address')?.key).toBe('10.0.0.5');
    expect(desired.unsupported.map((u) => [u.line, u.why.split(' ')[0]])).toEqual([
      [8, 'set'],
      [9, 'not'],
      [10, 'menu'],
      [12, 'a'],
      [13, '"print"'],
    ]);
  });
});

describe('the router plan', () => {
  const desired = desiredOf(HOME_LAB);

  it('adds everything to an empty router, in the order references need', () => {
    const plan = makeRouterPlan(desired, state({}));
    expect(plan.ops.every((o) => o.action === 'add')).toBe(true);
    const order = plan.ops.map((o) => o.menu.api);
    expect(order.indexOf('/ip/dhcp-server/option')).toBeLessThan(order.indexOf('/ip/dhcp-server/option/sets'));
    expect(order.indexOf('/ip/dhcp-server/option/sets')).toBeLessThan(order.indexOf('/ip/dhcp-server'));
    expect(order.indexOf('/ip/dhcp-server')).toBeLessThan(order.indexOf('/ip/dhcp-server/lease'));
  });

  it("compares in the router's spelling, sets only what differs (old → new), removes duplicates, keeps the rest", () => {
    const plan = makeRouterPlan(
      desiredOf(
        '/ip dhcp-server lease\n' +
          'add mac-address=52:54:00:12:34:56 address=192.168.255.50 disabled=no lease-time=30m comment=n1\n' +
          '/ip pool\nadd name=lab ranges=10.0.0.1-10.0.0.9',
      ),
      state({
        '/ip/dhcp-server/lease': [
          {
            '.id': '*1',
            'mac-address': '52:54:00:12:34:56',
            address: '192.168.255.51',
            disabled: 'false',
            'lease-time': '00:30:00',
            comment: 'n1',
            dynamic: 'false',
          },
          { '.id': '*2', 'mac-address': '52:54:00:12:34:56', address: '192.168.255.50', dynamic: 'false' },
          { '.id': '*3', 'mac-address': '52:54:00:99:99:99', address: '192.168.255.99', dynamic: 'true' },
          { '.id': '*4', 'mac-address': '52:54:00:77:77:77', address: '192.168.255.77', dynamic: 'false' },
        ],
        '/ip/pool': [{ '.id': '*9', name: 'lab', ranges: '10.0.0.1-10.0.0.9' }],
      }),
    );
    expect(ops(plan)).toEqual([
      'set /ip/dhcp-server/lease mac-address=52:54:00:12:34:56',
      'remove /ip/dhcp-server/lease mac-address=52:54:00:12:34:56',
    ]);
    expect(plan.ops[0]!.changes).toEqual([{ name: 'address', old: '192.168.255.51', new: '192.168.255.50' }]);
    expect(plan.ops[1]!.id).toBe('*2');
    expect(plan.same).toBe(1);
    expect(plan.extra.map((e) => e.id)).toEqual(['*4']);
    const lines = routerPlanLines(plan).join('\n');
    expect(lines).toContain('address: 192.168.255.51 → 192.168.255.50');
    expect(lines).toContain('keep   /ip dhcp-server lease mac-address=52:54:00:77:77:77 (*4)');
    expect(lines).toMatch(/1 to change, 1 to remove, 1 already right, 1 kept\.$/);
    // prune removes the extra one too (never the dynamic one).
    expect(
      ops(
        makeRouterPlan(
          desiredOf('/ip dhcp-server lease\nadd mac-address=52:54:00:12:34:56'),
          state({
            '/ip/dhcp-server/lease': [
              { '.id': '*4', 'mac-address': '52:54:00:77:77:77' },
              { '.id': '*3', 'mac-address': '52:54:00:99:99:99', dynamic: 'true' },
            ],
          }),
          { prune: true },
        ),
      ),
    ).toEqual([
      'add /ip/dhcp-server/lease mac-address=52:54:00:12:34:56',
      'remove /ip/dhcp-server/lease mac-address=52:54:00:77:77:77',
    ]);
  });

  it('normalises booleans, MAC case, durations and list spacing', () => {
    expect(normal('disabled', 'no')).toBe(normal('disabled', 'false'));
    expect(normal('mac-address', '52:54:00:ab:cd:ef')).toBe('52:54:00:AB:CD:EF');
    expect(normal('lease-time', '1d')).toBe(normal('lease-time', '1d00:00:00'));
    expect(normal('lease-time', '10m')).toBe(normal('lease-time', '00:10:00'));
    expect(normal('options', 'a, b')).toBe('a,b');
    expect(normal('comment', '10m')).toBe('10m');
  });

  it('exports what the router has as a script that reads back as the same desired state', () => {
    const rows = state({
      '/ip/pool': [{ '.id': '*1', name: 'lab', ranges: '10.0.0.1-10.0.0.9' }],
      '/ip/dhcp-server/option': [
        { '.id': '*2', name: 'boot', code: '67', value: "'lpxelinux.0'", 'raw-value': '6c70' },
      ],
      '/ip/dhcp-server/lease': [
        {
          '.id': '*3',
          'mac-address': '52:54:00:12:34:56',
          comment: 'node one "x"',
          disabled: 'false',
          dynamic: 'false',
        },
      ],
    });
    const script = exportScript(rows, '# pulled');
    expect(script).toContain('add name=boot code=67 value="\'lpxelinux.0\'"');
    expect(script).not.toContain('raw-value');
    const again = makeRouterPlan(desiredOf(script), rows);
    expect(again.ops).toEqual([]);
    expect(again.unsupported).toEqual([]);
  });

  it('a router row cannot fake a plan line or inject a statement into the pulled script', () => {
    const evil = 'x\n+ add    /system script name=evil\u001bM\r';
    const rows = state({
      '/ip/dhcp-server/lease': [
        { '.id': '*3', 'mac-address': '52:54:00:12:34:56', comment: evil, dynamic: 'false' },
        {
          '.id': '*4',
          'mac-address': '52:54:00:12:34:57',
          'comment\n/system reset-configuration': 'y',
          dynamic: 'false',
        },
      ],
    });
    const desired = desiredOf('/ip dhcp-server lease\nadd mac-address=52:54:00:12:34:56 comment=plain');
    const lines = routerPlanLines(makeRouterPlan(desired, rows));
    expect(lines).toContain('      comment: x\\n+ add    /system script name=evil\\x1bM\\r → plain');
    expect(lines.join('\n')).not.toMatch(/\r|^\+ add {4}\/system/m);
    expect(lines.join('\n')).not.toContain('\u001b');
    const script = exportScript(rows, '# pulled');
    expect(script).toContain('comment="x\\n+ add    /system script name=evil\\1BM\\r"');
    expect(script).not.toMatch(/^\/system|reset-configuration/m);
    // Read back, the comment is the router's exactly and nothing else is asked for.
    const back = desiredOf(script);
    expect(back.unsupported).toEqual([]);
    expect(back.items.find((i) => i.key === '52:54:00:12:34:56')?.props.comment).toBe(evil);
  });
});
