/**
 * The router plan: what the router has (one `print` per menu) against what the script asks, item by
 * natural key. Only the properties the script names are compared, in the router's own spelling (yes/true,
 * MAC case, durations); dynamic items are never touched; items the script does not name are listed and
 * kept unless the target prunes them.
 */
import { escapeControl } from '../core/untrusted';
import type { Row } from './api';
import { keyOf, MENUS, type Desired, type DesiredItem, type MenuSpec, type Props, type Unsupported } from './desired';

export type RouterAction = 'add' | 'set' | 'remove';

export interface Change {
  name: string;
  old?: string;
  new: string;
}

export interface RouterOp {
  action: RouterAction;
  menu: MenuSpec;
  keyName: string;
  key: string;
  /** The router's `.id` (set/remove). */
  id?: string;
  /** add: every property; set: only the changed ones. */
  props: Props;
  changes: Change[];
  why: string;
}

export interface RouterPlan {
  ops: RouterOp[];
  /** Items on the router the script does not name (kept). */
  extra: { menu: MenuSpec; key: string; id: string }[];
  same: number;
  unsupported: Unsupported[];
  /** `set` lines whose item is not on the router (nothing to set). */
  missing: { menu: MenuSpec; key: string; line: number }[];
}

/** Reads every managed menu. */
export async function readState(print: (menu: string) => Promise<Row[]>): Promise<Map<string, Row[]>> {
  const state = new Map<string, Row[]>();
  for (const menu of MENUS) state.set(menu.api, await print(menu.api));
  return state;
}

const BOOLEAN = /^(yes|no|true|false)$/i;
const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const CLOCK = /^(?:(\d+)d)?(\d+):(\d\d):(\d\d)$/;

function seconds(value: string): number | undefined {
  const clock = CLOCK.exec(value);
  if (clock) return Number(clock[1] ?? 0) * 86400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  const d = DURATION.exec(value);
  if (!d || !value) return undefined;
  const [w, dd, h, m, s] = d.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
  return w * 604800 + dd * 86400 + h * 3600 + m * 60 + s;
}

/** A property value as RouterOS would print it back, for comparing. */
export function normal(name: string, value: string): string {
  if (BOOLEAN.test(value)) return /^(yes|true)$/i.test(value) ? 'true' : 'false';
  if (name === 'mac-address') return value.toUpperCase();
  if (/(^|-)time$|timeout|interval/.test(name)) {
    const s = seconds(value);
    if (s !== undefined) return `${s}s`;
  }
  if (/,/.test(value))
    return value
      .split(',')
      .map((v) => v.trim())
      .join(',');
  return value;
}

const dynamic = (row: Row): boolean => row.dynamic === 'true' || row.default === 'true' || row.builtin === 'true';

export function makeRouterPlan(
  desired: Desired,
  state: Map<string, Row[]>,
  options: { prune?: boolean } = {},
): RouterPlan {
  const plan: RouterPlan = { ops: [], extra: [], same: 0, unsupported: desired.unsupported, missing: [] };
  const removes: RouterOp[] = [];
  for (const menu of MENUS) {
    const rows = (state.get(menu.api) ?? []).filter((r) => !dynamic(r));
    planMenu(menu, desired, rows, options, plan, removes);
  }
  // Removals last and in reverse menu order: what names an item moves away from it before it goes.
  removes.sort((a, b) => MENUS.indexOf(b.menu) - MENUS.indexOf(a.menu));
  plan.ops.push(...removes);
  return plan;
}

interface ItemKey {
  keyName: string;
  key: string;
}

/** One menu: each item the script names added or set, duplicates and `remove` lines removed, the rest listed. */
function planMenu(
  menu: MenuSpec,
  desired: Desired,
  rows: Row[],
  options: { prune?: boolean },
  plan: RouterPlan,
  removes: RouterOp[],
): void {
  const claimed = new Set<Row>();
  const byKey = rowsByKey(menu, rows);
  for (const item of desired.items.filter((i) => i.menu === menu)) {
    const found = byKey.get(`${item.keyName}=${item.key}`) ?? [];
    for (const r of found) claimed.add(r);
    const [first, ...twins] = found;
    planItem(item, first, plan);
    for (const twin of twins)
      removes.push(
        removeOp(menu, item, twin, `a second ${menu.label} with ${item.keyName}=${item.key} (a duplicate add)`),
      );
  }
  for (const removal of desired.removals.filter((r) => r.menu === menu)) {
    for (const r of byKey.get(`${removal.keyName}=${removal.key}`) ?? []) {
      if (claimed.has(r)) continue;
      claimed.add(r);
      removes.push(removeOp(menu, removal, r, `line ${removal.line}`));
    }
  }
  const touched = desired.items.some((i) => i.menu === menu);
  for (const r of rows) {
    if (claimed.has(r)) continue;
    const key = keyOf(menu, r);
    if (options.prune && touched && key) removes.push(removeOp(menu, key, r, 'not in the script (prune is on)'));
    else plan.extra.push({ menu, key: key ? `${key.keyName}=${key.key}` : r['.id']!, id: r['.id']! });
  }
}

/** Rows by natural key (a lease is found by its MAC and, without one, by its address). */
function rowsByKey(menu: MenuSpec, rows: Row[]): Map<string, Row[]> {
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(menu, r);
    if (k) byKey.set(`${k.keyName}=${k.key}`, [...(byKey.get(`${k.keyName}=${k.key}`) ?? []), r]);
  }
  return byKey;
}

/** An item against its row on the router: added when missing, set when a named property differs. */
function planItem(item: DesiredItem, row: Row | undefined, plan: RouterPlan): void {
  const { menu, keyName, key } = item;
  if (!row) {
    if (item.setOnly) plan.missing.push({ menu, key: `${keyName}=${key}`, line: item.line });
    else
      plan.ops.push({
        action: 'add',
        menu,
        keyName,
        key,
        props: { ...item.props },
        changes: Object.entries(item.props).map(([name, v]) => ({ name, new: v })),
        why: `line ${item.line}`,
      });
    return;
  }
  const changes: Change[] = [];
  for (const [name, value] of Object.entries(item.props)) {
    const old = row[name];
    if (normal(name, old ?? '') !== normal(name, value))
      changes.push({ name, ...(old !== undefined ? { old } : {}), new: value });
  }
  if (!changes.length) {
    plan.same++;
    return;
  }
  const props = Object.fromEntries(changes.map((c) => [c.name, c.new]));
  plan.ops.push({ action: 'set', menu, keyName, key, id: row['.id']!, props, changes, why: `line ${item.line}` });
}

const removeOp = (menu: MenuSpec, item: ItemKey, row: Row, why: string): RouterOp => ({
  action: 'remove',
  menu,
  keyName: item.keyName,
  key: item.key,
  id: row['.id']!,
  props: {},
  changes: [],
  why,
});

export function routerSummary(plan: RouterPlan): {
  add: number;
  set: number;
  remove: number;
  same: number;
  extra: number;
  unsupported: number;
} {
  const count = (a: RouterAction): number => plan.ops.filter((o) => o.action === a).length;
  return {
    add: count('add'),
    set: count('set'),
    remove: count('remove'),
    same: plan.same,
    extra: plan.extra.length,
    unsupported: plan.unsupported.length,
  };
}

const SIGN: Record<RouterAction, string> = { add: '+', set: '~', remove: '-' };

/**
 * The plan as a diff: one line per item, its property changes below it (old → new). Names and values come
 * from the router and the script: their control characters are escaped, so none can fake a line.
 */
export function routerPlanLines(plan: RouterPlan): string[] {
  const lines: string[] = [];
  const esc = escapeControl;
  for (const op of plan.ops) {
    lines.push(
      `${SIGN[op.action]} ${op.action.padEnd(6)} ${op.menu.script} ${esc(op.keyName)}=${esc(op.key)}` +
        `${op.id ? ` (${esc(op.id)})` : ''}  — ${esc(op.why)}`,
    );
    if (op.action === 'add') {
      const rest = op.changes.filter((c) => c.name !== op.keyName).map((c) => `${esc(c.name)}=${esc(c.new)}`);
      if (rest.length) lines.push(`      ${rest.join(' ')}`);
    } else
      for (const c of op.changes)
        lines.push(`      ${esc(c.name)}: ${c.old === undefined ? '(unset)' : esc(c.old)} → ${esc(c.new)}`);
  }
  for (const m of plan.missing)
    lines.push(
      `! set    ${m.menu.script} ${esc(m.key)} — line ${m.line}: ` +
        'not on the router, so there is nothing to set (add it in the script)',
    );
  for (const e of plan.extra)
    lines.push(`  keep   ${e.menu.script} ${esc(e.key)} (${esc(e.id)}) — on the router, not in the script`);
  for (const u of plan.unsupported) lines.push(`? skip   line ${u.line}: ${esc(u.text)} — ${esc(u.why)}`);
  const s = routerSummary(plan);
  lines.push(
    `${s.add} to add, ${s.set} to change, ${s.remove} to remove, ${s.same} already right` +
      `${s.extra ? `, ${s.extra} kept` : ''}${s.unsupported ? `, ${s.unsupported} statement(s) not translated` : ''}.`,
  );
  return lines;
}

// What a RouterOS string must escape: the quote, the escape, `$` (a variable) and `?` (help), and every
// control or bidi character (a newline would end the statement and start another).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SCRIPT_ESCAPE = /["\\$?]|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A RouterOS string literal holding exactly `value`: `\"`, `\\`, `\$`, `\?`, and `\XX` bytes for controls. */
export function scriptString(value: string): string {
  const escaped = value.replace(SCRIPT_ESCAPE, (c) => {
    if ('"\\$?'.includes(c)) return `\\${c}`;
    return (
      NAMED[c] ?? [...Buffer.from(c, 'utf8')].map((b) => `\\${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
    );
  });
  return `"${escaped}"`;
}

/** A value as a script writes it: yes/no for booleans, quoted (with escapes) unless it is one plain word. */
export function scriptValue(v: string): string {
  if (v === 'true' || v === 'false') return v === 'true' ? 'yes' : 'no';
  return /^[\w.:/,*@+-]+$/.test(v) ? v : scriptString(v);
}

/** A property name as a script can write it unquoted; any other name from the router is left out. */
const PROPERTY = /^[a-z0-9][a-z0-9.-]*$/i;

/** The router's items of the managed menus as an `.rsc` script (PXE: Pull Router Config). */
export function exportScript(state: Map<string, Row[]>, header: string): string {
  const out = [header];
  const skip = new Set([
    '.id',
    'dynamic',
    'invalid',
    'raw-value',
    'status',
    'blocked',
    'radius',
    'hits',
    'default',
    'builtin',
    'active-address',
    'active-mac-address',
    'active-client-id',
    'active-server',
    'host-name',
    'expires-after',
    'last-seen',
    'age',
    'class-id',
    'agent-circuit-id',
    'agent-remote-id',
  ]);
  for (const menu of MENUS) {
    const rows = (state.get(menu.api) ?? []).filter((r) => !dynamic(r));
    if (!rows.length) continue;
    out.push(menu.script);
    for (const row of rows) {
      const words = Object.entries(row)
        .filter(([k, v]) => !skip.has(k) && PROPERTY.test(k) && !(k === 'disabled' && v === 'false') && v !== '')
        .map(([k, v]) => `${k}=${scriptValue(v)}`);
      out.push(`add ${words.join(' ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}
