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

const INVALID_ENTRY = 'ignition.invalidEntry';

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
        INVALID_ENTRY,
        'error',
        ['storage', 'disks', i, 'partitions'],
        'shouldExist is false for a partition and other partition(s) has start or size 0. Give every partition ' +
          'of this disk a number.',
      );
  });
}

/** A partition that must not exist says nothing else about itself (Ignition ignores type_guid "" and resize). */
function checkAbsentPartitions(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.disks).forEach((disk, i) =>
    objects(disk.partitions).forEach((p, j) => {
      const set = (key: string): boolean => p[key] !== undefined && p[key] !== null;
      const others =
        set('label') || set('guid') || set('startMiB') || set('sizeMiB') || (set('typeGuid') && p.typeGuid !== '');
      if (p.shouldExist === false && others)
        ctx.reportIgnition(
          INVALID_ENTRY,
          'error',
          ['storage', 'disks', i, 'partitions', j],
          'shouldExist specified false with other options also specified: a partition to delete takes only its ' +
            'number (drop label, guid, start_mib and size_mib).',
        );
    }),
  );
}

/**
 * Partitions placed over each other: reported once per disk, at the first partition that starts where an earlier
 * one starts, inside it, or holds its start (start 0 = next free place and an unset size are skipped).
 */
function checkOverlaps(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.disks).forEach((disk, i) => {
    const placed = objects(disk.partitions).map((p) =>
      typeof p.startMiB === 'number' && p.startMiB !== 0 && typeof p.sizeMiB === 'number'
        ? { start: p.startMiB, end: p.startMiB + p.sizeMiB }
        : undefined,
    );
    const inside = (x: number, s: { start: number; end: number }): boolean => x >= s.start && x < s.end;
    const j = placed.findIndex(
      (a, j) =>
        a && placed.slice(0, j).some((b) => b && (a.start === b.start || inside(a.start, b) || inside(b.start, a))),
    );
    if (j >= 0)
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['storage', 'disks', i, 'partitions', j],
        'partitions overlap: this partition starts inside another one (or holds its start). Move start_mib, ' +
          'shrink size_mib, or leave start_mib 0 to take the next free space.',
      );
  });
}

/** Spec 3.0.0's certificate authority `source` is a plain string: unset, it is "" and no URL scheme. */
function checkEmptyCaSources(ctx: TranslateContext, config: JsonObject): void {
  if (ctx.spec.ignition !== '3.0.0') return;
  const ignition = isObject(config.ignition) ? config.ignition : {};
  const security = isObject(ignition.security) ? ignition.security : {};
  const tls = isObject(security.tls) ? security.tls : {};
  objects(tls.certificateAuthorities).forEach((ca, i) => {
    if (ca.source === '')
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['ignition', 'security', 'tls', 'certificateAuthorities', i, 'source'],
        'invalid url scheme: a certificate authority needs a `source` (or `inline`/`local` contents).',
      );
  });
}

/** A filesystem on a whole disk the config also partitions: the filesystem replaces the partitions. */
function checkWholeDiskFilesystems(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  const partitioned = new Set(
    objects(storage.disks)
      .filter((d) => objects(d.partitions).length > 0)
      .map((d) => d.device),
  );
  objects(storage.filesystems).forEach((fs, i) => {
    if (typeof fs.device === 'string' && partitioned.has(fs.device))
      ctx.reportIgnition(
        BUTANE.ignitionWarning,
        'warning',
        ['storage', 'filesystems', i, 'device'],
        `filesystem overwrites partitioned device ${fs.device}: put the filesystem on one of its partitions ` +
          '(e.g. /dev/disk/by-partlabel/NAME).',
      );
  });
}

/** User and group of a hard link: the link shares the target's inode, so Ignition ignores them. */
function checkHardLinkOwners(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.links).forEach((link, i) => {
    if (link.hard !== true) return;
    // From spec 3.3.0 a link without a target stops at "link target is required", before the owner check.
    const noTarget = typeof link.target !== 'string' || link.target === '';
    if (noTarget && compareVersions(ctx.spec.ignition, '3.3.0') >= 0) return;
    for (const who of ['user', 'group'])
      for (const key of ['id', 'name']) {
        const owner = link[who];
        if (!isObject(owner) || owner[key] === undefined || owner[key] === null) continue;
        ctx.reportIgnition(
          BUTANE.ignitionWarning,
          'warning',
          ['storage', 'links', i, who, key],
          `user/group ignored for hard link: a hard link has its target's owner; drop ${who}.${key}.`,
        );
      }
  });
}

const GUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$/;

/** Partition GUIDs in the form Ignition reads. */
function checkGuids(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.disks).forEach((disk, i) =>
    objects(disk.partitions).forEach((partition, j) => {
      for (const key of ['guid', 'typeGuid'])
        if (typeof partition[key] === 'string' && !GUID.test(partition[key]))
          ctx.reportIgnition(
            INVALID_ENTRY,
            'error',
            ['storage', 'disks', i, 'partitions', j, key],
            'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101": write the GUID with its dashes.',
          );
    }),
  );
}

/** A file, directory or link owner by id or by name, not both. */
function checkOwners(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  for (const kind of ['files', 'directories', 'links'])
    objects(storage[kind]).forEach((node, i) => {
      for (const owner of ['user', 'group']) {
        const o = node[owner];
        if (isObject(o) && o.id !== undefined && o.name !== undefined)
          ctx.reportIgnition(
            INVALID_ENTRY,
            'error',
            ['storage', kind, i, owner],
            `cannot set both id and name: keep one for the ${owner}.`,
          );
      }
    });
}

/** Clevis: a custom pin replaces tpm2, tang and threshold; a labelled filesystem needs a format. */
function checkLuksAndFilesystems(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.luks).forEach((luks, i) => {
    const clevis = isObject(luks.clevis) ? luks.clevis : undefined;
    if (!clevis || !isObject(clevis.custom) || Object.keys(clevis.custom).length === 0) return;
    const { pin, config: pinConfig } = clevis.custom;
    const named = (v: Json | undefined): boolean => typeof v === 'string' && v !== '';
    // Ignition checks a custom pin (3.2.0: once it names a pin or a config; 3.6.0 accepts any pin name).
    const checked = compareVersions(ctx.spec.ignition, '3.3.0') >= 0 || named(pin) || named(pinConfig);
    if (checked) {
      const at: ConfigPath = ['storage', 'luks', i, 'clevis', 'custom'];
      const known = pin === 'tpm2' || pin === 'tang' || pin === 'sss';
      if (compareVersions(ctx.spec.ignition, '3.6.0') >= 0) {
        if (!named(pin))
          ctx.reportIgnition(INVALID_ENTRY, 'error', [...at, 'pin'], 'missing required custom clevis pin.');
      } else if (!known)
        ctx.reportIgnition(INVALID_ENTRY, 'error', [...at, 'pin'], 'unsupported clevis pin: use tpm2, tang or sss.');
      if (!named(pinConfig))
        ctx.reportIgnition(INVALID_ENTRY, 'error', [...at, 'config'], 'missing required custom clevis config.');
    }
    const tang = Array.isArray(clevis.tang) && clevis.tang.length > 0;
    if (clevis.tpm2 === true || tang || clevis.threshold !== undefined)
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['storage', 'luks', i, 'clevis'],
        'cannot use custom clevis config with tpm2, tang, or threshold: keep the custom pin or the others.',
      );
  });
  objects(storage.filesystems).forEach((fs, i) => {
    if (fs.label !== undefined && (typeof fs.format !== 'string' || fs.format === ''))
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['storage', 'filesystems', i, 'label'],
        'filesystem must specify format if label is specified.',
      );
  });
}

/** Every resource of a config with its Ignition path (merge, replace, CAs, file contents and appends, key files). */
function resources(config: JsonObject): [JsonObject, ConfigPath][] {
  const out: [JsonObject, ConfigPath][] = [];
  const ignition = isObject(config.ignition) ? config.ignition : {};
  const cfg = isObject(ignition.config) ? ignition.config : {};
  objects(cfg.merge).forEach((r, i) => out.push([r, ['ignition', 'config', 'merge', i]]));
  if (isObject(cfg.replace)) out.push([cfg.replace, ['ignition', 'config', 'replace']]);
  const security = isObject(ignition.security) ? ignition.security : {};
  const tls = isObject(security.tls) ? security.tls : {};
  objects(tls.certificateAuthorities).forEach((r, i) =>
    out.push([r, ['ignition', 'security', 'tls', 'certificateAuthorities', i]]),
  );
  const storage = isObject(config.storage) ? config.storage : {};
  objects(storage.files).forEach((f, i) => {
    if (isObject(f.contents)) out.push([f.contents, ['storage', 'files', i, 'contents']]);
    objects(f.append).forEach((r, j) => out.push([r, ['storage', 'files', i, 'append', j]]));
  });
  objects(storage.luks).forEach((l, i) => {
    if (isObject(l.keyFile)) out.push([l.keyFile, ['storage', 'luks', i, 'keyFile']]);
  });
  return out;
}

/** A verification hash needs a source to verify. */
function checkVerifications(ctx: TranslateContext, config: JsonObject): void {
  for (const [r, at] of resources(config)) {
    const verification = isObject(r.verification) ? r.verification : {};
    if (verification.hash !== undefined && verification.hash !== null && (r.source === undefined || r.source === null))
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        [...at, 'verification', 'hash'],
        'source must be specified if verification is specified: add the source the hash verifies, or drop it.',
      );
  }
}

/** RAID level and devices (required in every spec), Tang thumbprints, LUKS names without slashes. */
function checkRaidAndLuks(ctx: TranslateContext, config: JsonObject): void {
  const storage = isObject(config.storage) ? config.storage : {};
  // Before 3.3.0 the schema itself requires them (ignition.schema says so).
  if (compareVersions(ctx.spec.ignition, '3.3.0') >= 0)
    objects(storage.raid).forEach((raid, i) => {
      if (!Array.isArray(raid.devices) || raid.devices.length === 0)
        ctx.reportIgnition(INVALID_ENTRY, 'error', ['storage', 'raid', i, 'devices'], 'raid devices required.');
    });
  objects(storage.luks).forEach((luks, i) => {
    const keyFile = isObject(luks.keyFile) ? luks.keyFile : {};
    // Ignition names this one `keys`, a path of its own.
    if (typeof keyFile.source === 'string' && !/^(https?|tftp|s3|arn|gs|data):/i.test(keyFile.source))
      ctx.reportIgnition(INVALID_ENTRY, 'error', ['storage', 'luks', i, 'keys'], 'invalid key-file source.');
    if (typeof luks.name === 'string' && luks.name.includes('/'))
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['storage', 'luks', i, 'name'],
        'device names cannot contain slashes: name the volume like a file in /dev/mapper.',
      );
    const clevis = isObject(luks.clevis) ? luks.clevis : {};
    objects(clevis.tang).forEach((tang, j) => {
      const url = typeof tang.url === 'string' ? tang.url : '';
      if (!/^https?:\/\//i.test(url))
        ctx.reportIgnition(
          INVALID_ENTRY,
          'error',
          ['storage', 'luks', i, 'clevis', 'tang', j, 'url'],
          url === ''
            ? "url is required: the Tang server's http(s) URL."
            : 'invalid url scheme: a Tang server is http:// or https://.',
        );
      if (typeof tang.thumbprint !== 'string' || tang.thumbprint === '')
        ctx.reportIgnition(
          INVALID_ENTRY,
          'error',
          ['storage', 'luks', i, 'clevis', 'tang', j, 'thumbprint'],
          'thumbprint is required: give the Tang server key thumbprint (tang-show-keys).',
        );
    });
  });
}

/** An enabled template instance whose template (in this config) has no [Install] section. */
function checkTemplateInstances(ctx: TranslateContext, config: JsonObject): void {
  const systemd = isObject(config.systemd) ? config.systemd : {};
  const units = objects(systemd.units);
  units.forEach((unit, i) => {
    const name = typeof unit.name === 'string' ? unit.name : '';
    const m = /^([^@]+)@[^.]+(\.[^.]+)$/.exec(name);
    if (!m || unit.enabled !== true || (typeof unit.contents === 'string' && unit.contents !== '')) return;
    const template = `${m[1]}@${m[2]}`;
    const source = units.find((u) => u.name === template && typeof u.contents === 'string' && u.contents !== '');
    if (!source) return;
    const read = readUnit(source.contents as string);
    if (read.error || read.options.some((o) => o.section === 'Install')) return;
    ctx.reportIgnition(
      EXTRA_IDS.unitWithoutInstall,
      'warning',
      ['systemd', 'units', i, 'contents'],
      `template unit "${template}" for "${name}" doesn't have Install section, so enabling the instance does nothing.`,
    );
  });
}

/** HTTP headers only for http(s) sources; a path may not lead through a link the config makes. */
function checkSourcesAndLinks(ctx: TranslateContext, config: JsonObject): void {
  for (const [r, at] of resources(config)) {
    const headers = objects(r.httpHeaders);
    if (headers.length > 0 && !(typeof r.source === 'string' && /^https?:/i.test(r.source)))
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        [...at, 'httpHeaders'],
        typeof r.source === 'string' && r.source !== ''
          ? 'cannot use HTTP headers with this source scheme: headers go with http:// and https:// sources only.'
          : 'unable to parse url: HTTP headers need an http:// or https:// source.',
      );
    headers.forEach((h, j) => {
      if (h.name === '' || h.name === undefined)
        ctx.reportIgnition(
          INVALID_ENTRY,
          'error',
          [...at, 'httpHeaders', j, 'name'],
          "HTTP header name can't be empty.",
        );
    });
  }
  const storage = isObject(config.storage) ? config.storage : {};
  const links = new Set(objects(storage.links).map((l) => (typeof l.path === 'string' ? l.path : '')));
  if (links.size === 0) return;
  const nouns: Record<string, string> = { files: 'file', directories: 'directory', links: 'link' };
  for (const kind of ['files', 'directories', 'links'])
    objects(storage[kind]).forEach((node, i) => {
      if (typeof node.path !== 'string') return;
      const parts = node.path.split('/');
      // Ignition joins the leading elements (`''`, `/a`, …): an empty link path is a parent of every absolute path.
      for (let n = parts.length - 1; n >= 1; n--)
        if (links.has(parts.slice(0, n).join('/'))) {
          ctx.reportIgnition(
            INVALID_ENTRY,
            'error',
            ['storage', kind, i],
            `${nouns[kind]} path includes link in config: Ignition will not write through a link it creates.`,
          );
          return;
        }
    });
}

/** An https proxy reached over plain http. */
function checkProxy(ctx: TranslateContext, config: JsonObject): void {
  const ignition = isObject(config.ignition) ? config.ignition : {};
  const proxy = isObject(ignition.proxy) ? ignition.proxy : {};
  for (const key of ['httpProxy', 'httpsProxy'])
    if (typeof proxy[key] === 'string' && !/^https?:\/\//i.test(proxy[key]))
      ctx.reportIgnition(
        INVALID_ENTRY,
        'error',
        ['ignition', 'proxy', key],
        'proxies must be http(s): write http://host:port.',
      );
  if (typeof proxy.httpsProxy === 'string' && /^http:/i.test(proxy.httpsProxy))
    ctx.reportIgnition(
      BUTANE.ignitionWarning,
      'warning',
      ['ignition', 'proxy', 'httpsProxy'],
      'insecure plaintext HTTP proxy specified for HTTPS resources: an https:// proxy URL keeps the traffic private.',
    );
}

/** The extra checks (see the file comment). */
export function ignitionExtras(ctx: TranslateContext, config: JsonObject): void {
  checkUnits(ctx, config);
  checkModes(ctx, config);
  checkPartitions(ctx, config);
  checkAbsentPartitions(ctx, config);
  checkOverlaps(ctx, config);
  checkWholeDiskFilesystems(ctx, config);
  checkHardLinkOwners(ctx, config);
  checkEmptyCaSources(ctx, config);
  checkGuids(ctx, config);
  checkOwners(ctx, config);
  checkLuksAndFilesystems(ctx, config);
  checkVerifications(ctx, config);
  checkRaidAndLuks(ctx, config);
  checkTemplateInstances(ctx, config);
  checkSourcesAndLinks(ctx, config);
  checkProxy(ctx, config);
}
