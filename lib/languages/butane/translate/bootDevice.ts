/**
 * `boot_device` (fcos 1.3 and later): LUKS on the root filesystem (Tang, TPM2, a threshold; IBM CEX on s390x)
 * and mirroring of the boot disk, desugared into the disks, RAID arrays, LUKS volumes and filesystems Butane
 * writes (same partition labels, sizes and order), then merged under the user's own storage entries.
 */
import type { ConfigPath } from '../ast';
import { type DecodedObject, type JsonObject, type TranslateContext, TranslationSet } from './context';
import { isTrue, listAt, minorOf, objectAt, stringAt } from './features';
import { mergeTranslated, replaceInPlace, replaceTranslations } from './merge';
import { BUTANE } from '../ruleIds';

const GUID = {
  reserved: '8DA63339-0007-60C0-C436-083AC8230908',
  bios: '21686148-6449-6E6F-744E-656564454649',
  prep: '9E1A2D38-C612-4316-AA26-8B49521E5A8B',
  esp: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
};

/** Sizes of the OS image's partitions (MiB); a copy may not be smaller than what it replicates. */
const SIZE = { reserved: 1, bios: 1, prep: 4, esp: 127, boot: 384 };

interface Layout {
  bios: boolean;
  esp: boolean;
  prep: boolean;
}

function layoutOf(name: string | undefined): Layout {
  if (name === undefined || name === 'x86_64') return { bios: true, esp: true, prep: false };
  return { bios: false, esp: name === 'aarch64', prep: name === 'ppc64le' };
}

const wantsLuks = (luks: DecodedObject): boolean =>
  isTrue(luks.tpm2) || listAt(luks.tang).length > 0 || isTrue(objectAt(luks.cex).enabled);

/** The partitions of mirror disk `n` (1-based): a BIOS/PReP/reserved one, an ESP/reserved one, boot, root. */
function mirrorPartitions(layout: Layout, n: number): JsonObject[] {
  const part = (label: string, sizeMiB: number, typeGuid: string): JsonObject => ({
    label: `${label}-${n}`,
    sizeMiB,
    typeGuid,
  });
  const first = layout.bios
    ? part('bios', SIZE.bios, GUID.bios)
    : layout.prep
      ? part('prep', SIZE.prep, GUID.prep)
      : part('reserved', SIZE.reserved, GUID.reserved);
  const second = layout.esp ? part('esp', SIZE.esp, GUID.esp) : part('reserved', SIZE.reserved, GUID.reserved);
  return [first, second, { label: `boot-${n}`, sizeMiB: SIZE.boot }, { label: `root-${n}` }];
}

interface Rendered {
  storage: { disks: JsonObject[]; raid: JsonObject[]; luks: JsonObject[]; filesystems: JsonObject[] };
  ts: TranslationSet;
}

function renderMirror(devices: string[], layout: Layout, out: Rendered): void {
  const { storage, ts } = out;
  devices.forEach((device, i) => {
    const n = storage.disks.length + 1;
    const from: ConfigPath = ['boot_device', 'mirror', 'devices', i];
    const disk: JsonObject = { device, partitions: mirrorPartitions(layout, n), wipeTable: true };
    ts.addFromCommonSource(from, ['storage', 'disks', storage.disks.length], disk);
    storage.disks.push(disk);
    if (!layout.esp) return;
    const esp = { device: `/dev/disk/by-partlabel/esp-${n}`, format: 'vfat', label: `esp-${n}`, wipeFilesystem: true };
    ts.addFromCommonSource(from, ['storage', 'filesystems', storage.filesystems.length], esp);
    storage.filesystems.push(esp);
  });
  ts.add(['boot_device', 'mirror', 'devices'], ['storage', 'disks']);
  const members = (prefix: string): string[] =>
    storage.disks.map((_, i) => `/dev/disk/by-partlabel/${prefix}-${i + 1}`);
  // The boot array's superblock sits at the end of the partition, so BIOS GRUB need not understand RAID.
  storage.raid.push(
    { devices: members('boot'), level: 'raid1', name: 'md-boot', options: ['--metadata=1.0'] },
    { devices: members('root'), level: 'raid1', name: 'md-root' },
  );
  ts.addFromCommonSource(['boot_device', 'mirror'], ['storage', 'raid'], storage.raid);
  const boot = { device: '/dev/md/md-boot', format: 'ext4', label: 'boot', wipeFilesystem: true };
  ts.addFromCommonSource(['boot_device', 'mirror'], ['storage', 'filesystems', storage.filesystems.length], boot);
  storage.filesystems.push(boot);
}

function luksDeviceOf(luks: DecodedObject, layout: string | undefined, mirrored: boolean): string {
  if (layout === 's390x-eckd') return `${stringAt(luks.device) ?? ''}2`;
  if (layout === 's390x-zfcp') return `${stringAt(luks.device) ?? ''}4`;
  return mirrored ? '/dev/md/md-root' : '/dev/disk/by-partlabel/root';
}

/** The Clevis (or CEX) part of the root volume and its translations, relative to `storage.luks.0`. */
function keyingOf(luks: DecodedObject, ts: TranslationSet): JsonObject {
  const from: ConfigPath = ['boot_device', 'luks'];
  const to: ConfigPath = ['storage', 'luks', 0];
  if (isTrue(objectAt(luks.cex).enabled)) {
    // Butane records the CEX switch as coming from `boot_device.luks.enabled` (sic).
    ts.add([...from, 'enabled'], [...to, 'cex', 'enabled']);
    ts.add(from, [...to, 'cex']);
    return { cex: { enabled: true } };
  }
  const clevis: JsonObject = {};
  const tang = listAt(luks.tang).map((t) => ({ ...objectAt(t) }) as JsonObject);
  if (tang.length > 0) {
    clevis.tang = tang;
    ts.addFromCommonObject([...from, 'tang'], [...to, 'clevis', 'tang'], tang);
  }
  for (const field of ['threshold', 'tpm2'] as const) {
    const value = luks[field];
    if (value === undefined) continue;
    clevis[field] = value as number | boolean;
    ts.add([...from, field], [...to, 'clevis', field]);
  }
  ts.add(from, [...to, 'clevis']);
  return { clevis };
}

function renderLuks(luks: DecodedObject, layout: string | undefined, mirrored: boolean, out: Rendered): void {
  const { ts } = out;
  const volume: JsonObject = {
    ...keyingOf(luks, ts),
    device: luksDeviceOf(luks, layout, mirrored),
    ...(typeof luks.discard === 'boolean' ? { discard: luks.discard } : {}),
    label: 'luks-root',
    name: 'root',
    wipeVolume: true,
  };
  const from: ConfigPath = ['boot_device', 'luks'];
  const to: ConfigPath = ['storage', 'luks', 0];
  ts.add([...from, 'discard'], [...to, 'discard']);
  for (const f of ['device', 'label', 'name', 'wipeVolume']) ts.add(from, [...to, f]);
  ts.add(from, to);
  ts.add(from, ['storage', 'luks']);
  out.storage.luks.push(volume);
}

/** Desugars `boot_device` into the config (Butane's processBootDevice). */
export function translateBootDevice(ctx: TranslateContext): void {
  if (ctx.spec.variant !== 'fcos' || minorOf(ctx.spec) < 3) return;
  const bootDevice = objectAt(ctx.source.boot_device);
  const luks = objectAt(bootDevice.luks);
  const devices = listAt(objectAt(bootDevice.mirror).devices).map((d) => String(d));
  const wantLuks = wantsLuks(luks);
  if (!wantLuks && devices.length === 0) return;
  const layout = stringAt(bootDevice.layout);
  const out: Rendered = { storage: { disks: [], raid: [], luks: [], filesystems: [] }, ts: new TranslationSet() };
  if (devices.length > 0) renderMirror(devices, layoutOf(layout), out);
  if (wantLuks) renderLuks(luks, layout, devices.length > 0, out);
  const root = {
    device: wantLuks ? '/dev/mapper/root' : '/dev/md/md-root',
    format: 'xfs',
    label: 'root',
    wipeFilesystem: true,
  };
  out.ts.addFromCommonSource(['boot_device'], ['storage', 'filesystems', out.storage.filesystems.length], root);
  out.ts.add(['boot_device'], ['storage', 'filesystems']);
  out.storage.filesystems.push(root);
  out.ts.add(['boot_device'], ['storage']);
  const storage: JsonObject = {};
  for (const [k, v] of Object.entries(out.storage)) if (v.length > 0) storage[k] = v;
  const merged = mergeTranslated({ storage }, out.ts, ctx.ignition, ctx.translations);
  replaceInPlace(ctx.ignition, merged.config);
  replaceTranslations(ctx.translations, merged.translations);
}

const LAYOUTS_LEGACY = ['aarch64', 'ppc64le', 'x86_64'];
const LAYOUTS = ['aarch64', 'ppc64le', 's390x-eckd', 's390x-virt', 's390x-zfcp', 'x86_64'];

/** The s390x layouts that put the root volume on a named DASD or zFCP disk, and the disk names they take. */
const S390X_DEVICE: Record<string, RegExp> = { 's390x-eckd': /\/dev\/dasd[a-z]$/, 's390x-zfcp': /\/dev\/sd[a-z]$/ };

function validateLayout(ctx: TranslateContext, bootDevice: DecodedObject, layout: string): void {
  const at: ConfigPath = ['boot_device', 'layout'];
  const error = (message: string): void => ctx.report(BUTANE.bootDevice, 'error', at, message);
  if (minorOf(ctx.spec) < 6) {
    if (!LAYOUTS_LEGACY.includes(layout)) error(`layout must be one of: ${LAYOUTS_LEGACY.join(', ')}`);
    return;
  }
  const device = stringAt(objectAt(bootDevice.luks).device);
  const named = S390X_DEVICE[layout];
  if (named && !device) error('device is required for layouts: s390x-eckd, s390x-zfcp. Set boot_device.luks.device.');
  else if (named && !named.test(device ?? '')) {
    error('device name must start with /dev/dasd on s390x-eckd layout or /dev/sd on s390x-zfcp layout');
  } else if (!LAYOUTS.includes(layout)) error(`layout must be one of: ${LAYOUTS.join(', ')}`);
  if (layout.startsWith('s390x') && listAt(objectAt(bootDevice.mirror).devices).length > 0) {
    error('mirroring not supported on layouts: s390x-eckd, s390x-zfcp, s390x-virt');
  }
}

function validateCex(ctx: TranslateContext, luks: DecodedObject, layout: string | undefined): void {
  if (minorOf(ctx.spec) < 6 || !isTrue(objectAt(luks.cex).enabled)) return;
  const mismatch =
    'when using cex the targeted architecture must match s390x. Set boot_device.layout to an s390x layout.';
  if (layout === undefined) ctx.report(BUTANE.bootDevice, 'error', ['boot_device', 'luks', 'cex'], mismatch);
  else if (!layout.startsWith('s390x')) ctx.report(BUTANE.bootDevice, 'error', ['boot_device', 'layout'], mismatch);
  if (listAt(luks.tang).length > 0 || isTrue(luks.tpm2)) {
    ctx.report(
      BUTANE.bootDevice,
      'error',
      ['boot_device', 'luks'],
      'cannot use cex with clevis. Remove tang and tpm2, or cex.',
    );
  }
}

/** A `device` with no way to unlock it (fcos 1.7 and later); Butane reports it at `boot_device.luks.luks`. */
function validateLuksMethod(ctx: TranslateContext, luks: DecodedObject): void {
  if (minorOf(ctx.spec) < 7 || !stringAt(luks.device)) return;
  const tang = listAt(luks.tang).some((t) =>
    Object.entries(objectAt(t)).some(([k, v]) => v !== undefined && (k !== 'url' || v !== '')),
  );
  if (tang || isTrue(luks.tpm2) || isTrue(objectAt(luks.cex).enabled)) return;
  ctx.report(
    BUTANE.bootDevice,
    'error',
    ['boot_device', 'luks', 'luks'],
    'no method specified for luks. Add tang servers, tpm2: true or cex.',
  );
}

/** Butane's checks of `boot_device` (before translation). */
export function validateBootDevice(ctx: TranslateContext): void {
  if (ctx.spec.variant !== 'fcos' || minorOf(ctx.spec) < 3) return;
  const bootDevice = objectAt(ctx.source.boot_device);
  const luks = objectAt(bootDevice.luks);
  const layout = stringAt(bootDevice.layout);
  const devices = listAt(objectAt(bootDevice.mirror).devices);
  if (devices.length > 0 && layout === undefined) {
    ctx.report(
      BUTANE.bootDevice,
      minorOf(ctx.spec) >= 7 ? 'error' : 'warning',
      ['boot_device', 'mirror'],
      'boot_device.layout should be specified when boot_device.mirror is specified. Add layout (e.g. x86_64).',
    );
  }
  if (layout !== undefined) validateLayout(ctx, bootDevice, layout);
  validateCex(ctx, luks, layout);
  // Butane checks the mirror twice (once for boot_device, once for the mirror itself): two reports.
  for (let i = 0; i < 2 && devices.length === 1; i++) {
    ctx.report(
      BUTANE.bootDevice,
      'error',
      ['boot_device', 'mirror', 'devices'],
      'mirroring requires at least two devices. Add the second disk.',
    );
  }
  validateLuksMethod(ctx, luks);
}
