/**
 * Findings of Ignition's own validator that the Ignition language's rules do not make, checked on the
 * translated config so a Butane config gets the verdict `butane` gives: unit contents go-systemd refuses
 * (and unit names and drop-in names, Ignition's invalidUnit), enabled units without an `[Install]` section,
 * and special mode bits in specs before 3.6.0.
 */
import { compareVersions } from '../../ignition/catalog';
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Json, JsonObject, TranslateContext } from './context';
import { readUnit } from './unitContent';

/** Ids of the findings made here (the warnings are Butane-side rules; the errors keep Ignition's id). */
export const EXTRA_IDS = {
  invalidUnit: 'ignition.invalidUnit',
  unitWithoutInstall: BUTANE.unitWithoutInstall,
  specialModeBits: BUTANE.specialModeBits,
} as const;

const UNIT_TYPES = new Set([
  'service',
  'socket',
  'device',
  'mount',
  'automount',
  'swap',
  'target',
  'path',
  'timer',
  'snapshot',
  'slice',
  'scope',
]);

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: Json | undefined): JsonObject[] => (Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : []);

/** path.Ext as Go computes it: from the last dot of the last element. */
function extension(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1);
}

function checkContents(ctx: TranslateContext, contents: Json | undefined, at: ConfigPath): boolean | undefined {
  if (typeof contents !== 'string') return undefined;
  const unit = readUnit(contents);
  if (unit.error) {
    ctx.reportIgnition(
      EXTRA_IDS.invalidUnit,
      'error',
      at,
      `invalid unit content: ${unit.error}. systemd cannot read this unit; fix the line.`,
    );
    return undefined;
  }
  return unit.options.some((o) => o.section === 'Install');
}

function checkUnits(ctx: TranslateContext, config: JsonObject): void {
  const systemd = isObject(config.systemd) ? config.systemd : {};
  objects(systemd.units).forEach((unit, i) => {
    const at: ConfigPath = ['systemd', 'units', i];
    const name = typeof unit.name === 'string' ? unit.name : '';
    if (!UNIT_TYPES.has(extension(name)))
      ctx.reportIgnition(
        EXTRA_IDS.invalidUnit,
        'error',
        [...at, 'name'],
        `invalid systemd unit extension: end "${name}" in .service, .socket, .timer, .mount, … (a unit type).`,
      );
    const install = checkContents(ctx, unit.contents, [...at, 'contents']);
    const empty = typeof unit.contents !== 'string' || unit.contents === '';
    if (unit.enabled === true && !empty && install === false)
      ctx.reportIgnition(
        EXTRA_IDS.unitWithoutInstall,
        'warning',
        [...at, 'contents'],
        `unit "${name}" is enabled, but has no install section so enable does nothing. Add an [Install] section ` +
          '(e.g. WantedBy=multi-user.target).',
      );
    objects(unit.dropins).forEach((dropin, j) => {
      const dropinName = typeof dropin.name === 'string' ? dropin.name : '';
      if (extension(dropinName) !== 'conf')
        ctx.reportIgnition(
          EXTRA_IDS.invalidUnit,
          'error',
          [...at, 'dropins', j, 'name'],
          `invalid systemd drop-in extension: name the drop-in "${dropinName}.conf" (drop-ins end in .conf).`,
        );
      checkContents(ctx, dropin.contents, [...at, 'dropins', j, 'contents']);
    });
  });
}

function checkModes(ctx: TranslateContext, config: JsonObject): void {
  if (compareVersions(ctx.spec.ignition, '3.6.0') >= 0) return;
  const storage = isObject(config.storage) ? config.storage : {};
  for (const kind of ['files', 'directories'] as const)
    objects(storage[kind]).forEach((node, i) => {
      if (typeof node.mode !== 'number' || (node.mode & 0o7000) === 0) return;
      ctx.reportIgnition(
        EXTRA_IDS.specialModeBits,
        'warning',
        ['storage', kind, i, 'mode'],
        `setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0 (Ignition ` +
          `${ctx.spec.ignition} ignores them). Drop them from the mode, or use a spec that emits Ignition 3.6.0.`,
      );
    });
}

/** A partition that must not exist beside one that takes Ignition's defaults (number 0): Ignition refuses. */
function checkPartitions(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.disks).forEach((disk, i) => {
    const partitions = objects(disk.partitions);
    const zero = partitions.some((p) => typeof p.number !== 'number' || p.number === 0);
    const absent = partitions.some((p) => p.shouldExist === false);
    if (zero && absent)
      ctx.reportIgnition(
        'ignition.invalidEntry',
        'error',
        ['storage', 'disks', i, 'partitions'],
        'shouldExist is false for a partition and other partition(s) has start or size 0. Give every partition ' +
          'of this disk a number.',
      );
  });
}

/** The extra checks (see the file comment). */
export function ignitionExtras(ctx: TranslateContext, config: JsonObject): void {
  checkUnits(ctx, config);
  checkModes(ctx, config);
  checkPartitions(ctx, config);
}
