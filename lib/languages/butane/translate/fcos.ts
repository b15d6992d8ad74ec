/**
 * The variant layer and the sugar, as the core calls them:
 * - `validateSugar(ctx)` with Butane's other checks of the source, before anything is translated (an error
 *   there stops the translation);
 * - `translateSugar(ctx)` after base.ts mapped the fields: mount units, trees, quadlets (Butane's base), then, for
 *   fcos, the boot device, the partition checks and GRUB users; it stops after the base part on an error;
 * - `filterVariant(ctx)` on the finished config, before the Ignition checks (flatcar's unsupported fields).
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Json, JsonObject, TranslateContext } from './context';
import { translateBootDevice, validateBootDevice } from './bootDevice';
import { isTrue, listAt, minorOf, objectAt, stringAt } from './features';
import { filterFlatcar } from './flatcar';
import { translateGrub, validateGrub } from './grub';
import { addMountUnits, validateMountUnits } from './mountUnits';
import { processQuadlets, validateQuadlets } from './quadlets';
import { processTrees, validateTrees } from './trees';

/** The disk fcos boots from, whose partitions may be found by label. */
const BOOT_DISK = '/dev/disk/by-id/coreos-boot-disk';

/** The partition numbers of the OS image's partitions, by label: another number makes a new partition. */
const RESERVED_NUMBER: Record<string, number> = {
  'BIOS-BOOT': 1,
  'PowerPC-PReP-boot': 1,
  'EFI-SYSTEM': 2,
  boot: 3,
  root: 4,
};

/** fcos 1.6 and later: a partition on another disk that is kept must be named by number, not only by label. */
function validateReuseByLabel(ctx: TranslateContext): void {
  if (ctx.spec.variant !== 'fcos' || minorOf(ctx.spec) < 6) return;
  const mirrored = new Set(listAt(objectAt(objectAt(ctx.source.boot_device).mirror).devices).map(String));
  listAt(objectAt(ctx.source.storage).disks).forEach((item, i) => {
    const disk = objectAt(item);
    const device = stringAt(disk.device) ?? '';
    if (device === BOOT_DISK || isTrue(disk.wipe_table) || mirrored.has(device)) return;
    listAt(disk.partitions).forEach((p, j) => {
      const partition = objectAt(p);
      if ((partition.number ?? 0) !== 0 || partition.label === undefined) return;
      ctx.report(
        BUTANE.partition,
        'warning',
        ['storage', 'disks', i, 'partitions', j, 'number'],
        'partitions cannot be reused by label; number must be specified except on boot disk ' +
          `(${BOOT_DISK}) or when wipe_table is true. Add the partition's number.`,
      );
    });
  });
}

/** Every check of the sugar and the variant's own fields (Butane's Validate methods). */
export function validateSugar(ctx: TranslateContext): void {
  validateMountUnits(ctx);
  validateTrees(ctx);
  validateQuadlets(ctx);
  validateBootDevice(ctx);
  validateReuseByLabel(ctx);
  validateGrub(ctx);
}

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: Json | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const num = (v: Json | undefined): number => (typeof v === 'number' ? v : 0);

function checkRoot(ctx: TranslateContext, partitions: JsonObject[], p: number, at: ConfigPath): void {
  const size = num(partitions[p]?.sizeMiB);
  if (size === 0) {
    const followed = partitions.some((other, idx) => idx !== p && num(other.startMiB) === 0);
    if (followed) {
      ctx.reportIgnition(
        BUTANE.partition,
        'warning',
        [...at, 'label'],
        'root partition cannot expand; it is set to fill available space but is followed by an auto-positioned ' +
          'partition. Give the other partitions a start_mib, or root a size_mib.',
      );
    }
  } else if (size < 8192) {
    ctx.reportIgnition(
      BUTANE.partition,
      'warning',
      [...at, 'size_mib'],
      'root should have 8GiB of space assigned. Make size_mib at least 8192.',
    );
  }
}

/** The partition checks fcos runs on the translated disks (root size, reserved labels at other numbers). */
function checkPartitions(ctx: TranslateContext): void {
  const storage = isObject(ctx.ignition.storage) ? ctx.ignition.storage : {};
  objects(storage.disks).forEach((disk, i) => {
    const partitions = objects(disk.partitions);
    partitions.forEach((partition, p) => {
      const label = partition.label;
      if (typeof label !== 'string') return;
      const at: ConfigPath = ['storage', 'disks', i, 'partitions', p];
      if (label === 'root' && minorOf(ctx.spec) >= 3) checkRoot(ctx, partitions, p, at);
      // With boot_device.mirror nothing names partition numbers: the table is wiped, labels are only labels.
      if (disk.wipeTable === true) return;
      const reserved = RESERVED_NUMBER[label];
      if (reserved !== undefined && num(partition.number) !== reserved) {
        ctx.reportIgnition(
          BUTANE.partition,
          'warning',
          [...at, 'label'],
          `incorrect partition number; a new partition will be created using reserved label. Use number ${reserved} ` +
            `to change the OS's ${label} partition, or another label for a new one.`,
        );
      }
    });
  });
}

/** The sugar and the variant's translation (see the file comment). */
export function translateSugar(ctx: TranslateContext): void {
  addMountUnits(ctx);
  processTrees(ctx);
  processQuadlets(ctx);
  if (ctx.failed() || ctx.spec.variant !== 'fcos') return;
  translateBootDevice(ctx);
  checkPartitions(ctx);
  translateGrub(ctx);
}

/** The variant's field filters over the finished config (flatcar 1.0 and 1.1: no Clevis). */
export function filterVariant(ctx: TranslateContext): void {
  if (ctx.spec.variant === 'flatcar') filterFlatcar(ctx);
}
